//! Measures the blame-language rules and `action-vague` on the labelled sets in `tests/eval/`,
//! through the same library path `pmctl lint` takes (parse → rules → diagnostics), and fails below
//! the agreed bars. Run with `--nocapture` to see the confusion summary and every miss.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use chrono::NaiveDate;
use pmctl::config::Config;
use pmctl::diagnostic::Diagnostic;
use pmctl::document::{parse, Document, ParseOptions};
use pmctl::rules::Context;
use pmctl::schema::FrontmatterSchema;

const BLAME_PRECISION: f64 = 0.95;
const BLAME_RECALL: f64 = 0.85;
const VAGUE_PRECISION: f64 = 0.90;
const VAGUE_RECALL: f64 = 0.85;
const FIELD_ACCURACY: f64 = 0.95;

fn rows(name: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// Lints `bodies` (one document each) with the default configuration.
fn lint(bodies: &[String]) -> Vec<Vec<Diagnostic>> {
    let config = Config::default();
    let schema = FrontmatterSchema::embedded(&config.severities).expect("embedded schema");
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let ctx = Context { config: &config, schema: &schema, today };
    let rules = pmctl::lint::enabled_rules(&ctx, Default::default());
    bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let doc: Document = parse(format!("eval/{i:04}.md"), body.clone(), &ParseOptions::default());
            pmctl::lint::check_document(&doc, &ctx, &rules)
        })
        .collect()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn blame_rules_meet_precision_and_recall() {
    let rows = rows("blame.tsv");
    let bodies: Vec<String> = rows.iter().map(|r| format!("## Root Cause\n\n{}\n", r[2])).collect();
    let results = lint(&bodies);

    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    // expected rule → (sentences, detected by any blame rule, detected by that rule)
    let mut per_rule: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    // trap → (sentences, false positives)
    let mut per_trap: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut fired_counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for (row, diagnostics) in rows.iter().zip(&results) {
        let fired: BTreeSet<&str> = diagnostics.iter().map(|d| d.rule).filter(|r| r.starts_with("blame-")).collect();
        let predicted = !fired.is_empty();
        let (label, rule, sentence) = (&row[0], &row[1], &row[2]);
        for r in &fired {
            let entry = fired_counts.entry(r).or_default();
            if label == "blame" {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
        if label == "blame" {
            let entry = per_rule.entry(rule.clone()).or_default();
            entry.0 += 1;
            if predicted {
                tp += 1;
                entry.1 += 1;
                if fired.contains(rule.as_str()) {
                    entry.2 += 1;
                }
            } else {
                fn_ += 1;
                misses.push(format!("  [{rule}] {sentence}"));
            }
        } else {
            let entry = per_trap.entry(rule.clone()).or_default();
            entry.0 += 1;
            if predicted {
                fp += 1;
                entry.1 += 1;
                false_alarms
                    .push(format!("  [{rule}] {sentence}  → {}", fired.into_iter().collect::<Vec<_>>().join(", ")));
            } else {
                tn += 1;
            }
        }
    }
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    println!("\nblame language: {} sentences, TP {tp} FP {fp} FN {fn_} TN {tn}", rows.len());
    println!("precision {precision:.3}  recall {recall:.3}\n");
    println!("{:<26} {:>5} {:>9} {:>8} {:>14}", "expected rule", "rows", "detected", "recall", "by that rule");
    for (rule, (n, detected, exact)) in &per_rule {
        println!("{rule:<26} {n:>5} {detected:>9} {:>8.3} {exact:>14}", ratio(*detected, *n));
    }
    println!("\n{:<26} {:>5} {:>9}", "trap (ok rows)", "rows", "false pos");
    for (trap, (n, fps)) in &per_trap {
        println!("{trap:<26} {n:>5} {fps:>9}");
    }
    println!("\n{:<26} {:>10} {:>10} {:>10}", "rule fired", "on blame", "on ok", "precision");
    for (rule, (on_blame, on_ok)) in &fired_counts {
        println!("{rule:<26} {on_blame:>10} {on_ok:>10} {:>10.3}", ratio(*on_blame, on_blame + on_ok));
    }
    println!("\nmissed blame ({}):\n{}", misses.len(), misses.join("\n"));
    println!("\nfalse alarms ({}):\n{}", false_alarms.len(), false_alarms.join("\n"));
    assert!(precision >= BLAME_PRECISION, "blame precision {precision:.3} < {BLAME_PRECISION}");
    assert!(recall >= BLAME_RECALL, "blame recall {recall:.3} < {BLAME_RECALL}");
}

#[test]
fn action_rules_meet_precision_recall_and_field_accuracy() {
    let rows = rows("actions.tsv");
    let bodies: Vec<String> = rows.iter().map(|r| format!("## Action Items\n\n- [ ] {}\n", r[3])).collect();
    let results = lint(&bodies);
    let docs: Vec<Document> =
        bodies.iter().map(|b| parse("a.md".into(), b.clone(), &ParseOptions::default())).collect();

    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    let (mut owner_ok, mut due_ok) = (0, 0);
    let mut errors = Vec::new();
    for ((row, diagnostics), doc) in rows.iter().zip(&results).zip(&docs) {
        let vague = row[0] == "true";
        let has_owner = row[1] == "true";
        let has_due = row[2] == "true";
        let item = &row[3];
        let predicted = diagnostics.iter().any(|d| d.rule == "action-vague");
        match (vague, predicted) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                errors.push(format!("  vague, labelled concrete: {item}"));
            }
            (true, false) => {
                fn_ += 1;
                errors.push(format!("  concrete, labelled vague: {item}"));
            }
            (false, false) => tn += 1,
        }
        let action = doc.actions.first().expect("one action item");
        let owner = action.owner.as_ref().map(|o| o.value.as_str());
        let due = action.due_text.as_ref().map(|d| d.value.as_str());
        if owner.is_some() == has_owner {
            owner_ok += 1;
        } else {
            errors.push(format!("  owner {owner:?}, labelled {has_owner}: {item}"));
        }
        if due.is_some() == has_due {
            due_ok += 1;
        } else {
            errors.push(format!("  due {due:?}, labelled {has_due}: {item}"));
        }
    }
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    let owner_accuracy = ratio(owner_ok, rows.len());
    let due_accuracy = ratio(due_ok, rows.len());
    println!("\naction-vague: {} items, TP {tp} FP {fp} FN {fn_} TN {tn}", rows.len());
    println!("precision {precision:.3}  recall {recall:.3}");
    println!("has_owner accuracy {owner_accuracy:.3}  has_due accuracy {due_accuracy:.3}");
    println!("\nerrors ({}):\n{}", errors.len(), errors.join("\n"));
    assert!(precision >= VAGUE_PRECISION, "action-vague precision {precision:.3} < {VAGUE_PRECISION}");
    assert!(recall >= VAGUE_RECALL, "action-vague recall {recall:.3} < {VAGUE_RECALL}");
    assert!(owner_accuracy >= FIELD_ACCURACY, "has_owner accuracy {owner_accuracy:.3} < {FIELD_ACCURACY}");
    assert!(due_accuracy >= FIELD_ACCURACY, "has_due accuracy {due_accuracy:.3} < {FIELD_ACCURACY}");
}

