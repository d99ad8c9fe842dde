//! Which detectors a sentence can possibly trip, from the words it contains.
//!
//! Every detector needs at least one of its trigger words in the sentence; a block whose text holds
//! none of the trigger words at all is skipped before it is even split into sentences. The lists
//! here are derived from the detectors: when a detector learns a new entry word, add it here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::blame::{BAD_OUTCOMES, OBJECT_FLAWS, RELATIVE_HARM, SECRETS};
use super::lexicon::*;

pub const HUMAN_ERROR: u8 = 1;
pub const COUNTERFACTUAL: u8 = 1 << 1;
pub const PERSON: u8 = 1 << 2;
pub const HINDSIGHT: u8 = 1 << 3;
pub const JUDGMENT: u8 = 1 << 4;
pub const PUNITIVE: u8 = 1 << 5;
pub const PROCESS: u8 = 1 << 6;

const HUMAN_ERROR_WORDS: &[&str] = &[
    "error",
    "errors",
    "mistake",
    "mistakes",
    "slip",
    "slips",
    "fault",
    "human-error",
    "pebkac",
    "pebcak",
    "id10t",
    "wetware",
    "fat",
    "fat-finger",
    "fat-fingered",
    "fat-fingering",
    "fat-fingers",
    "trouble",
];
const COUNTERFACTUAL_WORDS: &[&str] = &[
    "should",
    "could",
    "would",
    "ought",
    "must",
    "might",
    "shouldn't",
    "couldn't",
    "wouldn't",
    "should've",
    "could've",
    "would've",
    "mustn't",
    "supposed",
    "meant",
    "expected",
    "needed",
    "only",
    "failed",
    "forgot",
    "neglected",
    "forgotten",
    "omitted",
    "didn't",
    "never",
    "did",
];
/// Words that make someone the cause ("caused by", "traced to", "due to", "the fault of"). They
/// both start the person detector and are words it tests tokens against, so they join
/// [`PERSON_WORDS`] and [`PERSON_ENTRY_WORDS`] from this one list.
const CAUSE_WORDS: &[&str] = &[
    "caused",
    "root",
    "traces",
    "traced",
    "trace",
    "tracing",
    "due",
    "owing",
    "because",
    "came",
    "comes",
    "boils",
    "boiled",
    "lies",
    "lay",
    "rests",
    "rested",
    "sits",
    "fault",
    "attributed",
    "attributable",
    "blamed",
    "thanks",
];

/// Besides these and [`CAUSE_WORDS`], every slip adverb of [`super::blame::SLIP_ADVERBS`] starts
/// the person detector.
const PERSON_WORDS: &[&str] = &[
    "mistake",
    "accident",
    "wrong",
    "instead",
    "simultaneously",
    "same",
    "once",
    "who",
    "null",
    "zero",
    "nil",
    "empty",
    "left",
    "let",
    "leaving",
    "letting",
    "mistakes",
    "typo",
    "blunder",
    "slip",
    "screw-up",
    "goof",
    "oversight",
    "error",
    "waved",
    "logged",
    "went",
    "walked",
];
const HINDSIGHT_WORDS: &[&str] =
    &["anyone", "anybody", "everyone", "everybody", "even", "all", "only", "how", "bother", "bothered", "any"];
const JUDGMENT_WORDS: &[&str] = &["paying", "pay", "paid", "better"];
const PUNITIVE_WORDS: &[&str] = &[
    "disciplinary",
    "disciplined",
    "reprimand",
    "reprimanded",
    "reprimands",
    "discipline",
    "warning",
    "improvement",
    "personnel",
    "accountable",
    "hr",
    "action",
    "bonus",
    "bonuses",
    "longer",
    "go",
    "fired",
    "terminated",
    "dismissed",
    "suspended",
    "sacked",
    "demoted",
    "barred",
    "banned",
    "counselled",
    "counseled",
    "retrained",
    "re-trained",
    "re-certified",
    "recertified",
    "removed",
    "taken",
    "placed",
    "retraining",
    "re-training",
    "re-certification",
    "recertification",
    "review",
    "consequence",
    "consequences",
    "revoked",
    "downgraded",
    "renewed",
    "stays",
    "remains",
    "stay",
    "remain",
];
const PROCESS_WORDS: &[&str] = &[
    "bypassed",
    "bypassing",
    "circumvented",
    "circumventing",
    "sidestepped",
    "sidestepping",
    "overrode",
    "overriding",
    "overridden",
    "force-merged",
    "force-pushed",
    "self-approved",
    "self-merged",
    "disregarded",
    "disregarding",
    "flouted",
    "flouting",
    "violated",
    "violating",
    "breached",
    "breaching",
    "ignored",
    "ignoring",
    "skipped",
    "skipping",
    "disabled",
    "disabling",
    "silenced",
    "silencing",
    "muted",
    "muting",
    "removed",
    "turned",
    "commented",
    "without",
    "unauthorised",
    "unauthorized",
    "unapproved",
    "unsanctioned",
    "unreviewed",
    "outside",
    "straight",
    "directly",
    "override",
    "follow",
    "violation",
    "against",
    "contrary",
    "despite",
    "forbids",
    "prohibits",
    "forbidden",
    "prohibited",
    "disallows",
];

