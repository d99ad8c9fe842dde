//! Running the rules over parsed documents and collecting diagnostics.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Finding, Level};
use crate::document::Document;
use crate::rules::{Check, Context, Rule, INLINE_CONFIG_INVALID, RULES};
use crate::suppress::Suppressions;

/// How a lint run treats the documents beyond the rules themselves.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Honour `<!-- pmctl-disable… -->` comments (off with `--no-inline-config`).
    pub inline_config: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { inline_config: true }
    }
}

/// Checks `documents` with every enabled rule; findings are reported only for documents that
/// `report` accepts (all of them for a plain `pmctl lint`), while corpus-wide rules still see the
/// whole corpus. Inline suppression comments are honoured.
pub fn lint(documents: &[Document], ctx: &Context<'_>, report: &(dyn Fn(&Document) -> bool + Sync)) -> Vec<Diagnostic> {
    lint_with(documents, ctx, report, Options::default())
}

/// [`lint`] with explicit [`Options`].
pub fn lint_with(
    documents: &[Document],
    ctx: &Context<'_>,
    report: &(dyn Fn(&Document) -> bool + Sync),
    options: Options,
) -> Vec<Diagnostic> {
    let enabled: Vec<(&Rule, Level)> = RULES
        .iter()
        .map(|rule| (*rule, ctx.config.level(rule)))
        .filter(|(_, level)| *level != Level::Off)
        .filter(|(rule, _)| options.inline_config || rule.id != INLINE_CONFIG_INVALID)
        .collect();

    let mut diagnostics: Vec<Diagnostic> = documents
        .par_iter()
        .filter(|doc| report(doc))
        .flat_map_iter(|doc| {
            let mut out = Vec::new();
            for (rule, level) in &enabled {
                if let Check::Document(check) = rule.check {
                    let mut findings = Vec::new();
                    check(doc, ctx, &mut findings);
                    out.extend(findings.into_iter().map(|f| diagnostic(doc, rule, *level, f)));
                }
            }
            out
        })
        .collect();

    let all: Vec<&Document> = documents.iter().collect();
    for (rule, level) in &enabled {
        if let Check::Corpus(check) = rule.check {
            let mut findings = Vec::new();
            check(&all, ctx, &mut findings);
            diagnostics.extend(
                findings
                    .into_iter()
                    .filter(|(index, _)| report(all[*index]))
                    .map(|(index, finding)| diagnostic(all[index], rule, *level, finding)),
            );
        }
    }
    if options.inline_config {
        suppress(documents, &mut diagnostics);
    }
    sort(&mut diagnostics);
    diagnostics
}

/// Drops the diagnostics that inline comments silence.
fn suppress(documents: &[Document], diagnostics: &mut Vec<Diagnostic>) {
    let by_path: HashMap<&str, &Document> = documents.iter().map(|d| (d.path.as_str(), d)).collect();
    let mut cache: HashMap<&str, Suppressions> = HashMap::new();
    diagnostics.retain(|diagnostic| {
        let Some(doc) = by_path.get(diagnostic.path.as_str()) else { return true };
        let suppressions = cache.entry(doc.path.as_str()).or_insert_with(|| Suppressions::of(doc).0);
        suppressions.is_empty() || !suppressions.suppresses_diagnostic(doc, diagnostic)
    });
}

fn diagnostic(doc: &Document, rule: &Rule, level: Level, finding: Finding) -> Diagnostic {
    Diagnostic {
        path: doc.path.clone(),
        span: finding.span,
        rule: rule.id,
        level,
        message: finding.message,
        suggestion: finding.suggestion,
    }
}

/// By path, then position: the order a reader goes through a file.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.path.as_str(), a.span.start, a.span.end, a.rule).cmp(&(b.path.as_str(), b.span.start, b.span.end, b.rule))
    });
}
