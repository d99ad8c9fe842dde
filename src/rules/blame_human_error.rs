use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "blame-human-error",
    default_level: Level::Warning,
    summary: "\"Human error\", \"operator error\" and similar labels.",
    explanation: "\"Human error\" is a label applied after the fact, not a cause: it names who was nearest to the \
failure and stops the analysis there. The useful question is what made the error possible and \
costly: an interface that accepted a dangerous value, a missing confirmation, an unsafe default. \
The same words about artifacts (\"a configuration error in the load balancer\", an API's \"user error\" \
response) are not reported, nor are negated or quoted uses.",
    bad: "Root cause: human error during the database failover.",
    good: "Root cause: the failover script accepted a replica that was 40 minutes behind and promoted it\nwithout a lag check.",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    super::language_findings(doc, ctx, crate::language::HUMAN_ERROR, out);
}
