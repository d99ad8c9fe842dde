use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "blame-judgment",
    default_level: Level::Warning,
    summary: "Judgments of character or competence: \"careless\", \"sloppy\", \"negligent\".",
    explanation: "Calling people careless, sloppy, lazy or reckless explains nothing about the failure and guarantees \
that the next person will hide their mistakes. Describe the action and the conditions around it \
instead. Feature and product names (\"Lazy Loading\") and negations (\"nobody was careless\") are \
not reported.",
    bad: "The engineer was careless with the production credentials.",
    good: "The production credentials were in a shared shell profile that every session on the bastion loaded.",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    super::language_findings(doc, ctx, crate::language::JUDGMENT, out);
}
