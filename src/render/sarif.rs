//! `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub's `upload-sarif`, IDE viewers).
//!
//! One run, one rule descriptor per rule in the registry (help text from the rule's explanation
//! and examples, so `pmctl explain` and the code-scanning UI say the same thing), one result per
//! finding with its region and a `primaryLocationLineHash` fingerprint that survives lines moving
//! up or down, so an alert stays the same alert across pushes. Files that could not be read
//! become tool execution notifications.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Sources;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::discover::Problem;
use crate::rules::{Rule, RULES};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

#[derive(Serialize)]
struct Configuration {
    enabled: bool,
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

pub fn render(diagnostics: &[Diagnostic], problems: &[Problem], sources: &Sources<'_>, config: &Config) -> String {
    let rules: Vec<RuleDescriptor<'_>> = RULES.iter().map(|rule| descriptor(rule, config.level(rule))).collect();
    let mut seen: HashMap<(String, u64), usize> = HashMap::new();
    let results = diagnostics
        .iter()
        .map(|d| {
            let (start, end) = sources.locate(d);
            let hash = line_hash(d, sources);
            let occurrence = seen.entry((d.path.clone(), hash)).or_insert(0);
            *occurrence += 1;
            let mut text = d.message.clone();
            if let Some(suggestion) = &d.suggestion {
                text.push_str("\nhelp: ");
                text.push_str(suggestion);
            }
            SarifResult {
                rule_id: d.rule,
                rule_index: RULES.iter().position(|r| r.id == d.rule).unwrap_or(0),
                level: level(d.level),
                message: Text { text, markdown: None },
                locations: vec![location(
                    &d.path,
                    Some(Region {
                        start_line: start.line,
                        start_column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                    }),
                )],
                partial_fingerprints: BTreeMap::from([(
                    "primaryLocationLineHash",
                    format!("{hash:016x}:{}", *occurrence),
                )]),
            }
        })
        .collect();
    let notifications = problems
        .iter()
        .map(|p| Notification {
            level: "error",
            message: Text { text: format!("{}: {}", p.path, p.message), markdown: None },
            locations: vec![location(&p.path, None)],
        })
        .collect();
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "pmctl",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: problems.is_empty(),
                tool_execution_notifications: notifications,
            }],
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}

fn descriptor(rule: &Rule, configured: Level) -> RuleDescriptor<'_> {
    let family = rule.id.split('-').next().unwrap_or(rule.id).to_string();
    RuleDescriptor {
        id: rule.id,
        name: camel_case(rule.id),
        short_description: Text { text: rule.summary.to_string(), markdown: None },
        full_description: Text { text: rule.explanation.to_string(), markdown: None },
        help: Text {
            text: format!(
                "{}\n\nReported:\n{}\n\nWrite instead:\n{}",
                rule.explanation,
                indent(rule.bad),
                indent(rule.good)
            ),
            markdown: Some(format!(
                "{}\n\n**Reported**\n\n```markdown\n{}\n```\n\n**Write instead**\n\n```markdown\n{}\n```\n\nRun `pmctl explain {}` for the same text in a terminal.",
                rule.explanation, rule.bad, rule.good, rule.id
            )),
        },
        default_configuration: Configuration {
            enabled: configured != Level::Off,
            level: if configured == Level::Off { level(rule.default_level) } else { level(configured) },
        },
        properties: Properties { tags: vec!["post-mortem".to_string(), family] },
    }
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

fn location(path: &str, region: Option<Region>) -> Location {
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri_path(path), uri_base_id: SRCROOT },
            region,
        },
    }
}

/// `blame-person` → `BlamePerson`, SARIF's readable rule name.
fn camel_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("    {line}")).collect::<Vec<_>>().join("\n")
}

/// A relative URI for a `/`-separated path: everything but unreserved characters and `/`
/// percent-encoded, byte by byte.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A stable hash of what was flagged: the rule, the flagged text and the line it stands on, with
/// whitespace collapsed. It does not include the line number, so inserting lines above a finding
/// keeps its identity; identical findings in one file are told apart by an occurrence counter.
fn line_hash(d: &Diagnostic, sources: &Sources<'_>) -> u64 {
    let mut hasher = Fnv1a::default();
    hasher.write(d.rule.as_bytes());
    if let Some(file) = sources.file(&d.path) {
        let line = file.lines.line_of(d.span.start.min(file.text.len()));
        hasher.write(&[0]);
        hasher.write(collapse(file.lines.line_text(&file.text, line)).as_bytes());
        hasher.write(&[0]);
        hasher.write(collapse(file.text.get(d.span.start..d.span.end).unwrap_or("")).as_bytes());
    }
    hasher.0
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// FNV-1a, 64 bits: fixed by its definition, unlike `std`'s hasher, so fingerprints stay the same
/// across Rust versions and platforms.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_relative_paths() {
        assert_eq!(uri_path("postmortems/2026 Q1/ç.md"), "postmortems/2026%20Q1/%C3%A7.md");
    }

    #[test]
    fn fnv_is_the_published_function() {
        let mut h = Fnv1a::default();
        h.write(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn names_are_camel_case() {
        assert_eq!(camel_case("inline-config-invalid"), "InlineConfigInvalid");
    }
}
