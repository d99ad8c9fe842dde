use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{Document, SectionKind};
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "missing-section",
    default_level: Level::Error,
    summary: "A section that the document's severity requires is absent.",
    explanation: "Each severity requires a set of level-2 sections (SPEC §2.2; `sections.required` in \
pmctl.toml changes them). A P1 or P2 post-mortem without a timeline, an impact statement or lessons \
learned leaves readers unable to judge what happened and whether the follow-up is enough. Headings \
match case-insensitively and through aliases (`## Summary` counts as Executive Summary).",
    bad: "---\nseverity: P2\n…\n---\n## Summary\n## Action Items",
    good: "---\nseverity: P2\n…\n---\n## Executive Summary\n## Timeline\n## Detection\n## Root Cause Analysis\n## Impact\n## What Went Well\n## What Could Be Improved\n## Action Items\n## Lessons Learned",
    check: Check::Document(check),
};

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let config = ctx.config;
    // Without a known severity, require only what every severity requires.
    let (required, why): (Vec<SectionKind>, String) =
        match doc.severity().filter(|s| config.severities.iter().any(|k| k == s)) {
            Some(severity) => (config.required_sections(severity).to_vec(), format!("{severity} post-mortems")),
            None => {
                let mut common: Vec<SectionKind> = SectionKind::ALL.to_vec();
                for severity in &config.severities {
                    let needed = config.required_sections(severity);
                    common.retain(|k| needed.contains(k));
                }
                (common, "every post-mortem".to_string())
            }
        };
    let missing: Vec<SectionKind> = required.into_iter().filter(|kind| doc.section(*kind).is_none()).collect();
    if missing.is_empty() {
        return;
    }
    let span = doc
        .frontmatter()
        .and_then(|fm| fm.key_span("severity"))
        .or_else(|| doc.sections.first().map(|s| s.heading_span))
        .unwrap_or(Span::file_start());
    let names: Vec<String> = missing.iter().map(|k| format!("`{}`", k.title())).collect();
    let (noun, verb) = if missing.len() == 1 { ("section", "is") } else { ("sections", "are") };
    let headings: Vec<String> = missing.iter().map(|k| format!("`## {}`", k.title())).collect();
    out.push(
        Finding::new(
            span,
            format!(
                "{why} {} the {noun} {}, which {verb} missing",
                if why.starts_with("every") { "needs" } else { "need" },
                names.join(", ")
            ),
        )
        .with_suggestion(format!("add {} (postmortems/_template.md has them all)", headings.join(", "))),
    );
}
