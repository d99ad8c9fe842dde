//! Who or what a noun phrase names: the agent classification every blame category leans on.
//!
//! The subject of a verb is found by scanning left from it: over auxiliaries and adverbs, then over
//! the noun phrase up to its determiner, across a preposition or relative pronoun when the phrase
//! continues on the other side ("someone on the data team", "the person who approved the change"),
//! and back to the previous clause when the verb has no subject of its own ("…and went back to
//! sleep"). The phrase's head (and its possessor, if any) is then classified.

use super::lexicon::*;
use super::text::{Kind, Token};

/// What kind of agent a noun phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agent {
    /// A person: name, role, pronoun or `@handle`.
    Person,
    /// A named team or group of people.
    Team,
    /// "We", "our team": the organisation speaking about itself.
    Collective,
    /// "Nobody", "none of the responders", "no single person".
    Nobody,
    /// A system, component, artifact, process or anything else.
    System,
}

impl Agent {
    /// People who can be blamed: a person or a team, but not the organisation itself.
    pub fn is_blameable(self) -> bool {
        matches!(self, Agent::Person | Agent::Team)
    }
}

/// A noun phrase, as token indices into its sentence.
#[derive(Debug, Clone, Copy)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub head: usize,
    /// The agent of the head word.
    pub head_agent: Agent,
    /// The agent of a possessor in the phrase ("Priya's migration" → Person).
    pub possessor: Option<Agent>,
}

impl Phrase {
    /// The phrase names a person or team, directly or as the owner of the thing that acted.
    pub fn blames(&self) -> bool {
        self.head_agent.is_blameable()
            || (self.head_agent == Agent::System && self.possessor.is_some_and(Agent::is_blameable))
    }

    /// The phrase's head is a person or team (not merely their possession).
    pub fn is_actor(&self) -> bool {
        self.head_agent.is_blameable()
    }
}

/// Words the sentence-level classification needs from the engine's configuration.
pub struct Names<'a> {
    pub system_names: &'a HashSet<String>,
}

fn is_boundary(token: &Token) -> bool {
    match token.kind {
        Kind::Punct => true,
        Kind::Word => CLAUSE_WORDS.contains(token.lower()),
        _ => false,
    }
}

/// Words that end a noun phrase after its head ("the engineer responsible").
const POSTMODIFIERS: &[&str] = &["responsible", "involved", "concerned", "affected", "here", "there"];

