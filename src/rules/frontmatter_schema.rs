use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;
use crate::span::Span;

pub static RULE: Rule = Rule {
    id: "frontmatter-schema",
    default_level: Level::Error,
    summary: "A frontmatter key is missing, of the wrong type, or has a value the schema does not allow.",
    explanation: "The frontmatter is checked against `schema/postmortem.schema.json` (or the schema \
your `pmctl.toml` names). Required keys, allowed severities and statuses, and the `YYYY-MM-DD` date \
format are what let pmctl sort, filter and report across the whole corpus; editors use the same \
schema for completion.",
    bad: "---\ntitle: Checkout outage\nseverity: high\ndate: 4 March\nstatus: done\n---",
    good: "---\ntitle: Checkout outage\nseverity: P2\ndate: 2026-03-04\nstatus: completed\nowner: \"@payments\"\nreviewers: [\"@sre-leads\"]\n---",
    check: Check::Document(check),
};

/// Keys that a dedicated rule reports with a better message.
const OWNED_ELSEWHERE: &[&str] = &["reviewers"];

fn check(doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(fm) = doc.frontmatter() else { return };
    let opening = Span::new(fm.block.start, fm.block.start + 3);
    for violation in ctx.schema.validate(&fm.raw) {
        let is_owned = |key: &str| OWNED_ELSEWHERE.contains(&key);
        if violation.key.as_deref().is_some_and(is_owned)
            || (!violation.missing.is_empty() && violation.missing.iter().all(|k| is_owned(k)))
        {
            continue;
        }
        let span = match (&violation.key, violation.item) {
            (Some(key), Some(item)) => fm.list_item_span(&doc.source, key, item).or_else(|| fm.key_span(key)),
            (Some(key), None) => fm.key_span(key),
            (None, _) => None,
        }
        .unwrap_or(opening);
        let suggestion = (!violation.missing.is_empty()).then(|| {
            format!("add {}", violation.missing.iter().map(|k| format!("`{k}: …`")).collect::<Vec<_>>().join(", "))
        });
        let mut finding = Finding::new(span, violation.message);
        finding.suggestion = suggestion;
        out.push(finding);
    }
}
