//! The blame-language engine: a small, explainable heuristic over the prose of a post-mortem.
//!
//! For each prose block (blockquotes skipped by default) the engine:
//! 1. runs one Aho-Corasick pass for trigger words; a block with none costs nothing more;
//! 2. splits sentences and tokenises them, masking inline code and quoted speech;
//! 3. skips sentences that discuss blame rather than assign it (meta frames, allow-list);
//! 4. runs one detector per category ([`blame`]), each a trigger plus gates: who is the agent
//!    (person, role, team, pronoun, `@handle` versus system), negation, evidential and temporal
//!    senses, collective "we", and local rationality (a system clause carrying the cause).
//!
//! Nothing is downloaded and nothing is learned: every finding can be traced to a word list in
//! [`lexicon`] and a rule in [`blame`]. Action items are judged by [`vague`].

pub mod agent;
pub mod blame;
pub mod lexicon;
pub mod text;
pub mod triggers;
pub mod vague;

use std::cell::RefCell;
use std::rc::Rc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::config::{Config, LanguageConfig};
use crate::document::{BlockKind, Document, ProseBlock};
use crate::span::Span;

pub use blame::{COUNTERFACTUAL, HINDSIGHT, HUMAN_ERROR, JUDGMENT, PERSON, PROCESS_VIOLATION, PUNITIVE};

/// Every blame rule id, in the order findings are reported for one span.
pub const BLAME_RULES: &[&str] =
    &[HUMAN_ERROR, PUNITIVE, JUDGMENT, PROCESS_VIOLATION, COUNTERFACTUAL, HINDSIGHT, PERSON];

/// A finding in a piece of text: byte range, rule, and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub suggestion: String,
}

/// A finding in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentHit {
    pub rule: &'static str,
    pub span: Span,
    pub message: String,
    pub suggestion: String,
}

/// The engine with a repository's `[language]` settings applied.
pub struct Engine {
    system_names: lexicon::HashSet<String>,
    allow: Vec<String>,
    extra: Vec<(&'static str, String)>,
    skip_blockquotes: bool,
    prefilter: AhoCorasick,
}

impl Engine {
    pub fn new(config: &LanguageConfig) -> Self {
        let system_names = config.system_names.iter().map(|n| n.to_lowercase()).collect();
        let allow: Vec<String> = config
            .allow
            .iter()
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
            .filter(|a| !a.is_empty())
            .collect();
        let mut extra = Vec::new();
        for (rule, phrases) in &config.extra {
            // Config validation guarantees these are blame rule ids; anything else is ignored.
            if let Some(id) = BLAME_RULES.iter().copied().find(|id| id == rule) {
                extra.extend(phrases.iter().filter(|p| !p.trim().is_empty()).map(|p| (id, p.to_lowercase())));
            }
        }
        // Extra phrases can appear in any block, so they join the prefilter.
        let patterns: Vec<&str> = extra.iter().map(|(_, p)| p.as_str()).collect();
        let prefilter = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .expect("extra phrases are plain strings");
        Engine { system_names, allow, extra, skip_blockquotes: config.skip_blockquotes.unwrap_or(true), prefilter }
    }

    /// The blame findings in one piece of prose (a paragraph, list item or table cell).
    pub fn analyze(&self, text: &str) -> Vec<Hit> {
        SCRATCH.with(|scratch| self.analyze_with(text, &mut scratch.borrow_mut()))
    }

    fn analyze_with(&self, text: &str, scratch: &mut Scratch) -> Vec<Hit> {
        let mut hits = Vec::new();
        let Scratch { positions, masked, spans, lowered, buffers } = scratch;
        triggers::match_positions_into(text, positions);
        if !self.extra.is_empty() {
            positions.extend(self.prefilter.find_iter(text).map(|m| m.start()));
        }
        if positions.is_empty() {
            return hits;
        }
        text::masked_ranges_into(text, masked);
        text::sentence_spans_into(text, masked, spans);
        for &(start, end) in spans.iter() {
            if positions.iter().any(|&p| start <= p && p < end) {
                let tokens = text::sentences_in(text, start, end, masked, lowered, std::mem::take(buffers));
                for sentence in tokens.sentences() {
                    self.analyze_sentence(text, &sentence, &mut hits);
                }
                *buffers = tokens.into_buffers();
            }
        }
        hits
    }

