//! Template placeholders (SPEC §2.2): the bracketed hints of the template (`[Name]`,
//! `[X minutes]`), `HH:MM`, `YYYY-MM-DD`, `TBD`, `TODO` and `XXX`; and what makes a section blank.

use std::sync::LazyLock;

use regex::Regex;

use super::Comment;
use crate::span::Span;

static BRACKETED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\[\]\n]{1,80})\]").expect("static regex"));
static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:HH:MM(?::SS)?|YYYY-MM-DD|TBD|TODO|XXX)(?-u:\b)").expect("static regex"));
static TICKET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z][A-Z0-9]+-\d+$").expect("static regex"));

/// Byte ranges of template placeholders in `text` (Markdown source, not YAML).
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for whole in BRACKETED.find_iter(text) {
        let inner = &whole.as_str()[1..whole.len() - 1];
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
pub fn find_in_yaml(text: &str) -> Vec<(usize, usize)> {
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

/// Words that template lines keep around their placeholders ("Owner: [Name]").
const LABEL_WORDS: &[&str] = &["owner", "due", "ticket", "utc", "status"];

/// True when `span` holds no words once comments, placeholders, headings and markup are gone.
///
/// Reads line by line and stops at the first real word, so a section with content costs one line.
pub(crate) fn is_blank(source: &str, comments: &[Comment], span: Span) -> bool {
    let comments: Vec<Span> =
        comments.iter().map(|c| c.span).filter(|c| c.start < span.end && span.start < c.end).collect();
    let mut offset = span.start;
    for line in source.get(span.start..span.end).unwrap_or("").split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let placeholders = find(line);
        let hidden = |i: usize| {
            let at = line_start + i;
            comments.iter().any(|c| c.contains(at)) || placeholders.iter().any(|&(s, e)| s <= i && i < e)
        };
        let mut word_start: Option<usize> = None;
        for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
            if c.is_alphanumeric() && !hidden(i) {
                word_start.get_or_insert(i);
                continue;
            }
            if let Some(start) = word_start.take() {
                let word = &line[start..i];
                if !(word == "x" || LABEL_WORDS.iter().any(|l| l.eq_ignore_ascii_case(word))) {
                    return false;
                }
            }
        }
    }
    true
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
