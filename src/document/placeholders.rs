//! Template placeholders (SPEC §2.2): the bracketed hints of the template (`[Name]`,
//! `[X minutes]`), `HH:MM`, `YYYY-MM-DD`, `TBD`, `TODO` and `XXX`; and what makes a section blank.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use regex::Regex;

use super::Comment;
use crate::span::Span;

#[cfg(test)]
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\[\]\n]{1,80})\]").expect("static regex"));
#[cfg(test)]
static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:HH:MM(?::SS)?|YYYY-MM-DD|TBD|TODO|XXX)(?-u:\b)").expect("static regex"));
static TICKET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z][A-Z0-9]+-\d+$").expect("static regex"));

/// Byte ranges of template placeholders in `text` (Markdown source, not YAML).
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (start, end) in bracketed(text) {
        let inner = &text[start + 1..end - 1];
        let next = text[end..].chars().next();
        let is_link = matches!(next, Some('(' | '[' | ':'));
        let first = inner.chars().next().unwrap_or(' ');
        if is_link || !first.is_uppercase() || TICKET.is_match(inner) || inner.starts_with(['^', '!']) {
            continue;
        }
        found.push((start, end));
    }
    for (start, end) in words(text) {
        if !found.iter().any(|&(s, e)| s <= start && end <= e) {
            found.push((start, end));
        }
    }
    found.sort_unstable();
    found
}

/// Placeholders in the YAML of the frontmatter: quoted bracket hints and the placeholder words.
pub fn find_in_yaml(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = words(text).collect();
    for (start, end) in bracketed(text) {
        let quoted = text[..start].ends_with(['"', '\'']);
        if quoted && text[start + 1..end - 1].starts_with(char::is_uppercase) {
            found.push((start, end));
        }
    }
    found.sort_unstable();
    found
}

/// The matches of `\[([^\[\]\n]{1,80})\]`, found by hand: the body of every document is
/// searched for placeholders, and the regexes cost more than the rest of that search. A bracket
/// holds one to 80 characters, none of them a bracket or a line break.
fn bracketed(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = memchr::memchr(b'[', &bytes[from..]) {
            let start = from + found;
            let mut chars = 0;
            let mut end = None;
            for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
                match b {
                    b']' => {
                        end = Some(i + 1);
                        break;
                    }
                    b'[' | b'\n' => break,
                    // A character is counted at its first byte.
                    _ if b & 0xC0 != 0x80 => {
                        chars += 1;
                        if chars > 80 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            match end {
                Some(end) if chars >= 1 => {
                    from = end;
                    return Some((start, end));
                }
                _ => from = start + 1,
            }
        }
        None
    })
}

/// The matches of `(?-u:\b)(?:HH:MM(?::SS)?|YYYY-MM-DD|TBD|TODO|XXX)(?-u:\b)`, left to right
/// and without overlap as `find_iter` gives them; the word boundaries are ASCII ones. A SIMD
/// search for the words' stems finds where one may start, and each is checked there.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    const WORDS: [&[u8]; 6] = [b"HH:MM:SS", b"HH:MM", b"YYYY-MM-DD", b"TBD", b"TODO", b"XXX"];
    static STEMS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(["HH:MM", "YYYY-MM-DD", "TBD", "TODO", "XXX"])
            .expect("static patterns")
    });
    let bytes = text.as_bytes();
    let is_word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(stem) = STEMS.find(Input::new(bytes).span(at..bytes.len())) {
            let start = stem.start();
            at = start + 1;
            if start > 0 && is_word(start - 1) {
                continue;
            }
            let word = WORDS.iter().find(|w| bytes[start..].starts_with(w) && !is_word(start + w.len()));
            if let Some(word) = word {
                at = start + word.len();
                return Some((start, at));
            }
        }
        None
    })
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

#[cfg(test)]
mod scan_tests {
    use super::*;

    /// Texts around both patterns' edges: brackets nested, unclosed and across lines, 80 and 81
    /// characters (some of them multi-byte), the words inside other words and next to `_`.
    fn texts() -> Vec<String> {
        let long = |c: &str, n: usize| c.repeat(n);
        let pieces: Vec<String> = [
            "[",
            "]",
            "[x]",
            "[ ]",
            "[Name]",
            "[]",
            "\n",
            "é",
            "a",
            " ",
            "_",
            "x",
            "(",
            ":",
            "-",
            "HH:MM",
            ":SS",
            "HH",
            ":MM",
            "YYYY-MM-DD",
            "YYYY",
            "TBD",
            "TODO",
            "TOD",
            "XXX",
            "XXXX",
            "PLAT-12",
            "٣",
            "Ж",
            "\"",
            "'",
        ]
        .map(String::from)
        .into_iter()
        .chain([long("a", 79), long("a", 80), long("é", 80), long("é", 81), long("b", 200)])
        .collect();
        let mut next = crate::testing::seeded(0x853c_49e6_748f_ea9b);
        let mut out = pieces.clone();
        for _ in 0..40_000 {
            let text: String = (0..1 + next(8)).map(|_| pieces[next(pieces.len())].as_str()).collect();
            out.push(text);
        }
        out
    }

    #[test]
    fn hand_searches_find_what_the_regexes_find() {
        for text in texts() {
            let expected: Vec<(usize, usize)> = BRACKETED.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(bracketed(&text).collect::<Vec<_>>(), expected, "{text:?}");
            let expected: Vec<(usize, usize)> = WORDS.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(words(&text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
