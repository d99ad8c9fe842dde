//! `--format github`: GitHub Actions workflow commands, which GitHub turns into annotations on
//! the pull request's changed lines; and the Markdown job summary (`$GITHUB_STEP_SUMMARY`).
//!
//! GitHub shows at most 10 annotations of each level per step and drops the rest without a word,
//! so the most important come first (errors, then warnings, then notices; within a level, rules in
//! registry order, which puts broken frontmatter and structure before wording), and the output
//! ends with a plain count line that says how many there were. The job summary carries the full
//! list.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{plural, Counts, Sources};
use crate::diagnostic::{Diagnostic, Level};
use crate::discover::Problem;
use crate::rules::RULES;

/// How many annotations of one level GitHub shows for a step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// The workflow commands, most important first, then the count line.
pub fn render(diagnostics: &[Diagnostic], problems: &[Problem], sources: &Sources<'_>, files_checked: usize) -> String {
    let mut out = String::new();
    for problem in problems {
        let _ = writeln!(out, "::error file={},title=pmctl::{}", property(&problem.path), data(&problem.message));
    }
    for d in by_importance(diagnostics) {
        let (start, end) = sources.locate(d);
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info | Level::Off => "notice",
        };
        let mut message = d.message.clone();
        if let Some(suggestion) = &d.suggestion {
            let _ = write!(message, "\nhelp: {suggestion}");
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},title={}::{}",
            property(&d.path),
            start.line,
            start.column,
            end.line,
            property(d.rule),
            data(&message)
        );
    }
    out.push_str(&count_line(diagnostics, problems, files_checked));
    out
}

/// Errors before warnings before notices; within a level, rules in registry order, then files
/// and positions.
fn by_importance(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let rank = |rule: &str| RULES.iter().position(|r| r.id == rule).unwrap_or(usize::MAX);
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then(rank(a.rule).cmp(&rank(b.rule)))
            .then(a.path.cmp(&b.path))
            .then(a.span.start.cmp(&b.span.start))
    });
    sorted
}

fn count_line(diagnostics: &[Diagnostic], problems: &[Problem], files_checked: usize) -> String {
    let counts = Counts::of(diagnostics);
    let checked = plural(files_checked, "post-mortem", "post-mortems");
    let mut line = if diagnostics.is_empty() {
        format!("pmctl: {checked} checked, no findings")
    } else {
        let parts = [
            plural(counts.errors, "error", "errors"),
            plural(counts.warnings, "warning", "warnings"),
            plural(counts.infos, "notice", "notices"),
        ];
        format!("pmctl: {} in {checked} checked", parts.join(", "))
    };
    if !problems.is_empty() {
        let _ = write!(line, "; {} could not be read", plural(problems.len(), "file", "files"));
    }
    let hidden: Vec<String> = [
        (counts.errors + problems.len(), "error", "errors"),
        (counts.warnings, "warning", "warnings"),
        (counts.infos, "notice", "notices"),
    ]
    .into_iter()
    .filter(|(count, ..)| *count > ANNOTATIONS_PER_LEVEL)
    .map(|(count, one, many)| plural(count - ANNOTATIONS_PER_LEVEL, one, many))
    .collect();
    if !hidden.is_empty() {
        let _ = write!(
            line,
            " (GitHub shows {ANNOTATIONS_PER_LEVEL} annotations of each level: {} are only in this log and the job summary)",
            hidden.join(", ")
        );
    }
    line.push('\n');
    line
}

/// Escapes the message of a workflow command.
pub fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a workflow command (`file=`, `title=`).
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The Markdown job summary: totals, findings per file and rule, then every finding.
pub fn step_summary(
    diagnostics: &[Diagnostic],
    problems: &[Problem],
    sources: &Sources<'_>,
    files_checked: usize,
    scope: Option<&str>,
) -> String {
    // GitHub refuses a step summary over 1 MiB; stay well below it and say what was left out.
    const BUDGET: usize = 900 * 1024;
    let mut out = String::from("## pmctl lint\n\n");
    let counts = Counts::of(diagnostics);
    let checked = plural(files_checked, "post-mortem", "post-mortems");
    let scope = scope.map(|s| format!(" {s}")).unwrap_or_default();
    if diagnostics.is_empty() && problems.is_empty() {
        let _ = writeln!(out, "✅ {checked}{scope} checked, no findings.");
        return out;
    }
    let _ = writeln!(
        out,
        "{} {}, {}, {} in {checked}{scope} checked.\n",
        if counts.errors > 0 || !problems.is_empty() { "❌" } else { "⚠️" },
        plural(counts.errors, "error", "errors"),
        plural(counts.warnings, "warning", "warnings"),
        plural(counts.infos, "notice", "notices"),
    );
    if !problems.is_empty() {
        out.push_str("Could not be read:\n\n");
        for problem in problems {
            let _ = writeln!(out, "- {}: {}", code(&problem.path), cell(&problem.message));
        }
        out.push('\n');
    }
    if !diagnostics.is_empty() {
        // (path, rule) → (level, count, first line)
        let mut rows: BTreeMap<(&str, &str), (Level, usize, usize)> = BTreeMap::new();
        for d in diagnostics {
            let line = sources.locate(d).0.line;
            let row = rows.entry((d.path.as_str(), d.rule)).or_insert((d.level, 0, line));
            row.0 = row.0.max(d.level);
            row.1 += 1;
            row.2 = row.2.min(line);
        }
        out.push_str("| Post-mortem | Rule | Level | Findings | First at |\n|---|---|---|---:|---|\n");
        for ((path, rule), (level, count, line)) in &rows {
            let _ = writeln!(out, "| {} | `{rule}` | {} | {count} | line {line} |", code(path), level_name(*level));
        }
        out.push_str("\n<details><summary>Every finding</summary>\n\n");
        for (shown, d) in diagnostics.iter().enumerate() {
            if out.len() > BUDGET {
                let _ = writeln!(out, "- … and {} more (run `pmctl lint` to see them all)", diagnostics.len() - shown);
                break;
            }
            let (start, _) = sources.locate(d);
            let _ = write!(
                out,
                "- {} {} `{}`: {}",
                code(&format!("{}:{}:{}", d.path, start.line, start.column)),
                level_name(d.level),
                d.rule,
                cell(&d.message)
            );
            if let Some(suggestion) = &d.suggestion {
                let _ = write!(out, " — {}", cell(suggestion));
            }
            out.push('\n');
        }
        out.push_str(
            "\n</details>\n\nRun `pmctl explain RULE` for why a rule matters and how to fix what it reports.\n",
        );
    }
    out
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info | Level::Off => "notice",
    }
}

/// Text safe inside a Markdown table cell or list item: one line, no column breaks.
fn cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ").replace('|', "\\|")
}

/// A path as inline code.
fn code(text: &str) -> String {
    format!("`{}`", cell(&text.replace('`', "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_specifies() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