    fn analyze_sentence(&self, text: &str, sentence: &text::Sentence<'_>, hits: &mut Vec<Hit>) {
        let parser =
            agent::Parser { tokens: sentence.tokens, text, names: agent::Names { system_names: &self.system_names } };
        let detector = blame::Detector::new(parser, sentence);
        let mut raw = Vec::new();
        detector.run(&mut raw);
        if raw.is_empty() && self.extra.is_empty() {
            return;
        }
        let flat = detector.flat();
        let allowed = !self.allow.is_empty() && {
            let collapsed = flat.split_whitespace().collect::<Vec<_>>().join(" ");
            self.allow.iter().any(|a| collapsed.contains(a.as_str()))
        };
        if allowed || lexicon::META_FRAMES.is_match(flat) {
            return;
        }
        // One finding per stretch of text: the most specific category wins.
        raw.sort_by_key(|r| (r.from, BLAME_RULES.iter().position(|id| *id == r.rule)));
        let mut kept: Vec<blame::Raw> = Vec::new();
        for r in raw {
            let overlaps = kept.iter().any(|k| r.from < k.to && k.from < r.to);
            if !overlaps {
                kept.push(r);
            }
        }
        for r in kept {
            let tokens = &sentence.tokens;
            let start = tokens[r.from].start;
            let end = tokens[r.to.min(tokens.len()) - 1].end;
            hits.push(hit(r.rule, text, start, end));
        }
        for (rule, phrase) in &self.extra {
            let mut from = 0;
            while let Some(found) = flat[from..].find(phrase.as_str()) {
                let at = from + found;
                let bounded = !flat[..at].ends_with(char::is_alphanumeric)
                    && !flat[at + phrase.len()..].starts_with(char::is_alphanumeric);
                if bounded {
                    let start = sentence.start + at;
                    let end = start + phrase.len();
                    if !hits.iter().any(|h| h.start < end && start < h.end) {
                        hits.push(hit(rule, text, start, end));
                    }
                }
                from = at + phrase.len().max(1);
            }
        }
    }

    /// Every blame finding in a document, mapped back to source spans.
    pub fn analyze_document(&self, doc: &Document) -> Vec<DocumentHit> {
        SCRATCH.with(|scratch| self.analyze_blocks(doc, &mut scratch.borrow_mut()))
    }

    fn analyze_blocks(&self, doc: &Document, scratch: &mut Scratch) -> Vec<DocumentHit> {
        let mut out = Vec::new();
        for block in doc.prose.iter().filter(|b| self.reads(b)) {
            for hit in self.analyze_with(&block.text, scratch) {
                out.push(DocumentHit {
                    rule: hit.rule,
                    span: block.source_span(hit.start, hit.end),
                    message: hit.message,
                    suggestion: hit.suggestion,
                });
            }
        }
        out
    }

    fn reads(&self, block: &ProseBlock) -> bool {
        let quoted = self.skip_blockquotes && block.blockquote;
        let template_heading = block.kind == BlockKind::Heading && is_template_heading(&block.text);
        !quoted && !template_heading
    }
}

/// Headings that name template sections carry no blame ("What Could Be Improved").
fn is_template_heading(text: &str) -> bool {
    // `split_whitespace` on ASCII, counted a byte at a time in the same pass that looks for `?`:
    // every heading of every document comes through here, and searching for `?` first took
    // longer than counting.
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        if b == b'?' {
            return false;
        }
        if !b.is_ascii() {
            return !text.contains('?') && text.split_whitespace().nth(6).is_none();
        }
        let space = matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words <= 6
}

/// The sentence as lowercase text with masked spans blanked, for phrase lookups. Offsets match
/// the sentence's own byte offsets (relative to `sentence.start`).
pub(crate) fn flat_text(text: &str, sentence: &text::Sentence<'_>) -> String {
    let mut flat: Vec<u8> = text[sentence.start..sentence.end].to_ascii_lowercase().into_bytes();
    for token in sentence.tokens.iter().filter(|t| t.kind == text::Kind::Masked) {
        for b in &mut flat[token.start - sentence.start..token.end - sentence.start] {
            *b = b' ';
        }
    }
    // Curly apostrophes read as straight ones in phrase lists; keep byte length.
    String::from_utf8(flat).unwrap_or_default()
}

fn hit(rule: &'static str, text: &str, start: usize, end: usize) -> Hit {
    let quoted: String = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let (message, suggestion) = wording(rule, &quoted);
    Hit { rule, start, end, message, suggestion: suggestion.to_string() }
}

/// The hedged message and the systemic rewrite hint for a rule.
fn wording(rule: &str, quoted: &str) -> (String, &'static str) {
    match rule {
        HUMAN_ERROR => (
            format!("\"{quoted}\" may label a person instead of explaining the failure"),
            "name the condition that let the action do harm: a missing guard, an unsafe default, a confusing interface",
        ),
        COUNTERFACTUAL => (
            format!("\"{quoted}\" may judge what a person should have done, with hindsight"),
            "describe what the person saw and knew at the time, and what would have made the safe path the easy one",
        ),
        HINDSIGHT => (
            format!("\"{quoted}\" may make a hard call look easy in hindsight"),
            "explain why it was not obvious then: what the dashboards, alerts or docs showed at the time",
        ),
        JUDGMENT => (
            format!("\"{quoted}\" may judge a person's character or competence"),
            "describe the action and the conditions around it (tooling, workload, time of day) without judging the person",
        ),
        PUNITIVE => (
            format!("\"{quoted}\" may announce a sanction against a person"),
            "leave sanctions out of the post-mortem; list the system changes (guards, automation, docs) that reduce the risk",
        ),
        PROCESS_VIOLATION => (
            format!("\"{quoted}\" may accuse a person of breaking the rules"),
            "describe what made the shortcut possible or attractive: no enforcement in the tooling, time pressure, an unclear policy",
        ),
        _ => (
            format!("\"{quoted}\" may make a person the cause of the failure"),
            "describe what the system allowed, e.g. \"the migration ran without a lock timeout\" rather than who ran it",
        ),
    }
}

/// Identifies a document's text without copying it: address, length, and a hash of its ends.
fn fingerprint(source: &str) -> (usize, usize, u64) {
    use std::hash::Hasher;
    let bytes = source.as_bytes();
    let mut hasher = lexicon::WordHash::default();
    hasher.write(&bytes[..bytes.len().min(64)]);
    hasher.write(&bytes[bytes.len().saturating_sub(64)..]);
    (bytes.as_ptr() as usize, bytes.len(), hasher.finish())
}

/// Buffers [`Engine::analyze`] reuses from block to block: most blocks that reach the tokenizer
/// would otherwise allocate each of them.
#[derive(Default)]
struct Scratch {
    positions: Vec<usize>,
    masked: Vec<(usize, usize)>,
    spans: Vec<(usize, usize)>,
    lowered: String,
    buffers: text::Buffers,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());

