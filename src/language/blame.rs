//! The blame detectors: one function per category, each a trigger plus the precision gates that
//! must hold for it to count. They read one sentence at a time.

use super::agent::{is_verbish, Agent, Parser, Phrase};
use super::lexicon::*;
use super::text::{Kind, Sentence, Token};
use super::triggers;

pub const PERSON: &str = "blame-person";
pub const HUMAN_ERROR: &str = "blame-human-error";
pub const COUNTERFACTUAL: &str = "blame-counterfactual";
pub const HINDSIGHT: &str = "blame-hindsight";
pub const JUDGMENT: &str = "blame-judgment";
pub const PUNITIVE: &str = "blame-punitive";
pub const PROCESS_VIOLATION: &str = "blame-process-violation";

/// One finding inside a sentence: token range and rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw {
    pub rule: &'static str,
    /// Token indices, inclusive start, exclusive end.
    pub from: usize,
    pub to: usize,
}

pub struct Detector<'a> {
    pub p: Parser<'a>,
    pub sentence: &'a Sentence<'a>,
    /// Lowercased sentence text with masked spans blanked, for phrase lookups; built on first use.
    pub flat: std::cell::OnceCell<String>,
    mentions: std::cell::OnceCell<Vec<usize>>,
}

/// Adverbs that mark a slip ("accidentally deleted"); also trigger words for the prefilter.
pub(crate) const SLIP_ADVERBS: &[&str] = &[
    "accidentally",
    "mistakenly",
    "inadvertently",
    "erroneously",
    "unintentionally",
    "wrongly",
    "incorrectly",
    "mistakingly",
    "unwittingly",
];

impl<'a> Detector<'a> {
    pub fn new(p: Parser<'a>, sentence: &'a Sentence<'a>) -> Self {
        Detector { p, sentence, flat: std::cell::OnceCell::new(), mentions: std::cell::OnceCell::new() }
    }

    pub fn flat(&self) -> &str {
        self.flat.get_or_init(|| super::flat_text(self.p.text, self.sentence))
    }