/// Classifies a single head word.
pub fn classify(tokens: &[Token], index: usize, names: &Names<'_>) -> Agent {
    let token = &tokens[index];
    match token.kind {
        Kind::Word => {}
        _ => return Agent::System,
    }
    let w = token.lower();
    if w.starts_with('@') && w.len() > 1 {
        return Agent::Person;
    }
    if names.system_names.contains(w) || SYSTEM_NAMES.contains(w) {
        return Agent::System;
    }
    if matches!(w, "we" | "us" | "ourselves") {
        return Agent::Collective;
    }
    if NEGATIVE_PEOPLE.contains(w) {
        return Agent::Nobody;
    }
    if PERSON_PRONOUNS.contains(w) {
        // "T&I", "R&D": a letter in an abbreviation, not the pronoun.
        let joined = |i: Option<usize>| i.and_then(|i| tokens.get(i)).is_some_and(|t| t.is_punct("&/"));
        if w == "i" && (joined(index.checked_sub(1)) || joined(Some(index + 1))) {
            return Agent::System;
        }
        return Agent::Person;
    }
    if matches!(w, "manager" | "managers") {
        let previous = index.checked_sub(1).map(|i| tokens[i].lower());
        if previous.is_some_and(|p| TECH_MODIFIERS.contains(&p)) {
            return Agent::System;
        }
    }
    // A capitalised role inside a product name: "the DropletWorkflow Manager".
    if token.cap && !token.initial && index > 0 && ROLES.contains(w) {
        let previous = &tokens[index - 1];
        let product = previous.kind == Kind::Word
            && previous.cap
            && !previous.initial
            && !DETERMINERS.contains(previous.lower())
            && !ROLES.contains(previous.lower())
            && !ROLE_TITLES.contains(&previous.lower());
        if product {
            return Agent::System;
        }
    }
    if matches!(w, "agent" | "agents") {
        let previous = index.checked_sub(1).map(|i| tokens[i].lower());
        return if matches!(previous, Some("support" | "service" | "customer" | "sales" | "human" | "call-centre")) {
            Agent::Person
        } else {
            Agent::System
        };
    }
    if ROLES.contains(w) {
        // "tech debt", "lead time": a role word followed by a noun is a modifier, not a person.
        return Agent::Person;
    }
    if TEAMS.contains(w) {
        if TEAMS_WHEN_CAPITALISED.contains(w) && !token.cap {
            return Agent::System;
        }
        if w == "teams"
            && token.cap
            && index
                .checked_sub(1)
                .is_none_or(|i| tokens[i].kind != Kind::Word || PREPOSITIONS.contains(tokens[i].lower()))
        {
            // Microsoft Teams, the chat product.
            return Agent::System;
        }
        if matches!(w, "team" | "teams") {
            let modifiers = tokens[..index]
                .iter()
                .rev()
                .take_while(|t| t.kind == Kind::Word && !is_boundary(t) && !PREPOSITIONS.contains(t.lower()))
                .collect::<Vec<_>>();
            let bare = modifiers.iter().all(|t| matches!(t.lower(), "our" | "the" | "whole" | "entire" | "my"));
            if bare {
                return Agent::Collective;
            }
        }
        return Agent::Team;
    }
    let after_determiner = index > 0 && {
        let previous = &tokens[index - 1];
        (previous.kind == Kind::Word
            && matches!(previous.lower(), "the" | "a" | "an" | "its" | "their" | "every" | "each"))
            || previous.poss
    };
    if token.cap && !after_determiner && looks_like_name(tokens, index) {
        return if is_system_apposition(tokens, index) { Agent::System } else { Agent::Person };
    }
    Agent::System
}

/// A capitalised word that is probably a person's name.
fn looks_like_name(tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    let w = token.lower();
    if token.inner_caps {
        // "ACLs", "DaemonSet", "GitHub": identifiers and products.
        return false;
    }
    if !w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
        return false;
    }
    // After a determiner or possessive ("the delayed Enactor", "the customer's Private Cloud") or an
    // acronym ("IP Prefix"), a capitalised word is a product or component name.
    for back in 1..=3 {
        let Some(previous) = index.checked_sub(back).map(|i| &tokens[i]) else { break };
        if previous.kind != Kind::Word || CLAUSE_WORDS.contains(previous.lower()) {
            break;
        }
        let article =
            matches!(previous.lower(), "the" | "a" | "an" | "these" | "those" | "its" | "their" | "every" | "each");
        if previous.poss || article {
            return false;
        }
        // "Kafka Connect", "Argo Rollouts": a product name continued.
        if back == 1 && previous.cap && SYSTEM_NAMES.contains(previous.lower()) {
            return false;
        }
        if back == 1 && previous.acronym {
            return false;
        }
    }
    // "Concerns raised by navigators …": a noun with a reduced relative clause, not a name.
    if token.initial
        && w.ends_with('s')
        && tokens.get(index + 1).is_some_and(|n| n.kind == Kind::Word && is_past_verb(n.lower()))
        && tokens.get(index + 2).is_some_and(|n| n.is("by"))
    {
        return false;
    }
    // Sentence-initial past forms are verbs ("Asked for more detail …"), not names like "Ahmed".
    if token.initial && is_past_verb(w) {
        let next = tokens.get(index + 1);
        if next.is_some_and(|n| {
            n.kind == Kind::Word && (PREPOSITIONS.contains(n.lower()) || DETERMINERS.contains(n.lower()))
        }) {
            return false;
        }
    }
    if token.poss {
        return NAME_HOMONYMS.contains(&w) || !looks_like_common_word(w);
    }
    if !token.initial && NAME_HOMONYMS.contains(&w) {
        return true;
    }
    !looks_like_common_word(w)
}

