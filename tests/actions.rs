//! `pmctl actions` through the real binary, on temporary repositories whose commits carry fixed
//! author and committer dates, so that every date history gives is exact.

use std::borrow::BorrowMut;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A scratch git repository, isolated from the user's and the system's git configuration.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo { dir: TempDir::new().expect("temp dir") };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn isolate(command: &mut Process) {
        command
            .env("HOME", std::env::temp_dir())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com");
    }

    fn git_in(dir: &Path, args: &[&str], date: Option<&str>) -> String {
        let mut command = Process::new("git");
        command.current_dir(dir).args(args);
        Repo::isolate(&mut command);
        if let Some(date) = date {
            command.env("GIT_AUTHOR_DATE", date).env("GIT_COMMITTER_DATE", date);
        }
        let out = command.output().expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn git(&self, args: &[&str]) -> String {
        Repo::git_in(self.path(), args, None)
    }

    fn write(&self, path: &str, text: &str) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }

    /// Commits everything at `date` (ISO 8601, e.g. `2026-03-01T10:00:00Z`); returns the commit id.
    fn commit(&self, date: &str, message: &str) -> String {
        Repo::git_in(self.path(), &["add", "-A"], None);
        Repo::git_in(self.path(), &["commit", "-q", "--allow-empty", "-m", message], Some(date));
        self.git(&["rev-parse", "HEAD"])
    }

    fn pmctl(&self, args: &[&str]) -> Command {
        pmctl_in(self.path(), args)
    }
}

fn pmctl_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("pmctl").expect("binary");
    cmd.current_dir(dir)
        .env_remove("PMCTL_TODAY")
        .env_remove("PMCTL_HISTORY_BACKEND")
        .env("NO_COLOR", "1")
        .env("HOME", std::env::temp_dir())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(args);
    cmd
}

/// A post-mortem holding these task-list lines as its action items.
fn postmortem(items: &[&str]) -> String {
    let mut text = String::from(
        "---\ntitle: Checkout errors\nseverity: P3\ndate: 2026-02-27\nstatus: completed\nowner: \"@sre\"\n---\n\n\
         # Checkout errors\n\n## Executive Summary\n\nCheckout failed for 20 minutes.\n\n## Action Items\n\n",
    );
    for item in items {
        text.push_str(item);
        text.push('\n');
    }
    text.push_str("\n## Lessons Learned\n\n- Pools need limits.\n");
    text
}

fn json(mut cmd: impl BorrowMut<Command>) -> Vec<Value> {
    let out = cmd.borrow_mut().output().expect("runs");
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    let value: Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    value.as_array().expect("an array").clone()
}

fn item<'a>(rows: &'a [Value], text: &str) -> &'a Value {
    rows.iter().find(|r| r["text"] == text).unwrap_or_else(|| panic!("no row `{text}` in {rows:#?}"))
}

const PM: &str = "postmortems/2026-02-27-checkout.md";

#[test]
fn a_checked_item_closes_at_the_commit_that_checked_it() {
    let repo = Repo::new();
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-03-20", "- [ ] Pin driver — @ana"]));
    repo.commit("2026-03-01T10:00:00Z", "Add post-mortem");
    repo.write(PM, &postmortem(&["- [x] Add pool alert — Owner: @lin — Due: 2026-03-20", "- [ ] Pin driver — @ana"]));
    let closing = repo.commit("2026-03-05T16:30:00Z", "Check the alert");
    repo.commit("2026-03-09T09:00:00Z", "Unrelated");

    let rows = json(repo.pmctl(&["--today", "2026-04-01", "actions", "--status", "all", "--format", "json"]));
    let alert = item(&rows, "Add pool alert");
    assert_eq!(alert["status"], "done");
    assert_eq!(alert["opened_at"], "2026-03-01");
    assert_eq!(alert["closed_at"], "2026-03-05");
    assert_eq!(alert["closed_commit"], closing.as_str());
    assert_eq!(alert["overdue"], false);
    let pin = item(&rows, "Pin driver");
    assert_eq!(pin["status"], "open");
    assert_eq!(
        (pin["opened_at"].as_str(), &pin["closed_at"], &pin["closed_commit"]),
        (Some("2026-03-01"), &Value::Null, &Value::Null)
    );
    assert_eq!(pin["due_slips"], 0);
}