type Map = HashMap<&'static str, u8, BuildHasherDefault<WordHash>>;

/// Word → the detectors it can start.
pub static WORDS: LazyLock<Map> = LazyLock::new(|| {
    let mut map = Map::default();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u8| {
        for w in words {
            *map.entry(w).or_insert(0) |= bit;
        }
    };
    add(&mut HUMAN_ERROR_WORDS.iter().copied(), HUMAN_ERROR);
    add(&mut COUNTERFACTUAL_WORDS.iter().copied(), COUNTERFACTUAL);
    add(&mut PERSON_WORDS.iter().chain(CAUSE_WORDS).copied(), PERSON);
    add(&mut super::blame::SLIP_ADVERBS.iter().copied(), PERSON);
    add(&mut HARMFUL.iter().copied(), PERSON);
    add(&mut BAD_OUTCOMES.iter().copied(), PERSON);
    add(&mut OBJECT_FLAWS.iter().copied(), PERSON);
    add(&mut RELATIVE_HARM.iter().copied(), PERSON);
    add(&mut SECRETS.iter().copied(), PERSON);
    add(&mut ["down"].into_iter(), PERSON);
    add(&mut HINDSIGHT_WORDS.iter().copied(), HINDSIGHT);
    add(&mut MINIMIZERS.iter().copied(), HINDSIGHT);
    add(&mut JUDGMENT_WORDS.iter().copied(), JUDGMENT);
    add(&mut JUDGMENT_STRONG.iter().copied(), JUDGMENT);
    add(&mut JUDGMENT_WEAK.iter().copied(), JUDGMENT);
    add(&mut PUNITIVE_WORDS.iter().copied(), PUNITIVE);
    add(&mut PROCESS_WORDS.iter().copied(), PROCESS);
    map
});

/// Word classes the detectors test on nearly every token, looked up once per word when it is
/// tokenised ([`super::text::Token::lex`]); the low eight bits are the detectors it can start.
pub const HARMFUL_VERB: u32 = 1 << 8;
/// [`super::blame::OBJECT_FLAWS`].
pub const OBJECT_FLAW: u32 = 1 << 9;
/// [`super::blame::BAD_OUTCOMES`].
pub const BAD_OUTCOME: u32 = 1 << 10;
/// [`IRREGULAR_PAST`].
pub const IRREGULAR_PAST_FORM: u32 = 1 << 11;
/// Every word the person detector tests a token against ([`PERSON_ENTRY_WORDS`], [`CAUSE_WORDS`],
/// harmful verbs, slip adverbs): its other tokens are skipped unless they read as verbs next to a
/// flawed object.
pub const PERSON_ENTRY: u32 = 1 << 12;

/// The words `blame::Detector::person` compares a token with, beside [`CAUSE_WORDS`], [`HARMFUL`]
/// and the slip adverbs. A word missing here would make the detector skip it: keep in step with the detector.
pub(crate) const PERSON_ENTRY_WORDS: &[&str] = &[
    "by",
    "wrong",
    "instead",
    "simultaneously",
    "same",
    "at",
    "it",
    "once",
    "when",
    "after",
    "left",
    "let",
    "leaving",
    "letting",
    "mistake",
    "mistakes",
    "typo",
    "blunder",
    "slip",
    "screw-up",
    "goof",
    "oversight",
    "error",
    "approved",
    "merged",
    "shipped",
    "released",
    "accepted",
    "signed",
    "waved",
    "promoted",
    "pushed",
    "went",
    "walked",
    "and",
    "so",
    "pasted",
    "posted",
    "shared",
    "committed",
    "published",
    "emailed",
    "uploaded",
];

static LEXICON: LazyLock<WordMap<u32>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, u32, BuildHasherDefault<WordHash>> =
        WORDS.iter().map(|(&w, &bits)| (w, u32::from(bits))).collect();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u32| {
        for w in words {
            *map.entry(w).or_insert(0) |= bit;
        }
    };
    add(&mut HARMFUL.iter().copied(), HARMFUL_VERB);
    add(&mut OBJECT_FLAWS.iter().copied(), OBJECT_FLAW);
    add(&mut BAD_OUTCOMES.iter().copied(), BAD_OUTCOME);
    add(&mut IRREGULAR_PAST.iter().copied(), IRREGULAR_PAST_FORM);
    add(&mut PERSON_ENTRY_WORDS.iter().chain(CAUSE_WORDS).copied(), PERSON_ENTRY);
    add(&mut HARMFUL.iter().copied(), PERSON_ENTRY);
    add(&mut super::blame::SLIP_ADVERBS.iter().copied(), PERSON_ENTRY);
    WordMap::new(map)
});

