use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{ActionStatus, Document};

pub static RULE: Rule = Rule {
    id: "action-missing-due",
    default_level: Level::Error,
    summary: "An open action item has no due date, or one pmctl cannot track.",
    explanation: "Without a date, an action item is never overdue, so it is never chased. pmctl reads \
`Due: YYYY-MM-DD`, `due YYYY-MM-DD` or `by YYYY-MM-DD`; relative dates such as `next sprint` or \
`Q3` are recognised as intent but cannot be tracked, so they are reported too.",
    bad: "- [ ] Add an alert on certificate expiry at 21 days — Owner: @dana — Due: next sprint",
    good: "- [ ] Add an alert on certificate expiry at 21 days — Owner: @dana — Due: 2026-12-15",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    for item in doc.actions.iter().filter(|a| a.status == ActionStatus::Open) {
        match (&item.due_text, item.due) {
            (None, _) => out.push(
                Finding::new(item.description_span, "this action item has no due date")
                    .with_suggestion("add ` — Due: YYYY-MM-DD` with the date it is agreed to be done by"),
            ),
            (Some(due), None) => out.push(
                Finding::new(due.span, format!("the due date `{}` is not a date pmctl can track", due.value))
                    .with_suggestion("write the due date as `YYYY-MM-DD`"),
            ),
            _ => {}
        }
    }
}
