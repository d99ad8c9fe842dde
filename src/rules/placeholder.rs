use std::sync::LazyLock;

use regex::Regex;

use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
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

static BRACKETED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\[\]\n]{1,80})\]").expect("static regex"));
static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:HH:MM(?::SS)?|YYYY-MM-DD|TBD|TODO|XXX)\b").expect("static regex"));
static TICKET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z][A-Z0-9]+-\d+$").expect("static regex"));

/// Byte ranges of template placeholders in `text` (Markdown source, not YAML).
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for caps in BRACKETED.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let inner = &caps[1];
        let next = text[whole.end()..].chars().next();
        let is_link = matches!(next, Some('(' | '[' | ':'));
        let first = inner.chars().next().unwrap_or(' ');
        if is_link || !first.is_uppercase() || TICKET.is_match(inner) || inner.starts_with(['^', '!']) {
            continue;
        }
        found.push((whole.start(), whole.end()));
    }
    for m in WORDS.find_iter(text) {
        if !found.iter().any(|&(s, e)| s <= m.start() && m.end() <= e) {
            found.push((m.start(), m.end()));
        }
    }
    found.sort_unstable();
    found
}

/// Placeholders in the YAML of the frontmatter: quoted bracket hints and the placeholder words.
fn find_in_yaml(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = WORDS.find_iter(text).map(|m| (m.start(), m.end())).collect();
    for caps in BRACKETED.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let quoted = text[..whole.start()].ends_with(['"', '\'']);
        if quoted && caps[1].starts_with(char::is_uppercase) {
            found.push((whole.start(), whole.end()));
        }
    }
    found.sort_unstable();
    found
}

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
        .map(|s| s.body_span)
        .chain(parts.into_iter().flatten().map(|p| p.body_span))
        .filter(|span| super::empty_section::is_empty(doc, *span))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_hints_and_words_but_not_links_tickets_or_checkboxes() {
        let text = "- [ ] Do [Action] by YYYY-MM-DD, see [docs](x) and [PLAT-12] and [x] TBD [start]";
        let found: Vec<&str> = find(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(found, vec!["[Action]", "YYYY-MM-DD", "TBD"]);
    }
}
