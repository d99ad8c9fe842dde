//! `--format json` (SPEC §4.2): an array of findings with 1-based positions.

use serde::Serialize;

use super::Sources;
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    suggestion: Option<&'a str>,
}

pub fn render(diagnostics: &[Diagnostic], sources: &Sources<'_>) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| {
            let (start, end) = sources.locate(d);
            JsonDiagnostic {
                path: &d.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                rule: d.rule,
                severity: d.level.as_str(),
                message: &d.message,
                suggestion: d.suggestion.as_deref(),
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}
