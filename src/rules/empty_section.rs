use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

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

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    for section in &doc.sections {
        if section.kind.is_none() || !section.empty {
            continue;
        }
        out.push(
            Finding::new(section.heading_span, format!("the `{}` section is empty", section.heading))
                .with_suggestion("write what is known, or state plainly that nothing applies and why"),
        );
    }
}