    /// The last document analysed on this thread. The seven blame rules each ask for the same
    /// document's findings in turn (the lint driver runs all rules over one document on one
    /// thread), so the analysis runs once per document rather than once per rule.
    static LAST: RefCell<Option<Cached>> = const { RefCell::new(None) };
}

struct Cached {
    config: usize,
    language: LanguageConfig,
    path: String,
    source: (usize, usize, u64),
    engine: Rc<Engine>,
    hits: Rc<Vec<DocumentHit>>,
}

/// The blame findings of `doc` under `config`, computed once per document.
pub fn document_hits(doc: &Document, config: &Config) -> Rc<Vec<DocumentHit>> {
    let key = config as *const Config as usize;
    LAST.with(|cell| {
        let mut cell = cell.borrow_mut();
        let engine = match cell.as_ref() {
            // Address and length first: hashing the text's ends is only needed when they agree.
            Some(c)
                if c.source.0 == doc.source.as_ptr() as usize
                    && c.source.1 == doc.source.len()
                    && c.config == key
                    && c.path == doc.path
                    && c.source == fingerprint(&doc.source)
                    && c.language == config.language =>
            {
                return Rc::clone(&c.hits)
            }
            Some(c) if c.config == key && c.language == config.language => Rc::clone(&c.engine),
            _ => Rc::new(Engine::new(&config.language)),
        };
        let hits = Rc::new(engine.analyze_document(doc));
        *cell = Some(Cached {
            config: key,
            language: config.language.clone(),
            path: doc.path.clone(),
            source: fingerprint(&doc.source),
            engine,
            hits: Rc::clone(&hits),
        });
        hits
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<&'static str> {
        Engine::new(&LanguageConfig::default()).analyze(text).into_iter().map(|h| h.rule).collect()
    }

    #[test]
    fn template_headings_are_counted_as_split_whitespace_does() {
        for heading in [
            "What Could Be Improved",
            "  a b\tc\u{b}d\u{c}e\rf ",
            "a b c d e f g",
            "Why did it fail?",
            "Zürich – Ausfall am Morgen",
            "",
        ] {
            let expected = !heading.contains('?') && heading.split_whitespace().count() <= 6;
            assert_eq!(is_template_heading(heading), expected, "{heading:?}");
        }
    }

    #[test]
    fn agents_decide_blame() {
        assert_eq!(rules("The on-call engineer missed three pages."), vec![PERSON]);
        assert!(rules("The health check missed the degraded node because it only probed TCP.").is_empty());
        assert_eq!(rules("Priya's migration locked the `orders` table."), vec![PERSON]);
        assert!(rules("Kim rolled back the release at 10:02.").is_empty());
        assert!(rules("Jenkins failed to archive the artifacts.").is_empty());
    }

    #[test]
    fn gates_keep_systemic_sentences_quiet() {
        assert!(rules("We should add a lock timeout to every migration.").is_empty());
        assert!(rules("The trace clearly shows the lock wait at 10:02.").is_empty());
        assert!(rules("The alert fired just before the failover.").is_empty());
        assert!(rules("This was not human error; the console accepted an invalid region.").is_empty());
        assert!(rules("\"I forgot the flag, my bad,\" Kim wrote.").is_empty());
        assert!(rules("We failed to notice the disk growth.").is_empty());
    }
}
