use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{Document, FrontmatterState};

pub static RULE: Rule = Rule {
    id: "frontmatter-invalid",
    default_level: Level::Error,
    summary: "The frontmatter is not closed, or is not valid YAML.",
    explanation: "The frontmatter must be a YAML mapping between a first `---` line and the next \
`---` line. An unclosed block or a YAML syntax error means none of its keys can be read, so every \
rule that depends on severity, date or status is blind for this document.",
    bad: "---\ntitle: Checkout outage: EU\nseverity: [P2\n---",
    good: "---\ntitle: \"Checkout outage: EU\"\nseverity: P2\n---",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    match &doc.frontmatter {
        FrontmatterState::Unterminated { opening } => out.push(
            Finding::new(*opening, "the frontmatter opened here is never closed")
                .with_suggestion("add a line holding only `---` after the last frontmatter key"),
        ),
        FrontmatterState::Invalid { error_at, message, .. } => out.push(
            Finding::new(*error_at, format!("frontmatter is not valid YAML: {message}"))
                .with_suggestion("quote values that contain `: `, `#`, `[` or `{`, and check indentation"),
        ),
        _ => {}
    }
}
