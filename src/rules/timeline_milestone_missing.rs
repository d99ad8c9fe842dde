use super::{needs_timeline, Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{Document, Milestone, SectionKind};

pub static RULE: Rule = Rule {
    id: "timeline-milestone-missing",
    default_level: Level::Error,
    summary: "The timeline lacks a `[start]`, `[detected]` or `[resolved]` milestone, or repeats one.",
    explanation: "Time to detect and time to resolve are the two numbers every incident review asks \
for, and pmctl derives them from tagged timeline entries: `[start]` (when the problem began, per \
monitoring), `[detected]` (first alert or report) and `[resolved]`; `[declared]` and `[mitigated]` \
are optional. Severities that require a Timeline need the three, each once.",
    bad: "- 2026-03-04 12:41 UTC — Error rate rose\n- 12:55 — PagerDuty alert\n- 14:10 — All clear",
    good: "- 2026-03-04 12:41 UTC — [start] Error rate rose\n- 12:55 — [detected] PagerDuty alert\n- 14:10 — [resolved] All clear",
    check: Check::Document(check),
};

const REQUIRED: [Milestone; 3] = [Milestone::Start, Milestone::Detected, Milestone::Resolved];

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(section) = doc.section(SectionKind::Timeline) else { return };
    let timeline = &doc.timeline;
    for milestone in Milestone::ALL {
        let tagged: Vec<_> = timeline.entries.iter().filter(|e| e.milestone == Some(milestone)).collect();
        for repeat in tagged.iter().skip(1) {
            let span = repeat.milestone_span.unwrap_or(repeat.span);
            out.push(
                Finding::new(span, format!("`[{}]` appears more than once in the timeline", milestone.as_str()))
                    .with_suggestion("keep the tag on the first entry it describes; durations are measured from it"),
            );
        }
    }
    if !needs_timeline(doc, ctx.config) || timeline.entries.is_empty() && !timeline.unparsed.is_empty() {
        return;
    }
    let missing: Vec<&str> =
        REQUIRED.iter().filter(|m| timeline.milestone(**m).is_none()).map(|m| m.as_str()).collect();
    if missing.is_empty() {
        return;
    }
    let tags: Vec<String> = missing.iter().map(|m| format!("`[{m}]`")).collect();
    let severity = doc.severity().unwrap_or("this severity");
    out.push(
        Finding::new(section.heading_span, format!("{severity} timelines need {} milestones", tags.join(", ")))
            .with_suggestion(format!(
                "tag the entries: `- 2026-03-04 12:41 UTC — [{}] …`",
                missing.first().copied().unwrap_or("start")
            )),
    );
}