const DOCUMENT: &str = "---
title: Checkout outage
severity: P3
date: 2026-03-04
status: draft
owner: dana
---

## Executive Summary

Priya's schema migration locked the `orders` table for eleven minutes. The on-call should have
escalated sooner. The deploy pipeline should have blocked the migration.

> 10:01 <kim> oops, that was my change, I forgot to add a lock timeout

The trace clearly shows the lock wait at 10:02, just before the failover.

## Detection

An alert fired at 10:03. The engineer responsible has received a written warning.

## Root Cause Analysis

Immediate cause: the migration took an exclusive lock.

Contributing factors: no lock timeout in the migration tool.

Root cause: the migration tool has no lock timeout.

## Action Items

- [ ] Improve monitoring — Owner: @dana — Due: 2026-04-10
- [x] Add a `lock_timeout` of 5 s to every migration run by `migrate.sh` — Owner: @dana — Due: 2026-04-10
";

fn lint_json(dir: &Path, extra_args: &[&str]) -> serde_json::Value {
    let output = Command::cargo_bin("pmctl")
        .expect("binary")
        .current_dir(dir)
        .args(["lint", "--format", "json", "--today", "2026-03-05"])
        .args(extra_args)
        .arg("postmortems")
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).expect("json output")
}

fn rules_at_lines(findings: &serde_json::Value) -> BTreeSet<(String, u64)> {
    findings
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| {
            let rule = f["rule"].as_str().unwrap_or("");
            rule.starts_with("blame-") || rule == "action-vague"
        })
        .map(|f| (f["rule"].as_str().unwrap_or("").to_string(), f["line"].as_u64().unwrap_or(0)))
        .collect()
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("postmortems")).expect("mkdir");
    fs::write(dir.path().join("postmortems/2026-03-04-checkout.md"), DOCUMENT).expect("write");
    dir
}

