use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "empty-section",
    default_level: Level::Error,
    summary: "A section holds nothing but whitespace, comments or template placeholders.",
    explanation: "A heading with nothing under it passes a glance at the outline but tells the reader \
nothing. A section counts as empty when, after removing HTML comments, template placeholders, \
sub-headings and list or table markup, no words are left.",
    bad: "## What Went Well\n\n<!-- What helped during the response? -->\n\n## Lessons Learned\n- [Lesson 1]",
    good: "## What Went Well\n\n- The rollback runbook worked first time; mitigation took 6 minutes.",
    check: Check::Document(check),
};

/// Words that template lines keep around their placeholders ("Owner: [Name]").
const LABEL_WORDS: &[&str] = &["owner", "due", "ticket", "utc", "status"];

/// True when `span` holds no words once comments, placeholders, headings and markup are gone.
pub fn is_empty(doc: &Document, span: Span) -> bool {
    let text = doc.text(span);
    let placeholders = super::placeholder::find(text);
    let mut cleaned = String::with_capacity(text.len());
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.trim_start().starts_with('#') {
            continue;
        }
        for (i, c) in line.char_indices() {
            let at = span.start + line_start + i;
            let in_comment = doc.comments.iter().any(|cm| cm.span.contains(at));
            let in_placeholder = placeholders.iter().any(|&(s, e)| s <= line_start + i && line_start + i < e);
            if !in_comment && !in_placeholder {
                cleaned.push(c);
            }
        }
        cleaned.push(' ');
    }
    let has_words = cleaned
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| !(LABEL_WORDS.contains(&w.to_lowercase().as_str()) || w == "x"));
    !has_words
}

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    for section in &doc.sections {
        if section.kind.is_none() || !is_empty(doc, section.body_span) {
            continue;
        }
        out.push(
            Finding::new(section.heading_span, format!("the `{}` section is empty", section.heading))
                .with_suggestion("write what is known, or state plainly that nothing applies and why"),
        );
    }
}
