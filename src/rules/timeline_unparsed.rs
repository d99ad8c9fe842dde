use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{placeholders, Document};

pub static RULE: Rule = Rule {
    id: "timeline-unparsed",
    default_level: Level::Warning,
    summary: "A timeline entry has no timestamp pmctl can read.",
    explanation: "Time to detect, mitigate and resolve are computed from the timeline, and the \
timeline is only as useful as its timestamps are exact. Entries are list items (or table rows) that \
start with `YYYY-MM-DD HH:MM UTC`, an RFC 3339 timestamp, or `HH:MM` for later entries of the same \
day, then a separator and the event.",
    bad: "## Timeline\n- Around lunchtime the error rate went up\n- 2pm: rollback",
    good: "## Timeline\n- 2026-03-04 12:41 UTC — [start] Error rate on checkout-api rose above 2%\n- 14:00 — [mitigated] Rolled back to v2.3.1",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    // A template line (`- YYYY-MM-DD HH:MM UTC — [start] …`) is the placeholder rule's to report.
    let unparsed = doc.timeline.unparsed.iter().filter(|e| placeholders::find(&e.text).is_empty());
    for entry in unparsed {
        out.push(
            Finding::new(entry.span, "this timeline entry has no timestamp pmctl can read")
                .with_suggestion("start the entry with `YYYY-MM-DD HH:MM UTC — ` (or `HH:MM — ` after a dated entry)"),
        );
    }
}
