//! `pmctl lint` through the real binary: the example corpus, the output formats, exit codes and
//! every kind of bad input the issue lists.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn pmctl() -> Command {
    let mut cmd = Command::cargo_bin("pmctl").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env_remove("PMCTL_TODAY").env("NO_COLOR", "1").env("PMCTL_TODAY", "2026-11-26");
    cmd
}

fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch corpus: `postmortems/` inside a temporary folder that is not a git repository.
fn scratch() -> TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    fs::create_dir(dir.path().join("postmortems")).unwrap_or_else(|e| panic!("mkdir: {e}"));
    dir
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join("postmortems").join(name);
    fs::write(&path, contents).unwrap_or_else(|e| panic!("write {name}: {e}"));
    path
}

fn good_document() -> String {
    fs::read_to_string(project_root().join("postmortems/2026-03-04-checkout-tax-flag-rollout.md"))
        .unwrap_or_else(|e| panic!("example corpus: {e}"))
}

fn lint_json(dir: &Path) -> (Vec<serde_json::Value>, i32, String) {
    let output =
        pmctl().current_dir(dir).args(["lint", "--format", "json"]).output().unwrap_or_else(|e| panic!("run: {e}"));
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e})"));
    (findings, output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

fn rules_for(findings: &[serde_json::Value], path_suffix: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(path_suffix)))
        .filter_map(|f| f["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_example_corpus_is_clean() {
    pmctl()
        .current_dir(project_root())
        .arg("lint")
        .assert()
        .success()
        .stderr(predicate::str::contains("post-mortems checked, no findings"));
}

#[test]
fn human_output_is_rustc_style_with_a_summary() {
    let output = pmctl()
        .current_dir(project_root())
        .args(["lint", "tests/fixtures/lint/2026-02-03-search-latency.md"])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "human diagnostics go to stderr");
    insta::assert_snapshot!("lint_human", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn json_output_has_the_spec_shape() {
    let output = pmctl()
        .current_dir(project_root())
        .args(["lint", "--format", "json", "tests/fixtures/lint/2026-02-03-search-latency.md"])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let keys = ["path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "suggestion"];
    for finding in findings.as_array().unwrap_or_else(|| panic!("not an array")) {
        let object = finding.as_object().unwrap_or_else(|| panic!("not an object"));
        let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
        found.sort_unstable();
        let mut expected = keys.to_vec();
        expected.sort_unstable();
        assert_eq!(found, expected);
    }
    insta::assert_json_snapshot!("lint_json", findings);
}

#[test]
fn colour_is_used_only_when_asked_or_on_a_terminal() {
    let fixture = "tests/fixtures/lint/2026-02-03-search-latency.md";
    let plain = pmctl().current_dir(project_root()).args(["lint", fixture]).output();
    let plain = plain.unwrap_or_else(|e| panic!("run: {e}"));
    assert!(!String::from_utf8_lossy(&plain.stderr).contains('\x1b'));
    let coloured = pmctl().current_dir(project_root()).args(["lint", "--color", "always", fixture]).output();
    let coloured = coloured.unwrap_or_else(|e| panic!("run: {e}"));
    assert!(String::from_utf8_lossy(&coloured.stderr).contains("\x1b[1;31merror[missing-section]"));
}

#[test]
fn findings_are_sorted_by_path_line_and_column() {
    let dir = scratch();
    write(dir.path(), "b.md", "# no frontmatter\n");
    write(dir.path(), "a.md", "---\ntitle: A\n---\n");
    let (findings, code, _) = lint_json(dir.path());
    assert_eq!(code, 1);
    let positions: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default().to_string();
            (path, f["line"].as_u64().unwrap_or(0), f["column"].as_u64().unwrap_or(0))
        })
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
    assert!(positions.first().is_some_and(|p| p.0 == "postmortems/a.md"));
}

#[test]
fn completeness_rules_fire_where_they_should() {
    let dir = scratch();
    let good = good_document();
    // No Impact section and an empty What Went Well.
    let broken = good
        .replace("## Impact", "## Consequences")
        .replace("## What Went Well\n", "## What Went Well\n\n<!-- fill in -->\n\n## Parking lot\n");
    write(dir.path(), "2026-03-04-broken.md", broken);
    let (findings, code, _) = lint_json(dir.path());
    assert_eq!(code, 1);
    let rules = rules_for(&findings, "broken.md");
    assert!(rules.contains(&"missing-section".to_string()), "{rules:?}");
    assert!(rules.contains(&"empty-section".to_string()), "{rules:?}");
}

#[test]
fn duplicate_ids_are_reported_across_folders() {
    let dir = scratch();
    let good = good_document();
    fs::create_dir(dir.path().join("postmortems/2025")).unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "same.md", &good);
    write(dir.path(), "2025/same.md", &good);
    let (findings, _, _) = lint_json(dir.path());
    let duplicates: Vec<&serde_json::Value> = findings.iter().filter(|f| f["rule"] == "duplicate-id").collect();
    assert_eq!(duplicates.len(), 1);
    assert_eq!(duplicates[0]["path"], "postmortems/same.md");
    assert!(duplicates[0]["message"].as_str().is_some_and(|m| m.contains("postmortems/2025/same.md")));
}