/// The [`LEXICON`] bits of a lowercase word.
#[inline]
pub fn lexicon_bits(word: &str) -> u32 {
    LEXICON.get(word).unwrap_or(0)
}

/// The detectors a sentence's words can start.
pub fn mask(tokens: &[super::text::Token<'_>]) -> u8 {
    let bits = tokens.iter().filter(|t| t.kind == super::text::Kind::Word).fold(0, |mask, t| mask | t.lex);
    (bits & 0xff) as u8
}

/// Trigger words too common in post-mortems to admit a block on their own ("Due: 2026-04-10",
/// "Root Cause", "API token"); the block filter uses the phrases each detector needs instead.
const WEAK_ALONE: &[&str] = &[
    "due",
    "root",
    "owing",
    "lies",
    "lay",
    "rests",
    "rested",
    "sits",
    "came",
    "comes",
    "boils",
    "boiled",
    "thanks",
    "traces",
    "traced",
    "trace",
    "tracing",
    "did",
    "could",
    "would",
    "should",
    "might",
    "must",
    "ought",
    "only",
    "all",
    "any",
    "even",
    "how",
    "same",
    "once",
    "failed",
    "went",
    "walked",
    "error",
    "errors",
    "action",
    "review",
    "go",
    "warning",
    "longer",
    "renewed",
    "improvement",
    "personnel",
    "fired",
    "zero",
    "empty",
    "null",
    "nil",
    "token",
    "tokens",
    "key",
    "keys",
    "secret",
    "secrets",
    "password",
    "passwords",
    "credential",
    "credentials",
    "took",
    "brought",
    "knocked",
    "outage",
    "outages",
    "needed",
    "expected",
    "meant",
    "supposed",
    "fault",
    "slip",
    "slips",
    "trouble",
    "fat",
    "who",
    "because",
    "taken",
    "placed",
    "stay",
    "stays",
    "remain",
    "remains",
    "pay",
    "paid",
    "paying",
    "better",
    "mistake",
    "mistakes",
    "accident",
    "logged",
    "consequence",
    "consequences",
    "5xx",
    "500s",
    "502s",
    "503s",
    "errors",
    "whether",
];

/// Phrases that stand in for the weak words above.
const BLOCK_PHRASES: &[&str] = &[
    "due to",
    "root cause",
    "owing to",
    "lies with",
    "lay with",
    "rests with",
    "rested with",
    "sits with",
    "came down",
    "comes down",
    "boils down",
    "boiled down",
    "thanks to",
    "back to sleep",
    "traces back",
    "traced back",
    "trace back",
    "did not",
    "did nothing",
    "did never",
    "if only",
    "only had",
    "only needed",
    "had to do",
    "obvious to",
    "clear to",
    "how could",
    "how did",
    "how can",
    "same time",
    "at once",
    "failed to",
    "went back",
    "walked away",
    "action against",
    "performance review",
    "let go",
    "written warning",
    "formal warning",
    "final warning",
    "verbal warning",
    "no longer",
    "not be renewed",
    "improvement plan",
    "personnel file",
    "was fired",
    "were fired",
    "been fired",
    "got fired",
    "to zero",
    "to null",
    "to empty",
    "to nil",
    "pasted",
    "posted",
    "shared",
    "committed",
    "published",
    "emailed",
    "uploaded",
    "offline",
    "knees",
    "supposed to",
    "meant to",
    "expected to",
    "and did",
    "and never",
    "fault of",
    "at fault",
    "finger",
    "fat-finger",
    "it was",
    "it is",
    "it's",
    "it’s",
    "because of",
    "taken off",
    "placed on",
    "paying attention",
    "pay attention",
    "paid attention",
    "know better",
    "known better",
    "knew better",
    "by mistake",
    "by accident",
    "a mistake",
    "her mistake",
    "his mistake",
    "my mistake",
    "'s mistake",
    "’s mistake",
    "the mistake",
    "face consequences",
    "facing consequences",
    "as a consequence",
    "log out",
    "logged out",
    "logged every",
    "human error",
    "operator error",
    "user error",
    "pilot error",
    "engineer error",
    "admin error",
    "administrator error",
    "human mistake",
    "operator mistake",
    "staff error",
    "personnel error",
    "manual error",
    "data-entry error",
    "clerical error",
    "human-error",
    "technician error",
    "developer error",
];

/// Modal perfects: "should have", "could not have", "would've", "ought to have"…
fn modal_phrases() -> Vec<String> {
    let mut out = Vec::new();
    for modal in ["should", "could", "would", "might", "must", "ought to"] {
        for middle in ["", " not", "n't", " never", " easily", " simply", " just", " really", " also", " at least"] {
            if modal == "ought to" && middle == "n't" {
                continue;
            }
            out.push(format!("{modal}{middle} have"));
        }
        out.push(format!("{modal}'ve"));
        out.push(format!("{modal}’ve"));
    }
    out
}

/// Every trigger word and phrase of the block filter, ASCII-lowercased, sorted, without duplicates.
fn block_patterns() -> Vec<String> {
    // Contractions are also written with a curly apostrophe ("didn’t").
    let mut words: Vec<String> = WORDS.keys().filter(|w| !WEAK_ALONE.contains(w)).map(|w| w.to_string()).collect();
    words.extend(BLOCK_PHRASES.iter().map(|p| p.to_string()));
    words.extend(modal_phrases());
    words.extend(WORDS.keys().filter(|w| w.contains('\'')).map(|w| w.replace('\'', "’")));
    // Matched against ASCII-lowercased text (see `match_positions`).
    let mut words: Vec<String> = words.into_iter().map(|w| w.to_ascii_lowercase()).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// One automaton over every trigger word, for the block-level prefilter.
pub static BLOCK_FILTER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(block_patterns())
        .expect("trigger words are plain strings")
});

