//! No input makes the parser or a rule panic: every prefix of a real document, and documents
//! with multi-byte characters dropped in at every position, are parsed and checked.

use chrono::NaiveDate;
use pmctl::config::Config;
use pmctl::document::{parse, ParseOptions};
use pmctl::lint::{check_document, enabled_rules};
use pmctl::rules::Context;
use pmctl::schema::FrontmatterSchema;

fn sample() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint/2026-02-03-search-latency.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"))
}

fn check_all(texts: impl Iterator<Item = String>) -> usize {
    let config = Config::default();
    let schema = FrontmatterSchema::embedded(&config.severities).unwrap_or_else(|e| panic!("{e}"));
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    let ctx = Context { config: &config, schema: &schema, today };
    let rules = enabled_rules(&ctx, Default::default());
    let options = ParseOptions::default();
    let mut findings = 0;
    for text in texts {
        let doc = parse("p.md".into(), text, &options);
        for d in check_document(&doc, &ctx, &rules) {
            assert!(d.span.start <= d.span.end && d.span.end <= doc.source.len(), "{d:?}");
            findings += 1;
        }
    }
    findings
}

#[test]
fn every_prefix_parses_and_checks() {
    let text = sample();
    let prefixes = text.char_indices().map(|(i, _)| text[..i].to_string());
    assert!(check_all(prefixes) > 0);
}

#[test]
fn multibyte_characters_anywhere() {
    let text = sample();
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(3).collect();
    let text = &text;
    let variants = boundaries.into_iter().flat_map(|i| {
        ["—", "é", "\u{feff}", "[", "`", "~~", "\r\n", "---\n"]
            .into_iter()
            .map(move |insert| format!("{}{insert}{}", &text[..i], &text[i..]))
    });
    check_all(variants);
}
