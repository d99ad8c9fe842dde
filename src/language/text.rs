//! Sentences and tokens of one prose block, with code spans and quoted speech masked.
//!
//! Masked text (inline code in backticks, "quoted speech", “curly quotes”) becomes one opaque
//! token: it still fills a slot in the sentence ("`git blame` pointed to…") but none of its words
//! can trigger a rule. Offsets are byte offsets into the block's text throughout.

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

#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The lowercase form, borrowed from one buffer that holds those of all the tokens split from
    /// one text (a string per token was a large share of tokenising).
    lower: &'a str,
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
    /// For words, the lexicon classes of the lowercase form ([`super::triggers::lexicon_bits`]);
    /// zero for every other kind.
    pub lex: u32,
}

impl<'a> Token<'a> {
    /// Lowercase, curly apostrophes made straight, possessive `'s` removed.
    pub fn lower(&self) -> &'a str {
        self.lower
    }

    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower == word
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        self.kind == Kind::Word && words.contains(&self.lower)
    }

    pub fn is_punct(&self, chars: &str) -> bool {
        self.kind == Kind::Punct && chars.contains(self.lower)
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// A sentence: its byte range in the block text and its tokens.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'a> {
    pub start: usize,
    pub end: usize,
    pub tokens: &'a [Token<'a>],
}

/// The tokens of a piece of text, cut into sentences.
#[derive(Debug)]
pub struct Tokens<'b> {
    tokens: Vec<Token<'b>>,
    /// Token ranges of the sentences that hold more than punctuation.
    sentences: Vec<(usize, usize)>,
}

/// The vectors of a [`Tokens`], empty, kept from one span to the next so that tokenising span
/// after span allocates them once.
#[derive(Default)]
pub struct Buffers {
    tokens: Vec<Token<'static>>,
    sentences: Vec<(usize, usize)>,
}

impl Tokens<'_> {
    /// Gives the vectors back, emptied, for the next span.
    pub fn into_buffers(self) -> Buffers {
        let Tokens { mut tokens, mut sentences } = self;
        tokens.clear();
        sentences.clear();
        // An empty vector of tokens borrowing the span's lowercase buffer becomes one of
        // `'static` tokens in place (collecting from a vector's own iterator reuses its
        // allocation), so that no borrow outlives the span. `filter` would keep the borrowing type.
        #[allow(clippy::unnecessary_filter_map)]
        let tokens = tokens.into_iter().filter_map(|_| None).collect();
        Buffers { tokens, sentences }
    }

    pub fn sentences(&self) -> impl Iterator<Item = Sentence<'_>> + '_ {
        self.sentences.iter().map(|&(from, to)| {
            let tokens = &self.tokens[from..to];
            Sentence { start: tokens[0].start, end: tokens[to - from - 1].end, tokens }
        })
    }
}

/// Byte ranges of `text` that no rule may read: inline code and quoted speech.
pub fn masked_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    masked_ranges_into(text, &mut ranges);
    ranges
}

/// [`masked_ranges`] into a vector the caller reuses (it is cleared first).
pub fn masked_ranges_into(text: &str, ranges: &mut Vec<(usize, usize)>) {
    ranges.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Only a backtick, a straight quote or the lead byte of `“` can open a masked range; the
    // bytes between them are skipped by a vectorised search.
    while let Some(found) = memchr::memchr3(b'`', b'"', 0xE2, &bytes[i..]) {
        i += found;
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
}

const ABBREVIATIONS: &[&str] =
    &["e.g", "i.e", "etc", "vs", "dr", "mr", "ms", "mrs", "approx", "incl", "no", "st", "jr", "cf", "fig", "ca"];

/// Byte ranges of the sentences of `text`, found without tokenising: a cheap first cut so that
/// only sentences holding a trigger are tokenised. [`sentences`] splits the same way.
pub fn sentence_spans(text: &str, masked: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    sentence_spans_into(text, masked, &mut spans);
    spans
}

/// [`sentence_spans`] into a vector the caller reuses (it is cleared first).
pub fn sentence_spans_into(text: &str, masked: &[(usize, usize)], spans: &mut Vec<(usize, usize)>) {
    spans.clear();
    let bytes = text.as_bytes();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if masked.iter().any(|&(s, e)| s <= i && i < e) {
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
}

/// Splits a block into sentences and tokenises them; the tokens' lowercase forms are written to
/// `lowered`, which the tokens borrow.
pub fn sentences<'b>(text: &str, lowered: &'b mut String) -> Tokens<'b> {
    sentences_in(text, 0, text.len(), &masked_ranges(text), lowered, Buffers::default())
}

