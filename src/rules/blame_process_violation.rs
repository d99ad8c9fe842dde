use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "blame-process-violation",
    default_level: Level::Warning,
    summary: "Accusations of rule-breaking: \"bypassed review\", \"without approval\", \"against policy\".",
    explanation: "Describing a person's action as a violation (\"pushed straight to main, bypassing review\", \"deployed \
without approval\") frames the incident as misconduct. The useful question is why the shortcut was \
possible or attractive: the tooling did not enforce the rule, the rule was unclear, or time pressure \
made it the reasonable choice. Systems that bypass a step (\"the pipeline bypasses canary for config \
pushes\") and agentless passives are not reported.",
    bad: "Tomás pushed the hotfix straight to main, bypassing code review.",
    good: "The hotfix reached main without review: branch protection allowed administrators to push\ndirectly, and the incident runbook recommended it for urgent fixes.",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    super::language_findings(doc, ctx, crate::language::PROCESS_VIOLATION, out);
}