/// The bytes that make up words for the block filter's whole-word test: ASCII letters, digits, `_`
/// and `-`. Every other byte (spaces, punctuation, apostrophes, all of UTF-8's multi-byte
/// sequences) separates words.
const fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_word_byte(b as u8);
        b += 1;
    }
    table
};

/// Words so common in prose that a pattern holding them is better found by its other words, the
/// most common first. Only a matter of speed: any word of a pattern finds it (see [`WordIndex`]).
const COMMON: &[&str] = &[
    "the", "to", "a", "and", "of", "in", "s", "is", "it", "was", "for", "on", "not", "be", "with", "as", "at", "by",
    "an", "or", "had", "have", "has", "were", "been", "no", "do", "did", "its", "his", "her", "my", "got", "up", "out",
    "off", "back", "down", "time", "once", "error",
];

/// How common a word is, for choosing anchors: 0 for a word not in [`COMMON`].
fn commonness(word: &str) -> usize {
    COMMON.iter().position(|c| *c == word).map_or(0, |at| COMMON.len() - at)
}

/// One pattern of [`BLOCK_FILTER`], as [`WordIndex`] finds it: its text is
/// `WordIndex::texts[start..start + len]`.
#[derive(Clone, Copy)]
struct Pattern {
    start: u32,
    len: u16,
    /// Where its anchor word starts in the text.
    anchor: u16,
    /// `WordIndex::neighbours[from..from + count]`: the other patterns that, matched `k` bytes
    /// before this one starts, would overlap its start. The automaton reports no overlapping
    /// matches, so an occurrence with such a neighbour in place is left to the automaton.
    neighbours_from: u32,
    neighbours_count: u16,
}

/// A slot of [`WordIndex`]'s table: an anchor's first eight bytes as an integer ([`key`]), its
/// length (0 for an empty slot) and the patterns it anchors, `patterns[first..first + count]`.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    len: u16,
    first: u16,
    count: u16,
}

/// A word-level index of [`BLOCK_FILTER`]'s patterns that finds the automaton's matches without
/// running it on most blocks.
///
/// Every pattern is anchored on one of its words (a maximal run of [`is_word_byte`] bytes). A
/// whole-word occurrence of a pattern starts and ends at word boundaries, so each of its words is
/// also a whole word of the block; the index walks the block's words, and for a word that anchors
/// some pattern it compares the pattern at the implied place. That finds every whole-word
/// occurrence. The automaton reports leftmost-longest, non-overlapping matches (whole-word or not)
/// and then drops those that are not whole words, so it can miss an occurrence that another match
/// overlaps ("it was" inside "bit was fired" hides "was fired"); such an overlap needs a pattern
/// that ends with a word boundary followed by the start of another, which [`Pattern::neighbours_from`]
/// lists. When no occurrence has a neighbour in place, the occurrences are exactly the automaton's
/// matches; otherwise the automaton runs.
struct WordIndex {
    /// One bit per anchor's [`letters_index`]: most words of a block stop here.
    first_letters: Vec<u64>,
    /// Two bits per anchor ([`filter_bits`]), for the words that pass `first_letters`.
    bits: Vec<u64>,
    /// The anchors by [`slot_hash`] of their [`key`], open addressing, at most a quarter full.
    slots: Vec<Slot>,
    /// The patterns, those of one anchor next to each other; their texts and neighbours are
    /// kept in two flat arrays, so that checking an anchor reads a few adjacent cache lines.
    patterns: Vec<Pattern>,
    texts: Vec<u8>,
    /// `(pattern, k)`, see [`Pattern::neighbours_from`].
    neighbours: Vec<(u16, u16)>,
    longest: usize,
}

const FILTER_BITS: u32 = 16;