/// The sentences of `text[start..end]`, with offsets into `text`. `masked` holds the block's
/// [`masked_ranges`]: `start..end` must be a span of [`sentence_spans`] (or the whole block), so no
/// masked range crosses its ends, and masking the span on its own would find the same ranges.
/// The tokens and sentences go to the vectors of `buffers` ([`Tokens::into_buffers`]).
pub fn sentences_in<'b>(
    text: &str,
    start: usize,
    end: usize,
    masked: &[(usize, usize)],
    lowered: &'b mut String,
    buffers: Buffers,
) -> Tokens<'b> {
    // Nothing past the span is read: tokens end and look ahead as if the text stopped there.
    let text = &text[..end];
    let first = masked.partition_point(|&(_, e)| e <= start);
    let last = masked.partition_point(|&(s, _)| s < end);
    let masked = &masked[first..last.max(first)];
    lowered.clear();
    let Buffers { tokens, sentences } = buffers;
    let tokens = if text[start..].is_ascii() {
        // ASCII lowercasing keeps every byte in place, so the span is lowered in one go and each
        // token's lowercase form is a slice of it.
        lowered.push_str(&text[start..]);
        lowered.make_ascii_lowercase();
        let lowered: &'b str = lowered;
        tokenize_ascii(text, start, masked, lowered, tokens)
    } else {
        let raw = tokenize(text, start, masked, |from, to, kind| make_token(text, from, to, kind, lowered));
        let lowered: &'b String = lowered;
        let mut tokens: Vec<Token<'b>> = tokens;
        tokens.extend(raw.iter().map(|r| r.token(lowered)));
        tokens
    };
    split(text, tokens, sentences)
}

/// Cuts a block's tokens into sentences.
fn split<'b>(text: &str, mut tokens: Vec<Token<'b>>, mut sentences: Vec<(usize, usize)>) -> Tokens<'b> {
    let count = tokens.len();
    let mut from = 0;
    for index in 0..count {
        let token = &tokens[index];
        // Where sentences end, decided with one token of lookahead.
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
        if ends {
            close_sentence(&mut tokens[from..=index], from, &mut sentences);
            from = index + 1;
        }
    }
    if from < count {
        close_sentence(&mut tokens[from..], from, &mut sentences);
    }
    Tokens { tokens, sentences }
}

/// Marks the first word of the sentence `tokens` (starting at token `from`) and keeps the
/// sentence if it holds more than punctuation.
fn close_sentence(tokens: &mut [Token<'_>], from: usize, sentences: &mut Vec<(usize, usize)>) {
    let mut only_punct = true;
    for token in tokens.iter_mut() {
        token.initial = only_punct;
        only_punct &= token.kind == Kind::Punct;
    }
    if !only_punct {
        sentences.push((from, from + tokens.len()));
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@'
}

/// Characters that stay inside a token when a word character follows them.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '\'' | '’' | '/' | ':' | '_' | '%' | ',')
}

/// A token before its lowercase form is final: `lower` is a range of the lowercase buffer.
struct RawToken {
    start: usize,
    end: usize,
    kind: Kind,
    lower: (usize, usize),
    cap: bool,
    poss: bool,
    acronym: bool,
    inner_caps: bool,
    lex: u32,
}

impl RawToken {
    fn token<'b>(&self, lowered: &'b str) -> Token<'b> {
        Token {
            start: self.start,
            end: self.end,
            kind: self.kind,
            lower: &lowered[self.lower.0..self.lower.1],
            cap: self.cap,
            poss: self.poss,
            initial: false,
            acronym: self.acronym,
            inner_caps: self.inner_caps,
            lex: self.lex,
        }
    }
}

