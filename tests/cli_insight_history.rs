//! The history-derived parts of `stats`, `factors` and `report`, on a temporary repository whose
//! commits have fixed dates.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Process::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(status.success(), "git {args:?}");
}

fn commit(dir: &Path, files: &[(&str, &str)], date: &str) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(dir)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", date], date);
}

fn first(a1: &str, a2: &str) -> String {
    format!(
        "---\ntitle: Checkout retries\nseverity: P1\ndate: 2026-01-01\nstatus: completed\nowner: lin\n\
contributing_factors: [retry-storm]\n---\n\n## Timeline\n\n- 2026-01-01 10:00 UTC — [start] errors\n\
- 10:12 — [detected] alert\n- 11:00 — [resolved] fixed\n\n## Action Items\n\n\
- [{a1}] Add jitter to client retries — Owner: @lin — Due: 2026-01-20\n\
- [{a2}] Add a retry budget — Owner: @ana — Due: 2026-02-01\n"
    )
}

fn second(due: &str) -> String {
    format!(
        "---\ntitle: Payments retries\nseverity: P2\ndate: 2026-02-08\nstatus: draft\nowner: ana\n\
contributing_factors: [retry-storm]\n---\n\n## Timeline\n\n- 2026-02-08 09:00 UTC — [start] errors\n\
- 09:30 — [detected] report\n- 10:30 — [resolved] fixed\n\n## Action Items\n\n\
- [ ] Cap retries in the SDK — Owner: @lin — Due: {due}\n\
- [ ] Review retry defaults\n"
    )
}

/// a (2026-01-01) and its two items closed on 01-15 and 01-25; b (2026-02-08), a draft whose first
/// item's due date moved later twice.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"], "2026-01-05T10:00:00Z");
    let a = "postmortems/2026-01-01-a.md";
    let b = "postmortems/2026-02-08-b.md";
    commit(root, &[(a, &first(" ", " "))], "2026-01-05T10:00:00Z");
    commit(root, &[(a, &first("x", " "))], "2026-01-15T10:00:00Z");
    commit(root, &[(a, &first("x", "x"))], "2026-01-25T10:00:00Z");
    commit(root, &[(b, &second("2026-02-20"))], "2026-02-10T10:00:00Z");
    commit(root, &[(b, &second("2026-03-01"))], "2026-02-25T10:00:00Z");
    commit(root, &[(b, &second("2026-03-10"))], "2026-03-03T10:00:00Z");
    dir
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let output = Command::cargo_bin("pmctl")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("PMCTL_TODAY", "2026-03-20")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "no warning with full history: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn texts(rows: &Value) -> Vec<String> {
    rows.as_array().into_iter().flatten().filter_map(|r| r["text"].as_str().map(str::to_string)).collect()
}

#[test]
fn stats_know_how_long_closing_and_drafting_took() {
    let repo = repository();
    let stats = json(repo.path(), &["stats", "--format", "json"]);
    // Items closed 10 and 20 days after they were opened.
    assert_eq!(stats["median_days_to_close_action"], 15.0);
    // First commits 4 and 2 days after the incidents.
    assert_eq!(stats["median_days_to_first_draft"], 3.0);
    assert_eq!(stats["median_minutes_to_detect"], 21.0);
    assert_eq!(stats["action_completion_rate"], 0.5);
}

#[test]
fn a_factor_that_came_back_after_every_fix_was_closed_is_flagged() {
    let repo = repository();
    let factors = json(repo.path(), &["factors", "--format", "json"]);
    assert_eq!(factors[0]["factor"], "retry-storm");
    assert_eq!(factors[0]["count"], 2);
    assert_eq!(factors[0]["recurred_after_fixes"], true);
    assert_eq!(factors[0]["recurred_in"], serde_json::json!(["2026-02-08-b"]));
    assert_eq!(factors[0]["open_actions"], 2);
}

#[test]
fn the_report_uses_history_for_closed_items_slips_stale_drafts_and_trends() {
    let repo = repository();
    let report = json(repo.path(), &["report", "--format", "json"]);
    assert_eq!(report["as_of"], "2026-03-20");
    assert_eq!(report["history"], true);
    assert_eq!(texts(&report["overdue"]), ["Cap retries in the SDK"]);
    assert_eq!(report["overdue"][0]["days_overdue"], 10);
    assert_eq!(report["overdue"][0]["opened_at"], "2026-02-10");
    assert_eq!(texts(&report["untracked"]), ["Review retry defaults"]);
    assert_eq!(texts(&report["slipped"]), ["Cap retries in the SDK"]);
    assert_eq!(report["slipped"][0]["due_slips"], 2);
    assert_eq!(texts(&report["closed"]), Vec::<String>::new());
    // The draft is as old as its incident (40 days), though its first commit was 38 days before.
    assert_eq!(report["stale_drafts"][0]["postmortem"], "2026-02-08-b");
    assert_eq!(report["stale_drafts"][0]["created_at"], "2026-02-10");
    assert_eq!(report["stale_drafts"][0]["age_days"], 40);
    assert_eq!(report["recurring_factors"][0]["recurred_after_fixes"], true);

    let weekly = report["weekly"].as_array().cloned().unwrap_or_default();
    assert_eq!(weekly.len(), 12);
    let point = |end: &str| weekly.iter().find(|w| w["week_end"] == end).cloned().unwrap_or_default();
    assert_eq!((point("2026-03-20")["open"].clone(), point("2026-03-20")["overdue"].clone()), (2.into(), 1.into()));
    // On 2026-01-16 item 1 was closed and item 2 open, not yet due.
    assert_eq!((point("2026-01-16")["open"].clone(), point("2026-01-16")["overdue"].clone()), (1.into(), 0.into()));
    // Before the first commit nothing was open.
    assert_eq!(point("2026-01-02")["open"], 0);

    let metric = |name: &str| {
        report["metrics"].as_array().into_iter().flatten().find(|m| m["metric"] == name).cloned().unwrap_or_default()
    };
    assert_eq!(metric("overdue_actions")["value"], 1.0);
    assert_eq!(metric("overdue_actions")["previous"], 1.0);
    assert_eq!(metric("median_days_to_close_action")["value"], 15.0);
}

#[test]
fn as_of_a_date_or_a_revision_reads_the_corpus_as_it_stood() {
    let repo = repository();
    // On 2026-01-27 only the first post-mortem existed, its second item closed two days before.
    let report = json(repo.path(), &["report", "--format", "json", "--as-of", "2026-01-27"]);
    assert_eq!(report["as_of"], "2026-01-27");
    assert_eq!(report["stats"]["postmortems"], 1);
    assert_eq!(texts(&report["closed"]), ["Add a retry budget"]);
    assert_eq!(report["closed"][0]["closed_at"], "2026-01-25");
    assert!(report["commit"].as_str().is_some_and(|c| c.len() == 40));

    // HEAD~3 is the commit of 2026-01-25; two weeks back reach the first close too.
    let report = json(repo.path(), &["report", "--format", "json", "--as-of", "HEAD~3", "--window", "14"]);
    assert_eq!(report["as_of"], "2026-01-25");
    assert_eq!(texts(&report["closed"]), ["Add a retry budget", "Add jitter to client retries"]);
}

#[test]
fn html_report_draws_the_weekly_chart_from_history() {
    let repo = repository();
    let output = Command::cargo_bin("pmctl")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(repo.path())
        .env("PMCTL_TODAY", "2026-03-20")
        .args(["report", "--format", "html"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let html = String::from_utf8_lossy(&output.stdout);
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(html.contains("<title>20 Mar: overdue 1</title>"), "the last week's overdue bar");
}
