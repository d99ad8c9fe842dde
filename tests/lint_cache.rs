//! The lint cache (`.pmctl_cache/`): a run reuses the findings of files whose bytes it has seen,
//! reports exactly what a run without the cache reports, and looks again whenever anything that
//! could change a finding has changed.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const CACHE_FILE: &str = ".pmctl_cache/lint-v1.json";

/// Placeholders and missing sections, so the file has findings of its own.
fn draft(id: &str, extra: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Queue backlog\nseverity: P3\ndate: 2026-01-05\nstatus: draft\nowner: \"@sre\"\n---\n\n\
         ## Executive Summary\n\nThe queue backed up for [X minutes]. TBD.\n\n{extra}"
    )
}

/// Findings of several rules, a duplicate id, and suppressions both file-wide and line by line.
fn corpus() -> TempDir {
    let tmp = TempDir::new().expect("tempdir");
    let dir = tmp.path();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("postmortems");
    std::fs::create_dir_all(dir.join("postmortems")).expect("mkdir");
    for name in ["2026-03-04-checkout-tax-flag-rollout.md", "2026-11-03-auth-session-redis-failover.md"] {
        std::fs::copy(source.join(name), dir.join("postmortems").join(name)).expect("copy");
    }
    write(dir, "postmortems/2026-01-05-queue.md", &draft("queue-backlog", ""));
    write(dir, "postmortems/2026-01-06-queue-again.md", &draft("queue-backlog", ""));
    write(
        dir,
        "postmortems/2026-01-07-quiet.md",
        &draft(
            "quiet",
            "<!-- pmctl-disable-file missing-section -->\n\n## Detection\n\n\
             <!-- pmctl-disable-next-line blame-human-error -->\nIt was human error.\n\nThe on-call engineer should have noticed the alert.\n",
        ),
    );
    tmp
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn pmctl(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmctl").expect("binary");
    cmd.current_dir(dir)
        .env("PMCTL_TODAY", "2026-02-01")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("PMCTL_NO_CACHE")
        .env_remove("PMCTL_CACHE_DIR");
    cmd
}

/// Exit code, stdout and stderr of `pmctl lint` with `args`.
fn lint(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = pmctl(dir).arg("lint").args(args).output().expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Rewrites a message the cache holds, so that a run which prints it can only have taken it
/// from the cache.
fn tamper(dir: &Path, from: &str, to: &str) {
    let path = dir.join(CACHE_FILE);
    let text = std::fs::read_to_string(&path).expect("the cache was written");
    assert!(text.contains(from), "the cache holds {from:?}");
    std::fs::write(&path, text.replace(from, to)).expect("write cache");
}

#[test]
fn cached_runs_report_exactly_what_a_fresh_run_does() {
    let tmp = corpus();
    let dir = tmp.path();
    for format in ["json", "human", "github", "sarif"] {
        let fresh = lint(dir, &["--format", format, "--no-cache"]);
        assert!(!dir.join(".pmctl_cache").exists(), "--no-cache writes nothing");
        let first = lint(dir, &["--format", format]);
        let second = lint(dir, &["--format", format]);
        assert_eq!(fresh.0, Some(1));
        assert_eq!(first, fresh, "{format}: the run that fills the cache");
        assert_eq!(second, fresh, "{format}: the run that reads it");
        std::fs::remove_dir_all(dir.join(".pmctl_cache")).expect("remove cache");
    }
    // The findings the fixture is built to produce, so the comparison above is not of empty runs.
    let (_, json, _) = lint(dir, &["--format", "json"]);
    let (_, cached, _) = lint(dir, &["--format", "json"]);
    assert_eq!(json, cached);
    for expected in ["\"duplicate-id\"", "\"placeholder\"", "\"missing-section\"", "\"blame-counterfactual\""] {
        assert!(json.contains(expected), "{expected} in {json}");
    }
    let findings: serde_json::Value = serde_json::from_str(&json).expect("json");
    let rules_of = |path: &str| -> Vec<&str> {
        let in_file = findings.as_array().expect("array").iter().filter(|f| f["path"] == path);
        in_file.map(|f| f["rule"].as_str().expect("rule")).collect()
    };
    let quiet = rules_of("postmortems/2026-01-07-quiet.md");
    assert!(quiet.contains(&"blame-counterfactual") && quiet.contains(&"placeholder"), "{quiet:?}");
    assert!(!quiet.contains(&"blame-human-error"), "the disable-next-line comment holds: {quiet:?}");
    assert!(!quiet.contains(&"missing-section"), "the file-wide disable holds: {quiet:?}");
    assert!(rules_of("postmortems/2026-01-05-queue.md").contains(&"missing-section"));
}

#[test]
fn the_cache_folder_keeps_itself_out_of_git() {
    let tmp = corpus();
    lint(tmp.path(), &[]);
    let folder = tmp.path().join(".pmctl_cache");
    assert_eq!(std::fs::read_to_string(folder.join(".gitignore")).expect(".gitignore"), "*\n");
    let tag = std::fs::read_to_string(folder.join("CACHEDIR.TAG")).expect("CACHEDIR.TAG");
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
}

#[test]
fn unchanged_files_come_from_the_cache_and_edited_ones_are_checked_again() {
    let tmp = corpus();
    let dir = tmp.path();
    lint(dir, &[]);
    tamper(dir, "`TBD`", "`TBD-from-the-cache`");
    let (_, json, _) = lint(dir, &["--format", "json"]);
    assert!(json.contains("TBD-from-the-cache"), "unchanged files are not parsed again: {json}");

    // One edited file is checked afresh; the others still come from the cache.
    write(dir, "postmortems/2026-01-05-queue.md", &draft("queue-backlog", "Still TBD.\n"));
    let (_, json, _) = lint(dir, &["--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&json).expect("json");
    let messages = |path: &str| -> Vec<String> {
        findings
            .as_array()
            .expect("array")
            .iter()
            .filter(|f| f["path"] == path && f["rule"] == "placeholder")
            .map(|f| f["message"].as_str().expect("message").to_string())
            .collect()
    };
    let edited = messages("postmortems/2026-01-05-queue.md");
    assert_eq!(edited.len(), 3, "the edited file's new placeholder is found: {edited:?}");
    assert!(edited.iter().all(|m| !m.contains("from-the-cache")), "{edited:?}");
    assert!(messages("postmortems/2026-01-06-queue-again.md").iter().any(|m| m.contains("from-the-cache")));
}

#[test]
fn corpus_wide_rules_run_afresh_over_cached_files() {
    let tmp = corpus();
    let dir = tmp.path();
    let (_, json, _) = lint(dir, &["--format", "json"]);
    assert_eq!(json.matches("\"duplicate-id\"").count(), 1);
    // Only the second file changes; the first, unchanged and cached, no longer has a twin.
    write(dir, "postmortems/2026-01-06-queue-again.md", &draft("queue-backlog-2", ""));
    let (_, json, _) = lint(dir, &["--format", "json"]);
    assert!(!json.contains("duplicate-id"), "{json}");
}

#[test]
fn configuration_flags_and_the_date_are_part_of_the_cache_key() {
    let tmp = corpus();
    let dir = tmp.path();
    let prime = |dir: &Path| {
        std::fs::remove_dir_all(dir.join(".pmctl_cache")).ok();
        lint(dir, &[]);
        tamper(dir, "`TBD`", "`TBD-from-the-cache`");
    };

    prime(dir);
    write(dir, "pmctl.toml", "[rules]\nplaceholder = \"warning\"\n");
    let (_, json, _) = lint(dir, &["--format", "json"]);
    assert!(!json.contains("from-the-cache") && json.contains("\"severity\": \"warning\""), "{json}");

    prime(dir);
    let (_, json, _) = lint(dir, &["--format", "json", "--no-inline-config"]);
    assert!(!json.contains("from-the-cache") && json.contains("blame-human-error"), "{json}");

    prime(dir);
    let output = pmctl(dir).env("PMCTL_TODAY", "2026-02-02").args(["lint", "--format", "json"]).output().expect("runs");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("from-the-cache"));

    prime(dir);
    let (_, json, _) = lint(dir, &["--format", "json", "--no-cache"]);
    assert!(!json.contains("from-the-cache"), "--no-cache does not read the cache");
}

#[test]
fn a_damaged_cache_is_ignored_and_rewritten() {
    let tmp = corpus();
    let dir = tmp.path();
    let fresh = lint(dir, &["--format", "json", "--no-cache"]);
    for damage in ["not json at all", "{\"fingerprint\":\"x\",\"entries\":{}}", ""] {
        write(dir, CACHE_FILE, damage);
        assert_eq!(lint(dir, &["--format", "json"]), fresh, "cache holding {damage:?}");
        let rewritten = std::fs::read_to_string(dir.join(CACHE_FILE)).expect("cache");
        assert!(rewritten.contains("2026-01-05-queue.md"), "rewritten after {damage:?}");
    }
    // A stored finding of a rule this pmctl does not have makes the whole cache unusable.
    lint(dir, &[]);
    tamper(dir, "\"rule\":\"placeholder\"", "\"rule\":\"no-such-rule\"");
    assert_eq!(lint(dir, &["--format", "json"]), fresh);
}

#[test]
fn a_cache_that_cannot_be_written_is_skipped_quietly() {
    let tmp = corpus();
    let dir = tmp.path();
    let fresh = lint(dir, &["--format", "json", "--no-cache"]);
    write(dir, "not-a-folder", "a file where the cache folder would go\n");
    assert_eq!(lint(dir, &["--format", "json", "--cache-dir", "not-a-folder/cache"]), fresh);
    let output = pmctl(dir).env("PMCTL_CACHE_DIR", "not-a-folder").args(["lint", "--format", "json"]).output();
    let output = output.expect("runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), fresh.1);
    assert_eq!(String::from_utf8_lossy(&output.stderr), fresh.2);
}

#[test]
fn cache_dir_moves_the_cache_and_deleted_files_are_forgotten() {
    let tmp = corpus();
    let dir = tmp.path();
    lint(dir, &["--cache-dir", "elsewhere"]);
    assert!(!dir.join(".pmctl_cache").exists());
    let cache = dir.join("elsewhere/lint-v1.json");
    assert!(std::fs::read_to_string(&cache).expect("cache").contains("2026-01-07-quiet.md"));

    // Linting one file adds to the cache without forgetting the rest.
    lint(dir, &["--cache-dir", "elsewhere", "postmortems/2026-01-07-quiet.md"]);
    assert!(std::fs::read_to_string(&cache).expect("cache").contains("2026-01-05-queue.md"));

    // A run over the whole corpus forgets files that are gone.
    std::fs::remove_file(dir.join("postmortems/2026-01-07-quiet.md")).expect("remove");
    lint(dir, &["--cache-dir", "elsewhere"]);
    assert!(!std::fs::read_to_string(&cache).expect("cache").contains("2026-01-07-quiet.md"));
}

#[test]
fn pmctl_no_cache_in_the_environment_turns_it_off() {
    let tmp = corpus();
    let output = pmctl(tmp.path()).env("PMCTL_NO_CACHE", "1").args(["lint", "--format", "json"]).output();
    assert_eq!(output.expect("runs").status.code(), Some(1));
    assert!(!tmp.path().join(".pmctl_cache").exists());
}