/// Nouns that make "manager" a piece of software: "secrets manager", "package manager".
const TECH_MODIFIERS: &[&str] = &[
    "secret",
    "secrets",
    "package",
    "certificate",
    "cert",
    "window",
    "task",
    "cluster",
    "node",
    "resource",
    "connection",
    "pool",
    "service",
    "workflow",
    "state",
    "lock",
    "session",
    "memory",
    "process",
    "deployment",
    "config",
    "entitlement",
    "password",
    "key",
    "traffic",
    "device",
    "file",
    "download",
    "volume",
    "storage",
    "queue",
    "job",
    "version",
    "plugin",
    "dependency",
    "license",
    "lifecycle",
    "policy",
    "identity",
    "access",
    "infrastructure",
    "fleet",
    "capacity",
];

/// Words that make a capitalised role a job title ("Release Manager", "Incident Commander").
const ROLE_TITLES: &[&str] = &[
    "release",
    "incident",
    "engineering",
    "product",
    "program",
    "project",
    "account",
    "site",
    "reliability",
    "on-call",
    "duty",
];

/// "Hermes, our deploy bot," and "Jenkins the bot": a name that the text itself calls a system.
fn is_system_apposition(tokens: &[Token], index: usize) -> bool {
    const SYSTEM_WORDS: &[&str] = &[
        "bot",
        "tool",
        "service",
        "system",
        "script",
        "job",
        "daemon",
        "pipeline",
        "assistant",
        "app",
        "platform",
        "cluster",
        "server",
        "model",
    ];
    let window = || tokens[index + 1..].iter().take(6);
    let starts_apposition = window().next().is_some_and(|t| t.is_punct(",") || t.is_any(&["the", "our"]));
    starts_apposition && window().skip(1).take_while(|t| !t.is_punct(",.;")).any(|t| SYSTEM_WORDS.contains(&t.lower()))
}

/// Acronyms (all capitals in the source) that are systems unless they name a role or team.
pub fn is_acronym(text: &str, token: &Token) -> bool {
    let raw = &text[token.start..token.end];
    let mut letters = raw.chars().filter(|c| c.is_alphabetic());
    let mut count = 0;
    letters.all(|c| {
        count += 1;
        c.is_uppercase()
    }) && count > 1
}

/// Sentence-level helpers over one sentence's tokens.
pub struct Parser<'a> {
    pub tokens: &'a [Token<'a>],
    pub text: &'a str,
    pub names: Names<'a>,
}

impl<'a> Parser<'a> {
    pub fn word(&self, index: usize) -> &str {
        self.tokens.get(index).filter(|t| t.kind == Kind::Word).map_or("", |t| t.lower())
    }

    /// Agent of one head word, with acronyms and role/team nouns used as modifiers resolved.
    pub fn agent_at(&self, index: usize) -> Agent {
        let token = &self.tokens[index];
        let w = token.lower();
        if token.kind == Kind::Word && is_acronym(self.text, token) && !ROLES.contains(w) && !TEAMS.contains(w) {
            return Agent::System;
        }
        classify(self.tokens, index, &self.names)
    }

