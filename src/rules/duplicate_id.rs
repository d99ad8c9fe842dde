use std::collections::HashMap;

use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "duplicate-id",
    default_level: Level::Error,
    summary: "Two post-mortems share an id.",
    explanation: "Every post-mortem has an id: its frontmatter `id`, or else its file name without \
`.md`. Reports, `pmctl show` and the action-item history refer to documents by id, so two documents \
with one id would be merged or confused.",
    bad: "postmortems/2026/checkout-outage.md\npostmortems/2025/checkout-outage.md",
    good: "postmortems/2026/2026-03-04-checkout-outage.md\npostmortems/2025/2025-07-19-checkout-outage.md",
    check: Check::Corpus(check),
};

fn check(docs: &[&Document], _: &Context<'_>, out: &mut Vec<(usize, Finding)>) {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for (index, doc) in docs.iter().enumerate() {
        let id = doc.id();
        match first_seen.get(&id) {
            None => {
                first_seen.insert(id, index);
            }
            Some(&first) => {
                let span = doc.frontmatter().and_then(|fm| fm.key_span("id")).unwrap_or(Span::file_start());
                out.push((
                    index,
                    Finding::new(span, format!("the id `{id}` is already used by {}", docs[first].path))
                        .with_suggestion("give one of them a distinct `id:` in its frontmatter, or rename the file"),
                ));
            }
        }
    }
}
