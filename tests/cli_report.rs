//! `pmctl report` through the real binary: Markdown, JSON and HTML, `-o`, `--fail-on-overdue`.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn pmctl(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmctl").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env("NO_COLOR", "1").env("PMCTL_TODAY", "2026-11-26").current_dir(dir);
    cmd
}

use common::example_copy;

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let output = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn markdown_report_of_the_example_corpus() {
    let dir = example_copy();
    let (code, stdout, stderr) = run(pmctl(dir.path()).arg("report"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("not inside a git repository") || stderr.is_empty(), "{stderr}");
    insta::assert_snapshot!("report_md", stdout);
}

#[test]
fn json_report_has_the_spec_shape() {
    let dir = example_copy();
    let (code, stdout, stderr) = run(pmctl(dir.path()).args(["report", "--format", "json", "--window", "14"]));
    assert_eq!(code, Some(0), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(report["as_of"], "2026-11-26");
    assert_eq!(report["window_days"], 14);
    for key in ["overdue", "due_soon", "closed", "untracked", "stale_drafts", "recurring_factors"] {
        assert!(report[key].is_array(), "{key} is not an array");
    }
    let first = &report["overdue"][0];
    for key in [
        "postmortem",
        "path",
        "line",
        "text",
        "owner",
        "due",
        "ticket",
        "status",
        "overdue",
        "days_overdue",
        "opened_at",
        "closed_at",
        "closed_commit",
        "due_slips",
    ] {
        assert!(first.get(key).is_some(), "overdue item lacks {key}: {first}");
    }
    // Most overdue first.
    let days: Vec<i64> =
        report["overdue"].as_array().into_iter().flatten().filter_map(|r| r["days_overdue"].as_i64()).collect();
    assert_eq!(days.len(), 9);
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    assert_eq!(days[0], 149);
    assert_eq!(report["stats"]["postmortems"], 13);
    assert!(report["stats"].get("median_days_to_close_action").is_some());
    assert_eq!(report["recurring_factors"][0]["factor"], "missing-alerting");
    assert_eq!(report["stale_drafts"][0]["postmortem"], "2026-09-08-auth-node-pool-upgrade-evictions");
    assert_eq!(report["history"], false);
}

#[test]
fn today_judges_overdue_and_as_of_needs_a_repository() {
    let dir = example_copy();
    let (code, stdout, _) = run(pmctl(dir.path()).args(["--today", "2026-07-01", "report", "--format", "json"]));
    assert_eq!(code, Some(0));
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(report["as_of"], "2026-07-01");
    assert_eq!(report["overdue"][0]["days_overdue"], 1);

    let (code, _, stderr) = run(pmctl(dir.path()).args(["report", "--as-of", "2026-07-01"]));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("not inside a git repository"), "{stderr}");
}

#[test]
fn html_report_is_self_contained_and_escapes_document_text() {
    let dir = example_copy();
    let hostile = dir.path().join("postmortems/2026-11-20-hostile.md");
    std::fs::write(
        &hostile,
        "---\ntitle: \"<script>alert('title')</script>\"\nseverity: \"<img src=x onerror=alert(1)>\"\ndate: 2026-11-20\nstatus: draft\nowner: \"<b>owner</b>\"\n---\n\n\
## Action Items\n\n- [ ] <script>alert('item')</script> fix it — Owner: @x<y — Due: 2026-11-01\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, html, stderr) = run(pmctl(dir.path()).args(["--today", "2027-01-15", "report", "--format", "html"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "a script tag got through");
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(!html.contains("<b>owner"), "markup in the owner got through");
    // The title (a stale draft by then) and the owner arrive as text.
    assert!(html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
    assert!(html.contains("@x&lt;y"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the severity label in the chart is escaped");
    // Self-contained: no external stylesheet, script, image or font.
    for external in ["<link", "src=\"", "url(", "@import", "href=\"http"] {
        assert!(!html.contains(external), "found {external}");
    }
    assert_eq!(html.matches("<svg").count(), 1, "one chart without history (the weekly one needs it)");
    assert!(html.contains("Needs git history"));
}

#[test]
fn output_file_is_written_whole_and_stdout_stays_empty() {
    let dir = example_copy();
    let (code, stdout, stderr) = run(pmctl(dir.path()).args(["report", "--format", "html", "-o", "out/report.html"]));
    assert_eq!(code, Some(2), "a missing folder is an I/O error: {stderr}");
    assert!(stderr.contains("out/report.html"), "{stderr}");
    assert!(stdout.is_empty());

    std::fs::create_dir(dir.path().join("out")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("out/report.html"), "old").unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, stderr) = run(pmctl(dir.path()).args(["report", "--format", "html", "-o", "out/report.html"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap_or_default();
    assert!(written.starts_with("<!DOCTYPE html>") && written.trim_end().ends_with("</html>"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out")).into_iter().flatten().flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn fail_on_overdue_gates_on_overdue_items() {
    let dir = example_copy();
    let (code, _, stderr) = run(pmctl(dir.path()).args(["report", "--fail-on-overdue"]));
    assert_eq!(code, Some(1));
    assert!(stderr.contains("9 action items are overdue"), "{stderr}");
    let (code, _, _) = run(pmctl(dir.path()).args(["--today", "2025-10-01", "report", "--fail-on-overdue"]));
    assert_eq!(code, Some(0), "nothing was overdue on 2025-10-01");
}