#[test]
fn lint_reports_blame_and_vague_items_end_to_end() {
    let dir = corpus();
    let findings = lint_json(dir.path(), &[]);
    let got = rules_at_lines(&findings);
    let expected: BTreeSet<(String, u64)> =
        [("blame-person", 11), ("blame-counterfactual", 11), ("blame-punitive", 20), ("action-vague", 32)]
            .into_iter()
            .map(|(r, l)| (r.to_string(), l))
            .collect();
    assert_eq!(got, expected, "{findings:#}");
    let person = findings
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["rule"] == "blame-person")
        .expect("a blame-person finding");
    assert_eq!(person["severity"], "warning");
    assert!(person["message"].as_str().unwrap_or("").contains("may"), "{person}");
    assert!(!person["suggestion"].is_null(), "{person}");
}

#[test]
fn config_allows_adds_and_levels_language_rules() {
    let dir = corpus();
    fs::write(
        dir.path().join("pmctl.toml"),
        "[rules]\nblame-punitive = \"off\"\naction-vague = \"error\"\n\n[language]\nallow = [\"should have escalated\"]\nextra = { \"blame-judgment\" = [\"eleven minutes\"] }\n",
    )
    .expect("write config");
    let findings = lint_json(dir.path(), &[]);
    let got = rules_at_lines(&findings);
    assert!(!got.iter().any(|(r, _)| r == "blame-punitive"), "{got:?}");
    assert!(!got.iter().any(|(r, _)| r == "blame-counterfactual"), "{got:?}");
    assert!(got.contains(&("blame-judgment".to_string(), 11)), "{got:?}");
    let vague = findings.as_array().expect("array").iter().find(|f| f["rule"] == "action-vague").expect("vague");
    assert_eq!(vague["severity"], "error");

    let status = Command::cargo_bin("pmctl")
        .expect("binary")
        .current_dir(dir.path())
        .args(["lint", "--today", "2026-03-05", "postmortems"])
        .output()
        .expect("runs")
        .status;
    assert_eq!(status.code(), Some(1), "an error-level action-vague finding fails the run");
}

#[test]
fn explain_prints_every_language_rule_with_examples() {
    for rule in [
        "blame-person",
        "blame-human-error",
        "blame-counterfactual",
        "blame-hindsight",
        "blame-judgment",
        "blame-punitive",
        "blame-process-violation",
        "action-vague",
    ] {
        let output = Command::cargo_bin("pmctl").expect("binary").args(["explain", rule]).output().expect("runs");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{rule}");
        assert!(
            text.contains("warning by default") && text.contains("Reported") && text.contains("Write instead"),
            "{text}"
        );
    }
}