    fn t(&self) -> &'a [Token<'a>] {
        self.p.tokens
    }

    fn w(&self, i: usize) -> &str {
        self.p.word(i)
    }

    fn len(&self) -> usize {
        self.t().len()
    }

    /// Index where the clause holding `index` starts, for negation scope.
    fn clause_start(&self, index: usize) -> usize {
        let mut i = index;
        while i > 0 {
            let t = &self.t()[i - 1];
            let hard = t.is_punct(";:—–()")
                || t.is_any(&[
                    "but", "because", "since", "although", "though", "whereas", "yet", "while", "when", "once",
                    "unless", "until", "which", "who", "so",
                ]);
            if hard {
                break;
            }
            i -= 1;
        }
        i
    }

    /// A negator between the start of the clause and `index` (exclusive), skipping `except`.
    fn negated(&self, index: usize) -> bool {
        let start = self.clause_start(index);
        (start..index).any(|i| {
            let t = &self.t()[i];
            t.kind == Kind::Word && is_negator(t.lower()) && t.lower() != "without"
        })
    }

    /// The clause end (exclusive) after `index`.
    fn clause_end(&self, index: usize) -> usize {
        let mut i = index + 1;
        while i < self.len() {
            let t = &self.t()[i];
            if t.is_punct(";:—–().!?")
                || t.is_any(&[
                    "but", "because", "since", "although", "though", "whereas", "yet", "while", "which", "so",
                ])
                || (t.is_punct(",") && self.t().get(i + 1).is_some_and(|n| n.is_any(&["and", "which", "but", "so"])))
            {
                break;
            }
            i += 1;
        }
        i
    }

    fn subject(&self, index: usize) -> Option<Phrase> {
        self.p.subject_of(index)
    }

    fn blameable_subject(&self, index: usize) -> Option<Phrase> {
        self.subject(index).filter(Phrase::is_actor)
    }

    /// Person or team heads mentioned anywhere in the sentence (not as possessors).
    fn person_mentions(&self) -> &[usize] {
        self.mentions.get_or_init(|| self.find_person_mentions())
    }

    fn find_person_mentions(&self) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| {
                let t = &self.t()[i];
                if t.kind != Kind::Word || t.poss {
                    return false;
                }
                if !self.p.agent_at(i).is_blameable() {
                    return false;
                }
                let next = self.t().get(i + 1);
                let ends_phrase = next.is_none_or_true(|n| {
                    n.kind == Kind::Punct
                        || n.is_any(&["was", "were", "is", "are", "did", "had", "has", "have"])
                        || PREPOSITIONS.contains(n.lower())
                        || CLAUSE_WORDS.contains(n.lower())
                        || SKIPPABLE.contains(n.lower())
                        || n.lower().ends_with("n't")
                        || is_verbish(n)
                        || n.lower().ends_with("ing")
                });
                // "they" is too ambiguous to carry hindsight on its own.
                ends_phrase && t.lower() != "they"
            })
            .collect()
    }

    pub fn run(&self, out: &mut Vec<Raw>) {
        use super::triggers as t;
        let mask = t::mask(self.t());
        if mask & t::HUMAN_ERROR != 0 {
            self.human_error(out);
        }
        if mask & t::COUNTERFACTUAL != 0 {
            self.counterfactual(out);
        }
        if mask & t::PERSON != 0 {
            self.person(out);
        }
        if mask & t::HINDSIGHT != 0 {
            self.hindsight(out);
        }
        if mask & t::JUDGMENT != 0 {
            self.judgment(out);
        }
        if mask & t::PUNITIVE != 0 {
            self.punitive(out);
        }
        if mask & t::PROCESS != 0 {
            self.process_violation(out);
        }
    }

    /// Whether a detector may skip the tokens none of its branches start from (their words are
    /// not among the detector's trigger words). Every branch of a detector begins by comparing
    /// the token's word with a fixed list, so such a token cannot produce a finding; skipping it
    /// saves those comparisons on nearly every token. Tests turn it off to check that claim.
    fn skips_unrelated(&self) -> bool {
        #[cfg(test)]
        {
            !tests::NO_SKIP.with(std::cell::Cell::get)
        }
        #[cfg(not(test))]
        {
            true
        }
    }

    fn push(&self, out: &mut Vec<Raw>, rule: &'static str, from: usize, to: usize) {
        let to = to.min(self.len()).max(from + 1);
        if !out.iter().any(|r| r.rule == rule && r.from < to && from < r.to) {
            out.push(Raw { rule, from, to });
        }
    }

    /// A proper-name use of a trigger word: "The Forgot Password page", "Sloppy Joe's".
    fn is_feature_name(&self, index: usize) -> bool {
        let t = &self.t()[index];
        if !t.cap {
            return false;
        }
        let next_cap = self.t().get(index + 1).is_some_and(|n| n.kind == Kind::Word && n.cap && n.lower() != "i");
        let prev_cap = index > 0 && {
            let p = &self.t()[index - 1];
            p.kind == Kind::Word && p.cap && !p.initial
        };
        !t.initial || next_cap || prev_cap
    }

    // ---------------------------------------------------------------- human error

    fn human_error(&self, out: &mut Vec<Raw>) {
        const PEOPLE: &[&str] = &[
            "human",
            "operator",
            "user",
            "pilot",
            "engineer",
            "engineering",
            "administrator",
            "admin",
            "personnel",
            "staff",
            "people",
            "manual",
            "data-entry",
            "clerical",
            "individual",
            "technician",
            "developer",
            "human-error",
            "employee",
            "keyboard",
        ];
        const ARTIFACT_NOUNS: &[&str] = &[
            "page",
            "pages",
            "message",
            "messages",
            "code",
            "codes",
            "rate",
            "rates",
            "log",
            "logs",
            "handling",
            "budget",
            "count",
            "counts",
            "response",
            "responses",
            "class",
            "type",
            "status",
            "dialog",
            "screen",
            "banner",
            "toast",
            "field",
            "category",
            "metric",
            "handler",
            "path",
            "state",
            "string",
        ];
        const EMITTERS: &[&str] = &[
            "returned",
            "returns",
            "return",
            "returning",
            "emits",
            "emitted",
            "emit",
            "throws",
            "threw",
            "thrown",
            "raise",
            "raised",
            "raises",
            "logged",
            "logs",
            "shows",
            "showed",
            "shown",
            "displayed",
            "displays",
            "reports",
            "reported",
            "report",
            "got",
            "gets",
            "receive",
            "received",
            "receives",
            "surface",
            "surfaced",
            "surfaces",
        ];
        for i in 0..self.len() {
            let w = self.w(i);
            let labelled = if PEOPLE.contains(&w) && self.t()[i].kind == Kind::Word {
                let n = self.w(i + 1);
                if !matches!(n, "error" | "errors" | "mistake" | "mistakes" | "slip" | "slips" | "fault") {
                    None
                } else {
                    let after = self.t().get(i + 2);
                    let artifact = after.is_some_and(|a| {
                        ARTIFACT_NOUNS.contains(&a.lower())
                            || a.is_punct("(")
                            || (a.cap && !a.initial && a.kind == Kind::Word)
                    });
                    // "user errors rose": a metric, not a label.
                    let metric = w == "user" && n == "errors";
                    let article = i > 0 && matches!(self.w(i - 1), "a" | "an" | "the" | "any");
                    let emitted = article && (i.saturating_sub(3)..i).any(|j| EMITTERS.contains(&self.w(j)));
                    (!artifact && !emitted && !metric).then_some(i + 2)
                }
            } else if matches!(w, "human-error" | "pebkac" | "pebcak" | "id10t" | "wetware") {
                Some(i + 1)
            } else if w.starts_with("fat-finger") || (w == "fat" && self.w(i + 1).starts_with("finger")) {
                let end = if w == "fat" { i + 2 } else { i + 1 };
                let guard = matches!(
                    self.w(end),
                    "protection" | "guard" | "check" | "prompt" | "confirmation" | "safeguard" | "proof" | "proofing"
                );
                (!guard).then_some(end)
            } else if w == "finger" && self.w(i + 1) == "trouble" {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = labelled {
                if !self.negated(i) {
                    self.push(out, HUMAN_ERROR, i, end);
                }
            }
        }
    }

    // ---------------------------------------------------------------- counterfactual

    fn counterfactual(&self, out: &mut Vec<Raw>) {
        let n = self.len();
        for i in 0..n {
            let w = self.w(i);
            // Every branch below starts from a trigger word, "if" or "had".
            if self.skips_unrelated()
                && self.t()[i].lex & u32::from(triggers::COUNTERFACTUAL) == 0
                && !matches!(w, "if" | "had")
            {
                continue;
            }
            // should / could / would / ought to / must (not) have + participle
            let modal = matches!(
                w,
                "should"
                    | "could"
                    | "would"
                    | "ought"
                    | "must"
                    | "might"
                    | "shouldn't"
                    | "couldn't"
                    | "wouldn't"
                    | "should've"
                    | "could've"
                    | "would've"
                    | "mustn't"
            );
            if modal {
                let mut j = i + 1;
                if w == "ought" && self.w(j) == "to" {
                    j += 1;
                }
                while matches!(
                    self.w(j),
                    "not" | "never" | "simply" | "just" | "easily" | "really" | "also" | "at" | "least"
                ) {
                    j += 1;
                }
                let has_have = w.ends_with("'ve") || self.w(j) == "have";
                if !has_have {
                    continue;
                }
                if !w.ends_with("'ve") {
                    j += 1;
                }
                while matches!(
                    self.w(j),
                    "easily" | "simply" | "just" | "at" | "least" | "really" | "quickly" | "first"
                ) {
                    j += 1;
                }
                let passive = self.w(j) == "been";
                let Some(subject) = self.subject(i) else {
                    // "Simply reading the runbook would have told him…" is hindsight, handled there.
                    continue;
                };
                if passive {
                    // "should have been caught by the reviewer"
                    let end = self.clause_end(i);
                    let by_person =
                        (j..end).any(|k| self.w(k) == "by" && self.p.phrase_after(k + 1).is_some_and(|p| p.blames()));
                    if by_person {
                        self.push(out, COUNTERFACTUAL, i, j + 2);
                    }
                    continue;
                }
                // "…, so they could have tested it": what a change would have enabled.
                let enabling =
                    i >= 2 && (self.w(i - 2) == "so" || i >= 3 && self.w(i - 3) == "so" && self.w(i - 2) == "that");
                if subject.is_actor() && !enabling {
                    self.push(out, COUNTERFACTUAL, subject.start, j + 1);
                }
                continue;
            }
            // was supposed to / was meant to / was expected to
            let previous = if i > 0 { self.w(i - 1) } else { "" };
            let copula =
                previous.starts_with("was") || previous.starts_with("were") || matches!(previous, "is" | "are");
            if matches!(w, "supposed" | "meant" | "expected") && copula && self.w(i + 1) == "to" {
                if let Some(subject) = self.blameable_subject(i) {
                    self.push(out, COUNTERFACTUAL, subject.start, i + 2);
                }
                continue;
            }
            // needed to X … and did not
            if w == "needed" && self.w(i + 1) == "to" {
                let end = self.clause_end(i).min(n);
                let reneged = (i + 2..end.min(n.saturating_sub(1))).any(|k| {
                    self.w(k) == "and" && (self.w(k + 1).ends_with("n't") || matches!(self.w(k + 1), "not" | "never"))
                }) || self.flat().contains("and did not")
                    || self.flat().contains("and didn't")
                    || self.flat().contains("and never did");
                if reneged {
                    if let Some(subject) = self.blameable_subject(i) {
                        self.push(out, COUNTERFACTUAL, subject.start, i + 2);
                    }
                }
                continue;
            }
            // if only + subject + had/could/would
            if w == "if" && self.w(i + 1) == "only" {
                if let Some(k) = (i + 2..n.min(i + 10))
                    .find(|&k| matches!(self.w(k), "had" | "could" | "would" | "did" | "were" | "was"))
                {
                    if let Some(subject) = self.p.phrase_before(k) {
                        if subject.blames() && subject.start >= i + 2 {
                            self.push(out, COUNTERFACTUAL, i, k + 1);
                        }
                    }
                }
                continue;
            }
            // "Had Mehmet checked …", "If the approver had looked …, the change would have …"
            if w == "had" && (self.t()[i].initial || (i > 0 && self.t()[i - 1].is_punct(",;"))) {
                if let Some(k) = (i + 1..n.min(i + 8)).find(|&k| is_verbish(&self.t()[k])) {
                    if let Some(subject) = self.p.phrase_before(k) {
                        if subject.is_actor() && subject.start == i + 1 {
                            self.push(out, COUNTERFACTUAL, i, k + 1);
                        }
                    }
                }
                continue;
            }
            if w == "if"
                && (self.flat().contains("would have")
                    || self.flat().contains("would not have")
                    || self.flat().contains("would never have")
                    || self.flat().contains("wouldn't have"))
            {
                if let Some(k) = (i + 1..n.min(i + 8)).find(|&k| self.w(k) == "had") {
                    let participle = self.t().get(k + 1).is_some_and(|t| is_verbish(t) || self.w(k + 1) == "not");
                    if let Some(subject) = self.p.phrase_before(k) {
                        if participle && subject.is_actor() && subject.start == i + 1 {
                            self.push(out, COUNTERFACTUAL, i, k + 2);
                        }
                    }
                }
                continue;
            }
            // failed to / forgot (to) / neglected (to) / omitted to
            let duty_failure = (w == "failed" && self.w(i + 1) == "to")
                || matches!(w, "forgot" | "neglected" | "forgotten")
                || (w == "omitted" && self.w(i + 1) == "to");
            if duty_failure {
                if let Some(subject) = self.blameable_subject(i) {
                    if !self.negated(i) {
                        self.push(out, COUNTERFACTUAL, subject.start, i + 2);
                    }
                }
                continue;
            }
            // did not follow / never checked / did nothing
            let did_not = (matches!(w, "didn't" | "never") || (w == "did" && matches!(self.w(i + 1), "not" | "never")))
                && i + 1 < n;
            if did_not {
                let verb_at = if w == "did" { i + 2 } else { i + 1 };
                let verb = self.w(verb_at);
                let base = verb.strip_suffix("ed").map_or(verb, |b| b);
                let duty = DUTY_VERBS.contains(verb)
                    || (w == "never" && (DUTY_VERBS.contains(base) || DUTY_VERBS.contains(verb.trim_end_matches('d'))));
                if duty {
                    if let Some(subject) = self.subject(i) {
                        if subject.is_actor() {
                            self.push(out, COUNTERFACTUAL, subject.start, verb_at + 1);
                        }
                    }
                }
            }
            if w == "did" && self.w(i + 1) == "nothing" {
                if let Some(subject) = self.blameable_subject(i) {
                    self.push(out, COUNTERFACTUAL, subject.start, i + 2);
                }
            }
            if w == "never"
                && self.w(i + 1) == "did"
                && self.flat().contains("meant to") | self.flat().contains("supposed to")
            {
                if let Some(subject) = self.blameable_subject(i) {
                    self.push(out, COUNTERFACTUAL, subject.start, i + 2);
                }
            }
        }
    }

    // ---------------------------------------------------------------- person as cause

    fn person(&self, out: &mut Vec<Raw>) {
        let n = self.len();
        // Whole-sentence conditions of the costlier patterns, checked once.
        let words = || self.t().iter().filter(|t| t.kind == Kind::Word);
        let any_flaw = words().any(|t| {
            t.lex & triggers::OBJECT_FLAW != 0 || matches!(t.lower(), "null" | "zero" | "nil" | "empty" | "0")
        });
        let any_outcome = words().any(|t| t.lex & triggers::BAD_OUTCOME != 0 || matches!(t.lower(), "down" | "out"));
        for i in 0..n {
            let t = &self.t()[i];
            if t.kind != Kind::Word {
                continue;
            }
            // Every branch below starts from an entry word, except (f): a verb next to a flaw.
            if self.skips_unrelated() && t.lex & triggers::PERSON_ENTRY == 0 && !(any_flaw && is_verbish(t)) {
                continue;
            }
            let w = t.lower();
            if t.cap && !t.initial && self.is_feature_name(i) {
                continue;
            }
            // (a) a person or their work as the subject of a harmful verb
            if t.lex & triggers::HARMFUL_VERB != 0 && !t.poss && self.harmful_in_context(i) && !self.passive(i) {
                if let Some(subject) = self.subject(i) {
                    let they = self.w(subject.head) == "they";
                    if subject.blames() && !they && !self.negated(i) && !self.rationalised(i) && !self.mitigating() {
                        let rule = if self.process_object(i) { PROCESS_VIOLATION } else { PERSON };
                        self.push(out, rule, subject.start, i + 1);
                        continue;
                    }
                }
            }
            // (b) slips: "accidentally revoked", "the wrong drive", "instead of the replica"
            if SLIP_ADVERBS.contains(&w) || (w == "by" && matches!(self.w(i + 1), "mistake" | "accident")) {
                let verb = if SLIP_ADVERBS.contains(&w) {
                    (i + 1..n.min(i + 3)).find(|&k| is_verbish(&self.t()[k])).or_else(|| self.verb_left(i))
                } else {
                    self.verb_left(i)
                };
                if let Some(v) = verb.filter(|&v| !self.passive(v) && !self.passive(i)) {
                    if let Some(subject) = self.subject(v) {
                        if subject.blames() && !self.negated(i) && !self.rationalised(i) {
                            self.push(out, PERSON, subject.start, (v + 1).max(i + 1));
                        }
                    }
                }
                continue;
            }
            let marker = (w == "wrong" && i > 0 && self.w(i - 1) == "the")
                || (w == "instead" && self.w(i + 1) == "of")
                || (matches!(w, "simultaneously")
                    || (w == "same" && self.w(i + 1) == "time")
                    || (w == "at" && self.w(i + 1) == "once"))
                    && self.flat().split_whitespace().any(|x| matches!(x, "both" | "all" | "every"));
            let simultaneity = !matches!(w, "wrong" | "instead");
            if marker {
                if let Some(v) = self.verb_left(i).filter(|&v| !simultaneity || DISRUPTIVE.contains(&self.w(v))) {
                    let plain_choice =
                        w == "instead" && NEUTRAL_VERBS.contains(self.w(v)) && !self.bad_outcome_in(0, n);
                    if !plain_choice {
                        if let Some(subject) = self.subject(v) {
                            if subject.blames() && !self.negated(i) && !self.rationalised(i) {
                                self.push(out, PERSON, subject.start, i + 1);
                            }
                        }
                    }
                }
                continue;
            }
            // (c) cleft: "It was Yuki who flipped …"
            if w == "it" && matches!(self.w(i + 1), "was" | "is" | "were") {
                if let Some(phrase) = self.p.phrase_after(i + 2) {
                    let rel = phrase.end;
                    if phrase.blames()
                        && self.t().get(rel).is_some_and(|r| r.is_any(&["who", "that"]))
                        && !self.negated(i + 2)
                        && !self.w(i + 2).ends_with("n't")
                        && self.w(i + 2) != "not"
                    {
                        self.push(out, PERSON, i, rel + 2);
                    }
                }
                continue;
            }
            // (d) causal attribution: "caused by Dmitri's config", "Root cause: Mateus …"
            if let Some(after) = self.attribution(i) {
                if let Some(phrase) = self.p.phrase_after(after) {
                    let praise = self.t().get(phrase.end).is_some_and(|x| x.is("for"));
                    if phrase.blames() && !praise && !self.negated(i) {
                        if w == "thanks" && !self.bad_outcome_outside(i, phrase.end) {
                            continue;
                        }
                        self.push(out, PERSON, i, phrase.end);
                    }
                }
                continue;
            }
            // (e) "Because / Once / When <person> <verb>, <bad outcome>"
            if any_outcome && matches!(w, "because" | "once" | "when" | "after") {
                if let Some(v) = (i + 1..n.min(i + 6)).find(|&k| is_verbish(&self.t()[k])) {
                    if let Some(subject) = self.p.phrase_before(v) {
                        let verb = self.w(v);
                        let clause_end =
                            (v..n).find(|&k| self.t()[k].is_punct(",;:—")).unwrap_or_else(|| self.clause_end(v));
                        if subject.start == i + 1
                            && subject.blames()
                            && !NEUTRAL_VERBS.contains(verb)
                            && self.bad_outcome_outside(i, clause_end)
                            && !self.negated(i)
                        {
                            self.push(out, PERSON, i, v + 1);
                        }
                    }
                }
                continue;
            }
            // (f) a person doing something to a flawed object: "pushed a malformed routing table"
            // "Ibrahim's careful read of the logs": a verb form used as a noun.
            let noun_use = i > 0 && {
                let previous = &self.t()[i - 1];
                previous.poss || DETERMINERS.contains(previous.lower()) || previous.lower().ends_with("ful")
            };
            if any_flaw
                && is_verbish(t)
                && !noun_use
                && !NEUTRAL_VERBS.contains(w)
                && !matches!(w, "was" | "were" | "is" | "are" | "did" | "had")
            {
                let clause_end = self.clause_end(i).min(i + 7);
                let end = (i + 1..clause_end).find(|&k| self.t()[k].is_punct(",")).unwrap_or(clause_end);
                let flawed = (i + 1..end).any(|k| {
                    OBJECT_FLAWS.contains(&self.w(k))
                        && !matches!(self.w(k - 1), "be" | "is" | "was" | "were" | "been" | "are")
                }) && !(i + 1..end).any(|k| {
                    matches!(
                        self.w(k),
                        "fix" | "hotfix" | "revert" | "rollback" | "mitigation" | "workaround" | "patch"
                    )
                });
                let zeroed = matches!(w, "set" | "scaled" | "reset")
                    && (i + 1..end)
                        .any(|k| self.w(k) == "to" && matches!(self.w(k + 1), "null" | "zero" | "nil" | "empty" | "0"));
                if flawed || zeroed {
                    if let Some(subject) = self.subject(i) {
                        if subject.blames() && !self.negated(i) && !self.rationalised(i) {
                            self.push(out, PERSON, subject.start, i + 1);
                            continue;
                        }
                    }
                }
            }
            // (g) "left the flag on", "let the retention lapse", "leaving checkout broken"
            if matches!(w, "left" | "let" | "leaving" | "letting") {
                let end = self.clause_end(i).min(i + 10);
                let state = (i + 1..end).find(|&k| {
                    LEFT_STATES.contains(&self.w(k))
                        || (self.w(k) == "in" && matches!(self.w(k + 2), "pool" | "rotation"))
                });
                if let Some(k) = state {
                    if let Some(subject) = self.subject(i) {
                        if subject.blames() && !self.negated(i) && !self.rationalised(i) {
                            self.push(out, PERSON, subject.start, k + 1);
                        }
                    }
                }
                continue;
            }
            // (h) "her mistake", "Sakura's typo", "made a mistake", "mistake on my part"
            if matches!(
                w,
                "mistake"
                    | "mistakes"
                    | "typo"
                    | "blunder"
                    | "slip"
                    | "screw-up"
                    | "goof"
                    | "fault"
                    | "oversight"
                    | "error"
            ) {
                let owner = (i.saturating_sub(3)..i)
                    .rev()
                    .find(|&k| self.t()[k].poss || matches!(self.w(k), "his" | "her" | "my"));
                let owned = owner
                    .is_some_and(|k| matches!(self.w(k), "his" | "her" | "my") || self.p.agent_at(k).is_blameable());
                let on_part =
                    self.w(i + 1) == "on" && (self.flat().contains("on my part") || self.flat().contains("part of"));
                let made = (i.saturating_sub(3)..i).find(|&k| matches!(self.w(k), "made" | "make" | "makes"));
                let made_by_person = made.is_some_and(|k| self.subject(k).is_some_and(|s| s.is_actor()));
                if (owned || on_part || made_by_person) && !self.negated(i) {
                    let from = owner.or(made).unwrap_or(i);
                    let from = made.and_then(|k| self.subject(k)).map_or(from, |s| s.start.min(from));
                    self.push(out, PERSON, from, i + 1);
                }
                continue;
            }
            // (i) approving something that did harm: "approved a PR that removed the rate limiter"
            if matches!(
                w,
                "approved"
                    | "merged"
                    | "shipped"
                    | "released"
                    | "accepted"
                    | "signed"
                    | "waved"
                    | "promoted"
                    | "pushed"
            ) {
                let end = self.clause_end(i);
                let waved = w == "waved" && self.w(i + 1) == "through";
                let harmful_relative = (i + 1..end.min(n)).any(|k| self.w(k) == "that" || self.w(k) == "which") && {
                    let rel = (i + 1..n).find(|&k| matches!(self.w(k), "that" | "which")).unwrap_or(n);
                    (rel + 1..n.min(rel + 4)).any(|k| {
                        let v = self.w(k);
                        RELATIVE_HARM.contains(&v)
                            || (matches!(v, "removed" | "disabled" | "deleted" | "dropped")
                                && (k + 1..n.min(k + 5)).any(|m| SAFEGUARDS.contains(self.w(m))))
                            || (v == "logged" && (k + 1..n.min(k + 5)).any(|m| self.w(m) == "out"))
                    })
                };
                if waved || harmful_relative {
                    if let Some(subject) = self.subject(i) {
                        if subject.blames() && !self.negated(i) && !self.rationalised(i) {
                            self.push(out, PERSON, subject.start, i + 1);
                        }
                    }
                }
                continue;
            }
            // (j) leaving the incident: "went back to sleep"
            if (w == "went" && self.w(i + 1) == "back" && self.w(i + 3) == "sleep")
                || (w == "walked" && self.w(i + 1) == "away")
            {
                if let Some(subject) = self.blameable_subject(i) {
                    self.push(out, PERSON, subject.start, i + 2);
                }
                continue;
            }
            // (k) "<person> <verb> …, and <system> went dark"
            if any_outcome && matches!(w, "and" | "so") && i > 0 && self.t()[i - 1].is_punct(",") {
                let first_verb = (0..i).find(|&k| is_verbish(&self.t()[k]));
                if let Some(v) = first_verb {
                    if let Some(subject) = self.subject(v) {
                        let verb = self.w(v);
                        if subject.start < v
                            && subject.is_actor()
                            && !NEUTRAL_VERBS.contains(verb)
                            && !matches!(verb, "was" | "were" | "is" | "had")
                            && self.bad_outcome_in(i + 1, self.clause_end(i))
                            && !self.negated(v)
                            && !self.rationalised(v)
                        {
                            self.push(out, PERSON, subject.start, v + 1);
                        }
                    }
                }
            }
            // (l) sharing secrets: "pasted production credentials into the public forum"
            if matches!(w, "pasted" | "posted" | "shared" | "committed" | "published" | "emailed" | "uploaded") {
                let end = self.clause_end(i);
                let secret = (i + 1..end.min(i + 6)).any(|k| SECRETS.contains(&self.w(k)));
                let public = (i + 1..end).any(|k| {
                    matches!(
                        self.w(k),
                        "public" | "publicly" | "personal" | "chat" | "slack" | "forum" | "github" | "pastebin"
                    )
                });
                if secret && public {
                    if let Some(subject) = self.blameable_subject(i) {
                        if !self.negated(i) {
                            self.push(out, PERSON, subject.start, i + 1);
                        }
                    }
                }
            }
        }
    }

    /// A participle in the passive voice ("was deleted", "caused by"): its subject is what was
    /// harmed, not who did it.
    fn passive(&self, i: usize) -> bool {
        let aux = (i.saturating_sub(3)..i).rev().take_while(|&k| self.t()[k].kind == Kind::Word).any(|k| {
            matches!(self.w(k), "was" | "were" | "been" | "being" | "is" | "are" | "be" | "got" | "get" | "gets")
        });
        aux || self.w(i + 1) == "by"
    }

    /// The sentence describes a mitigation: "To mitigate the impact, engineers broke the dependency".
    fn mitigating(&self) -> bool {
        [
            "to mitigate",
            "to prevent",
            "to restore",
            "to stop",
            "to contain",
            "to recover",
            "to limit",
            "to protect",
            "to unblock",
            "in order to",
            "to stabilise",
            "to stabilize",
            "to reduce the impact",
            "as a mitigation",
        ]
        .iter()
        .any(|p| self.flat().contains(p))
    }

    /// Harmful verbs whose sense depends on what follows: "took down" but not "took a snapshot".
    fn harmful_in_context(&self, i: usize) -> bool {
        let w = self.w(i);
        let end = self.clause_end(i).min(i + 8);
        let window = || (i + 1..end).map(|k| self.w(k));
        let has = |words: &[&str]| window().any(|x| words.contains(&x));
        // Cleaning up what is already bad is mitigation: "deleted the stale records".
        let cleanup_object = window().take(4).any(|x| {
            matches!(
                x,
                "stale"
                    | "orphaned"
                    | "corrupt"
                    | "corrupted"
                    | "duplicate"
                    | "bad"
                    | "broken"
                    | "old"
                    | "unused"
                    | "leaked"
                    | "compromised"
                    | "stuck"
                    | "hung"
                    | "runaway"
                    | "zombie"
            )
        });
        match w {
            "took" => has(&["down", "offline", "out"]) && !has(&["took", "snapshot", "backup"]),
            "cut" => has(&["off", "through"]),
            "removed" | "purged" => has(&["production", "prod", "live", "customer", "customers"]) && !cleanup_object,
            "brought" => has(&["down", "knees", "offline"]),
            "knocked" => has(&["out", "over", "offline", "down"]),
            "introduced" | "reintroduced" => has(&[
                "bug",
                "regression",
                "leak",
                "error",
                "null",
                "vulnerability",
                "race",
                "deadlock",
                "defect",
                "issue",
                "outage",
                "incompatibility",
                "loop",
                "crash",
                "typo",
            ]),
            "locked" => has(&["out", "table", "tables", "database", "row", "rows"]),
            "blocked" => has(&["legitimate", "all", "every", "customers", "users"]),
            "killed" => has(&["primary", "production", "prod", "database", "wrong"]),
            "messed" | "screwed" => has(&["up"]),
            "flooded" | "exhausted" | "disconnected" | "overloaded" | "grabbed" | "hogged" | "monopolised"
            | "monopolized" | "consumed" => has(&["every", "all", "production", "both", "prod"]),
            "dropped" => {
                !has(&["off", "out", "from"])
                    && !window().next().is_some_and(|x| matches!(x, "to" | "by" | "below" | "under"))
            }
            "missed" | "overlooked" | "ignored" | "skipped" | "forgot" | "neglected" => true,
            "deleted" | "wiped" | "truncated" | "erased" | "destroyed" | "overwrote" | "overwritten" => !cleanup_object,
            _ => true,
        }
    }

    /// The harmful verb's object is a process: "ignored the runbook" is a process violation.
    fn process_object(&self, i: usize) -> bool {
        matches!(self.w(i), "ignored" | "skipped" | "disregarded" | "bypassed")
            && (i + 1..self.len().min(i + 5)).any(|k| PROCESS_NOUNS.contains(&self.w(k)))
    }

    /// The nearest verb left of `index` within its clause.
    fn verb_left(&self, index: usize) -> Option<usize> {
        let start = self.clause_start(index);
        (start..index).rev().find(|&k| is_verbish(&self.t()[k]) && !matches!(self.w(k), "was" | "were" | "is" | "are"))
    }

    /// Words of causal attribution; returns where the blamed phrase starts.
    fn attribution(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        let next = self.w(i + 1);
        match w {
            "caused" if next == "by" => Some(i + 2),
            "root" if next == "cause" => {
                let k = i + 2;
                let colon = self.t().get(k).is_some_and(|t| t.is_punct(":"));
                let copula = matches!(self.w(k), "was" | "is") && !matches!(self.w(k + 1), "not" | "a" | "an" | "that");
                (colon || copula).then_some(k + 1)
            }
            "traces" | "traced" | "trace" | "tracing" if next == "back" && self.w(i + 2) == "to" => Some(i + 3),
            "due" | "owing" if next == "to" => Some(i + 2),
            "because" if next == "of" => Some(i + 2),
            "came" | "comes" | "boils" | "boiled" if next == "down" && self.w(i + 2) == "to" => Some(i + 3),
            "lies" | "lay" | "rests" | "rested" | "sits" if next == "with" => Some(i + 2),
            "fault" if next == "of" => Some(i + 2),
            "attributed" | "attributable" | "blamed" if next == "to" || next == "on" => Some(i + 2),
            "thanks" if next == "to" && (self.t()[i].initial || i > 0 && self.t()[i - 1].is_punct(",")) => Some(i + 2),
            _ => None,
        }
    }

    fn bad_outcome_in(&self, from: usize, to: usize) -> bool {
        let to = to.min(self.len());
        let good = (from..to).any(|k| GOOD_OUTCOMES.contains(self.w(k)));
        let bad = (from..to).any(|k| {
            let x = self.w(k);
            let previous = || self.w(k - 1);
            // `BAD_OUTCOMES`, from the token's bits (a non-word reads as "" and is in no list).
            self.t()[k].lex & triggers::BAD_OUTCOME != 0
                || (x == "down"
                    && k > from
                    && matches!(
                        previous(),
                        "went"
                            | "was"
                            | "were"
                            | "is"
                            | "go"
                            | "goes"
                            | "going"
                            | "took"
                            | "brought"
                            | "checkout"
                            | "it"
                    ))
                || (x == "out" && k > from && previous() == "ran")
        });
        bad && !good
    }

    /// A bad outcome in the sentence outside the token range `from..to`.
    fn bad_outcome_outside(&self, from: usize, to: usize) -> bool {
        self.bad_outcome_in(0, from) || self.bad_outcome_in(to, self.len())
    }

    /// Local rationality: another clause puts the causal weight on a system
    /// ("…; the report did not know about volumes mounted by the batch cluster").
    fn rationalised(&self, trigger: usize) -> bool {
        let n = self.len();
        for k in 0..n {
            let t = &self.t()[k];
            let connector = t.is_punct(";:—") || (t.kind == Kind::Word && RATIONALE_CONNECTORS.contains(t.lower()));
            if !connector || k == trigger {
                continue;
            }
            // The clause after the connector, up to the next connector or the end.
            let from = k + 1;
            let mut to = from;
            while to < n {
                let u = &self.t()[to];
                if to > from && (u.is_punct(";:—") || u.is_any(&["because", "since", "but", "so", "and"])) {
                    break;
                }
                to += 1;
            }
            if (from..to).contains(&trigger) {
                continue;
            }
            // Its subject: the first phrase, or the antecedent of "which".
            let subject = if t.is("which") || t.is("whose") {
                let before = if k > 0 && self.t()[k - 1].is_punct(",") { k - 1 } else { k };
                self.p.phrase_before(before)
            } else {
                let v = (from..to).find(|&m| is_verbish(&self.t()[m]) || self.w(m).ends_with("n't"));
                v.and_then(|v| self.p.phrase_before(self.subject_end_for(v))).filter(|p| p.start >= from)
            };
            let Some(subject) = subject else { continue };
            let pronoun = matches!(self.w(subject.head), "it" | "this" | "that" | "they");
            if subject.head_agent != Agent::System || subject.possessor.is_some_and(Agent::is_blameable) || pronoun {
                continue;
            }
            let deficient = (from..to).any(|m| {
                let x = self.w(m);
                DEFICIENCY_CUES.contains(x) || x.ends_with("n't")
            });
            if deficient {
                return true;
            }
        }
        false
    }

    fn subject_end_for(&self, v: usize) -> usize {
        let mut end = v;
        while end > 0 {
            let t = &self.t()[end - 1];
            let skippable = t.kind == Kind::Word
                && (SKIPPABLE.contains(t.lower()) || t.lower().ends_with("n't"))
                && !DETERMINERS.contains(t.lower());
            if !skippable {
                break;
            }
            end -= 1;
        }
        end
    }

    // ---------------------------------------------------------------- hindsight

    fn hindsight(&self, out: &mut Vec<Raw>) {
        let n = self.len();
        let judging_cell = std::cell::OnceCell::new();
        let judging_now = || *judging_cell.get_or_init(|| JUDGING_CUES.is_match(self.flat()));
        for i in 0..n {
            let t = &self.t()[i];
            if t.kind != Kind::Word || self.skips_unrelated() && t.lex & u32::from(triggers::HINDSIGHT) == 0 {
                continue;
            }
            let w = t.lower();
            // Strong forms name their own generic person.
            let strong = match w {
                "anyone" | "anybody" => {
                    matches!(self.w(i + 1), "could" | "would" | "can" | "watching" | "looking") && !self.negated(i)
                        || (i > 0
                            && self.w(i - 1) == "to"
                            && i > 1
                            && matches!(self.w(i - 2), "obvious" | "plain" | "clear" | "evident"))
                }
                "everyone" | "everybody" => matches!(self.w(i + 1), "knows" | "knew"),
                "any" => {
                    i >= 2
                        && self.w(i - 1) == "to"
                        && matches!(self.w(i - 2), "obvious" | "clear" | "plain" | "evident" | "apparent")
                        && (i + 1..n.min(i + 3)).any(|k| self.p.agent_at(k).is_blameable())
                }
                "even" => {
                    let role = (i + 1..n.min(i + 5)).find(|&k| crate::language::lexicon::ROLES.contains(self.w(k)));
                    role.is_some() && self.flat().contains("would have")
                }
                "all" => {
                    let verb = (i + 2..n.min(i + 6)).find(|&k| {
                        matches!(self.w(k), "had" | "needed") && (self.w(k) == "needed" || self.w(k + 1) == "to")
                    });
                    verb.is_some_and(|k| (i + 1..k).any(|m| self.p.agent_at(m).is_blameable())) && self.w(i + 1) != "of"
                }
                "only" => {
                    matches!(self.w(i + 1), "had" | "needed")
                        && self.w(i + 2) == "to"
                        && self.subject(i).is_some_and(|s| s.is_actor())
                }
                "how" => {
                    matches!(self.w(i + 1), "could" | "did" | "can")
                        && (i + 2..n.min(i + 8)).any(|k| {
                            matches!(self.w(k), "not" | "miss" | "overlook" | "ignore") || self.w(k).ends_with("n't")
                        })
                        && (i + 2..n.min(i + 6)).any(|k| self.p.agent_at(k).is_blameable())
                }
                "bother" | "bothered" => {
                    i > 0
                        && (self.w(i - 1).ends_with("n't") || matches!(self.w(i - 1), "not" | "never"))
                        && self.subject(i).is_some_and(|s| s.is_actor())
                }
                _ => false,
            };
            if strong {
                if !self.negated_frame(i) {
                    self.push(out, HINDSIGHT, i, i + 2);
                }
                continue;
            }
            if !MINIMIZERS.contains(w) || self.person_mentions().is_empty() {
                continue;
            }
            if t.cap && !t.initial {
                continue;
            }
            let fires = match w {
                "just" => {
                    let prev = if i > 0 { self.w(i - 1) } else { "" };
                    let perfect =
                        matches!(prev, "had" | "has" | "have" | "was" | "were" | "is" | "are" | "'d" | "be" | "been");
                    let next = &self.t().get(i + 1);
                    let verb_next =
                        next.is_some_and(|x| is_verbish(x) || x.is_any(&["kept", "had", "needed", "went", "let"]));
                    !perfect && verb_next && self.subject(i).is_some_and(|s| s.is_actor())
                }
                "simply" | "merely" => {
                    // "The fix simply required the DBA to restart the replica": what a person had to do.
                    let demanded =
                        matches!(self.w(i + 1), "required" | "needed" | "meant" | "took" | "involved" | "asked")
                            && judging_now();
                    let actor = demanded || self.subject(i).is_some_and(|s| s.is_actor());
                    actor || (t.initial && judging_now())
                }
                "clearly" | "obviously" | "plainly" | "evidently" | "blatantly" | "glaringly" => {
                    let evidential = self.t().get(i + 1).is_some_and(|x| EVIDENTIAL_VERBS.contains(&x.lower()))
                        || (i > 0 && EVIDENTIAL_VERBS.contains(&self.w(i - 1)));
                    let subject = self.subject(i);
                    // "The proxy clearly forwards …", "the trace clearly shows …"; not the dummy "it was obviously".
                    let evidence_subject = subject.is_some_and(|s| {
                        let head = self.w(s.head);
                        s.head_agent == Agent::System
                            && !matches!(head, "it" | "this" | "that" | "there")
                            && (EVIDENCE.contains(head) || !t.initial)
                    });
                    let actor = subject.is_some_and(|s| s.is_actor());
                    !evidential && !evidence_subject && (actor || judging_now())
                }
                "course" => i > 0 && self.w(i - 1) == "of" && judging_now(),
                "basic" => i > 0 && matches!(self.w(i - 1), "a" | "such") && judging_now(),
                "obvious" | "evident" | "plain" | "easy" | "easily" | "trivial" | "trivially" | "straightforward"
                | "elementary" | "no-brainer" | "blatant" | "glaring" => {
                    let negated_adj = i > 0 && matches!(self.w(i - 1), "no" | "not" | "non" | "never" | "nothing");
                    !negated_adj && judging_now() && !self.negated(i)
                }
                _ => false,
            };
            if fires && !self.negated_frame(i) {
                self.push(out, HINDSIGHT, i, i + 1);
            }
        }
    }

    /// A negated sentence frame: "No one could have seen …", "Nothing suggests …".
    fn negated_frame(&self, i: usize) -> bool {
        self.t().first().is_some_and(|t| t.is_any(&["no", "nobody", "nothing", "none"])) && i > 0 && self.negated(i)
    }

    // ---------------------------------------------------------------- judgment

    fn judgment(&self, out: &mut Vec<Raw>) {
        let n = self.len();
        for i in 0..n {
            let t = &self.t()[i];
            if t.kind != Kind::Word || self.skips_unrelated() && t.lex & u32::from(triggers::JUDGMENT) == 0 {
                continue;
            }
            let w = t.lower();
            let strong = JUDGMENT_STRONG.contains(w);
            let weak = JUDGMENT_WEAK.contains(w);
            if (strong || weak) && !self.is_feature_name(i) {
                if matches!(w, "lazy" | "lazily" | "dumb" | "amateur" | "cowboy" | "lax")
                    && self.t().get(i + 1).is_some_and(|x| {
                        TECHNICAL_AFTER_JUDGMENT.contains(x.lower()) || x.kind != Kind::Word || w == "lax"
                    })
                {
                    continue;
                }
                if w == "hurry" && !(i > 1 && self.w(i - 1) == "a" && self.w(i - 2) == "in") {
                    continue;
                }
                if self.negated(i) {
                    continue;
                }
                let previous = if i > 0 { self.w(i - 1) } else { "" };
                const COPULAS: &[&str] = &[
                    "was", "were", "is", "are", "be", "been", "being", "seemed", "felt", "looked", "became", "acted",
                    "behaved",
                ];
                let degree = matches!(
                    previous,
                    "too" | "so" | "very" | "extremely" | "quite" | "rather" | "pretty" | "far" | "incredibly"
                );
                let copula_at = if COPULAS.contains(&previous) {
                    Some(i - 1)
                } else if degree && i >= 2 && COPULAS.contains(&self.w(i - 2)) {
                    Some(i - 2)
                } else if degree && i >= 3 && COPULAS.contains(&self.w(i - 3)) {
                    Some(i - 3)
                } else {
                    None
                };
                // "was handled carelessly by the mobile team": a manner adverb judges whoever acted.
                let adverb = w.ends_with("ly") && w != "sloppily_";
                let verb_before =
                    if adverb { (i.saturating_sub(3)..i).rev().find(|&k| is_verbish(&self.t()[k])) } else { copula_at };
                let predicative = verb_before.is_some();
                let subject = match verb_before {
                    Some(v) if predicative => self.subject(v),
                    _ => self.subject(i),
                };
                let agent = subject.map(|s| (s.head_agent, s.possessor));
                let system_subject =
                    matches!(agent, Some((Agent::System, possessor)) if !possessor.is_some_and(Agent::is_blameable));
                let collective = matches!(agent, Some((Agent::Collective, _)));
                let passive_by_person = adverb
                    && verb_before.is_some_and(|v| self.passive(v))
                    && (i..n.min(i + 3))
                        .any(|k| self.w(k) == "by" && self.p.phrase_after(k + 1).is_some_and(|p| p.blames()));
                let ok = if passive_by_person {
                    true
                } else if strong {
                    !(collective || predicative && system_subject)
                } else {
                    subject.is_some_and(|s| s.is_actor())
                };
                if ok {
                    let from = subject.filter(|s| s.end + 3 >= i && s.is_actor()).map_or(i, |s| s.start);
                    self.push(out, JUDGMENT, from, i + 1);
                }
                continue;
            }
            // "not paying attention", "nobody was paying attention"
            if w == "paying" || w == "pay" || w == "paid" {
                if self.w(i + 1) == "attention" && self.negated(i) {
                    let subject = self.subject(i);
                    let about_people = subject.is_none_or_true(|s| s.is_actor() || s.head_agent == Agent::Nobody);
                    if about_people {
                        self.push(out, JUDGMENT, subject.map_or(i, |s| s.start), i + 2);
                    }
                }
                continue;
            }
            // "should know better", "should have known better"
            if w == "better" && i > 0 && matches!(self.w(i - 1), "know" | "known" | "knew") {
                let from = self.subject(i - 1).map_or(i - 1, |s| s.start);
                self.push(out, JUDGMENT, from, i + 1);
            }
        }
    }

    // ---------------------------------------------------------------- punitive

    fn punitive(&self, out: &mut Vec<Raw>) {
        let n = self.len();
        for i in 0..n {
            let t = &self.t()[i];
            let unrelated =
                self.skips_unrelated() && t.lex & u32::from(triggers::PUNITIVE) == 0 && t.lower() != "suspended_";
            if t.kind != Kind::Word || unrelated || self.is_feature_name(i) {
                continue;
            }
            let w = t.lower();
            let next = self.w(i + 1);
            let hit_len = match w {
                "disciplinary" | "disciplined" | "reprimand" | "reprimanded" | "reprimands" => Some(1),
                "discipline" if !matches!(next, "of" | "in") => Some(1),
                "warning" if i > 0 && matches!(self.w(i - 1), "written" | "formal" | "final" | "verbal") => Some(1),
                "improvement" if next == "plan" && i > 0 && self.w(i - 1) == "performance" => Some(2),
                "personnel" if next == "file" => Some(2),
                "accountable" => {
                    let held =
                        (i.saturating_sub(6)..i).any(|k| matches!(self.w(k), "held" | "hold" | "holding" | "holds"));
                    held.then_some(1)
                }
                "hr" if t.cap || self.w(i + 1) == "has" => {
                    let informed = (i + 1..n.min(i + 5)).any(|k| {
                        matches!(self.w(k), "informed" | "notified" | "involved" | "engaged" | "looped" | "contacted")
                    });
                    informed.then_some(1)
                }
                "action" if next == "against" => Some(2),
                "bonus" | "bonuses" => Some(1),
                "longer" if i > 0 && self.w(i - 1) == "no" && matches!(next, "with" | "employed" | "works") => {
                    self.about_person(i).then_some(2)
                }
                "go" | "fired" | "terminated" | "dismissed" | "suspended" | "sacked" | "demoted" | "barred"
                | "banned" | "counselled" | "counseled" | "retrained" | "re-trained" | "re-certified"
                | "recertified" | "removed" | "taken" | "placed" => {
                    let person_patient = self.passive_person(i);
                    let ok = match w {
                        "go" => i > 0 && self.w(i - 1) == "let" && person_patient,
                        "removed" | "taken" => {
                            let from_rotation = (i + 1..n.min(i + 6))
                                .any(|k| matches!(self.w(k), "rotation" | "on-call" | "oncall" | "pager" | "roster"));
                            from_rotation && person_patient
                        }
                        "placed" => next == "on" && person_patient && self.flat().contains("plan"),
                        _ => person_patient,
                    };
                    ok.then_some(1)
                }
                "retraining" | "re-training" | "re-certification" | "recertification" => {
                    let forced = (i.saturating_sub(3)..i)
                        .any(|k| matches!(self.w(k), "mandatory" | "attend" | "undergo" | "remedial"));
                    forced.then_some(1)
                }
                "review" if i > 0 && self.w(i - 1) == "performance" => {
                    let personal = (i.saturating_sub(4)..i)
                        .any(|k| self.t()[k].poss && self.p.agent_at(k).is_blameable())
                        || self.flat().contains("reflect");
                    personal.then_some(1)
                }
                "consequence" | "consequences" => {
                    // "face consequences", "as a consequence, the developer is barred …" is caught by its verb.
                    let faces = i > 0 && matches!(self.w(i - 1), "face" | "faces" | "facing" | "personal");
                    faces.then_some(1)
                }
                "revoked" | "downgraded" | "suspended_" => {
                    let owner =
                        (i.saturating_sub(6)..i).find(|&k| self.t()[k].poss && self.p.agent_at(k).is_blameable());
                    let privilege = (i.saturating_sub(5)..i).any(|k| {
                        matches!(self.w(k), "access" | "badge" | "permissions" | "privileges" | "rights" | "clearance")
                    });
                    (owner.is_some() && privilege).then_some(1)
                }
                "renewed" if self.flat().contains("contract") => {
                    self.flat().contains("will not be renewed").then_some(1).filter(|_| self.about_person(i))
                }
                "stays" | "remains" | "stay" | "remain" => {
                    let whether = (i.saturating_sub(5)..i).any(|k| self.w(k) == "whether");
                    let subject = self.subject(i).is_some_and(|s| s.is_actor());
                    (whether && subject).then_some(1)
                }
                _ => None,
            };
            if let Some(len) = hit_len {
                let negated = self.negated(i) && !matches!(w, "renewed" | "longer");
                if !negated {
                    self.push(out, PUNITIVE, i, i + len);
                }
            }
        }
    }

    /// A passive or stative verb whose subject is a person: "Ewa has been removed …".
    fn passive_person(&self, i: usize) -> bool {
        if i > 0 && self.w(i - 1) == "let" {
            return self.subject(i - 1).is_some_and(|s| s.is_actor());
        }
        let passive = (i.saturating_sub(3)..i)
            .any(|k| matches!(self.w(k), "was" | "were" | "been" | "be" | "is" | "are" | "being" | "got" | "get"));
        passive && self.subject(i).is_some_and(|s| s.is_actor())
    }

    fn about_person(&self, _i: usize) -> bool {
        !self.person_mentions().is_empty()
            || (0..self.len()).any(|k| self.t()[k].poss && self.p.agent_at(k).is_blameable())
    }

    // ---------------------------------------------------------------- process violation

    fn process_violation(&self, out: &mut Vec<Raw>) {
        let n = self.len();
        let sentence_actor =
            || (0..n).filter(|&k| is_verbish(&self.t()[k])).any(|k| self.subject(k).is_some_and(|s| s.is_actor()));
        for i in 0..n {
            let t = &self.t()[i];
            let unrelated = self.skips_unrelated() && t.lex & u32::from(triggers::PROCESS) == 0;
            if t.kind != Kind::Word || unrelated || self.is_feature_name(i) {
                continue;
            }
            let w = t.lower();
            let next = self.w(i + 1);
            // Triggers whose verb takes the person as subject.
            let verb_trigger = match w {
                "bypassed" | "bypassing" | "circumvented" | "circumventing" | "sidestepped" | "sidestepping"
                | "overrode" | "overriding" | "overridden" | "force-merged" | "force-pushed" | "self-approved"
                | "self-merged" | "disregarded" | "disregarding" | "flouted" | "flouting" | "violated"
                | "violating" | "breached" | "breaching" => Some(i + 1),
                "ignored" | "ignoring" | "skipped" | "skipping" => {
                    let object = (i + 1..n.min(i + 5)).find(|&k| PROCESS_NOUNS.contains(&self.w(k)));
                    object.map(|k| k + 1)
                }
                "disabled" | "disabling" | "silenced" | "silencing" | "muted" | "muting" | "removed" | "turned"
                | "commented" => {
                    let object = (i + 1..n.min(i + 6)).find(|&k| SAFEGUARDS.contains(self.w(k)));
                    let off = w != "turned" || (i + 1..n.min(i + 6)).any(|k| self.w(k) == "off");
                    let via_person_ok = w != "removed";
                    object.filter(|_| off && via_person_ok).map(|k| k + 1)
                }
                "without" => {
                    let object = (i + 1..n.min(i + 5)).find(|&k| WITHOUT_OBJECTS.contains(&self.w(k)));
                    object.map(|k| k + 1)
                }
                "unauthorised" | "unauthorized" | "unapproved" | "unsanctioned" | "unreviewed" => Some(i + 1),
                "outside" => {
                    let object = (i + 1..n.min(i + 6))
                        .find(|&k| matches!(self.w(k), "window" | "process" | "procedure" | "policy"));
                    object.map(|k| k + 1)
                }
                "straight" | "directly" => {
                    let target = next == "to"
                        && matches!(self.w(i + 2), "main" | "master" | "production" | "prod" | "trunk")
                        || next == "on" && matches!(self.w(i + 2), "the") && self.w(i + 3) == "host";
                    target.then_some(i + 3)
                }
                "override" if i > 0 && matches!(self.w(i - 1), "admin" | "emergency" | "manual") => Some(i + 1),
                "follow" if i > 0 && (self.w(i - 1).ends_with("n't") || self.w(i - 1) == "not") => {
                    let object = (i + 1..n.min(i + 6)).find(|&k| PROCESS_NOUNS.contains(&self.w(k)));
                    object.map(|k| k + 1)
                }
                _ => None,
            };
            if let Some(end) = verb_trigger {
                let verb = if matches!(
                    w,
                    "without"
                        | "unauthorised"
                        | "unauthorized"
                        | "unapproved"
                        | "unsanctioned"
                        | "unreviewed"
                        | "outside"
                        | "straight"
                        | "directly"
                        | "override"
                ) {
                    self.verb_left(i)
                } else {
                    Some(i)
                };
                let subject = verb.and_then(|v| self.subject(v));
                if subject.is_some_and(|s| s.is_actor()) && !self.negated(i) && !self.rationalised(i) {
                    let from = subject.map_or(i, |s| if s.end + 6 >= i { s.start } else { i });
                    self.push(out, PROCESS_VIOLATION, from, end);
                }
                continue;
            }
            // Sentence-level frames that need some person acting in the sentence.
            let frame = match w {
                "violation" if i > 0 && self.w(i - 1) == "in" => Some(i + 1),
                "against" if (i + 1..n.min(i + 4)).any(|k| POLICY_NOUNS.contains(&self.w(k))) => Some(i + 2),
                "contrary" if next == "to" => Some(i + 2),
                "despite"
                    if (i + 1..n.min(i + 4)).any(|k| {
                        matches!(self.w(k), "freeze" | "notice" | "banner" | "warning" | "warnings" | "policy" | "ban")
                    }) =>
                {
                    Some(i + 3)
                }
                "forbids" | "prohibits" | "forbidden" | "prohibited" | "disallows" => Some(i + 1),
                _ => None,
            };
            if let Some(end) = frame {
                if sentence_actor() && !self.negated(i) {
                    self.push(out, PROCESS_VIOLATION, i, end);
                }
            }
        }
    }
}

