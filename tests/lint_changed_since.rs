//! `pmctl lint --changed-since REF` on repositories built inside the tests with the `git` CLI,
//! with fixed identities and dates and no user or system git configuration.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// A post-mortem with one placeholder, so that every checked file has at least one finding and
/// the set of paths in `--format json` is the set of files that were reported on.
fn doc(title: &str, id: Option<&str>) -> String {
    let id = id.map(|id| format!("id: {id}\n")).unwrap_or_default();
    format!(
        "---\n{id}title: {title}\nseverity: P3\ndate: 2026-01-05\nstatus: draft\nowner: \"@sre\"\n---\n\n\
         ## Executive Summary\n\nSomething broke. TBD.\n"
    )
}

fn git(dir: &Path, args: &[&str]) {
    let output = Process::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", "2026-01-10T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-10T12:00:00Z")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn pmctl(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmctl").expect("binary");
    cmd.current_dir(dir).env("PMCTL_TODAY", "2026-02-01").env_remove("GITHUB_STEP_SUMMARY").env("NO_COLOR", "1");
    cmd
}

/// The paths that `lint --format json` reported on.
fn reported(dir: &Path, reference: &str) -> BTreeSet<String> {
    let output = pmctl(dir).args(["lint", "--format", "json", "--changed-since", reference]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    findings.as_array().expect("array").iter().map(|f| f["path"].as_str().expect("path").to_string()).collect()
}

/// main: a..e and h committed. feature (branched from main): a changed and committed. Then main
/// moves on (h changes there, which the feature branch never saw), and on feature: b staged,
/// c changed but not staged, d renamed, e deleted, f new and untracked, g new but ignored.
fn repository() -> TempDir {
    let tmp = TempDir::new().expect("tempdir");
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"]);
    for name in ["a", "b", "c", "d", "e", "h", "x"] {
        write(dir, &format!("postmortems/2026-01-05-{name}.md"), &doc(name, None));
    }
    write(dir, ".gitignore", "postmortems/2026-01-05-g.md\n");
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "corpus"]);
    git(dir, &["checkout", "-q", "-b", "feature"]);
    write(dir, "postmortems/2026-01-05-a.md", &doc("a, revised", None));
    git(dir, &["commit", "-q", "-am", "revise a"]);
    git(dir, &["checkout", "-q", "main"]);
    write(dir, "postmortems/2026-01-05-h.md", &doc("h, revised on main", None));
    git(dir, &["commit", "-q", "-am", "revise h"]);
    git(dir, &["checkout", "-q", "feature"]);
    write(dir, "postmortems/2026-01-05-b.md", &doc("b, staged", None));
    git(dir, &["add", "postmortems/2026-01-05-b.md"]);
    write(dir, "postmortems/2026-01-05-c.md", &doc("c, unstaged", None));
    git(dir, &["mv", "postmortems/2026-01-05-d.md", "postmortems/2026-01-05-d2.md"]);
    git(dir, &["rm", "-q", "postmortems/2026-01-05-e.md"]);
    write(dir, "postmortems/2026-01-05-f.md", &doc("f, untracked", None));
    write(dir, "postmortems/2026-01-05-g.md", &doc("g, ignored", None));
    tmp
}

#[test]
fn reports_committed_staged_unstaged_renamed_and_untracked_files_only() {
    let repo = repository();
    let expected: BTreeSet<String> =
        ["a", "b", "c", "d2", "f"].iter().map(|n| format!("postmortems/2026-01-05-{n}.md")).collect();
    assert_eq!(reported(repo.path(), "main"), expected);
    // A plain lint still checks everything on disk, the ignored file included.
    let output = pmctl(repo.path()).args(["lint", "--format", "json"]).output().expect("runs");
    let all: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let paths: BTreeSet<&str> = all.as_array().expect("array").iter().filter_map(|f| f["path"].as_str()).collect();
    assert!(paths.contains("postmortems/2026-01-05-x.md") && paths.contains("postmortems/2026-01-05-g.md"));
}