/// A word's place in [`WordIndex::first_letters`]: its length (up to 63) and its first two and
/// last letters, case folded (five bits each). Read without a multiplication, it turns most words
/// away before their [`key`] is computed.
#[inline(always)]
fn letters_index(text: &[u8], start: usize, len: usize) -> usize {
    let fold = |b: u8| usize::from(b & 0x1f);
    ((len.min(63) << 10 | fold(text[start]) << 5 | fold(text[start + len - 1]))
        ^ fold(text[start + 1.min(len - 1)]) << 7)
        & ((1 << FILTER_BITS) - 1)
}

/// The two places of a word in [`WordIndex::bits`], from the hash of its [`key`]: a word that
/// passed [`letters_index`] is still turned away unless both of its bits are set.
#[inline(always)]
fn filter_bits(hash: u64) -> (usize, usize) {
    let mask = (1 << FILTER_BITS) - 1;
    ((hash >> 48) as usize & mask, (hash >> 24) as usize & mask)
}

const SLOT_BITS: u32 = 11;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of `bytes` from `at` as an integer, first byte lowest; zeros past the end.
#[inline(always)]
fn load(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => {
            let mut word = [0u8; 8];
            word.copy_from_slice(eight);
            u64::from_le_bytes(word)
        }
        None if at >= bytes.len() => 0,
        None => bytes[at..].iter().rev().fold(0, |x, &b| x << 8 | u64::from(b)),
    }
}

/// One bit per byte of `bytes[at..at + 64]`, set for word bytes (clear past the end).
#[inline(always)]
fn word_bits(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 64) {
        Some(block) => block_bits(block),
        None => {
            // The last, partial block is copied into a zero-padded one (zero is not a word
            // byte) rather than read a byte at a time.
            let mut padded = [0u8; 64];
            let rest = &bytes[at.min(bytes.len())..];
            padded[..rest.len()].copy_from_slice(rest);
            block_bits(&padded)
        }
    }
}

/// [`word_bits`] of a whole 64-byte block. The bytes are classified one by one into a flag byte
/// each, with comparisons the compiler turns into vector instructions, and every eight flags are
/// then gathered into one byte of the mask by a multiplication.
#[inline(always)]
fn block_bits(block: &[u8]) -> u64 {
    let mut flags = [0u8; 64];
    for (flag, &b) in flags.iter_mut().zip(block) {
        // `is_word_byte`, branch-free: ASCII letters (case folded), digits, `_` and `-`.
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        *flag = u8::from(letter | digit | (b == b'_') | (b == b'-'));
    }
    let mut bits = 0;
    for (lane, eight) in flags.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        // Each flag is 0 or 1, so the products never carry into the top byte's bits.
        bits |= (u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * lane);
    }
    bits
}

/// The first eight bytes of the `len`-byte ASCII word at `at` (fewer when it is shorter),
/// lowercased, as an integer.
#[inline(always)]
fn key(bytes: &[u8], at: usize, len: usize) -> u64 {
    let x = load(bytes, at);
    let x = if len < 8 { x & ((1 << (8 * len)) - 1) } else { x };
    let seven = x & !HIGHS;
    let upper = (seven + 0x3f * ONES) & !(seven + 0x25 * ONES) & !x & HIGHS;
    x | upper >> 2
}

fn slot_hash(key: u64, len: usize) -> u64 {
    (key ^ (len as u64) << 58).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The words of a pattern: `(start, end)` of each maximal run of word bytes.
fn words_of(pattern: &[u8]) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < pattern.len() {
        let start = i;
        while i < pattern.len() && WORD_BYTE[pattern[i] as usize] {
            i += 1;
        }
        if i > start {
            words.push((start, i));
        } else {
            i += 1;
        }
    }
    words
}

/// Whether `before`, matched `k` bytes ahead of a whole-word occurrence of `after`, would overlap
/// its start. The byte before a whole-word occurrence is not a word byte, and neither is the byte
/// after it; a neighbour must agree with both where it covers them.
fn overlaps(before: &[u8], k: usize, after: &[u8]) -> bool {
    if k >= before.len() || (k > 0 && WORD_BYTE[before[k - 1] as usize]) || (k == 0 && before.len() <= after.len()) {
        return false;
    }
    let rest = &before[k..];
    if rest.len() <= after.len() {
        after.starts_with(rest)
    } else {
        rest.starts_with(after) && !WORD_BYTE[rest[after.len()] as usize]
    }
}