trait OptionExt<T> {
    fn is_none_or_true(&self, f: impl FnOnce(&T) -> bool) -> bool;
}

impl<T> OptionExt<T> for Option<T> {
    fn is_none_or_true(&self, f: impl FnOnce(&T) -> bool) -> bool {
        match self {
            None => true,
            Some(v) => f(v),
        }
    }
}

pub(crate) const OBJECT_FLAWS: &[&str] = &[
    "malformed",
    "mislabelled",
    "mislabeled",
    "wrong",
    "untested",
    "unreviewed",
    "incorrect",
    "faulty",
    "buggy",
    "invalid",
    "corrupt",
    "corrupted",
    "incompatible",
    "exposed",
    "debug",
];

/// Verbs that disrupt service when done to several things at once.
const DISRUPTIVE: &[&str] = &[
    "restarted",
    "rebooted",
    "upgraded",
    "patched",
    "drained",
    "shut",
    "stopped",
    "took",
    "powered",
    "reimaged",
    "deployed",
    "rolled",
    "pushed",
    "applied",
    "migrated",
    "removed",
    "deleted",
    "disabled",
    "failed",
    "cycled",
];

const LEFT_STATES: &[&str] = &[
    "on",
    "enabled",
    "running",
    "open",
    "unlocked",
    "exposed",
    "sync",
    "out-of-sync",
    "behind",
    "unset",
    "broken",
    "lapse",
    "expire",
    "fill",
    "back",
    "slip",
    "die",
    "unpatched",
    "unmonitored",
    "unattended",
    "down",
    "offline",
    "dangling",
];

