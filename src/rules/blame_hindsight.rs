use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "blame-hindsight",
    default_level: Level::Warning,
    summary: "Hindsight and minimizers aimed at a person: \"obviously\", \"simply\", \"just\", \"clearly\".",
    explanation: "Words like \"obviously\", \"simply\", \"just had to\", \"anyone could see\" make a call that was hard at the \
time look easy with the outcome known. They are reported only in sentences that judge a person's action; \
evidential \"the trace clearly shows\", temporal \"just before the failover\", \"no obvious trigger\" and \
\"the proxy simply forwards\" are not.",
    bad: "The on-call just had to open the error log to see the cause.",
    good: "The cause was in the error log, which the alert did not link to; the dashboard the alert opened\nshowed only request rates.",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    super::language_findings(doc, ctx, crate::language::HINDSIGHT, out);
}