/// The character at byte `i` of `text` and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        (c, c.len_utf8())
    }
}

/// The tokens of `text[from..]`, each made by `make` from its range and kind; `masked` holds the
/// masked ranges inside `text[from..]`, in order.
fn tokenize<T>(
    text: &str,
    from: usize,
    masked: &[(usize, usize)],
    mut make: impl FnMut(usize, usize, Kind) -> T,
) -> Vec<T> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // About one token per five bytes of prose: enough that the vector rarely grows.
    let mut tokens = Vec::with_capacity((n - from) / 5 + 1);
    let mut mask = masked.iter().peekable();
    let mut i = from;
    while i < n {
        if let Some(&&(start, end)) = mask.peek() {
            if i >= end {
                mask.next();
                continue;
            }
            if i >= start {
                tokens.push(make(start, end, Kind::Masked));
                i = end;
                mask.next();
                continue;
            }
        }
        let (c, len) = char_at(text, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            tokens.push(make(i, i + len, Kind::Punct));
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        // Whether `text[start..end]` is all ASCII digits, and all digits or dots.
        let mut digits = c.is_ascii_digit();
        let mut digits_or_dots = digits;
        let next_mask = mask.peek().map_or(usize::MAX, |&&(s, _)| s);
        while end < n && end < next_mask {
            let (d, d_len) = char_at(text, end);
            if is_word_char(d) {
                end += d_len;
                digits &= d.is_ascii_digit();
                digits_or_dots &= d.is_ascii_digit();
                continue;
            }
            let after = (end + d_len < n).then(|| char_at(text, end + d_len).0);
            let numeric_only = matches!(d, ':' | ',' | '%');
            let joins = is_joiner(d) && after.is_some_and(is_word_char) && (!numeric_only || digits);
            if joins {
                end += d_len;
                digits = false;
                digits_or_dots &= d == '.';
                continue;
            }
            if d == '%' && digits_or_dots {
                end += 1;
            }
            break;
        }
        let numeric = bytes[start].is_ascii_digit();
        tokens.push(make(start, end, if numeric { Kind::Number } else { Kind::Word }));
        i = end;
    }
    tokens
}

/// Byte classes of the ASCII tokenizer: what [`char::is_whitespace`], [`is_word_char`],
/// [`is_joiner`] and [`char::is_ascii_digit`] say of each ASCII character.
const SPACE: u8 = 1;
const WORD: u8 = 2;
const JOINER: u8 = 4;
const DIGIT: u8 = 8;

static CLASSES: [u8; 128] = {
    let mut classes = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut class = 0;
        if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            class |= SPACE;
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'@' {
            class |= WORD;
        }
        if matches!(c, b'-' | b'.' | b'\'' | b'/' | b':' | b'_' | b'%' | b',') {
            class |= JOINER;
        }
        if c.is_ascii_digit() {
            class |= DIGIT;
        }
        classes[b] = class;
        b += 1;
    }
    classes
};

