//! `pmctl factors` and `pmctl stats` through the real binary, on the example corpus and on real
//! wording from another team's post-mortems.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The example corpus copied outside any repository: history is unavailable, so the output does
/// not depend on this project's own commits.
static EXAMPLE: std::sync::LazyLock<tempfile::TempDir> = std::sync::LazyLock::new(common::example_copy);

fn pmctl() -> Command {
    let mut cmd = Command::cargo_bin("pmctl").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env("NO_COLOR", "1").env("PMCTL_TODAY", "2026-11-26").current_dir(EXAMPLE.path());
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let output = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("stdout is not JSON: {e}"))
}

fn stdout(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn group<'a>(groups: &'a [Value], factor: &str) -> &'a Value {
    groups.iter().find(|g| g["factor"] == factor).unwrap_or_else(|| panic!("no group `{factor}` in {groups:#?}"))
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// The group whose phrasings include one starting with `start`.
fn group_with<'a>(groups: &'a [Value], start: &str) -> Vec<&'a Value> {
    groups.iter().filter(|g| strings(&g["phrasings"]).iter().any(|p| p.starts_with(start))).collect()
}

#[test]
fn factors_on_the_example_corpus_group_wordings_and_keep_factors_apart() {
    let value = json(pmctl().args(["factors", "--min-count", "1", "--format", "json"]));
    let groups = value.as_array().cloned().unwrap_or_default();
    // Most frequent first.
    let counts: Vec<u64> = groups.iter().filter_map(|g| g["count"].as_u64()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    // Certificate expiry: three wordings in three post-mortems, under the frontmatter slug.
    let certs = group(&groups, "certificate-expiry");
    assert_eq!(certs["kind"], "tag");
    assert_eq!(
        strings(&certs["postmortems"]),
        [
            "2025-09-18-auth-certificate-expiry",
            "2026-05-20-card-network-mtls-cert-expiry",
            "2026-10-29-api-eu-certificate-renewal"
        ]
    );
    let phrasings = strings(&certs["phrasings"]);
    for start in [
        "No monitoring of certificate expiry",
        "Certificate expiry was not monitored",
        "Missing alerting on certificate expiry",
    ] {
        assert!(phrasings.iter().any(|p| p.starts_with(start)), "{start} not in {phrasings:#?}");
    }
    assert_eq!(certs["first_seen"], "2025-09-18");
    assert_eq!(certs["last_seen"], "2026-10-29");

    // Manual changes outside the pipeline, in their own words ("by hand", "edited manually").
    let manual = group(&groups, "manual-change");
    assert_eq!(manual["count"], 3);
    let phrasings = strings(&manual["phrasings"]);
    assert!(phrasings.iter().any(|p| p.contains("changed by hand")));
    assert!(phrasings.iter().any(|p| p.contains("edited manually")));

    // Connection pool sizing: no slug names it, so the free text groups by its words.
    let pools = group_with(&groups, "Connection pool sizing on pgbouncer");
    assert_eq!(pools.len(), 1);
    assert_eq!(pools[0]["kind"], "phrase");
    assert_eq!(pools[0]["count"], 2);
    assert!(strings(&pools[0]["phrasings"]).iter().any(|p| p.starts_with("Database connection pool limits")));

    // Unrelated factors stay out of those groups.
    for unrelated in ["The purge script had no test", "Client SDKs retry failed", "The 1.2 GB auth-service image"] {
        for g in group_with(&groups, unrelated) {
            assert!(
                !["certificate-expiry", "manual-change"].contains(&g["factor"].as_str().unwrap_or_default()),
                "{unrelated} landed in {}",
                g["factor"]
            );
            let alone = g["kind"] != "phrase" || strings(&g["phrasings"]).len() == 1;
            assert!(alone, "{unrelated} grouped with other free text: {g:#?}");
        }
    }
    // Every phrase group of more than one post-mortem is one the corpus really repeats.
    let phrase_groups: Vec<&Value> = groups.iter().filter(|g| g["kind"] == "phrase" && g["count"] != 1).collect();
    assert_eq!(phrase_groups.len(), 1, "{phrase_groups:#?}");
}

#[test]
fn factors_default_to_recurring_ones_and_read_as_a_table() {
    let text = stdout(pmctl().arg("factors"));
    insta::assert_snapshot!("factors_table", text);
    let md = stdout(pmctl().args(["factors", "--format", "md"]));
    assert!(md.starts_with("| Count | Factor |"), "{md}");
    assert!(md.contains("| 3 | certificate-expiry |"), "{md}");
}

#[test]
fn a_taxonomy_in_config_names_and_gathers_the_factor() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = dir.path().join("pmctl.toml");
    std::fs::write(
        &config,
        "[corpus]\npaths = [\"postmortems\"]\n\n[factors.taxonomy]\nconnection-pool-sizing = [\"connection pool\", \"pool sizing\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let value = json(pmctl().args(["--config"]).arg(&config).args(["factors", "--format", "json"]));
    let groups = value.as_array().cloned().unwrap_or_default();
    let pools = group(&groups, "connection-pool-sizing");
    assert_eq!(pools["kind"], "taxonomy");
    assert_eq!(
        strings(&pools["postmortems"]),
        ["2025-11-06-checkout-pgbouncer-pool-exhaustion", "2026-08-12-payments-api-db-pool-saturation"]
    );
    assert!(group_with(&groups, "Connection pool sizing").iter().all(|g| g["kind"] == "taxonomy"));
}

fn dfds() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("PMCTL_CORPORA").map(PathBuf::from),
        Some(manifest.join("../shared/corpora")),
        Some(manifest.join("../../shared/corpora")),
    ];
    candidates.into_iter().flatten().map(|dir| dir.join("dfds")).find(|dir| dir.is_dir())
}

