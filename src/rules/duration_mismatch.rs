use super::{needs_timeline, Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{Document, Milestone};
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "duration-mismatch",
    default_level: Level::Warning,
    summary: "Frontmatter `duration` disagrees with the timeline, or neither gives the duration.",
    explanation: "The duration in the frontmatter is what summaries and reports quote; the timeline's \
`[start]` and `[resolved]` entries are the evidence. When they differ by more than the tolerance \
(5 minutes, `timeline.duration_tolerance_minutes`), one of them is wrong. P1 and P2 post-mortems \
need a duration: written in frontmatter, or derivable from the timeline.",
    bad: "duration: 45m\n…\n- 2026-03-04 12:41 UTC — [start] …\n- 14:10 — [resolved] …",
    good: "duration: 1h 29m\n…\n- 2026-03-04 12:41 UTC — [start] …\n- 14:10 — [resolved] …",
    check: Check::Document(check),
};

fn format_minutes(minutes: i64) -> String {
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days}d"));
    }
    if hours > 0 {
        parts.push(format!("{hours}h"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(format!("{mins}m"));
    }
    parts.join(" ")
}

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(fm) = doc.frontmatter() else { return };
    let from_timeline = doc.timeline.minutes_to_resolve();
    match (fm.duration_minutes, from_timeline) {
        (Some(stated), Some(derived)) if (stated - derived).abs() > ctx.config.duration_tolerance_minutes => {
            let span = fm.key_span("duration").unwrap_or(Span::file_start());
            let resolved_line = doc.timeline.milestone(Milestone::Resolved).map(|e| doc.line_of(e.span.start));
            out.push(
                Finding::new(
                    span,
                    format!(
                        "`duration` says {} but the timeline runs {} from [start] to [resolved]{}",
                        format_minutes(stated),
                        format_minutes(derived),
                        resolved_line.map(|l| format!(" (line {l})")).unwrap_or_default()
                    ),
                )
                .with_suggestion(format!("set `duration: {}` or correct the timeline", format_minutes(derived))),
            );
        }
        (None, None) if needs_timeline(doc, ctx.config) && fm.key_span("duration").is_none() => {
            let span = fm.key_span("severity").unwrap_or(Span::file_start());
            out.push(
                Finding::new(
                    span,
                    "no `duration` in the frontmatter, and the timeline has no [start] and [resolved] to derive it",
                )
                .with_suggestion("add `duration: 1h 5m`, or tag the timeline's [start] and [resolved] entries"),
            );
        }
        _ => {}
    }
}