pub(crate) const RELATIVE_HARM: &[&str] = &[
    "crashed",
    "broke",
    "corrupted",
    "deleted",
    "wiped",
    "exposed",
    "leaked",
    "disabled",
    "bricked",
    "dropped",
    "truncated",
    "overwrote",
    "doubled",
    "tripled",
    "removed",
    "crashes",
    "breaks",
];

pub(crate) const BAD_OUTCOMES: &[&str] = &[
    "outage",
    "overwrote",
    "overwritten",
    "offline",
    "dark",
    "unavailable",
    "vanished",
    "lost",
    "crashed",
    "crashing",
    "broke",
    "broken",
    "failing",
    "stale",
    "stuck",
    "stalled",
    "double-charging",
    "corrupted",
    "errors",
    "500s",
    "502s",
    "503s",
    "5xx",
    "disappeared",
    "deleted",
    "wiped",
    "destroyed",
    "down",
    "outages",
    "disrupted",
    "degraded",
];

pub(crate) const SECRETS: &[&str] =
    &["credentials", "credential", "password", "passwords", "secret", "secrets", "token", "tokens", "key", "keys"];

const PROCESS_NOUNS: &[&str] = &[
    "runbook",
    "runbooks",
    "process",
    "policy",
    "checklist",
    "procedure",
    "procedures",
    "warning",
    "warnings",
    "banner",
    "freeze",
    "rules",
    "guidance",
    "guidelines",
    "canary",
    "review",
    "approval",
    "stage",
    "step",
    "steps",
    "smoke",
    "tests",
    "playbook",
    "protocol",
    "sign-off",
];

