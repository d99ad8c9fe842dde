//! `pmctl rules`, `explain`, `show` and the global options, through the real binary.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;

fn pmctl() -> Command {
    let mut cmd = Command::cargo_bin("pmctl").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env("NO_COLOR", "1").env("PMCTL_TODAY", "2026-11-26").current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn rules_lists_every_rule_with_its_level() {
    pmctl().arg("rules").assert().success().stdout(
        predicate::str::contains("frontmatter-missing")
            .and(predicate::str::contains("action-missing-due"))
            .and(predicate::str::is_match(r"missing-section\s+error").unwrap_or_else(|e| panic!("{e}"))),
    );
}

#[test]
fn explain_prints_why_and_a_bad_and_a_good_example() {
    pmctl().args(["explain", "timeline-milestone-missing"]).assert().success().stdout(
        predicate::str::contains("Why it matters")
            .and(predicate::str::contains("Reported"))
            .and(predicate::str::contains("Write instead"))
            .and(predicate::str::contains("[detected]")),
    );
}

#[test]
fn explain_suggests_the_nearest_rule_for_a_typo() {
    pmctl()
        .args(["explain", "missing-sections"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `missing-section`?"));
}

#[test]
fn show_by_id_gives_the_parsed_model_as_json() {
    let output = pmctl()
        .args(["show", "2026-03-04-checkout-tax-flag-rollout", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc["id"], "2026-03-04-checkout-tax-flag-rollout");
    assert_eq!(doc["frontmatter"]["severity"], "P1");
    assert_eq!(doc["timeline"]["minutes_to_detect"], 7);
    assert_eq!(doc["timeline"]["minutes_to_resolve"], 70);
    assert_eq!(doc["root_cause"]["contributing_factors"].as_array().map(Vec::len), Some(4));
    let actions = doc["actions"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 6);
    assert!(actions.iter().all(|a| a["owner"].is_string() && a["due"].is_string()));
}

#[test]
fn show_by_path_gives_a_human_summary() {
    pmctl()
        .args(["show", "postmortems/2026-01-22-kafka-broker-disk-ledger-lag.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Summary").and(predicate::str::contains("dropped")));
}

#[test]
fn show_of_an_unknown_id_is_a_usage_error() {
    pmctl().args(["show", "no-such-incident"]).assert().code(2).stderr(predicate::str::contains("no-such-incident"));
}

#[test]
fn a_bad_today_is_rejected_with_the_expected_form() {
    pmctl().args(["lint", "--today", "26/11/2026"]).assert().code(2).stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn repo_option_points_at_another_folder() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let elsewhere = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    pmctl()
        .current_dir(elsewhere.path())
        .arg("--repo")
        .arg(&root)
        .arg("lint")
        .assert()
        .success()
        .stderr(predicate::str::contains("13 post-mortems checked"));
}
