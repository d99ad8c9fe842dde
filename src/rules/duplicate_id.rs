use std::collections::HashMap;

use super::{Check, Context, CorpusEntry, Rule};
use crate::diagnostic::{Finding, Level};
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

fn check(entries: &[CorpusEntry], _: &Context<'_>, out: &mut Vec<(usize, Finding)>) {
    // Sized once: grown by doubling, the table is reallocated a dozen times, and each of its
    // larger versions lands in memory the process has not touched yet, which the kernel must clear.
    let mut first_seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let Some(&first) = first_seen.get(entry.id.as_str()) else {
            first_seen.insert(&entry.id, index);
            continue;
        };
        let id = &entry.id;
        out.push((
            index,
            Finding::new(
                entry.id_span.unwrap_or(Span::file_start()),
                format!("the id `{id}` is already used by {}", entries[first].path),
            )
            .with_suggestion("give one of them a distinct `id:` in its frontmatter, or rename the file"),
        ));
    }
}
