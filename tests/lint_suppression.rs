//! Inline suppression comments, through the binary.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const HEADER: &str =
    "---\ntitle: Checkout errors\nseverity: P3\ndate: 2026-01-05\nstatus: draft\nowner: \"@sre\"\n---\n\n";

fn document(summary: &str) -> String {
    format!(
        "{HEADER}## Executive Summary\n\n{summary}\n\n## Detection\n\nAn alert fired.\n\n\
         ## Root Cause Analysis\n\n### Immediate cause\n\nA flag.\n\n### Contributing factors\n\n- No canary.\n\n\
         ### Root cause\n\nNo staged rollout.\n\n## Action Items\n\n- [ ] Add a 5% canary stage for 30 minutes to the `checkout` deploy pipeline — Owner: @sre — Due: 2026-03-01\n"
    )
}

/// (rule, line) of every finding for a document with `summary` as its Executive Summary.
fn findings(text: &str, extra: &[&str]) -> Vec<(String, u64)> {
    let tmp = TempDir::new().expect("tempdir");
    let path = tmp.path().join("postmortems/2026-01-05-a.md");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    run(tmp.path(), extra)
}

fn run(dir: &Path, extra: &[&str]) -> Vec<(String, u64)> {
    let output = Command::cargo_bin("pmctl")
        .expect("binary")
        .current_dir(dir)
        .env("PMCTL_TODAY", "2026-02-01")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["lint", "--format", "json"])
        .args(extra)
        .output()
        .expect("runs");
    let value: Value = serde_json::from_slice(&output.stdout).expect("json");
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|f| (f["rule"].as_str().expect("rule").to_string(), f["line"].as_u64().expect("line")))
        .collect()
}

fn pairs(items: &[(&str, u64)]) -> Vec<(String, u64)> {
    items.iter().map(|(r, l)| (r.to_string(), *l)).collect()
}

#[test]
fn next_line_silences_the_named_rules_on_the_next_line_only() {
    let text = document("<!-- pmctl-disable-next-line placeholder -- the customer's own words -->\nOwner [Name] said TBD.\nStill [Name].");
    assert_eq!(findings(&text, &[]), pairs(&[("placeholder", 13)]));
    // With --no-inline-config the comment is ignored entirely.
    assert_eq!(
        findings(&text, &["--no-inline-config"]),
        pairs(&[("placeholder", 12), ("placeholder", 12), ("placeholder", 13)])
    );
}

#[test]
fn ranges_and_bare_directives() {
    let text = document(
        "A [Name].\n\n<!-- pmctl-disable placeholder -->\nB [Name].\n<!-- pmctl-enable placeholder -->\n\nC [Name].",
    );
    assert_eq!(findings(&text, &[]), pairs(&[("placeholder", 11), ("placeholder", 17)]));
    // A bare pmctl-disable with no enable silences every rule to the end of the file.
    let text = document("A [Name].\n\n<!-- pmctl-disable -->\nB [Name].").replace(
        "- [ ] Add a 5% canary stage for 30 minutes to the `checkout` deploy pipeline — Owner: @sre — Due: 2026-03-01",
        "- [ ] Add a 5% canary stage for 30 minutes to the `checkout` deploy pipeline",
    );
    assert_eq!(findings(&text, &[]), pairs(&[("placeholder", 11)]));
}

#[test]
fn file_scope_reaches_findings_about_the_whole_document() {
    let text = format!("{HEADER}## Executive Summary\n\nShort.\n\n<!-- pmctl-disable-file missing-section -- imported from the wiki -->\n");
    assert_eq!(findings(&text, &[]), Vec::<(String, u64)>::new());
    let without = findings(&text, &["--no-inline-config"]);
    assert_eq!(without, pairs(&[("missing-section", 3)]));
}

#[test]
fn unknown_rules_are_findings_and_silence_nothing() {
    let text = document("<!-- pmctl-disable-next-line placeholders -->\nThe owner [Name] was paged.");
    assert_eq!(findings(&text, &[]), pairs(&[("inline-config-invalid", 11), ("placeholder", 12)]));
    assert_eq!(findings(&text, &["--no-inline-config"]), pairs(&[("placeholder", 12)]));
    // The finding names the closest rule id.
    let tmp = TempDir::new().expect("tempdir");
    let path = tmp.path().join("postmortems/2026-01-05-a.md");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, &text).expect("write");
    Command::cargo_bin("pmctl")
        .expect("binary")
        .current_dir(tmp.path())
        .env("PMCTL_TODAY", "2026-02-01")
        .env("NO_COLOR", "1")
        .arg("lint")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "warning[inline-config-invalid]: `placeholders` is not a rule id; did you mean `placeholder`?",
        ));
}

#[test]
fn inline_config_invalid_is_in_the_registry() {
    Command::cargo_bin("pmctl")
        .expect("binary")
        .args(["explain", "inline-config-invalid"])
        .assert()
        .success()
        .stdout(predicates::str::contains("pmctl-disable-next-line blame-person"));
}
