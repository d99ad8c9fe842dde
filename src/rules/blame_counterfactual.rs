use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "blame-counterfactual",
    default_level: Level::Warning,
    summary: "Counterfactuals about people: \"should have\", \"could have\", \"failed to\", \"if only\".",
    explanation: "Counterfactuals describe a world that did not happen and judge people against it: \"the on-call \
should have escalated\", \"Jonas failed to renew the domain\", \"had the reviewer read the diff…\". They \
are only reported when the implied agent is a person, role, pronoun or team; the same words about a \
system (\"the schema check should have refused the payload\") describe a specification gap and are \
fine, as are forward-looking \"we should add…\" and collective \"we failed to…\".",
    bad: "The on-call should have escalated to the database team within ten minutes.",
    good: "The escalation policy gave no time limit, and the database alert did not page the database team,\nso escalation depended on the on-call's judgment at 03:00.",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    super::language_findings(doc, ctx, crate::language::COUNTERFACTUAL, out);
}
