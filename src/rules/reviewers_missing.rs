use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{Document, Status};
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "reviewers-missing",
    default_level: Level::Error,
    summary: "A completed post-mortem lists no reviewers.",
    explanation: "A post-mortem is completed when people outside the incident have read it and agreed \
with its analysis and actions. `reviewers` records who did; a completed document without them was \
never reviewed, or its review left no trace.",
    bad: "status: completed\nreviewers: []",
    good: "status: completed\nreviewers: [\"@sre-leads\", \"maria.okafor\"]",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(fm) = doc.frontmatter() else { return };
    if fm.status != Some(Status::Completed) || !fm.reviewers.is_empty() {
        return;
    }
    let span = fm.key_span("reviewers").or_else(|| fm.key_span("status")).unwrap_or(Span::file_start());
    out.push(
        Finding::new(span, "the post-mortem is `completed` but lists no reviewers")
            .with_suggestion("add `reviewers: [\"@who\"]`, or set `status: in-review` until it is reviewed"),
    );
}
