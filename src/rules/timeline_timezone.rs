use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::timeline::Zone;
use crate::document::Document;

pub static RULE: Rule = Rule {
    id: "timeline-timezone",
    default_level: Level::Warning,
    summary: "Timeline times are not stated in UTC.",
    explanation: "Responders, logs and dashboards span time zones; a timeline in UTC can be laid \
next to any of them without arithmetic. pmctl converts numeric offsets, but named zones such as \
`CET` or `PST` are ambiguous (daylight saving), and a timeline that never states its zone cannot be \
compared with anything.",
    bad: "- 2026-03-04 14:02 CET — [start] Error rate rose",
    good: "- 2026-03-04 13:02 UTC — [start] Error rate rose",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    let timeline = &doc.timeline;
    for entry in &timeline.entries {
        if let Zone::Named(name) = &entry.zone {
            if !entry.date_inferred {
                out.push(
                    Finding::new(entry.timestamp_span, format!("`{name}` is a local time zone; write the time in UTC"))
                        .with_suggestion(format!("convert to UTC: {} UTC", entry.at.format("%Y-%m-%d %H:%M"))),
                );
            }
        }
    }
    let any_zone = timeline.entries.iter().any(|e| e.zone != Zone::Unstated);
    if !any_zone && !timeline.zone_declared {
        if let Some(first) = timeline.entries.first() {
            out.push(
                Finding::new(first.timestamp_span, "the timeline never says which time zone its times are in")
                    .with_suggestion("write `UTC` after the first full timestamp, or add a line \"All times UTC.\""),
            );
        }
    }
}
