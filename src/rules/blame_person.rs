use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "blame-person",
    default_level: Level::Warning,
    summary: "A person, role or team may be named as the cause of the failure.",
    explanation: "Post-mortems exist to find the conditions that let an ordinary action do harm. A sentence that \
makes a person, role or team the agent of the failure (\"Alice's change broke checkout\", \"the on-call \
missed the alert\", \"it was the DBA who truncated the table\") ends the search at the person, and \
teaches readers that the lesson is to be someone else. Names are fine in a timeline doing neutral \
things (\"Kim rolled back at 10:02\"); what this rule reports is a person as the cause. pmctl decides \
who the agent is (names, roles, pronouns, @handles, possessives, teams versus systems, bots with human \
names) and stays quiet when a clause in the same sentence puts the cause on a system.",
    bad: "Priya's schema migration locked the `orders` table for eleven minutes.",
    good: "The schema migration took an `ACCESS EXCLUSIVE` lock on `orders` for eleven minutes; the migration tool\nhas no lock timeout and CI does not flag locking DDL.",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    super::language_findings(doc, ctx, crate::language::PERSON, out);
}
