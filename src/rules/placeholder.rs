use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::placeholders::{find, find_in_yaml};
use crate::document::Document;
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "placeholder",
    default_level: Level::Error,
    summary: "Template placeholder text is still in the document.",
    explanation: "The template's hints (`[Name]`, `[X minutes]`, `[Factor 1]`), `HH:MM`, \
`YYYY-MM-DD`, `TBD`, `TODO` and `XXX` mark what the author still has to fill in. Left in a \
document under review, they read as facts (\"Owner: [Name]\") and hide what is still unknown.",
    bad: "- [ ] Add an expiry alert — Owner: [Name] — Due: YYYY-MM-DD",
    good: "- [ ] Add an expiry alert for *.api.example.com at 21 days — Owner: @dana — Due: 2026-12-15",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    let mut spans: Vec<Span> = Vec::new();
    if let Some(fm) = doc.frontmatter() {
        let yaml = doc.text(fm.yaml);
        spans.extend(find_in_yaml(yaml).into_iter().map(|(s, e)| Span::new(s, e).offset(fm.yaml.start)));
    }
    let body_start = doc.frontmatter.body_start();
    // Sections and Root Cause Analysis parts that hold nothing but placeholders are reported
    // once, as empty, by empty-section and root-cause-part-missing.
    let rca = &doc.root_cause;
    let parts = [&rca.immediate_cause, &rca.contributing_factors, &rca.root_cause];
    let empty: Vec<Span> = doc
        .sections
        .iter()
        .filter(|s| s.empty)
        .map(|s| s.body_span)
        .chain(parts.into_iter().flatten().filter(|p| p.empty).map(|p| p.body_span))
        .collect();
    for (start, end) in find(&doc.source[body_start..]) {
        let span = Span::new(start, end).offset(body_start);
        let in_comment = doc.comments.iter().any(|c| c.span.contains(span.start));
        if doc.in_code(span.start) || in_comment || empty.iter().any(|e| e.contains(span.start)) {
            continue;
        }
        spans.push(span);
    }
    for span in spans {
        let text = doc.text(span);
        out.push(
            Finding::new(span, format!("template placeholder `{text}` is still here"))
                .with_suggestion("replace it with the real value, or say plainly what is not known yet"),
        );
    }
}