#[test]
fn factors_on_real_wording_group_repeats_and_nothing_else() {
    let Some(root) = dfds() else {
        eprintln!("skipped: no shared/corpora/dfds here");
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = dir.path().join("pmctl.toml");
    std::fs::write(&config, "[corpus]\npaths = [\".\"]\n").unwrap_or_else(|e| panic!("{e}"));
    let value =
        json(pmctl().arg("--repo").arg(&root).arg("--config").arg(&config).args(["factors", "--format", "json"]));
    let groups = value.as_array().cloned().unwrap_or_default();
    // "Priority-classes not implemented" and its longer wording in the next post-mortem.
    let priority = group_with(&groups, "Priority-classes not implemented on system critical workloads");
    assert_eq!(priority.len(), 1, "{groups:#?}");
    assert_eq!(priority[0]["count"], 2);
    // Alert noise, worded two ways in two post-mortems.
    let noise = group_with(&groups, "Too much noise in our alert Slack channel");
    assert_eq!(noise.len(), 1, "{groups:#?}");
    assert!(strings(&noise[0]["phrasings"]).iter().any(|p| p.contains("drowning in other noise")));
    // Distinct factors that share only "no monitoring of" stay apart.
    for alone in ["Insufficient monitoring of the KIAM server", "No monitoring or record of certificate expiry"] {
        assert!(group_with(&groups, alone).is_empty(), "{alone} grouped: {groups:#?}");
    }
    // No group swallows unrelated factors.
    assert!(groups.iter().all(|g| g["count"].as_u64().unwrap_or(0) <= 2), "{groups:#?}");
    assert!(groups.iter().all(|g| strings(&g["phrasings"]).len() <= 3), "{groups:#?}");
}

#[test]
fn stats_on_the_example_corpus() {
    let value = json(pmctl().args(["stats", "--format", "json"]));
    assert_eq!(value["postmortems"], 13);
    assert_eq!(value["by_severity"]["P1"], 4);
    assert_eq!(value["by_severity"]["P2"], 6);
    assert_eq!(value["median_minutes_to_detect"], 9.0);
    assert_eq!(value["median_minutes_to_resolve"], 88.0);
    assert_eq!(value["action_completion_rate"], 0.603);
    assert!(value.get("median_days_to_close_action").is_some());
    assert!(value.get("groups").is_none());

    let by_month = json(pmctl().args(["stats", "--by", "month", "--format", "json"]));
    let months: Vec<String> = by_month["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["group"].as_str().map(str::to_string))
        .collect();
    assert_eq!(months.first().map(String::as_str), Some("2025-09"));
    assert_eq!(months.len(), 12, "{months:?}");
    assert_eq!(by_month["by"], "month");
}

#[test]
fn stats_read_as_a_table_and_as_markdown() {
    insta::assert_snapshot!("stats_by_severity", stdout(pmctl().args(["stats", "--by", "severity"])));
    let md = stdout(pmctl().args(["stats", "--by", "service", "--format", "md"]));
    assert!(md.contains("| Median time to resolve | 1 h 28 min |"), "{md}");
    assert!(md.contains("| auth-service |"), "{md}");
}
