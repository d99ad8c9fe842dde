use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;
use crate::language::vague;

pub static RULE: Rule = Rule {
    id: "action-vague",
    default_level: Level::Warning,
    summary: "An action item's deliverable has no concrete, verifiable target.",
    explanation: "\"Improve monitoring\", \"Investigate further\", \"Be more careful\", \"Consider Y\" or \
\"Ensure reliability\" cannot be finished, so they are never finished, and the next incident repeats \
this one. A concrete item names the artifact that changes (a service, alert, file or config key) and, \
where it applies, a number: a threshold, a before and after, a count. An investigation is concrete when \
it says what it produces and where (\"… and record the result in ADR-19\"). Owner and due date are \
separate checks: a vague item stays vague with both, and checked items are reported too, because a \
closed vague item tells readers nothing about what changed.",
    bad: "- [ ] Improve monitoring — Owner: @dana — Due: 2026-04-10",
    good: "- [ ] Add a p99 latency alert on `/cart/confirm` that pages above 800 ms for 5 minutes — Owner: @dana — Due: 2026-04-10",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    for item in &doc.actions {
        if let Some(kind) = vague::assess(&item.description) {
            out.push(Finding::new(item.description_span, kind.message()).with_suggestion(kind.suggestion()));
        }
    }
}