#[test]
fn human_output_says_what_it_compared_against() {
    let repo = repository();
    pmctl(repo.path())
        .args(["lint", "--changed-since", "main"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("changed since main (merge base "))
        .stderr(predicate::str::contains("in 5 of 5 post-mortems checked"));
}

#[test]
fn corpus_wide_rules_still_see_unchanged_documents() {
    let tmp = TempDir::new().expect("tempdir");
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"]);
    write(dir, "postmortems/2026-01-01-old.md", &doc("old", Some("shared")));
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "old"]);
    write(dir, "postmortems/2026-02-01-new.md", &doc("new", Some("shared")));
    let output = pmctl(dir).args(["lint", "--format", "json", "--changed-since", "HEAD"]).output().expect("runs");
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let findings = findings.as_array().expect("array");
    let duplicate = findings.iter().find(|f| f["rule"] == "duplicate-id").expect("a duplicate-id finding");
    assert_eq!(duplicate["path"], "postmortems/2026-02-01-new.md");
    assert!(duplicate["message"].as_str().expect("message").contains("postmortems/2026-01-01-old.md"));
    assert!(findings.iter().all(|f| f["path"] == "postmortems/2026-02-01-new.md"));
}

#[test]
fn nothing_changed_is_a_clean_run() {
    let repo = repository();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "everything"]);
    pmctl(repo.path())
        .args(["lint", "--changed-since", "HEAD"])
        .assert()
        .success()
        .stderr(predicate::str::contains("0 post-mortems checked, no findings"));
}

#[test]
fn unknown_ref_is_a_usage_error() {
    let repo = repository();
    pmctl(repo.path())
        .args(["lint", "--changed-since", "origin/nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--changed-since origin/nope: no branch, tag or commit by that name"))
        .stderr(predicate::str::contains("fetch-depth").not());
}

#[test]
fn outside_a_repository_is_a_usage_error() {
    let tmp = TempDir::new().expect("tempdir");
    write(tmp.path(), "postmortems/2026-01-05-a.md", &doc("a", None));
    pmctl(tmp.path())
        .args(["lint", "--changed-since", "main"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a git repository"));
}

/// A clone made the way `actions/checkout` does by default: one commit deep, one branch.
fn shallow_clone(origin: &Path, extra: &[&str]) -> TempDir {
    let tmp = TempDir::new().expect("tempdir");
    let url = format!("file://{}", origin.display());
    let mut args = vec!["clone", "-q", "--depth", "1"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[url.as_str(), "clone"]);
    git(tmp.path(), &args);
    tmp
}

#[test]
fn shallow_clone_without_the_base_asks_for_full_history() {
    let repo = repository();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "feature work"]);
    let clone = shallow_clone(repo.path(), &[]);
    let dir = clone.path().join("clone");
    // Only `feature` was fetched: `origin/main` does not exist here.
    pmctl(&dir)
        .args(["lint", "--changed-since", "origin/main"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("shallow clone"))
        .stderr(predicate::str::contains("fetch-depth: 0"));
    // Both tips fetched, one commit deep: the merge base is cut off.
    let clone = shallow_clone(repo.path(), &["--no-single-branch"]);
    pmctl(&clone.path().join("clone"))
        .args(["lint", "--changed-since", "origin/main"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("merge base"))
        .stderr(predicate::str::contains("fetch-depth: 0"));
}

#[test]
fn shallow_clone_works_when_the_merge_base_is_there() {
    let repo = repository();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "feature work"]);
    let clone = shallow_clone(repo.path(), &[]);
    let dir = clone.path().join("clone");
    write(&dir, "postmortems/2026-01-05-c.md", &doc("c, edited in the clone", None));
    let expected: BTreeSet<String> = BTreeSet::from(["postmortems/2026-01-05-c.md".to_string()]);
    assert_eq!(reported(&dir, "HEAD"), expected);
}

#[test]
fn a_full_run_after_a_changed_since_run_checks_every_file() {
    let repo = repository();
    // This run reads the unchanged files for duplicate-id only, and caches them without findings.
    reported(repo.path(), "main");
    let run =
        |extra: &[&str]| pmctl(repo.path()).args(["lint", "--format", "json"]).args(extra).output().expect("runs");
    let (cached, fresh) = (run(&[]), run(&["--no-cache"]));
    assert_eq!(String::from_utf8_lossy(&cached.stdout), String::from_utf8_lossy(&fresh.stdout));
    assert!(String::from_utf8_lossy(&cached.stdout).contains("postmortems/2026-01-05-x.md"));
}
