//! `--format github`, `--format sarif` and the GitHub job summary, through the binary.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const HEADER: &str =
    "---\ntitle: Checkout errors\nseverity: P3\ndate: 2026-01-05\nstatus: draft\nowner: \"@sre\"\n---\n\n";

/// A P3 document with every required section, so that only what a test adds is reported.
fn complete(extra_summary: &str) -> String {
    format!(
        "{HEADER}## Executive Summary\n\nCheckout failed for 20 minutes.{extra_summary}\n\n## Detection\n\nAn alert fired.\n\n\
         ## Root Cause Analysis\n\n### Immediate cause\n\nA flag.\n\n### Contributing factors\n\n- No canary.\n\n\
         ### Root cause\n\nNo staged rollout.\n\n## Action Items\n\n- [ ] Add a canary stage to the flag rollout — Owner: @sre — Due: 2026-03-01\n"
    )
}

fn corpus(files: &[(&str, &str)]) -> TempDir {
    let tmp = TempDir::new().expect("tempdir");
    for (path, text) in files {
        let path = tmp.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    tmp
}

fn pmctl(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmctl").expect("binary");
    cmd.current_dir(dir).env("PMCTL_TODAY", "2026-02-01").env_remove("GITHUB_STEP_SUMMARY").env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("utf-8")
}

#[test]
fn github_commands_are_escaped_and_most_important_first() {
    let dir = corpus(&[
        ("postmortems/2026-01-05-a.md", &complete(" [X% of carts] failed.\n\n<!-- pmctl-disable-next-line nope -->")),
        ("postmortems/2026-01-06-b, c.md", &HEADER.replace("title: Checkout errors", "title: B")),
    ]);
    let out = stdout(pmctl(dir.path()).args(["lint", "--format", "github"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(
            "::error file=postmortems/2026-01-06-b%2C c.md,line=3,col=1,endLine=3,title=missing-section::"
        ),
        "{out}"
    );
    let placeholder = lines.iter().find(|l| l.contains("title=placeholder")).expect("placeholder line");
    assert_eq!(
        *placeholder,
        "::error file=postmortems/2026-01-05-a.md,line=11,col=33,endLine=11,title=placeholder::template placeholder \
         `[X%25 of carts]` is still here%0Ahelp: replace it with the real value, or say plainly what is not known yet"
    );
    // Warnings come after every error, and the last line counts everything.
    let first_warning = lines.iter().position(|l| l.starts_with("::warning")).expect("a warning");
    assert!(lines[..first_warning].iter().all(|l| l.starts_with("::error")));
    assert!(lines[first_warning].contains("title=inline-config-invalid"));
    assert_eq!(lines.last(), Some(&"pmctl: 2 errors, 1 warning, 0 notices in 2 post-mortems checked"));
}

#[test]
fn github_count_line_says_when_annotations_are_cut() {
    let mut files = Vec::new();
    for day in 10..22 {
        files.push((format!("postmortems/2026-01-{day}-x.md"), complete(" TBD.")));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let dir = corpus(&files);
    pmctl(dir.path()).args(["lint", "--format", "github"]).assert().code(1).stdout(predicate::str::ends_with(
        "pmctl: 12 errors, 0 warnings, 0 notices in 12 post-mortems checked (GitHub shows 10 annotations of each \
         level: 2 errors are only in this log and the job summary)\n",
    ));
}

#[test]
fn step_summary_is_appended_for_people_and_not_for_machines() {
    let dir = corpus(&[("postmortems/2026-01-05-a.md", &complete(" TBD and TODO."))]);
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    pmctl(dir.path()).env("GITHUB_STEP_SUMMARY", &summary).args(["lint", "--format", "github"]).assert().code(1);
    let text = std::fs::read_to_string(&summary).expect("summary");
    assert!(text.starts_with("earlier step\n## pmctl lint\n"), "{text}");
    assert!(text.contains("❌ 2 errors, 0 warnings, 0 notices in 1 post-mortem checked."), "{text}");
    assert!(text.contains("| `postmortems/2026-01-05-a.md` | `placeholder` | error | 2 | line 11 |"), "{text}");
    assert!(
        text.contains("- `postmortems/2026-01-05-a.md:11:33` error `placeholder`: template placeholder `TBD`"),
        "{text}"
    );

    let before = std::fs::read_to_string(&summary).expect("summary");
    pmctl(dir.path()).env("GITHUB_STEP_SUMMARY", &summary).args(["lint", "--format", "sarif"]).assert().code(1);
    assert_eq!(std::fs::read_to_string(&summary).expect("summary"), before);
}

fn sarif_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema json");
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("https://example.invalid/sarif-schema-2.1.0.json", schema).expect("resource");
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile("https://example.invalid/sarif-schema-2.1.0.json", &mut schemas).expect("compiles");
    (schemas, index)
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let dir = corpus(&[
        ("postmortems/2026-01-05-a.md", &complete(" TBD.\n\n<!-- pmctl-disable-next-line nope -->")),
        ("postmortems/2026 Q1/2026-01-06-ç.md", "no frontmatter\n"),
        ("postmortems/2026-01-07-clean.md", &complete("")),
    ]);
    let out = stdout(pmctl(dir.path()).args(["lint", "--format", "sarif"]));
    let log: Value = serde_json::from_str(&out).expect("sarif is json");
    let (schemas, index) = sarif_schema();
    if let Err(error) = schemas.validate(&log, index) {
        panic!("not valid SARIF 2.1.0: {error:#}\n{out}");
    }
    // The schema does catch what a hand-written writer gets wrong.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(schemas.validate(&broken, index).is_err());

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "one descriptor per rule id");
    assert!(ids.contains(&"placeholder") && ids.contains(&"inline-config-invalid"));
    let placeholder = rules.iter().find(|r| r["id"] == "placeholder").expect("placeholder rule");
    assert!(placeholder["help"]["text"].as_str().expect("help").contains("Write instead:"));

    let results = run["results"].as_array().expect("results");
    let result = results.iter().find(|r| r["ruleId"] == "placeholder").expect("placeholder result");
    assert_eq!(ids[result["ruleIndex"].as_u64().expect("index") as usize], "placeholder");
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "postmortems/2026-01-05-a.md");
    assert_eq!(location["region"]["startLine"], 11);
    assert_eq!(location["region"]["startColumn"], 33);
    assert_eq!(location["region"]["endColumn"], 36);
    let fingerprint = result["partialFingerprints"]["primaryLocationLineHash"].as_str().expect("fingerprint");
    assert!(fingerprint.ends_with(":1") && fingerprint.len() == 18, "{fingerprint}");
    let warning = results.iter().find(|r| r["ruleId"] == "inline-config-invalid").expect("inline-config result");
    assert_eq!(warning["level"], "warning");
    let encoded = results
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .any(|uri| uri == "postmortems/2026%20Q1/2026-01-06-%C3%A7.md");
    assert!(encoded, "{out}");
}

#[test]
fn sarif_fingerprints_survive_lines_moving() {
    let fingerprint = |text: &str| {
        let dir = corpus(&[("postmortems/2026-01-05-a.md", text)]);
        let log: Value =
            serde_json::from_str(&stdout(pmctl(dir.path()).args(["lint", "--format", "sarif"]))).expect("json");
        let result = log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .find(|r| r["ruleId"] == "placeholder")
            .cloned()
            .expect("placeholder");
        (result["partialFingerprints"]["primaryLocationLineHash"].clone(), result["locations"][0].clone())
    };
    let before = fingerprint(&complete(" TBD."));
    let after = fingerprint(
        &complete(" TBD.").replace("## Executive Summary\n", "## Executive Summary\n\nA new first paragraph.\n"),
    );
    assert_eq!(before.0, after.0);
    assert_ne!(before.1, after.1, "the finding did move");
}

#[test]
fn sarif_with_no_findings_is_still_valid() {
    let dir = corpus(&[("postmortems/2026-01-07-clean.md", &complete(""))]);
    let out = pmctl(dir.path()).args(["lint", "--format", "sarif"]).assert().success().get_output().stdout.clone();
    let log: Value = serde_json::from_slice(&out).expect("json");
    let (schemas, index) = sarif_schema();
    assert!(schemas.validate(&log, index).is_ok());
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}
