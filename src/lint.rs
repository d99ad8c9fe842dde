//! Running the rules over parsed documents and collecting diagnostics.

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Finding, Level};
use crate::document::Document;
use crate::rules::{Check, Context, Rule, RULES};

/// Checks `documents` with every enabled rule; findings are reported only for documents that
/// `report` accepts (all of them for a plain `pmctl lint`), while corpus-wide rules still see the
/// whole corpus.
pub fn lint(documents: &[Document], ctx: &Context<'_>, report: &(dyn Fn(&Document) -> bool + Sync)) -> Vec<Diagnostic> {
    let enabled: Vec<(&Rule, Level)> =
        RULES.iter().map(|rule| (*rule, ctx.config.level(rule))).filter(|(_, level)| *level != Level::Off).collect();

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
    sort(&mut diagnostics);
    diagnostics
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

/// By path, then position: the order a reader goes through a file. Findings at the same place
/// come in registry order, which puts the structural ones (frontmatter, sections) first.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let rank = |rule: &str| RULES.iter().position(|r| r.id == rule).unwrap_or(usize::MAX);
    diagnostics.sort_by(|a, b| {
        (a.path.as_str(), a.span.start, rank(a.rule), a.span.end).cmp(&(
            b.path.as_str(),
            b.span.start,
            rank(b.rule),
            b.span.end,
        ))
    });
}
