//! Which detectors a sentence can possibly trip, from the words it contains.
//!
//! Every detector needs at least one of its trigger words in the sentence; a block whose text holds
//! none of the trigger words at all is skipped before it is even split into sentences. The lists
//! here are derived from the detectors: when a detector learns a new entry word, add it here.

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
const PERSON_WORDS: &[&str] = &[
    "accidentally",
    "mistakenly",
    "inadvertently",
    "erroneously",
    "unintentionally",
    "wrongly",
    "incorrectly",
    "mistakingly",
    "unwittingly",
    "mistake",
    "accident",
    "wrong",
    "instead",
    "simultaneously",
    "same",
    "once",
    "who",
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

type Map = HashMap<&'static str, u8, BuildHasherDefault<Fnv>>;

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
    add(&mut PERSON_WORDS.iter().copied(), PERSON);
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

/// The detectors a sentence's words can start.
pub fn mask(tokens: &[super::text::Token]) -> u8 {
    tokens
        .iter()
        .filter(|t| t.kind == super::text::Kind::Word)
        .fold(0, |mask, t| mask | WORDS.get(t.lower.as_str()).copied().unwrap_or(0))
}

/// One automaton over every trigger word, for the block-level prefilter.
pub static BLOCK_FILTER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Contractions are also written with a curly apostrophe ("didn’t").
    let mut words: Vec<String> = WORDS.keys().map(|w| w.to_string()).collect();
    words.extend(WORDS.keys().filter(|w| w.contains('\'')).map(|w| w.replace('\'', "’")));
    words.sort_unstable();
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(words)
        .expect("trigger words are plain strings")
});

/// True when `text` holds a trigger word as a whole word (a possessive or a curly-quote
/// contraction counts as a word boundary).
pub fn block_may_match(text: &str) -> bool {
    let bytes = text.as_bytes();
    BLOCK_FILTER.find_overlapping_iter(text).any(|m| {
        let before = m.start().checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(m.end()).copied();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        before.map_or(true, |b| !is_word(b)) && after.map_or(true, |b| !is_word(b))
    })
}