const POLICY_NOUNS: &[&str] =
    &["policy", "policies", "process", "procedure", "procedures", "rules", "guidance", "guidelines", "protocol"];

const WITHOUT_OBJECTS: &[&str] = &[
    "approval",
    "permission",
    "sign-off",
    "signoff",
    "review",
    "peer",
    "second",
    "authorization",
    "authorisation",
    "telling",
    "notifying",
    "informing",
    "consulting",
    "running",
    "testing",
    "filing",
    "asking",
    "ticket",
    "approvals",
    "reviewer",
    "reviews",
    "consent",
    "announcing",
    "checking",
    "waiting",
];

const EVIDENTIAL_VERBS: &[&str] = &[
    "shows",
    "show",
    "showed",
    "shown",
    "points",
    "pointed",
    "records",
    "recorded",
    "jumps",
    "jumped",
    "visible",
    "lists",
    "listed",
    "indicates",
    "indicated",
    "demonstrates",
    "demonstrated",
    "reveals",
    "revealed",
    "confirms",
    "confirmed",
    "spikes",
    "spiked",
    "rises",
    "rose",
    "drops",
    "dropped",
    "marks",
    "marked",
    "documents",
    "documented",
    "captured",
    "captures",
    "see",
    "seen",
    "correlates",
    "correlated",
    "traces",
    "appears",
    "explained",
    "explains",
    "described",
    "communicated",
    "stated",
    "labelled",
    "labeled",
];

