use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{Document, RootCausePart, SectionKind};

pub static RULE: Rule = Rule {
    id: "root-cause-part-missing",
    default_level: Level::Error,
    summary: "The Root Cause Analysis lacks its immediate cause, contributing factors or root cause.",
    explanation: "An incident rarely has one cause. The Root Cause Analysis separates the immediate \
cause (what triggered it), the contributing factors (the conditions that let it happen or made it \
worse; pmctl tracks these across incidents) and the root cause (the underlying gap to fix). Each is \
a `### ` heading or a `Label:` line inside the section; Contributing factors may also be a level-2 \
section of its own.",
    bad: "## Root Cause Analysis\nThe certificate expired.",
    good: "## Root Cause Analysis\n### Immediate cause\nThe certificate expired at 00:00 UTC.\n### Contributing factors\n- No expiry monitoring\n### Root cause\nCertificates bought outside the ACME flow have no renewal owner.",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(section) = doc.section(SectionKind::RootCauseAnalysis) else { return };
    if section.empty {
        return; // empty-section says it once
    }
    let parts: [(&str, &Option<RootCausePart>); 3] = [
        ("Immediate cause", &doc.root_cause.immediate_cause),
        ("Contributing factors", &doc.root_cause.contributing_factors),
        ("Root cause", &doc.root_cause.root_cause),
    ];
    for (name, part) in parts {
        match part {
            None => out.push(
                Finding::new(section.heading_span, format!("the Root Cause Analysis has no `{name}` part"))
                    .with_suggestion(format!("add `### {name}` with its text under this heading")),
            ),
            Some(part) if part.empty => out.push(
                Finding::new(part.label_span, format!("the `{name}` part is empty"))
                    .with_suggestion("write it, or say what is still being investigated and by whom"),
            ),
            Some(_) => {}
        }
    }
}
