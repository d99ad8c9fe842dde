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
/// Besides these, every slip adverb of [`super::blame::SLIP_ADVERBS`] starts the person detector.
const PERSON_WORDS: &[&str] = &[
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

/// The detectors a sentence's words can start.
pub fn mask(tokens: &[super::text::Token<'_>]) -> u8 {
    tokens
        .iter()
        .filter(|t| t.kind == super::text::Kind::Word)
        .fold(0, |mask, t| mask | WORDS.get(t.lower()).copied().unwrap_or(0))
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

/// One automaton over every trigger word, for the block-level prefilter.
pub static BLOCK_FILTER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Contractions are also written with a curly apostrophe ("didn’t").
    let mut words: Vec<String> = WORDS.keys().filter(|w| !WEAK_ALONE.contains(w)).map(|w| w.to_string()).collect();
    words.extend(BLOCK_PHRASES.iter().map(|p| p.to_string()));
    words.extend(modal_phrases());
    words.extend(WORDS.keys().filter(|w| w.contains('\'')).map(|w| w.replace('\'', "’")));
    // Matched against ASCII-lowercased text (see `match_positions`).
    let mut words: Vec<String> = words.into_iter().map(|w| w.to_ascii_lowercase()).collect();
    words.sort_unstable();
    words.dedup();
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)
        .expect("trigger words are plain strings")
});

thread_local! {
    /// The block being filtered, ASCII-lowercased: reused so that lowering costs no allocation.
    static LOWERED: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Start offsets of the trigger words and phrases `text` holds as whole words, ignoring ASCII case.
pub fn match_positions(text: &str) -> Vec<usize> {
    // A case-sensitive automaton over lowercased text finds the same matches at the same offsets
    // (ASCII lowercasing keeps every byte in place) and scans faster than an
    // `ascii_case_insensitive` one, whose DFA is twice the size; this scan reads every prose block.
    LOWERED.with(|lowered| {
        let mut lowered = lowered.borrow_mut();
        lowered.clear();
        lowered.push_str(text);
        lowered.make_ascii_lowercase();
        let bytes = lowered.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        BLOCK_FILTER
            .find_iter(lowered.as_str())
            .filter(|m| {
                m.start().checked_sub(1).is_none_or(|i| !is_word(bytes[i]))
                    && bytes.get(m.end()).is_none_or(|&b| !is_word(b))
            })
            .map(|m| m.start())
            .collect()
    })
}

/// True when `text` holds a trigger word or phrase as a whole word (a possessive or a curly-quote
/// contraction counts as a word boundary).
pub fn block_may_match(text: &str) -> bool {
    !match_positions(text).is_empty()
}
