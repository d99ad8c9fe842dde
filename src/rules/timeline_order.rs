use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "timeline-order",
    default_level: Level::Warning,
    summary: "A timeline entry is earlier than the entry above it.",
    explanation: "A timeline is read top to bottom as the order in which things happened. An entry \
that goes back in time is usually a typo in the date or hour, or a time-only entry that crossed \
midnight; either way the derived durations are wrong until it is fixed.",
    bad: "- 2026-03-04 23:50 UTC — [start] Queue depth rose\n- 00:10 — [detected] Alert fired",
    good: "- 2026-03-04 23:50 UTC — [start] Queue depth rose\n- 2026-03-05 00:10 UTC — [detected] Alert fired",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    for pair in doc.timeline.entries.windows(2) {
        let (previous, entry) = (&pair[0], &pair[1]);
        if entry.at >= previous.at {
            continue;
        }
        let suggestion = if entry.date_inferred {
            "if this happened the next day, write the full date: `YYYY-MM-DD HH:MM UTC`"
        } else {
            "check the date and hour, or move the entry to where it belongs"
        };
        out.push(
            Finding::new(
                entry.timestamp_span,
                format!(
                    "this entry ({} UTC) is earlier than the one above it ({} UTC)",
                    entry.at.format("%Y-%m-%d %H:%M"),
                    previous.at.format("%Y-%m-%d %H:%M")
                ),
            )
            .with_suggestion(suggestion),
        );
    }
}
