use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{ActionStatus, Document};

pub static RULE: Rule = Rule {
    id: "action-missing-owner",
    default_level: Level::Error,
    summary: "An open action item names no owner.",
    explanation: "An action item without an owner belongs to everyone, which means no one. pmctl \
reads the owner from `Owner: X`, `DRI: X`, `Assignee: X`, `(owner: @x)` or an `@handle` in the \
item's trailing fields; `TBD`, `someone` and `the team` do not count.",
    bad: "- [ ] Add an alert on certificate expiry at 21 days — Due: 2026-12-15",
    good: "- [ ] Add an alert on certificate expiry at 21 days — Owner: @dana — Due: 2026-12-15",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    for item in doc.actions.iter().filter(|a| a.status == ActionStatus::Open && a.owner.is_none()) {
        out.push(
            Finding::new(item.description_span, "this action item has no owner")
                .with_suggestion("add ` — Owner: @handle` naming the person or team who will do it"),
        );
    }
}