#[test]
fn readme_and_template_files_are_not_linted() {
    let dir = scratch();
    write(dir.path(), "README.md", "# About this folder\n");
    write(dir.path(), "_template.md", "---\ntitle: \"[Incident title]\"\n---\n");
    pmctl().current_dir(dir.path()).arg("lint").assert().success().stderr(predicate::str::contains("0 post-mortems"));
}

#[test]
fn rule_levels_come_from_config() {
    let dir = scratch();
    write(dir.path(), "a.md", "# no frontmatter\n");
    fs::write(dir.path().join("pmctl.toml"), "[rules]\nfrontmatter-missing = \"warning\"\nmissing-section = \"off\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (findings, code, _) = lint_json(dir.path());
    assert_eq!(code, 0, "warnings alone exit 0");
    assert_eq!(rules_for(&findings, "a.md"), vec!["frontmatter-missing"]);
    assert_eq!(findings[0]["severity"], "warning");
}

#[test]
fn config_errors_name_the_key_and_exit_2() {
    let dir = scratch();
    fs::write(dir.path().join("pmctl.toml"), "[rules]\nplaceholdr = \"off\"\n").unwrap_or_else(|e| panic!("{e}"));
    pmctl()
        .current_dir(dir.path())
        .arg("lint")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rules.placeholdr").and(predicate::str::contains("placeholder")));
    fs::write(dir.path().join("pmctl.toml"), "[corpus]\nfolders = [\"x\"]\n").unwrap_or_else(|e| panic!("{e}"));
    pmctl()
        .current_dir(dir.path())
        .arg("lint")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pmctl.toml").and(predicate::str::contains("folders")));
}

#[test]
fn config_is_found_by_walking_up() {
    let dir = scratch();
    write(dir.path(), "a.md", "# no frontmatter\n");
    fs::write(dir.path().join("pmctl.toml"), "[rules]\nfrontmatter-missing = \"off\"\nmissing-section = \"off\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    pmctl().current_dir(dir.path().join("postmortems")).args(["lint", "a.md"]).assert().success();
}

#[test]
fn a_path_that_does_not_exist_is_a_usage_error() {
    let dir = scratch();
    pmctl()
        .current_dir(dir.path())
        .args(["lint", "postmortems/nope.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("postmortems/nope.md: no such file or folder"));
}

mod bad_input {
    use super::*;

    #[test]
    fn invalid_utf8_names_file_and_line_and_the_rest_is_linted() {
        let dir = scratch();
        write(dir.path(), "good.md", good_document());
        write(dir.path(), "latin1.md", b"---\ntitle: Caf\xe9\n---\n".as_slice());
        let (findings, code, stderr) = lint_json(dir.path());
        assert_eq!(code, 2);
        assert!(stderr.contains("postmortems/latin1.md: line 2, column 11: not valid UTF-8"), "{stderr}");
        assert!(findings.iter().all(|f| f["path"] != "postmortems/latin1.md"));
        assert!(rules_for(&findings, "good.md").is_empty(), "the good document is still checked");
    }

    #[test]
    fn binary_files_are_skipped_with_a_message() {
        let dir = scratch();
        write(dir.path(), "image.md", [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13].as_slice());
        let (_, code, stderr) = lint_json(dir.path());
        assert_eq!(code, 2);
        assert!(stderr.contains("postmortems/image.md: skipped: this is a binary file"), "{stderr}");
    }

    #[test]
    fn missing_unterminated_and_invalid_frontmatter() {
        let dir = scratch();
        write(dir.path(), "none.md", "# Outage\n\nText.\n");
        write(dir.path(), "open.md", "---\ntitle: Outage\nseverity: P2\n\n## Summary\n");
        write(dir.path(), "yaml.md", "---\ntitle: Outage\nseverity: [P2\ndate: 2026-01-01\n---\n## Summary\n");
        let (findings, code, _) = lint_json(dir.path());
        assert_eq!(code, 1);
        assert_eq!(rules_for(&findings, "none.md").first().map(String::as_str), Some("frontmatter-missing"));
        assert_eq!(rules_for(&findings, "open.md").first().map(String::as_str), Some("frontmatter-invalid"));
        let yaml: Vec<&serde_json::Value> = findings
            .iter()
            .filter(|f| f["path"] == "postmortems/yaml.md" && f["rule"] == "frontmatter-invalid")
            .collect();
        assert_eq!(yaml.len(), 1);
        // The error is reported at its line in the file (line 3 or 4), not line 1 of the block.
        let line = yaml[0]["line"].as_u64().unwrap_or(0);
        assert!((3..=4).contains(&line), "reported at line {line}");
    }

    #[test]
    fn schema_findings_point_at_the_key() {
        let dir = scratch();
        write(dir.path(), "a.md", "---\ntitle: Outage\nseverity: P7\ndate: 2026-01-01\nstatus: done\nowner: me\n---\n");
        let (findings, _, _) = lint_json(dir.path());
        let schema: Vec<(u64, String)> = findings
            .iter()
            .filter(|f| f["rule"] == "frontmatter-schema")
            .map(|f| (f["line"].as_u64().unwrap_or(0), f["message"].as_str().unwrap_or("").to_string()))
            .collect();
        assert!(schema.iter().any(|(line, m)| *line == 3 && m.contains("`P7` is not one of P1, P2, P3")), "{schema:?}");
        assert!(schema.iter().any(|(line, m)| *line == 5 && m.contains("`done`")), "{schema:?}");
    }

    #[test]
    fn a_yaml_alias_bomb_is_rejected() {
        let dir = scratch();
        let mut bomb =
            String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (name, prev) in
            [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g"), ("i", "h")]
        {
            let refs = vec![format!("*{prev}"); 9].join(",");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        bomb.push_str("---\n");
        write(dir.path(), "bomb.md", bomb);
        let (findings, code, _) = lint_json(dir.path());
        assert_eq!(code, 1);
        assert!(rules_for(&findings, "bomb.md").contains(&"frontmatter-invalid".to_string()));
    }

    #[test]
    fn an_oversized_file_is_skipped_and_the_rest_is_linted() {
        let dir = scratch();
        write(dir.path(), "good.md", good_document());
        let line = "- 2026-01-01 10:00 UTC — a line of filler text for a very large document\n";
        write(dir.path(), "huge.md", line.repeat(50 * 1024 * 1024 / line.len()));
        let (findings, code, stderr) = lint_json(dir.path());
        assert_eq!(code, 2);
        assert!(stderr.contains("postmortems/huge.md: skipped: 50.0 MB is larger than the 10 MB"), "{stderr}");
        assert!(rules_for(&findings, "good.md").is_empty());
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let dir = scratch();
        let crlf = format!("\u{feff}{}", good_document().replace('\n', "\r\n"));
        write(dir.path(), "crlf.md", crlf);
        let (findings, code, _) = lint_json(dir.path());
        assert_eq!(code, 0, "{findings:?}");
        assert!(findings.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_reported_and_skipped() {
        let dir = scratch();
        write(dir.path(), "good.md", good_document());
        std::os::unix::fs::symlink(dir.path().join("postmortems"), dir.path().join("postmortems/loop"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (findings, code, stderr) = lint_json(dir.path());
        assert_eq!(code, 2);
        assert!(stderr.contains("postmortems/loop: symbolic link loop; skipped"), "{stderr}");
        assert!(rules_for(&findings, "good.md").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_files_are_reported_and_skipped() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch();
        write(dir.path(), "good.md", good_document());
        // A dangling link cannot be read by anyone, root included.
        std::os::unix::fs::symlink(dir.path().join("gone.md"), dir.path().join("postmortems/dangling.md"))
            .unwrap_or_else(|e| panic!("{e}"));
        let locked = write(dir.path(), "locked.md", "---\ntitle: x\n---\n");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap_or_else(|e| panic!("{e}"));
        let locked_is_unreadable = fs::read(&locked).is_err(); // root reads it anyway
        let (findings, code, stderr) = lint_json(dir.path());
        assert_eq!(code, 2);
        assert!(stderr.contains("postmortems/dangling.md: cannot read"), "{stderr}");
        if locked_is_unreadable {
            assert!(stderr.contains("postmortems/locked.md: cannot read"), "{stderr}");
        }
        assert!(rules_for(&findings, "good.md").is_empty());
    }

    #[test]
    fn an_empty_file_is_reported() {
        let dir = scratch();
        write(dir.path(), "empty.md", "");
        let (findings, code, _) = lint_json(dir.path());
        assert_eq!(code, 1);
        let messages: Vec<&str> = findings.iter().filter_map(|f| f["message"].as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("the file is empty")), "{messages:?}");
    }
}

#[test]
fn a_repository_schema_and_section_aliases_come_from_config() {
    let dir = scratch();
    let good = good_document();
    let renamed =
        good.replace("## Executive Summary", "## Incident Summary").replace("owner: ", "team: payments\nowner: ");
    write(dir.path(), "2026-03-04-renamed.md", &renamed);
    write(dir.path(), "2026-03-05-no-team.md", &good);
    let mut schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(project_root().join("schema/postmortem.schema.json")).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("schema: {e}"));
    schema["required"].as_array_mut().unwrap_or_else(|| panic!("required")).push("team".into());
    fs::create_dir(dir.path().join("schema")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("schema/ours.json"), schema.to_string()).unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        dir.path().join("pmctl.toml"),
        "schema = \"schema/ours.json\"\n[sections.aliases]\n\"Incident Summary\" = \"Executive Summary\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (findings, _, stderr) = lint_json(dir.path());
    assert!(rules_for(&findings, "renamed.md").is_empty(), "{findings:?} {stderr}");
    let missing_team: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["path"] == "postmortems/2026-03-05-no-team.md" && f["rule"] == "frontmatter-schema")
        .collect();
    assert_eq!(missing_team.len(), 1, "{findings:?}");
    assert!(missing_team[0]["message"].as_str().is_some_and(|m| m.contains("`team`")));
}

#[test]
fn custom_severities_change_what_is_allowed_and_required() {
    let dir = scratch();
    let sev0 = good_document().replace("severity: P1", "severity: SEV0");
    write(dir.path(), "2026-03-04-sev0.md", &sev0);
    fs::write(
        dir.path().join("pmctl.toml"),
        "severities = [\"SEV0\", \"SEV1\"]\n[sections.required]\nSEV0 = [\"Executive Summary\", \"Timeline\", \"Action Items\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (findings, code, _) = lint_json(dir.path());
    assert_eq!(code, 0, "{findings:?}");
    write(dir.path(), "2026-03-05-p1.md", good_document());
    let (findings, _, _) = lint_json(dir.path());
    let p1 = rules_for(&findings, "p1.md");
    assert!(p1.contains(&"frontmatter-schema".to_string()), "P1 is not a configured severity: {p1:?}");
}