#[test]
fn an_item_keeps_its_history_when_its_owner_changes_and_one_is_inserted_above() {
    let repo = Repo::new();
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-03-20 — OPS-1"]));
    repo.commit("2026-03-01T10:00:00Z", "Add post-mortem");
    repo.write(
        PM,
        &postmortem(&[
            "- [ ] Write the failover runbook — Owner: @kim — Due: 2026-04-01",
            "- [ ] Add pool alert — Owner: @ana — Due: 2026-03-20 — OPS-2",
        ]),
    );
    repo.commit("2026-03-03T10:00:00Z", "Hand the alert to Ana, add the runbook");
    repo.write(
        PM,
        &postmortem(&[
            "- [ ] Write the failover runbook — Owner: @kim — Due: 2026-04-01",
            "- [x] Add pool alert — Owner: @ana — Due: 2026-03-20 — OPS-2",
        ]),
    );
    let closing = repo.commit("2026-03-10T10:00:00Z", "Alert done");

    let rows = json(repo.pmctl(&["--today", "2026-04-01", "actions", "--status", "all", "--format", "json"]));
    let alert = item(&rows, "Add pool alert");
    assert_eq!(alert["owner"], "@ana");
    assert_eq!(alert["line"], 18);
    assert_eq!(alert["opened_at"], "2026-03-01", "the owner edit and the insertion above keep the item's history");
    assert_eq!(alert["closed_at"], "2026-03-10");
    assert_eq!(alert["closed_commit"], closing.as_str());
    let runbook = item(&rows, "Write the failover runbook");
    assert_eq!(runbook["opened_at"], "2026-03-03");
    assert_eq!(runbook["closed_at"], Value::Null);
}

#[test]
fn due_dates_moved_later_count_as_slips() {
    let repo = Repo::new();
    let at = |due: &str| postmortem(&[&format!("- [ ] Add pool alert — Owner: @lin — Due: {due}")]);
    repo.write(PM, &at("2026-04-01"));
    repo.commit("2026-03-01T10:00:00Z", "Add");
    repo.write(PM, &at("2026-04-15"));
    repo.commit("2026-03-30T10:00:00Z", "Slip once");
    repo.write(PM, &at("2026-05-01"));
    repo.commit("2026-04-14T10:00:00Z", "Slip twice");
    repo.write(PM, &at("2026-04-25"));
    repo.commit("2026-04-20T10:00:00Z", "Pull in: not a slip");

    let rows = json(repo.pmctl(&["--today", "2026-05-10", "actions", "--format", "json"]));
    let alert = item(&rows, "Add pool alert");
    assert_eq!(alert["due_slips"], 2);
    assert_eq!(alert["due"], "2026-04-25");
    assert_eq!((alert["overdue"].as_bool(), alert["days_overdue"].as_i64()), (Some(true), Some(15)));
    assert_eq!(alert["opened_at"], "2026-03-01");
}