/// [`tokenize`] for ASCII text, with each token's lowercase form sliced from `lowered`, the
/// lowercase form of `text[from..]`: the same tokens, read a byte at a time from a class table.
fn tokenize_ascii<'b>(
    text: &str,
    from: usize,
    masked: &[(usize, usize)],
    lowered: &'b str,
    mut tokens: Vec<Token<'b>>,
) -> Vec<Token<'b>> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let class = |i: usize| CLASSES[usize::from(bytes[i] & 0x7f)];
    // A function, not a closure: the closure was not inlined, and its token came back through
    // memory with a store-forwarding stall on every token.
    #[inline(always)]
    fn token<'b>(text: &str, lowered: &'b str, from: usize, start: usize, end: usize, kind: Kind) -> Token<'b> {
        ascii_token(text, start, end, kind, &lowered[start - from..end - from])
    }
    tokens.reserve((n - from) / 5 + 1);
    let mut mask = masked.iter().peekable();
    let mut i = from;
    while i < n {
        if let Some(&&(start, end)) = mask.peek() {
            if i >= end {
                mask.next();
                continue;
            }
            if i >= start {
                tokens.push(token(text, lowered, from, start, end, Kind::Masked));
                i = end;
                mask.next();
                continue;
            }
        }
        let c = class(i);
        if c & SPACE != 0 {
            i += 1;
            continue;
        }
        if c & WORD == 0 {
            tokens.push(token(text, lowered, from, i, i + 1, Kind::Punct));
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut digits = c & DIGIT != 0;
        let mut digits_or_dots = digits;
        let limit = n.min(mask.peek().map_or(usize::MAX, |&&(s, _)| s));
        while end < limit {
            if !digits_or_dots {
                // Once a token holds a byte that is neither a digit nor a dot, neither flag can
                // change again, so a run of word bytes is skipped without updating them (most
                // words start with a letter and are read this way).
                let run = &bytes[end..limit];
                end += run.iter().position(|&b| CLASSES[usize::from(b & 0x7f)] & WORD == 0).unwrap_or(run.len());
                if end == limit {
                    break;
                }
            }
            let d = class(end);
            if d & WORD != 0 {
                end += 1;
                digits &= d & DIGIT != 0;
                digits_or_dots &= d & DIGIT != 0;
                continue;
            }
            let byte = bytes[end];
            let numeric_only = matches!(byte, b':' | b',' | b'%');
            let joins = d & JOINER != 0 && end + 1 < n && class(end + 1) & WORD != 0 && (!numeric_only || digits);
            if joins {
                end += 1;
                digits = false;
                digits_or_dots &= byte == b'.';
                continue;
            }
            if byte == b'%' && digits_or_dots {
                end += 1;
            }
            break;
        }
        let kind = if c & DIGIT != 0 { Kind::Number } else { Kind::Word };
        tokens.push(token(text, lowered, from, start, end, kind));
        i = end;
    }
    // The lexicon is read in a pass of its own: the lookups of different words do not depend on
    // each other and overlap, where inside the byte loop each one waited on the loop's branches.
    for token in tokens.iter_mut().filter(|t| t.kind == Kind::Word) {
        token.lex = super::triggers::lexicon_bits(token.lower);
    }
    tokens
}

const CONTRACTIONS: &[&str] = &["it's", "that's", "there's", "what's", "he's", "she's", "who's", "let's", "here's"];

/// [`make_token`] for ASCII text whose lowercase form `lower` is already at hand, except for `lex`,
/// which [`tokenize_ascii`] fills in afterwards.
#[inline(always)]
fn ascii_token<'b>(text: &str, start: usize, end: usize, kind: Kind, lower: &'b str) -> Token<'b> {
    let raw = &text.as_bytes()[start..end];
    // A token with no uppercase letter (most of them) equals its lowercase form and has none of
    // the three flags; only the others are read a byte at a time.
    let (cap, acronym, inner_caps) =
        if raw == lower.as_bytes() { (false, false, false) } else { ascii_case_flags(raw) };
    let mut token = Token { start, end, kind, lower, cap, poss: false, initial: false, acronym, inner_caps, lex: 0 };
    if kind == Kind::Word {
        if lower.ends_with("'s") && !CONTRACTIONS.contains(&lower) {
            token.lower = &lower[..lower.len() - 2];
            token.poss = true;
        } else if lower.len() > 2 && lower.ends_with("s'") {
            token.lower = &lower[..lower.len() - 1];
            token.poss = true;
        }
    }
    token
}

/// `cap`, `acronym` and `inner_caps` of an ASCII token.
#[inline(always)]
fn ascii_case_flags(raw: &[u8]) -> (bool, bool, bool) {
    let (mut letters, mut lowercase, mut inner_caps, mut previous) = (0, false, false, b'-');
    for &b in raw {
        if b.is_ascii_alphabetic() {
            letters += 1;
            lowercase |= b.is_ascii_lowercase();
            inner_caps |= b.is_ascii_uppercase() && !matches!(previous, b'-' | b'\'');
        }
        previous = b;
    }
    let acronym = letters > 1 && !lowercase;
    let inner_caps = !acronym && inner_caps && !raw.ends_with(b"'S");
    (raw.first().is_some_and(u8::is_ascii_uppercase), acronym, inner_caps)
}

