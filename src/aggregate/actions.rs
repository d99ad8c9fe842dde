//! Action items across the corpus, one [`ActionRow`] per item in the JSON shape of SPEC §4.2.
//!
//! Stand-in until the issue-history branch lands: the same row type that branch defines, built
//! here without history (every history field `None`), so that the report can be written against
//! it. The merge takes that branch's version of this file.

use chrono::NaiveDate;
use serde::Serialize;

use crate::document::{ActionStatus, Document};

/// One action item, as every format shows it (SPEC §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRow {
    pub postmortem: String,
    pub path: String,
    pub line: usize,
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub ticket: Option<String>,
    pub status: ActionStatus,
    pub overdue: bool,
    pub days_overdue: Option<i64>,
    pub opened_at: Option<NaiveDate>,
    pub closed_at: Option<NaiveDate>,
    pub closed_commit: Option<String>,
    pub due_slips: Option<u32>,
}

/// The rows of one document, judged against `today`, with no history facts.
pub fn rows_without_history(doc: &Document, today: NaiveDate) -> Vec<ActionRow> {
    doc.actions
        .iter()
        .map(|item| {
            let days_overdue = match (item.status, item.due) {
                (ActionStatus::Open, Some(due)) if due < today => Some((today - due).num_days()),
                _ => None,
            };
            let text = if item.description.trim().is_empty() { &item.text } else { &item.description };
            ActionRow {
                postmortem: doc.id(),
                path: doc.path.clone(),
                line: doc.line_of(item.span.start),
                text: text.trim().to_string(),
                owner: item.owner.as_ref().map(|o| o.value.clone()),
                due: item.due,
                ticket: item.ticket.clone(),
                status: item.status,
                overdue: days_overdue.is_some(),
                days_overdue,
                opened_at: None,
                closed_at: None,
                closed_commit: None,
                due_slips: None,
            }
        })
        .collect()
}

/// Most overdue first; then open items by due date (soonest first, undated last), then done and
/// dropped ones the same way; ties by path and line.
pub fn sort(rows: &mut [ActionRow]) {
    let rank = |status: ActionStatus| match status {
        ActionStatus::Open => 0,
        ActionStatus::Done => 1,
        ActionStatus::Dropped => 2,
    };
    rows.sort_by(|a, b| {
        b.days_overdue
            .unwrap_or(-1)
            .cmp(&a.days_overdue.unwrap_or(-1))
            .then(rank(a.status).cmp(&rank(b.status)))
            .then(a.due.is_none().cmp(&b.due.is_none()))
            .then(a.due.cmp(&b.due))
            .then(a.path.cmp(&b.path))
            .then(a.line.cmp(&b.line))
    });
}
