//! Real post-mortems other teams published, in their own formats (`../shared/corpora`). pmctl must
//! give every one of them diagnostics, crash on none, and end with a summary that helps convert.
//! Skipped when the folder is not there.

use std::path::PathBuf;

use assert_cmd::Command;

fn corpora() -> Option<PathBuf> {
    let dir = std::env::var_os("PMCTL_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    dir.is_dir().then_some(dir)
}

/// Every document file: all of them are named explicitly, whatever their extension
/// (`.html.md.erb`, or none), as a team converting its corpus would.
fn documents(root: &PathBuf) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .min_depth(2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            !(name == "LICENSE" || name.eq_ignore_ascii_case("README.md"))
        })
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_real_document_gets_diagnostics_and_nothing_crashes() {
    let Some(root) = corpora() else {
        eprintln!("skipped: no ../shared/corpora here");
        return;
    };
    let files = documents(&root);
    assert!(files.len() > 300, "expected the ~320 shared documents, found {}", files.len());
    let output = Command::cargo_bin("pmctl")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(&root)
        .env("NO_COLOR", "1")
        // The shared corpora are read-only input: no lint cache is written beside them.
        .env("PMCTL_NO_CACHE", "1")
        .args(["lint", "--format", "json"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("stdout is not JSON: {e}"));
    let mut with_findings: Vec<&str> = findings.iter().filter_map(|f| f["path"].as_str()).collect();
    with_findings.sort_unstable();
    with_findings.dedup();
    assert_eq!(with_findings.len(), files.len(), "every file gets its diagnostics");
}

#[test]
fn the_human_summary_helps_a_team_convert() {
    let Some(root) = corpora() else { return };
    let dfds = root.join("dfds");
    let output = Command::cargo_bin("pmctl")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .env("PMCTL_NO_CACHE", "1")
        .arg("lint")
        .arg(&dfds)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first_finding = stderr.lines().next().unwrap_or_default();
    assert!(first_finding.starts_with("error[frontmatter-missing]"), "first finding: {first_finding}");
    let tail: Vec<&str> = stderr.lines().rev().take(25).collect();
    let tail = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
    assert!(tail.contains("frontmatter-missing"), "{tail}");
    assert!(tail.contains("Adopting pmctl on an existing corpus? Start here:"), "{tail}");
    assert!(tail.contains("[sections.aliases]"), "{tail}");
}
