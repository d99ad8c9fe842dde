//! `pmctl new`, `pmctl init`, `pmctl completions` and `pmctl man`, through the binary.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// pmctl run in `dir`, with no user git configuration (HOME points into the test's folder).
fn pmctl(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmctl").expect("binary");
    cmd.current_dir(dir)
        .env("PMCTL_TODAY", "2026-03-04")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_CONFIG_GLOBAL")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1");
    cmd
}

fn git_init(dir: &Path) {
    let status = Process::new("git")
        .args(["init", "-q"])
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success());
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("readable")
}

#[test]
fn new_writes_a_draft_from_the_builtin_template_and_prints_its_path() {
    let tmp = TempDir::new().expect("tempdir");
    pmctl(tmp.path())
        .args(["new", "Checkout errors: Zürich tax flag", "--severity", "P2", "--owner", "@payments"])
        .assert()
        .success()
        .stdout("postmortems/2026-03-04-checkout-errors-zurich-tax-flag.md\n");
    let text = read(tmp.path().join("postmortems/2026-03-04-checkout-errors-zurich-tax-flag.md"));
    assert!(text.contains("\ntitle: \"Checkout errors: Zürich tax flag\"\nseverity: \"P2\"\ndate: 2026-03-04\nstatus: draft\nowner: \"@payments\"\n"), "{text}");
    assert!(text.contains("\n# Checkout errors: Zürich tax flag\n"));
    assert!(text.contains("# yaml-language-server: $schema=../schema/postmortem.schema.json\n"), "{text}");
    // pmctl reads back what it wrote.
    pmctl(tmp.path())
        .args(["show", "postmortems/2026-03-04-checkout-errors-zurich-tax-flag.md", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"severity\": \"P2\""));
}

#[test]
fn new_points_the_schema_link_at_the_root_from_a_nested_corpus_folder() {
    let tmp = TempDir::new().expect("tempdir");
    std::fs::write(tmp.path().join("pmctl.toml"), "[corpus]\npaths = [\"docs/incidents/postmortems\"]\n")
        .expect("write");
    pmctl(tmp.path()).args(["new", "Queue backlog", "--owner", "@ops"]).assert().success();
    let text = read(tmp.path().join("docs/incidents/postmortems/2026-03-04-queue-backlog.md"));
    assert!(text.contains("# yaml-language-server: $schema=../../../schema/postmortem.schema.json\n"), "{text}");
}

#[test]
fn new_uses_the_repository_template_and_defaults() {
    let tmp = TempDir::new().expect("tempdir");
    git_init(tmp.path());
    std::fs::write(tmp.path().join(".git/config"), "[user]\n\tname = Dana Scully\n").expect("git config");
    std::fs::create_dir_all(tmp.path().join("postmortems")).expect("mkdir");
    std::fs::write(
        tmp.path().join("postmortems/_template.md"),
        "---\ntitle: \"[Incident title]\"\nseverity: \"[P1|P2|P3]\"\nteam: sre\n---\n\n# [Incident title]\n\n## Our own heading\n",
    )
    .expect("template");
    pmctl(tmp.path()).args(["new", "DNS outage", "--date", "2026-02-28"]).assert().success();
    let text = read(tmp.path().join("postmortems/2026-02-28-dns-outage.md"));
    assert_eq!(
        text,
        "---\ntitle: \"DNS outage\"\nseverity: \"P3\"\nteam: sre\ndate: 2026-02-28\nstatus: draft\nowner: \"Dana Scully\"\n---\n\n# DNS outage\n\n## Our own heading\n"
    );
}

#[test]
fn new_never_overwrites_and_rejects_bad_input() {
    let tmp = TempDir::new().expect("tempdir");
    pmctl(tmp.path()).args(["new", "Disk full"]).assert().success();
    let path = tmp.path().join("postmortems/2026-03-04-disk-full.md");
    std::fs::write(&path, "mine\n").expect("write");
    pmctl(tmp.path())
        .args(["new", "Disk full!"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pmctl new never overwrites"));
    assert_eq!(read(&path), "mine\n");
    pmctl(tmp.path())
        .args(["new", "../../..", "--owner", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no letters or digits"));
    pmctl(tmp.path())
        .args(["new", "X", "--severity", "SEV1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("P1, P2, P3"));
    // No temporary files are left behind, and nothing was written outside the corpus folder.
    let names: Vec<String> = std::fs::read_dir(tmp.path().join("postmortems"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["2026-03-04-disk-full.md".to_string()]);
}

#[test]
fn new_without_an_owner_leaves_the_placeholder_for_lint_to_flag() {
    let tmp = TempDir::new().expect("tempdir");
    pmctl(tmp.path())
        .args(["new", "Queue backlog"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no owner yet"));
    let text = read(tmp.path().join("postmortems/2026-03-04-queue-backlog.md"));
    assert!(text.contains("\nowner: \"[Name or @team]\"\n"), "{text}");
}

#[test]
fn init_sets_up_a_repository_that_lints_clean_and_never_overwrites() {
    let tmp = TempDir::new().expect("tempdir");
    git_init(tmp.path());
    let first = pmctl(tmp.path()).arg("init").assert().success();
    let stdout = String::from_utf8_lossy(&first.get_output().stdout).into_owned();
    assert!(stdout.contains("- id: pmctl-lint") && stdout.contains("entry: pmctl lint"), "{stdout}");
    for file in
        ["pmctl.toml", "postmortems/_template.md", "schema/postmortem.schema.json", ".github/workflows/postmortems.yml"]
    {
        assert!(tmp.path().join(file).is_file(), "{file}");
    }
    pmctl(tmp.path())
        .arg("lint")
        .assert()
        .success()
        .stderr(predicate::str::contains("0 post-mortems checked, no findings"));

    std::fs::write(tmp.path().join("pmctl.toml"), "severities = [\"SEV1\", \"SEV2\"]\n").expect("write");
    pmctl(tmp.path())
        .arg("init")
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped  pmctl.toml (already exists"))
        .stderr(predicate::str::contains("skipped  .github/workflows/postmortems.yml"));
    assert_eq!(read(tmp.path().join("pmctl.toml")), "severities = [\"SEV1\", \"SEV2\"]\n");

    // The new post-mortem from the initialised repository is a draft pmctl can read.
    pmctl(tmp.path()).args(["new", "First incident", "--owner", "@sre"]).assert().success();
    pmctl(tmp.path())
        .args(["lint", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("placeholder"));
}

#[test]
fn completions_and_man_pages() {
    let tmp = TempDir::new().expect("tempdir");
    pmctl(tmp.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_pmctl()").and(predicate::str::contains("--changed-since")));
    pmctl(tmp.path())
        .args(["completions", "zsh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("#compdef pmctl"));
    pmctl(tmp.path()).args(["completions", "nushell"]).assert().code(2);
    pmctl(tmp.path())
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH pmctl 1").and(predicate::str::contains(".SH NAME")));
    pmctl(tmp.path()).args(["man", "--dir", "man"]).assert().success();
    assert!(read(tmp.path().join("man/pmctl-lint.1")).contains("changed\\-since"));
    assert!(tmp.path().join("man/pmctl.1").is_file());
}

/// The workflow in the docs is the one `pmctl init` writes, so a team can paste either.
#[test]
fn documented_workflow_is_the_one_init_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workflow = read(root.join(".github/workflow-templates/postmortems.yml"));
    let documented = ["docs/ci-and-review.md", "README.md"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(root.join(p)).ok())
        .any(|text| text.contains(&format!("```yaml\n{workflow}```")));
    assert!(documented, "paste .github/workflow-templates/postmortems.yml into the CI section of the docs");
}