#[test]
fn a_renamed_post_mortem_keeps_its_creation_date_and_item_history() {
    let repo = Repo::new();
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-04-01"]));
    repo.commit("2026-03-01T10:00:00Z", "Add");
    std::fs::create_dir_all(repo.path().join("postmortems/2026")).expect("mkdir");
    repo.git(&["mv", PM, "postmortems/2026/checkout-errors.md"]);
    repo.commit("2026-03-02T10:00:00Z", "Move into a year folder");
    repo.write(
        "postmortems/2026/checkout-errors.md",
        &postmortem(&["- [x] Add pool alert — Owner: @lin — Due: 2026-04-01", "- [ ] Pin driver — @ana"]),
    );
    repo.commit("2026-03-04T10:00:00Z", "Close the alert");

    let rows = json(repo.pmctl(&["--today", "2026-04-01", "actions", "--status", "all", "--format", "json"]));
    let alert = item(&rows, "Add pool alert");
    assert_eq!(alert["path"], "postmortems/2026/checkout-errors.md");
    assert_eq!(alert["opened_at"], "2026-03-01");
    assert_eq!(alert["closed_at"], "2026-03-04");

    // created_at is not an `actions` field; the history module answers it directly.
    let config = pmctl::config::Config::default();
    let found = pmctl::history::locate(repo.path()).map_err(|e| e.warning()).expect("a repository");
    let head = found.head().expect("a commit");
    let history = pmctl::history::read(&found.git_dir, &found.prefix, head, &config).expect("history");
    let created = history.created_at("postmortems/2026/checkout-errors.md").and_then(|c| c.date());
    assert_eq!(created.map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
    assert!(history.created_at(PM).is_none(), "the old path is gone");
}

/// The repository of the `--as-of` tests: an item due 20 June, opened 1 June, checked 10 July.
fn june_repo() -> (Repo, String, String) {
    let repo = Repo::new();
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-06-20 — OPS-7"]));
    let first = repo.commit("2026-06-01T12:00:00Z", "Add");
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-06-20 — OPS-7", "- [ ] Pin driver"]));
    repo.commit("2026-06-30T23:30:00Z", "Add an item, late on the 30th");
    repo.write(PM, &postmortem(&["- [x] Add pool alert — Owner: @lin — Due: 2026-06-20 — OPS-7", "- [ ] Pin driver"]));
    let last = repo.commit("2026-07-10T09:00:00Z", "Close the alert");
    // Not committed: --as-of never reads the working tree.
    repo.write(PM, &postmortem(&["- [ ] Something uncommitted"]));
    (repo, first, last)
}

#[test]
fn as_of_a_date_reads_that_days_tree_and_judges_overdue_on_that_day() {
    let (repo, _, _) = june_repo();
    let rows = json(repo.pmctl(&["--today", "2026-12-01", "actions", "--as-of", "2026-06-30", "--format", "json"]));
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let alert = item(&rows, "Add pool alert");
    assert_eq!(alert["status"], "open");
    assert_eq!((alert["overdue"].as_bool(), alert["days_overdue"].as_i64()), (Some(true), Some(10)));
    assert_eq!(alert["opened_at"], "2026-06-01");
    assert_eq!(alert["closed_at"], Value::Null);
    assert_eq!(item(&rows, "Pin driver")["opened_at"], "2026-06-30");

    let earlier = json(repo.pmctl(&["actions", "--as-of", "2026-06-29", "--format", "json"]));
    assert_eq!(earlier.len(), 1);
    assert_eq!(earlier[0]["days_overdue"], 9);

    repo.pmctl(&["actions", "--as-of", "2026-05-31"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no commit of this branch is that old"));
}

#[test]
fn as_of_a_revision_reads_that_commit() {
    let (repo, first, last) = june_repo();
    let rows = json(repo.pmctl(&["actions", "--as-of", &first, "--format", "json"]));
    assert_eq!(rows.len(), 1);
    // Judged on the commit's own day, 1 June: not overdue yet.
    assert_eq!((rows[0]["overdue"].as_bool(), &rows[0]["days_overdue"]), (Some(false), &Value::Null));
    assert_eq!(rows[0]["opened_at"], "2026-06-01");

    let rows = json(repo.pmctl(&["actions", "--as-of", "HEAD", "--status", "done", "--format", "json"]));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["closed_at"], "2026-07-10");
    assert_eq!(rows[0]["closed_commit"], last.as_str());

    repo.pmctl(&["actions", "--as-of", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-branch"));
}

#[test]
fn the_working_tree_is_reported_with_history_matched_to_it() {
    let (repo, _, _) = june_repo();
    let rows = json(repo.pmctl(&["--today", "2026-07-15", "actions", "--status", "all", "--format", "json"]));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["text"], "Something uncommitted");
    assert_eq!(rows[0]["opened_at"], Value::Null, "not committed yet: history does not know it");

    // Checked in the working tree but not committed: done, with no close date yet.
    repo.write(PM, &postmortem(&["- [x] Add pool alert — Owner: @lin — Due: 2026-06-20 — OPS-7", "- [x] Pin driver"]));
    let rows = json(repo.pmctl(&["actions", "--status", "done", "--format", "json"]));
    assert_eq!(item(&rows, "Add pool alert")["closed_at"], "2026-07-10");
    let pin = item(&rows, "Pin driver");
    assert_eq!((pin["opened_at"].as_str(), &pin["closed_at"]), (Some("2026-06-30"), &Value::Null));
}

#[test]
fn a_merge_counts_when_it_lands_on_the_branch() {
    let repo = Repo::new();
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin"]));
    repo.commit("2026-03-01T10:00:00Z", "Add");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(PM, &postmortem(&["- [x] Add pool alert — Owner: @lin"]));
    repo.commit("2026-03-02T10:00:00Z", "Check on a branch");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("README.md", "unrelated\n");
    repo.commit("2026-03-03T10:00:00Z", "Main moves on");
    Repo::git_in(
        repo.path(),
        &["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"],
        Some("2026-03-06T10:00:00Z"),
    );
    let merge = repo.git(&["rev-parse", "HEAD"]);

    let rows = json(repo.pmctl(&["actions", "--status", "done", "--format", "json"]));
    assert_eq!(rows[0]["closed_at"], "2026-03-06");
    assert_eq!(rows[0]["closed_commit"], merge.as_str());
}

#[test]
fn both_history_backends_agree() {
    let repo = Repo::new();
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-04-01", "- [ ] Pin driver"]));
    repo.commit("2026-03-01T10:00:00Z", "Add");
    repo.write("postmortems/other.md", &postmortem(&["- [x] Rotate keys — Owner: @kim"]));
    repo.write(PM, &postmortem(&["- [ ] Pin driver", "- [x] Add pool alert — Owner: @ana — Due: 2026-04-09"]));
    repo.commit("2026-03-02T10:00:00Z", "Edit");
    std::fs::create_dir_all(repo.path().join("postmortems/2026")).expect("mkdir");
    repo.git(&["mv", "postmortems/other.md", "postmortems/2026/other.md"]);
    repo.commit("2026-03-03T10:00:00Z", "Move");
    let run = |backend: &str| {
        let out = repo
            .pmctl(&["actions", "--status", "all", "--format", "json"])
            .env("PMCTL_HISTORY_BACKEND", backend)
            .output()
            .expect("runs");
        assert!(out.status.success());
        out.stdout
    };
    let git = run("git");
    let rows: Vec<Value> = serde_json::from_slice(&git).expect("json");
    assert_eq!(item(&rows, "Add pool alert")["due_slips"], 1);
    assert_eq!(item(&rows, "Rotate keys")["opened_at"], "2026-03-02");
    assert_eq!(String::from_utf8_lossy(&git), String::from_utf8_lossy(&run("libgit2")));
}

#[test]
fn a_commit_that_adds_a_whole_corpus_at_once() {
    // Far more blob data in one commit than pipes buffer: reading it must not stall.
    let repo = Repo::new();
    for n in 0..2_000 {
        let items = [format!("- [ ] Add alert number {n} — Owner: @lin — Due: 2026-04-01")];
        repo.write(&format!("postmortems/2026-03-01-import-{n:04}.md"), &postmortem(&[&items[0]]));
    }
    repo.commit("2026-03-01T10:00:00Z", "Import the corpus");
    for backend in ["git", "libgit2"] {
        let mut cmd = repo.pmctl(&["actions", "--format", "json"]);
        cmd.env("PMCTL_HISTORY_BACKEND", backend).timeout(std::time::Duration::from_secs(120));
        let rows = json(cmd);
        assert_eq!(rows.len(), 2_000);
        assert!(rows.iter().all(|r| r["opened_at"] == "2026-03-01"), "{backend}");
    }
}

#[test]
fn a_corpus_in_a_subfolder_of_the_repository_has_history() {
    let repo = Repo::new();
    repo.write(&format!("docs/{PM}"), &postmortem(&["- [x] Add pool alert — Owner: @lin"]));
    repo.commit("2026-03-01T10:00:00Z", "Add");
    let rows = json(repo.pmctl(&["--repo", "docs", "actions", "--status", "all", "--format", "json"]));
    assert_eq!(rows[0]["path"], PM);
    assert_eq!(rows[0]["closed_at"], "2026-03-01");
}

#[test]
fn outside_a_repository_history_is_unknown_with_one_warning() {
    let dir = TempDir::new().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("postmortems")).expect("mkdir");
    std::fs::write(dir.path().join(PM), postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-03-20"]))
        .expect("write");
    let out = pmctl_in(dir.path(), &["--today", "2026-04-01", "actions", "--format", "json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("warning: not inside a git repository"), "{stderr}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    for field in ["opened_at", "closed_at", "closed_commit", "due_slips"] {
        assert_eq!(rows[0][field], Value::Null, "{field}");
    }
    assert_eq!((rows[0]["overdue"].as_bool(), rows[0]["days_overdue"].as_i64()), (Some(true), Some(12)));

    pmctl_in(dir.path(), &["actions", "--as-of", "2026-01-01"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not inside a git repository"));
}

#[test]
fn in_a_shallow_clone_history_is_unknown_with_one_warning() {
    let repo = Repo::new();
    repo.write(PM, &postmortem(&["- [ ] Add pool alert — Owner: @lin — Due: 2026-03-20"]));
    repo.commit("2026-03-01T10:00:00Z", "Add");
    repo.write(PM, &postmortem(&["- [x] Add pool alert — Owner: @lin — Due: 2026-03-20"]));
    let last = repo.commit("2026-03-05T10:00:00Z", "Close");
    let clones = TempDir::new().expect("temp dir");
    let url = format!("file://{}", repo.path().display());
    Repo::git_in(clones.path(), &["clone", "-q", "--depth", "1", &url, "shallow"], None);
    let shallow: PathBuf = clones.path().join("shallow");

    let out = pmctl_in(&shallow, &["actions", "--status", "all", "--format", "json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("shallow clone") && stderr.contains("fetch-depth: 0"), "{stderr}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows[0]["status"], "done");
    assert_eq!((&rows[0]["closed_at"], &rows[0]["opened_at"]), (&Value::Null, &Value::Null));

    // The commits it has can still be read as of.
    let rows = json(&mut pmctl_in(&shallow, &["actions", "--as-of", &last, "--status", "done", "--format", "json"]));
    assert_eq!(rows.len(), 1);
}

#[test]
fn filters_select_by_status_lateness_window_and_owner() {
    let repo = Repo::new();
    repo.write(
        PM,
        &postmortem(&[
            "- [ ] Late by ten — Owner: @lin — Due: 2026-03-22",
            "- [ ] Late by two — Owner: @Ana — Due: 2026-03-30",
            "- [ ] Five days left — Owner: @lin, @kim — Due: 2026-04-06",
            "- [ ] A month left — Owner: @kim — Due: 2026-05-01",
            "- [ ] Undated — Owner: @lin",
            "- [x] Done — Owner: @lin — Due: 2026-03-01",
            "- [x] ~~Dropped~~ won't do: replaced — Owner: @lin",
        ]),
    );
    repo.commit("2026-03-01T10:00:00Z", "Add");
    let texts = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--today", "2026-04-01", "actions", "--format", "json"];
        all.extend_from_slice(args);
        json(&mut repo.pmctl(&all)).iter().map(|r| r["text"].as_str().unwrap_or("").to_string()).collect()
    };
    assert_eq!(texts(&[]), ["Late by ten", "Late by two", "Five days left", "A month left", "Undated"]);
    assert_eq!(texts(&["--overdue"]), ["Late by ten", "Late by two"]);
    assert_eq!(texts(&["--due-within", "5"]), ["Late by ten", "Late by two", "Five days left"]);
    assert_eq!(texts(&["--owner", "lin"]), ["Late by ten", "Five days left", "Undated"]);
    assert_eq!(texts(&["--owner", "@ana", "--overdue"]), ["Late by two"]);
    assert_eq!(texts(&["--status", "done"]), ["Done"]);
    assert_eq!(texts(&["--status", "dropped"]), ["Dropped won't do: replaced"]);
    assert_eq!(texts(&["--status", "all"]).len(), 7);
}

/// A small repository for the output snapshots: two post-mortems, four commits.
fn snapshot_repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        PM,
        &postmortem(&[
            "- [ ] Add pool alert — Owner: @lin — Due: 2026-03-20 — OPS-1",
            "- [ ] Pin driver, \"exactly\" | carefully — Owner: @ana — Due: 2026-04-20",
        ]),
    );
    repo.write(
        "postmortems/2026-03-10-dns.md",
        &postmortem(&["- [ ] Alert on stub-domain drift — Owner: @kim — Due: 2026-03-25", "- [ ] Write runbook"]),
    );
    repo.commit("2026-03-01T10:00:00Z", "Add");
    repo.write(
        PM,
        &postmortem(&[
            "- [x] Add pool alert — Owner: @lin — Due: 2026-03-20 — OPS-1",
            "- [ ] Pin driver, \"exactly\" | carefully — Owner: @ana — Due: 2026-04-30",
        ]),
    );
    repo.commit("2026-03-18T10:00:00Z", "Close the alert, move the driver pin");
    repo
}

fn stdout(mut cmd: impl BorrowMut<Command>) -> String {
    let out = cmd.borrow_mut().output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn table_output() {
    let repo = snapshot_repo();
    insta::assert_snapshot!("table_open", stdout(&mut repo.pmctl(&["--today", "2026-04-01", "actions"])));
    insta::assert_snapshot!(
        "table_all",
        stdout(&mut repo.pmctl(&["--today", "2026-04-01", "actions", "--status", "all"]))
    );
    let coloured = stdout(&mut repo.pmctl(&["--today", "2026-04-01", "--color", "always", "actions"]));
    assert!(coloured.contains("\u{1b}[1;31m7d\u{1b}[0m"), "overdue days are red: {coloured}");
    insta::assert_snapshot!(
        "table_none",
        stdout(&mut repo.pmctl(&["--today", "2026-04-01", "actions", "--owner", "nobody"]))
    );
}

#[test]
fn csv_output() {
    let repo = snapshot_repo();
    let mut cmd = repo.pmctl(&["--today", "2026-04-01", "actions", "--status", "all", "--format", "csv"]);
    insta::assert_snapshot!("csv_all", stdout(&mut cmd));
}

#[test]
fn markdown_output() {
    let repo = snapshot_repo();
    let mut cmd = repo.pmctl(&["--today", "2026-04-01", "actions", "--status", "all", "--format", "md"]);
    insta::assert_snapshot!("md_all", stdout(&mut cmd));
}

#[test]
fn json_output() {
    let repo = snapshot_repo();
    // The raw text, so that the snapshot shows the fields in the order SPEC §4.2 lists them.
    let mut cmd = repo.pmctl(&["--today", "2026-04-01", "actions", "--status", "all", "--format", "json"]);
    insta::assert_snapshot!("json_all", stdout(&mut cmd));
}

#[test]
fn the_example_corpus() {
    // The project's own post-mortems, committed on a fixed day in a fresh repository.
    let repo = Repo::new();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("postmortems");
    for entry in std::fs::read_dir(&source).expect("example corpus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        repo.write(&format!("postmortems/{name}"), &std::fs::read_to_string(&path).expect("read"));
    }
    repo.commit("2026-11-20T12:00:00Z", "Import the example corpus");
    insta::assert_snapshot!(
        "example_overdue",
        stdout(&mut repo.pmctl(&["--today", "2026-11-26", "actions", "--overdue"]))
    );
    let rows = json(&mut repo.pmctl(&["--today", "2026-11-26", "actions", "--status", "all", "--format", "json"]));
    assert!(rows.len() > 50, "{}", rows.len());
    assert!(rows.iter().all(|r| r["opened_at"] == "2026-11-20"));
    assert!(rows.iter().filter(|r| r["status"] == "done").all(|r| r["closed_at"] == "2026-11-20"));
}