fn make_token(text: &str, start: usize, end: usize, kind: Kind, lowered: &mut String) -> RawToken {
    let raw = &text[start..end];
    let from = lowered.len();
    let (cap, acronym, inner_caps) = if raw.is_ascii() {
        lowered.push_str(raw);
        lowered[from..].make_ascii_lowercase();
        ascii_case_flags(raw.as_bytes())
    } else {
        let lower = raw.to_lowercase();
        if lower.contains('’') {
            lowered.push_str(&lower.replace('’', "'"));
        } else {
            lowered.push_str(&lower);
        }
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
        (cap, acronym, inner_caps)
    };
    let mut poss = false;
    let mut lex = 0;
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
        lex = super::triggers::lexicon_bits(&lowered[from..]);
    }
    RawToken { start, end, kind, lower: (from, lowered.len()), cap, poss, acronym, inner_caps, lex }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(s: &Sentence<'a>) -> Vec<&'a str> {
        s.tokens.iter().map(|t| t.lower()).collect()
    }

    #[test]
    fn ascii_text_is_tokenised_as_the_general_path_does() {
        for text in [
            "Dr. Okafor shipped 4.2.1 at 10:02, 40% of 1,200 hosts (v2.0%) -- e.g. `kubectl drain` \"my bad\".",
            "Priya's ops' it's O'Brien's @dana_k re-ran /var/log/x_y.log; 3.5% 12:30:01 a,b 1,2 5%x",
            "\t\u{b}\u{c}\r\n trailing. 'quoted' ``two `ticks` here`` x_",
            "",
            "...!?",
            "v1.2.3x 1.5.6% a.b% 3x% 12a:30 1.2a.3% word`code`tail 1.2`x` 7,5,a 9.%x x-y_z%",
        ] {
            let masked = masked_ranges(text);
            let mut lowered = String::new();
            let raw = tokenize(text, 0, &masked, |from, to, kind| make_token(text, from, to, kind, &mut lowered));
            let general: Vec<Token<'_>> = raw.iter().map(|r| r.token(&lowered)).collect();
            let ascii_lowered = text.to_ascii_lowercase();
            let ascii = tokenize_ascii(text, 0, &masked, &ascii_lowered, Vec::new());
            let view = |t: &Token<'_>| {
                (t.start, t.end, t.kind, t.lower().to_string(), t.cap, t.poss, t.acronym, t.inner_caps, t.lex)
            };
            assert_eq!(
                ascii.iter().map(view).collect::<Vec<_>>(),
                general.iter().map(view).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_versions() {
        let text = "Dr. Okafor shipped 4.2.1 at 10:02. Then e.g. the CLI failed! Done";
        let mut lowered = String::new();
        let tokens = sentences(text, &mut lowered);
        let s: Vec<Sentence<'_>> = tokens.sentences().collect();
        assert_eq!(s.len(), 3);
        assert_eq!(words(&s[0]), vec!["dr", ".", "okafor", "shipped", "4.2.1", "at", "10:02", "."]);
        assert!(s[1].tokens[0].initial);
    }

    #[test]
    fn masks_code_and_quotes_and_marks_possessives() {
        let text = "Priya's `DROP TABLE` and \"my bad\" and “sorry” didn't help.";
        let mut lowered = String::new();
        let tokens = sentences(text, &mut lowered);
        let s: Vec<Sentence<'_>> = tokens.sentences().collect();
        let t = s[0].tokens;
        assert_eq!(t[0].lower(), "priya");
        assert!(t[0].poss && t[0].cap);
        assert_eq!(t[1].kind, Kind::Masked);
        assert_eq!(t[3].kind, Kind::Masked);
        assert_eq!(t[5].kind, Kind::Masked);
        assert_eq!(t[6].lower(), "didn't");
    }
}