impl WordIndex {
    fn new(texts: &[String]) -> Self {
        assert!(texts.len() < usize::from(u16::MAX), "fewer than 65,535 trigger patterns");
        // The rarest word of each pattern is its anchor; common words and short ones come last.
        let anchors: Vec<(usize, usize)> = texts
            .iter()
            .map(|text| {
                words_of(text.as_bytes())
                    .into_iter()
                    .min_by_key(|&(s, e)| (commonness(&text[s..e]), std::cmp::Reverse(e - s)))
                    .expect("every trigger pattern holds a word")
            })
            .collect();
        let anchor_word = |id: usize| &texts[id].as_bytes()[anchors[id].0..anchors[id].1];
        // Patterns of one anchor next to each other.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by(|&a, &b| anchor_word(a).cmp(anchor_word(b)).then(a.cmp(&b)));
        let mut place = vec![0; texts.len()];
        for (at, &id) in order.iter().enumerate() {
            place[id] = at;
        }
        let mut index = WordIndex {
            first_letters: vec![0; 1 << (FILTER_BITS - 6)],
            bits: vec![0; 1 << (FILTER_BITS - 6)],
            slots: vec![Slot::default(); 1 << SLOT_BITS],
            patterns: Vec::with_capacity(texts.len()),
            texts: Vec::new(),
            neighbours: Vec::new(),
            longest: 0,
        };
        // A neighbour can only start at a pattern's start or just after one of its non-word bytes,
        // and its text from there must begin with the byte the pattern begins with: the places
        // `(pattern, k)` are kept by that byte, in order, so each pattern is compared with the few
        // that can overlap it (comparing every pair was most of the time this index took to build).
        let mut starts_by_byte: Vec<Vec<(usize, usize)>> = vec![Vec::new(); 256];
        for (before, t) in texts.iter().enumerate() {
            let t = t.as_bytes();
            for k in (0..t.len()).filter(|&k| k == 0 || !WORD_BYTE[t[k - 1] as usize]) {
                starts_by_byte[usize::from(t[k])].push((before, k));
            }
        }
        for &id in &order {
            let text = texts[id].as_bytes();
            let neighbours_from = index.neighbours.len() as u32;
            for &(before, k) in &starts_by_byte[usize::from(text[0])] {
                if overlaps(texts[before].as_bytes(), k, text) {
                    index.neighbours.push((place[before] as u16, k as u16));
                }
            }
            index.patterns.push(Pattern {
                start: index.texts.len() as u32,
                len: text.len() as u16,
                anchor: anchors[id].0 as u16,
                neighbours_from,
                neighbours_count: (index.neighbours.len() as u32 - neighbours_from) as u16,
            });
            index.texts.extend_from_slice(text);
        }
        let mut first = 0;
        while first < order.len() {
            let word = anchor_word(order[first]);
            let count = order[first..].iter().take_while(|&&id| anchor_word(id) == word).count();
            index.longest = index.longest.max(word.len());
            let anchor_key = key(word, 0, word.len());
            let hash = slot_hash(anchor_key, word.len());
            for filter in <[usize; 2]>::from(filter_bits(hash)) {
                index.bits[filter / 64] |= 1 << (filter % 64);
            }
            let letters = letters_index(word, 0, word.len());
            index.first_letters[letters / 64] |= 1 << (letters % 64);
            let mut slot = (hash >> (64 - SLOT_BITS)) as usize;
            while index.slots[slot].len != 0 {
                slot = (slot + 1) % index.slots.len();
            }
            index.slots[slot] =
                Slot { key: anchor_key, len: word.len() as u16, first: first as u16, count: count as u16 };
            first += count;
        }
        let anchors_in_use = index.slots.iter().filter(|s| s.len != 0).count();
        assert!(anchors_in_use * 4 <= index.slots.len(), "the anchor table stays a quarter full");
        index
    }

    fn text(&self, pattern: &Pattern) -> &[u8] {
        &self.texts[pattern.start as usize..pattern.start as usize + usize::from(pattern.len)]
    }

    /// The start offsets of the whole-word occurrences of the patterns in `text` (ignoring ASCII
    /// case), or `None` when one of them has a neighbour in place and the automaton must decide.
    fn positions(&self, text: &str) -> Option<Vec<usize>> {
        let mut positions = Vec::new();
        self.positions_into(text, &mut positions).then_some(positions)
    }

    /// [`Self::positions`] into a vector the caller reuses; false when the automaton must decide.
    fn positions_into(&self, text: &str, positions: &mut Vec<usize>) -> bool {
        positions.clear();
        self.scan(text, positions).is_some()
    }

    fn scan(&self, text: &str, positions: &mut Vec<usize>) -> Option<()> {
        let bytes = text.as_bytes();
        // The block is read 64 bytes at a time as a mask of word bytes; a word starts and ends
        // where the mask changes.
        // `pending` is the start of a word that runs into the next 64 bytes.
        let mut pending = None;
        for base in (0..bytes.len()).step_by(64) {
            let bits = word_bits(bytes, base);
            let shifted = bits << 1 | u64::from(pending.is_some());
            // A word starts where a word byte follows a non-word byte, and ends (exclusive) where
            // a non-word byte follows a word byte; each word's end is the first end after its start.
            let mut starts = bits & !shifted;
            let ends = !bits & shifted;
            if let Some(start) = pending.take() {
                match ends {
                    0 => {
                        pending = Some(start);
                        continue;
                    }
                    _ => self.word(bytes, start, base + ends.trailing_zeros() as usize, positions)?,
                }
            }
            while starts != 0 {
                let at = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let after = ends >> at;
                if after == 0 {
                    pending = Some(base + at);
                    break;
                }
                self.word(bytes, base + at, base + at + after.trailing_zeros() as usize, positions)?;
            }
        }
        if let Some(start) = pending {
            self.word(bytes, start, bytes.len(), positions)?;
        }
        positions.sort_unstable();
        Some(())
    }