    /// The noun phrase ending just before `end` (exclusive), scanning left.
    pub fn phrase_before(&self, end: usize) -> Option<Phrase> {
        let tokens = self.tokens;
        let mut start = end;
        while start > 0 {
            let t = &tokens[start - 1];
            if t.kind == Kind::Punct || t.kind == Kind::Number && start < end {
                break;
            }
            if t.kind == Kind::Word && (is_boundary(t) || PREPOSITIONS.contains(t.lower())) {
                break;
            }
            if t.kind == Kind::Word && !t.poss && SKIPPABLE.contains(t.lower()) && !DETERMINERS.contains(t.lower()) {
                break;
            }
            start -= 1;
            if t.kind == Kind::Word && DETERMINERS.contains(t.lower()) {
                break;
            }
        }
        if start == end {
            return None;
        }
        // "someone on the data team", "none of the responders": the phrase continues left.
        if start >= 2 {
            let link = &tokens[start - 1];
            let before = &tokens[start - 2];
            let link_word = link.lower();
            let continues = link.kind == Kind::Word
                && (matches!(link_word, "of" | "on" | "in" | "at" | "from" | "with" | "for")
                    || (link_word.ends_with("ing") && link_word.len() > 5))
                && before.kind == Kind::Word
                && !is_boundary(before)
                && !SKIPPABLE.contains(before.lower())
                && !PREPOSITIONS.contains(before.lower())
                && !is_verbish(before);
            if continues {
                if let Some(outer) = self.phrase_before(start - 1) {
                    return Some(outer);
                }
            }
        }
        Some(self.make_phrase(start, end))
    }

    fn make_phrase(&self, start: usize, end: usize) -> Phrase {
        let mut head = end - 1;
        while head > start && POSTMODIFIERS.contains(&self.word(head)) {
            head -= 1;
        }
        let head_agent = self.agent_at(head);
        let possessor = (start..head).rev().find(|&i| self.tokens[i].poss).map(|i| self.agent_at(i));
        let negative = (start..end).any(|i| matches!(self.word(i), "no" | "none" | "nobody" | "neither"));
        let head_agent = if negative && head_agent.is_blameable() { Agent::Nobody } else { head_agent };
        Phrase { start, end, head, head_agent, possessor }
    }

    /// The noun phrase starting at `start`, scanning right (for "caused by X", "It was X who").
    pub fn phrase_after(&self, start: usize) -> Option<Phrase> {
        let tokens = self.tokens;
        let mut i = start;
        while i < tokens.len()
            && tokens[i].is_any(&["the", "a", "an", "our", "their", "his", "her", "my", "this", "that"])
        {
            i += 1;
        }
        let first = i;
        if tokens.get(first).is_some_and(|t| is_verbish(t) || (t.kind == Kind::Word && t.lower().ends_with("ed"))) {
            return None;
        }
        while i < tokens.len() {
            let t = &tokens[i];
            let stop = t.kind == Kind::Punct
                || (t.kind == Kind::Word
                    && (is_boundary(t)
                        || PREPOSITIONS.contains(t.lower())
                        || SKIPPABLE.contains(t.lower())
                        || (i > first && is_verbish(t) && !t.poss)
                        || (i > first && t.lower().ends_with("ing"))));
            if stop {
                break;
            }
            i += 1;
            if t.poss {
                continue;
            }
            // A name or role followed by a verb ends the phrase.
            if i < tokens.len() && tokens[i].kind == Kind::Word && is_verbish(&tokens[i]) {
                break;
            }
        }
        (i > first).then(|| self.make_phrase(start.min(first), i))
    }

    /// Skips auxiliaries and adverbs left of `index`; returns the index just after the subject.
    fn subject_end(&self, index: usize) -> usize {
        let mut end = index;
        while end > 0 {
            let t = &self.tokens[end - 1];
            let skippable = t.kind == Kind::Word
                && (SKIPPABLE.contains(t.lower())
                    || t.lower().ends_with("n't")
                    || (t.lower().ends_with("ly") && !t.cap && t.lower().len() > 4));
            if !skippable || DETERMINERS.contains(t.lower()) && !matches!(t.lower(), "all" | "both") {
                break;
            }
            end -= 1;
        }
        end
    }