#[cfg(test)]
mod tests {
    use super::super::{agent, lexicon, text};
    use super::*;

    thread_local! {
        pub(super) static NO_SKIP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Every detector's raw findings for the sentences of `block`.
    fn detect(block: &str) -> Vec<Raw> {
        let names = lexicon::HashSet::default();
        let mut lowered = String::new();
        let tokens = text::sentences(block, &mut lowered);
        let mut out = Vec::new();
        for sentence in tokens.sentences() {
            let parser =
                agent::Parser { tokens: sentence.tokens, text: block, names: agent::Names { system_names: &names } };
            let detector = Detector::new(parser, &sentence);
            detector.human_error(&mut out);
            detector.counterfactual(&mut out);
            detector.person(&mut out);
            detector.hindsight(&mut out);
            detector.judgment(&mut out);
            detector.punitive(&mut out);
            detector.process_violation(&mut out);
        }
        out
    }

    #[test]
    fn skipping_unrelated_tokens_changes_no_finding() {
        let eval = include_str!("../../tests/eval/blame.tsv");
        let sentences: Vec<&str> = eval.lines().skip(1).filter_map(|l| l.split('\t').nth(2)).collect();
        assert!(sentences.len() > 500);
        let mut blocks: Vec<String> = sentences.iter().map(|s| s.to_string()).collect();
        // Sentences run together, so that every detector meets the words of every other.
        blocks.extend(sentences.chunks(7).map(|c| c.join(" ")));
        blocks.push("Sam's change was suspended_ and Ewa's access revoked.".to_string());
        let mut found = 0;
        for block in &blocks {
            NO_SKIP.with(|s| s.set(true));
            let all = detect(block);
            NO_SKIP.with(|s| s.set(false));
            assert_eq!(detect(block), all, "{block}");
            found += all.len();
        }
        assert!(found > 300, "the blocks hold findings: {found}");
    }
}