    /// Adds the occurrences of the patterns `text[start..end]` anchors; `None` when one of them
    /// has a neighbour in place.
    #[inline(always)]
    fn word(&self, text: &[u8], start: usize, end: usize, positions: &mut Vec<usize>) -> Option<()> {
        let len = end - start;
        if len > self.longest {
            return Some(());
        }
        let letters = letters_index(text, start, len);
        if self.first_letters[letters / 64] & (1 << (letters % 64)) == 0 {
            return Some(());
        }
        self.anchored(text, start, end, positions)
    }

    /// [`Self::word`] for a word that passed the filter.
    #[inline(never)]
    fn anchored(&self, text: &[u8], start: usize, end: usize, positions: &mut Vec<usize>) -> Option<()> {
        let word = &text[start..end];
        let key = key(text, start, word.len());
        let hash = slot_hash(key, word.len());
        let (first, second) = filter_bits(hash);
        if self.bits[first / 64] & (1 << (first % 64)) == 0 || self.bits[second / 64] & (1 << (second % 64)) == 0 {
            return Some(());
        }
        let mut slot = (hash >> (64 - SLOT_BITS)) as usize;
        let found = loop {
            let found = self.slots[slot];
            if found.len == 0 {
                return Some(());
            }
            if found.key == key && usize::from(found.len) == word.len() {
                // Longer words are compared in full with the anchor in the first pattern's text.
                let first = &self.patterns[usize::from(found.first)];
                let anchor = &self.text(first)[usize::from(first.anchor)..usize::from(first.anchor) + word.len()];
                if word.len() <= 8 || word.eq_ignore_ascii_case(anchor) {
                    break found;
                }
            }
            slot = (slot + 1) % self.slots.len();
        };
        let patterns = &self.patterns[usize::from(found.first)..usize::from(found.first) + usize::from(found.count)];
        for pattern in patterns {
            let pattern_text = self.text(pattern);
            let Some(at) = start.checked_sub(usize::from(pattern.anchor)) else { continue };
            if !occurs_at(text, pattern_text, at) || !whole_word(text, at, at + pattern_text.len()) {
                continue;
            }
            let from = pattern.neighbours_from as usize;
            let neighbours = &self.neighbours[from..from + usize::from(pattern.neighbours_count)];
            let crowded = neighbours.iter().any(|&(other, k)| {
                let other = self.text(&self.patterns[usize::from(other)]);
                at.checked_sub(usize::from(k)).is_some_and(|from| occurs_at(text, other, from))
            });
            if crowded {
                return None;
            }
            positions.push(at);
        }
        Some(())
    }
}

/// `pattern` (lowercase) at `at` in `text`, ignoring ASCII case.
fn occurs_at(text: &[u8], pattern: &[u8], at: usize) -> bool {
    text.get(at..at + pattern.len())
        .is_some_and(|found| found.iter().zip(pattern).all(|(t, p)| t.to_ascii_lowercase() == *p))
}

/// `text[start..end]` has word boundaries on both sides.
fn whole_word(text: &[u8], start: usize, end: usize) -> bool {
    (start == 0 || !WORD_BYTE[text[start - 1] as usize]) && (end == text.len() || !WORD_BYTE[text[end] as usize])
}

static WORD_INDEX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&block_patterns()));

