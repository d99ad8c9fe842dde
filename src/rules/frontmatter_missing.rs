use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{Document, FrontmatterState};
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "frontmatter-missing",
    default_level: Level::Error,
    summary: "The document does not start with a YAML frontmatter block.",
    explanation: "pmctl reads a post-mortem's title, severity, date, status and owner from YAML \
frontmatter between two `---` lines at the very top of the file. Without it the document cannot \
be placed in the corpus: it has no severity to decide which sections it needs, no date for the \
timeline and no owner for its follow-through.",
    bad: "# Checkout outage\n\n## Summary\n…",
    good: "---\ntitle: Checkout outage\nseverity: P2\ndate: 2026-03-04\nstatus: draft\nowner: \"@payments\"\n---\n\n## Executive Summary\n…",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    if !matches!(doc.frontmatter, FrontmatterState::Missing) {
        return;
    }
    let first_line_end = doc.source.find('\n').unwrap_or(doc.source.len());
    let span = Span::new(0, doc.source[..first_line_end].trim_end().len());
    let message = if doc.source.trim().is_empty() {
        "the file is empty: a post-mortem starts with YAML frontmatter"
    } else {
        "no frontmatter: a post-mortem starts with a `---` line, YAML keys, and a closing `---`"
    };
    out.push(Finding::new(span, message).with_suggestion(
        "add `---`, then `title`, `severity`, `date`, `status` and `owner`, then `---` (see postmortems/_template.md)",
    ));
}
