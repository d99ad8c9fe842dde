//! The human format: rustc-style snippets with a caret under each finding, then a summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::style::Style;
use super::{plural, Counts, Sources};
use crate::diagnostic::Diagnostic;
use crate::discover::Problem;

pub fn render(diagnostics: &[Diagnostic], sources: &Sources<'_>, style: Style) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        render_one(&mut out, diagnostic, sources, style);
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &Sources<'_>, style: Style) {
    let (start, end) = sources.locate(d);
    let header = format!("{}[{}]", d.level, d.rule);
    let _ = writeln!(out, "{}{} {}", style.level(d.level, &header), style.bold(":"), style.bold(&d.message));
    let gutter = start.line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}{} {}:{}:{}", style.accent("-->"), d.path, start.line, start.column);
    if let Some(file) = sources.file(&d.path) {
        let line_text = file.lines.line_text(&file.text, start.line - 1);
        let _ = writeln!(out, "{pad} {}", style.accent("|"));
        let _ =
            writeln!(out, "{} {} {}", style.accent(&start.line.to_string()), style.accent("|"), expand_tabs(line_text));
        let width = line_text.chars().count();
        let caret_start = start.column - 1;
        let caret_end = if end.line == start.line { end.column - 1 } else { width };
        let caret_len = caret_end.saturating_sub(caret_start).max(1);
        let indent: String =
            line_text.chars().take(caret_start).map(|c| if c == '\t' { "    " } else { " " }).collect();
        let _ = writeln!(out, "{pad} {} {}{}", style.accent("|"), indent, style.level(d.level, &"^".repeat(caret_len)));
    }
    if let Some(suggestion) = &d.suggestion {
        let _ = writeln!(out, "{pad} {} {}: {}", style.accent("="), style.bold("help"), suggestion);
    }
    out.push('\n');
}

fn expand_tabs(text: &str) -> String {
    text.replace('\t', "    ")
}

/// The closing summary: totals, then a count per rule (most frequent first) so that a team
/// adopting pmctl on an existing corpus sees where to start.
pub fn summary(diagnostics: &[Diagnostic], problems: &[Problem], files_checked: usize, style: Style) -> String {
    let mut out = String::new();
    for problem in problems {
        let _ = writeln!(out, "{}{} {}: {}", style.error("error"), style.bold(":"), problem.path, problem.message);
    }
    if !problems.is_empty() {
        out.push('\n');
    }
    let counts = Counts::of(diagnostics);
    let files_with: usize = {
        let mut paths: Vec<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
        paths.dedup();
        paths.len()
    };
    if diagnostics.is_empty() {
        let checked = plural(files_checked, "post-mortem", "post-mortems");
        let _ = writeln!(out, "{} {checked} checked, no findings.", style.good("✓"));
        return out;
    }
    let mut parts = Vec::new();
    if counts.errors > 0 {
        parts.push(style.error(&plural(counts.errors, "error", "errors")));
    }
    if counts.warnings > 0 {
        parts.push(style.warning(&plural(counts.warnings, "warning", "warnings")));
    }
    if counts.infos > 0 {
        parts.push(style.info(&plural(counts.infos, "note", "notes")));
    }
    let _ = writeln!(
        out,
        "Found {} in {} of {} checked.",
        parts.join(", "),
        files_with,
        plural(files_checked, "post-mortem", "post-mortems")
    );
    let mut by_rule: BTreeMap<&str, (usize, crate::diagnostic::Level)> = BTreeMap::new();
    for d in diagnostics {
        let entry = by_rule.entry(d.rule).or_insert((0, d.level));
        entry.0 += 1;
        entry.1 = entry.1.max(d.level);
    }
    let mut rows: Vec<(&str, usize, crate::diagnostic::Level)> =
        by_rule.into_iter().map(|(rule, (count, level))| (rule, count, level)).collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    out.push('\n');
    for (rule, count, level) in rows {
        let summary = crate::rules::find(rule).map_or("", |r| r.summary);
        let _ = writeln!(
            out,
            "{count:>6}  {}  {:<7}  {}",
            style.bold(&format!("{rule:<width$}")),
            style.level(level, level.as_str()),
            style.dim(summary)
        );
    }
    let _ = writeln!(out, "\nRun `pmctl explain RULE` for why a rule matters and how to fix what it reports.");
    out.push_str(&adoption_hints(diagnostics, files_checked, style));
    out
}

/// When most of a corpus fails the same structural rules, it was written to another template:
/// say where converting it starts instead of leaving a team to read hundreds of findings.
fn adoption_hints(diagnostics: &[Diagnostic], files_checked: usize, style: Style) -> String {
    let files_with = |rule: &str| {
        let mut paths: Vec<&str> = diagnostics.iter().filter(|d| d.rule == rule).map(|d| d.path.as_str()).collect();
        paths.dedup();
        paths.len()
    };
    let widespread = |count: usize| files_checked >= 5 && count * 2 >= files_checked;
    let mut hints = Vec::new();
    let no_frontmatter = files_with("frontmatter-missing");
    if widespread(no_frontmatter) {
        hints.push(format!(
            "{no_frontmatter} of {files_checked} post-mortems have no frontmatter: `pmctl new \"Title\"` writes a document \
whose frontmatter block you can copy to the top of each one."
        ));
    }
    let schema = files_with("frontmatter-schema");
    if widespread(schema) {
        hints.push(format!(
            "{schema} of {files_checked} post-mortems have frontmatter of another shape: add the keys pmctl needs \
(title, severity, date, status, owner) beside yours; other keys are kept."
        ));
    }
    let sections = files_with("missing-section");
    if widespread(sections) {
        hints.push(format!(
            "{sections} of {files_checked} post-mortems miss required sections: if your headings name the same things \
differently, map them in pmctl.toml under [sections.aliases] (\"Incident Summary\" = \"Executive Summary\"), \
and set [sections.required] to what your team agrees on."
        ));
    }
    if hints.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", style.bold("Adopting pmctl on an existing corpus? Start here:"));
    for hint in hints {
        out.push_str(&format!("  - {hint}\n"));
    }
    out.push_str(
        "  - Turn rules down while converting: [rules] action-none = \"warning\" (or \"off\"), then back up.\n",
    );
    out
}