thread_local! {
    /// The block being filtered, ASCII-lowercased: reused so that lowering costs no allocation.
    static LOWERED: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Start offsets of the trigger words and phrases `text` holds as whole words, ignoring ASCII case,
/// as the automaton reports them.
pub fn match_positions(text: &str) -> Vec<usize> {
    // Four blocks in five hold no trigger at all: the word index answers for them, and for most
    // others, at a fraction of the automaton's cost per byte.
    WORD_INDEX.positions(text).unwrap_or_else(|| automaton_positions(text))
}

/// [`match_positions`] into a vector the caller reuses (it is cleared first).
pub fn match_positions_into(text: &str, positions: &mut Vec<usize>) {
    if !WORD_INDEX.positions_into(text, positions) {
        *positions = automaton_positions(text);
    }
}

/// [`match_positions`] by the automaton alone.
fn automaton_positions(text: &str) -> Vec<usize> {
    // A case-sensitive automaton over lowercased text finds the same matches at the same offsets
    // (ASCII lowercasing keeps every byte in place) and scans faster than an
    // `ascii_case_insensitive` one, whose DFA is twice the size.
    LOWERED.with(|lowered| {
        let mut lowered = lowered.borrow_mut();
        lowered.clear();
        lowered.push_str(text);
        lowered.make_ascii_lowercase();
        let bytes = lowered.as_bytes();
        BLOCK_FILTER
            .find_iter(lowered.as_str())
            .filter(|m| whole_word(bytes, m.start(), m.end()))
            .map(|m| m.start())
            .collect()
    })
}

/// True when `text` holds a trigger word or phrase as a whole word (a possessive or a curly-quote
/// contraction counts as a word boundary).
pub fn block_may_match(text: &str) -> bool {
    !match_positions(text).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        assert_eq!(match_positions(text), automaton_positions(text), "{text:?}");
    }

    #[test]
    fn the_word_index_finds_what_the_automaton_finds() {
        for pattern in block_patterns() {
            for text in [
                pattern.clone(),
                pattern.to_uppercase(),
                format!("The {pattern}."),
                format!("x{pattern}"),
                format!("{pattern}x"),
                format!("(\"{pattern}\")"),
                format!("Priya’s {pattern}-ish {pattern}’s"),
                format!("we {} then", pattern.replace(' ', "  ")),
                format!("it's{pattern}, it was {pattern} and {pattern} {pattern}"),
            ] {
                check(&text);
            }
        }
        for text in [
            "",
            "The change record did not link to the dashboards.",
            "It was the DBA who truncated the table.",
            "Due: 2026-04-10 — Owner: @dana",
            "Kim’s mistake, and Ewa's  mistake",
            "He should’ve known; she couldn't have; they'd ought to have",
            "FAT-FINGERED the region — fat-fingerprint — re-shared",
            "Zürich’s über-did did-not did not",
        ] {
            check(text);
        }
    }

    #[test]
    fn word_bytes_are_classified_a_block_at_a_time() {
        // Every byte value, in every position of a 64-byte block and past the end of the text.
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).chain(b"Ab-_9 z".iter().copied()).collect();
        for at in (0..bytes.len()).step_by(13) {
            let expected = (0..64)
                .fold(0u64, |bits, i| bits | u64::from(bytes.get(at + i).is_some_and(|&b| WORD_BYTE[b as usize])) << i);
            assert_eq!(word_bits(&bytes, at), expected, "{at}");
        }
        for word in [&b"did"[..], b"DiD", b"Fat-Fingered", b"x", b"ABCDEFGHIJ", b"zz_9"] {
            let lowered = word.to_ascii_lowercase();
            assert_eq!(key(word, 0, word.len()), key(&lowered, 0, lowered.len()));
            assert_eq!(key(word, 0, word.len()).to_le_bytes()[..word.len().min(8)], lowered[..word.len().min(8)]);
        }
    }

    #[test]
    fn neighbours_are_those_every_pair_of_patterns_gives() {
        let texts = block_patterns();
        let index = WordIndex::new(&texts);
        // Every (pattern, k) against every pattern, as the index once computed them.
        let mut expected: Vec<Vec<(Vec<u8>, usize)>> = Vec::new();
        let mut found: Vec<Vec<(Vec<u8>, usize)>> = Vec::new();
        for pattern in &index.patterns {
            let text = index.text(pattern);
            let mut all = Vec::new();
            for before in &texts {
                let b = before.as_bytes();
                for k in (0..b.len()).filter(|&k| k == 0 || !WORD_BYTE[b[k - 1] as usize]) {
                    if overlaps(b, k, text) {
                        all.push((b.to_vec(), k));
                    }
                }
            }
            all.sort();
            expected.push(all);
            let from = pattern.neighbours_from as usize;
            let mut listed: Vec<(Vec<u8>, usize)> = index.neighbours
                [from..from + usize::from(pattern.neighbours_count)]
                .iter()
                .map(|&(other, k)| (index.text(&index.patterns[usize::from(other)]).to_vec(), usize::from(k)))
                .collect();
            listed.sort();
            found.push(listed);
        }
        assert!(expected.iter().any(|n| !n.is_empty()), "some patterns have neighbours");
        assert_eq!(found, expected);
    }

    #[test]
    fn overlapping_matches_are_left_to_the_automaton() {
        // "it was" (not a whole word here) hides "was fired"; "how could" hides "couldn't".
        for text in ["bit was fired", "it'shared", "how couldn't", "how could have", "did nothing did not"] {
            check(text);
        }
        assert_eq!(WORD_INDEX.positions("bit was fired"), None);
        assert_eq!(match_positions("bit was fired"), Vec::<usize>::new());
        assert_eq!(WORD_INDEX.positions("Ewa was fired."), Some(vec![4]));
    }

    #[test]
    fn blocks_without_triggers_are_answered_by_the_index() {
        assert_eq!(WORD_INDEX.positions("Responders compared dashboards for postgres-main (step 1)."), Some(vec![]));
        assert_eq!(WORD_INDEX.positions("Due: 2026-04-10 — Owner: @dana — PLAT-6782"), Some(vec![]));
        assert_eq!(WORD_INDEX.positions("The cause was traced back to a bad deploy."), Some(vec![14]));
    }
}