    /// The first noun phrase of the clause that holds `index`, skipping a leading prepositional
    /// phrase ("At 03:12 the on-call …").
    fn clause_subject(&self, index: usize) -> Option<Phrase> {
        let mut start = index;
        while start > 0 && !is_boundary(&self.tokens[start - 1]) {
            start -= 1;
        }
        let mut i = start;
        if self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word && PREPOSITIONS.contains(t.lower())) {
            i += 1;
            while i < index && !self.tokens[i].is_any(&["the", "a", "an", "our", "their"]) {
                i += 1;
            }
            if i >= index {
                return None;
            }
        }
        let mut end = i;
        while end < index {
            let t = &self.tokens[end];
            let stops = t.kind != Kind::Word
                || PREPOSITIONS.contains(t.lower())
                || (end > i && (is_verbish(t) || (t.lower().ends_with("ing") && t.lower().len() > 5)))
                || (SKIPPABLE.contains(t.lower()) && !DETERMINERS.contains(t.lower()) && !t.poss);
            if stops {
                break;
            }
            end += 1;
        }
        (end > i).then(|| self.make_phrase(i, end))
    }

    /// The subject of the verb at `index`.
    pub fn subject_of(&self, index: usize) -> Option<Phrase> {
        self.subject_of_depth(index, 0)
    }

    fn subject_of_depth(&self, index: usize, depth: usize) -> Option<Phrase> {
        let end = self.subject_end(index);
        if let Some(phrase) = self.phrase_before(end) {
            // "Appointing an incident manager could have helped": the phrase is a gerund's object.
            if phrase.start > 0 {
                let link = &self.tokens[phrase.start - 1];
                if link.kind == Kind::Word && link.lower().ends_with("ing") && link.lower().len() > 5 && !link.poss {
                    return Some(Phrase {
                        start: phrase.start - 1,
                        end: phrase.end,
                        head: phrase.start - 1,
                        head_agent: Agent::System,
                        possessor: None,
                    });
                }
            }
            // "The IC's decision to fail over to us-west caused …": the phrase next to the verb
            // is a prepositional object; the subject is the clause's first noun phrase.
            if phrase.start > 0 {
                let link = &self.tokens[phrase.start - 1];
                if link.kind == Kind::Word && PREPOSITIONS.contains(link.lower()) {
                    if let Some(first) = self.clause_subject(phrase.start - 1) {
                        return Some(first);
                    }
                }
            }
            // "the person who approved the change missed …": the phrase is the relative clause's object.
            let s = phrase.start;
            let relative = s >= 2
                && self.tokens[s - 1].kind == Kind::Word
                && is_verbish(&self.tokens[s - 1])
                && self.tokens[s - 2].is_any(&["who", "that"]);
            if relative {
                if let Some(outer) = self.phrase_before(s - 2) {
                    return Some(outer);
                }
            }
            return Some(phrase);
        }
        if depth > 2 || end == 0 {
            return None;
        }
        let boundary = &self.tokens[end - 1];
        // A relative pronoun's subject is the phrase it follows.
        if boundary.is_any(&["who", "which", "that"]) {
            let before = end - 1;
            let before = if before > 0 && self.tokens[before - 1].is_punct(",") { before - 1 } else { before };
            return self.phrase_before(before);
        }
        // No subject of its own: "…and went back to sleep", "…, bypassing code review".
        if boundary.is_any(&["and", "then", "or", "but", "yet"]) || boundary.is_punct(",") {
            let mut j = end - 1;
            while j > 0 {
                j -= 1;
                let t = &self.tokens[j];
                if t.is_punct(";:—–()") {
                    return None;
                }
                if t.kind == Kind::Word && (is_verbish(t) || t.is_any(&["was", "were", "is", "are", "had", "has"])) {
                    return self.subject_of_depth(j, depth + 1);
                }
            }
        }
        None
    }
}

/// A token that is probably a finite verb or participle.
pub fn is_verbish(token: &Token) -> bool {
    use super::triggers::{HARMFUL_VERB, IRREGULAR_PAST_FORM};
    // `is_past_verb` and `HARMFUL`, with the two lexicons read from the token's bits.
    token.kind == Kind::Word
        && !token.poss
        && !token.cap
        && (token.lex & (IRREGULAR_PAST_FORM | HARMFUL_VERB) != 0
            || is_regular_past(token.lower())
            || matches!(token.lower(), "was" | "were" | "is" | "are" | "did" | "does" | "do"))
}
