use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "blame-punitive",
    default_level: Level::Warning,
    summary: "Sanctions against a person: disciplinary action, warnings, removal from the rotation.",
    explanation: "A post-mortem that announces consequences for individuals tells every reader that honesty is \
dangerous; the next incident will be reported less fully. Sanctions, whatever their merits, belong \
elsewhere. The same verbs about systems (\"the node was removed from the pool\", \"the model will be \
retrained\") are not reported.",
    bad: "The engineer responsible has received a written warning.",
    good: "Production deploys now require a second approver in the pipeline, and the deploy tool shows the\ntarget cluster in red for production.",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    super::language_findings(doc, ctx, crate::language::PUNITIVE, out);
}
