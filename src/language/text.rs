//! Sentences and tokens of one prose block, with code spans and quoted speech masked.
//!
//! Masked text (inline code in backticks, "quoted speech", “curly quotes”) becomes one opaque
//! token: it still fills a slot in the sentence ("`git blame` pointed to…") but none of its words
//! can trigger a rule. Offsets are byte offsets into the block's text throughout.

use std::rc::Rc;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// A number, time or version: `03:12`, `4.2`, `40%`.
    Number,
    /// Inline code or quoted speech, opaque to every rule.
    Masked,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The lowercase forms of all the tokens split from one text, in one allocation shared by
    /// them (one string per token was a large share of tokenising); `lower_range` is this token's.
    lowered: Rc<str>,
    lower_range: (usize, usize),
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Written as a possessive (`Priya's`, `ops'`).
    pub poss: bool,
    /// The first word of its sentence (after any opening punctuation).
    pub initial: bool,
    /// Every letter is uppercase in the source (`SRE`, `IP`, `HR`).
    pub acronym: bool,
    /// An uppercase letter after the first character (`ACLs`, `GitHub`, `DaemonSet`); hyphenated
    /// names (`Hye-Jin`) do not count.
    pub inner_caps: bool,
}

impl Token {
    /// Lowercase, curly apostrophes made straight, possessive `'s` removed.
    pub fn lower(&self) -> &str {
        &self.lowered[self.lower_range.0..self.lower_range.1]
    }

    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower() == word
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        self.kind == Kind::Word && words.contains(&self.lower())
    }

    pub fn is_punct(&self, chars: &str) -> bool {
        self.kind == Kind::Punct && chars.contains(self.lower())
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// A sentence: its byte range in the block text and its tokens.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

/// Byte ranges of `text` that no rule may read: inline code and quoted speech.
pub fn masked_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // Only a backtick, a straight quote or the lead byte of `“` can open a masked range;
        // every other byte (continuation bytes included) is stepped over without decoding.
        if !matches!(bytes[i], b'`' | b'"' | 0xE2) {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        if bytes[i] == b'`' {
            let ticks = rest.bytes().take_while(|&b| b == b'`').count();
            let fence = &rest[..ticks];
            if let Some(close) = rest[ticks..].find(fence) {
                let end = i + ticks + close + ticks;
                ranges.push((i, end));
                i = end;
                continue;
            }
            i += ticks;
            continue;
        }
        if bytes[i] == b'"' {
            // A straight quote pair closes at the next straight quote in the same paragraph.
            if let Some(close) = rest[1..].find('"') {
                let end = i + 1 + close + 1;
                ranges.push((i, end));
                i = end;
                continue;
            }
        }
        if rest.starts_with('“') {
            if let Some(close) = rest.find('”') {
                let end = i + close + '”'.len_utf8();
                ranges.push((i, end));
                i = end;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    ranges
}

const ABBREVIATIONS: &[&str] =
    &["e.g", "i.e", "etc", "vs", "dr", "mr", "ms", "mrs", "approx", "incl", "no", "st", "jr", "cf", "fig", "ca"];

/// Byte ranges of the sentences of `text`, found without tokenising: a cheap first cut so that
/// only sentences holding a trigger are tokenised. [`sentences`] splits the same way.
pub fn sentence_spans(text: &str, masked: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'.' | b'!' | b'?') || masked.iter().any(|&(s, e)| s <= i && i < e) {
            continue;
        }
        let after = &text[i + 1..];
        let trimmed = after.trim_start();
        if trimmed.len() == after.len() && !after.is_empty() {
            continue;
        }
        let next = trimmed.chars().next();
        let starts = next.is_none_or(|c| !c.is_lowercase()) || after[..after.len() - trimmed.len()].contains('\n');
        let word_start = text[..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '.')
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = &text[word_start..i];
        let abbreviation = ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
        if starts && !abbreviation {
            spans.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    spans
}

/// The sentences of `text[start..end]`, with offsets into `text`.
pub fn sentences_at(text: &str, start: usize, end: usize) -> Vec<Sentence> {
    let mut out = sentences(&text[start..end]);
    for sentence in &mut out {
        sentence.start += start;
        sentence.end += start;
        for token in &mut sentence.tokens {
            token.start += start;
            token.end += start;
        }
    }
    out
}

/// Splits a block into sentences and tokenises them.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let masked = masked_ranges(text);
    let tokens = tokenize(text, &masked);
    // Where sentences end, decided on the whole token list (it needs one token of lookahead).
    let mut ends_at = vec![false; tokens.len()];
    for (index, token) in tokens.iter().enumerate() {
        let ends = token.kind == Kind::Punct && matches!(token.lower(), "." | "!" | "?") && {
            let previous = index.checked_sub(1).map(|i| &tokens[i]);
            let abbreviation = previous.is_some_and(|p| p.kind == Kind::Word && ABBREVIATIONS.contains(&p.lower()));
            let next = tokens.get(index + 1);
            let next_starts = next.is_none_or(|n| {
                n.cap || n.kind != Kind::Word || n.lower().starts_with('@') || text[token.end..n.start].contains('\n')
            });
            let spaced = next.is_none_or(|n| n.start > token.end);
            !abbreviation && next_starts && spaced
        };
        ends_at[index] = ends;
    }
    // Each sentence's tokens are moved into a vector of exactly their number, not grown one by one.
    let count = tokens.len();
    let ends = ends_at.iter().enumerate().filter(|&(_, &ends)| ends).map(|(index, _)| index + 1);
    let mut tokens = tokens.into_iter();
    let mut out = Vec::new();
    let mut from = 0;
    for end in ends.chain(std::iter::once(count)) {
        let mut current: Vec<Token> = tokens.by_ref().take(end - from).collect();
        let mut only_punct = true;
        for token in &mut current {
            token.initial = only_punct;
            only_punct &= token.kind == Kind::Punct;
        }
        push_sentence(&mut out, current);
        from = end;
    }
    out
}

fn push_sentence(out: &mut Vec<Sentence>, tokens: Vec<Token>) {
    if tokens.iter().any(|t| t.kind != Kind::Punct) {
        let start = tokens.first().map_or(0, |t| t.start);
        let end = tokens.last().map_or(0, |t| t.end);
        out.push(Sentence { start, end, tokens });
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@'
}

/// Characters that stay inside a token when a word character follows them.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '\'' | '’' | '/' | ':' | '_' | '%' | ',')
}

fn tokenize(text: &str, masked: &[(usize, usize)]) -> Vec<Token> {
    let mut lowered = String::with_capacity(text.len());
    let mut tokens = tokenize_into(text, masked, &mut lowered);
    let lowered: Rc<str> = Rc::from(lowered);
    for token in &mut tokens {
        token.lowered = Rc::clone(&lowered);
    }
    tokens
}

/// Tokens whose lowercase forms are appended to `lowered`; their `lowered` field is a placeholder
/// until [`tokenize`] shares the finished buffer.
fn tokenize_into(text: &str, masked: &[(usize, usize)], lowered: &mut String) -> Vec<Token> {
    let placeholder: Rc<str> = Rc::from("");
    // About one token per five bytes of prose: enough that the vector rarely grows.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut token =
        |text: &str, start: usize, end: usize, kind: Kind| make_token(text, start, end, kind, lowered, &placeholder);
    let mut mask = masked.iter().peekable();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if let Some(&&(start, end)) = mask.peek() {
            if i >= end {
                mask.next();
                continue;
            }
            if i >= start {
                tokens.push(token(text, start, end, Kind::Masked));
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
                mask.next();
                continue;
            }
        }
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if is_word_char(c) {
            let start = i;
            let mut end = i + c.len_utf8();
            chars.next();
            while let Some(&(j, d)) = chars.peek() {
                if mask.peek().is_some_and(|&&(s, _)| j >= s) {
                    break;
                }
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                let after = text[j + d.len_utf8()..].chars().next();
                let numeric_only = matches!(d, ':' | ',' | '%');
                let joins = is_joiner(d)
                    && after.is_some_and(is_word_char)
                    && (!numeric_only || text[start..end].chars().all(|c| c.is_ascii_digit()));
                if joins {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                if d == '%' && text[start..end].chars().all(|c| c.is_ascii_digit() || c == '.') {
                    end = j + 1;
                    chars.next();
                }
                break;
            }
            let numeric = text[start..end].starts_with(|c: char| c.is_ascii_digit());
            tokens.push(token(text, start, end, if numeric { Kind::Number } else { Kind::Word }));
            continue;
        }
        chars.next();
        tokens.push(token(text, i, i + c.len_utf8(), Kind::Punct));
    }
    tokens
}

const CONTRACTIONS: &[&str] = &["it's", "that's", "there's", "what's", "he's", "she's", "who's", "let's", "here's"];

fn make_token(text: &str, start: usize, end: usize, kind: Kind, lowered: &mut String, placeholder: &Rc<str>) -> Token {
    let raw = &text[start..end];
    let from = lowered.len();
    if raw.is_ascii() {
        lowered.push_str(raw);
        lowered[from..].make_ascii_lowercase();
    } else {
        let lower = raw.to_lowercase();
        if lower.contains('’') {
            lowered.push_str(&lower.replace('’', "'"));
        } else {
            lowered.push_str(&lower);
        }
    }
    let mut poss = false;
    // Every contraction ends in 's, so the list is only consulted for words that do.
    if kind == Kind::Word {
        let lower = &lowered[from..];
        if lower.ends_with("'s") && !CONTRACTIONS.contains(&lower) {
            lowered.truncate(lowered.len() - 2);
            poss = true;
        } else if lower.len() > 2 && lower.ends_with("s'") {
            lowered.pop();
            poss = true;
        }
    }
    let lower_range = (from, lowered.len());
    let cap = raw.chars().next().is_some_and(char::is_uppercase);
    let (mut letters, mut lowercase, mut inner_caps, mut previous) = (0, false, false, '-');
    for c in raw.chars() {
        if c.is_alphabetic() {
            letters += 1;
            lowercase |= !c.is_uppercase();
            // An uppercase letter that does not start a hyphen- or apostrophe-separated part.
            inner_caps |= c.is_uppercase() && !matches!(previous, '-' | '\'' | '’');
        }
        previous = c;
    }
    let acronym = letters > 1 && !lowercase;
    // The first letter always "follows" the virtual '-' above, so only later capitals count.
    let inner_caps = !acronym && inner_caps && !raw.ends_with("'S");
    Token {
        start,
        end,
        kind,
        lowered: Rc::clone(placeholder),
        lower_range,
        cap,
        poss,
        initial: false,
        acronym,
        inner_caps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &Sentence) -> Vec<&str> {
        s.tokens.iter().map(|t| t.lower()).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_versions() {
        let text = "Dr. Okafor shipped 4.2.1 at 10:02. Then e.g. the CLI failed! Done";
        let s = sentences(text);
        assert_eq!(s.len(), 3);
        assert_eq!(words(&s[0]), vec!["dr", ".", "okafor", "shipped", "4.2.1", "at", "10:02", "."]);
        assert!(s[1].tokens[0].initial);
    }

    #[test]
    fn masks_code_and_quotes_and_marks_possessives() {
        let text = "Priya's `DROP TABLE` and \"my bad\" and “sorry” didn't help.";
        let s = sentences(text);
        let t = &s[0].tokens;
        assert_eq!(t[0].lower(), "priya");
        assert!(t[0].poss && t[0].cap);
        assert_eq!(t[1].kind, Kind::Masked);
        assert_eq!(t[3].kind, Kind::Masked);
        assert_eq!(t[5].kind, Kind::Masked);
        assert_eq!(t[6].lower(), "didn't");
    }
}
