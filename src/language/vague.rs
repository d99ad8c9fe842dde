//! Is an action item's deliverable concrete? (`action-vague`, research §5.)
//!
//! The item's head (its first verb, or the noun phrase it opens with) places it in a class —
//! aspirational, investigative, deliberative, exhortation, assurance, ongoing, or a concrete
//! change — and each class needs different evidence to count as concrete: a measurable target, a
//! declared output, or a specific artifact. Owner and due date are never part of the judgment.

use std::cell::LazyCell;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{WordMap, WordSet};

/// Why a deliverable reads as vague; `None` from [`assess`] means it is concrete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vagueness {
    /// "Improve monitoring": a state change with no target.
    Aspirational,
    /// "Investigate the 502s": no artifact or decision at the end.
    Investigation,
    /// "Consider …", "Review …", "Discuss …": no commitment.
    Deliberation,
    /// "Be more careful": relies on people trying harder.
    Exhortation,
    /// "Ensure reliability": unverifiable.
    Assurance,
    /// "Monitor X", "Continue …": no end state.
    Ongoing,
    /// "Add more tests", "Fix the alerts": a concrete verb with a vague object.
    VagueObject,
}

impl Vagueness {
    pub fn message(self) -> &'static str {
        match self {
            Vagueness::Aspirational => "this action item may be an aspiration without a target",
            Vagueness::Investigation => "this investigation may have no stated output",
            Vagueness::Deliberation => "this action item may only promise to think about something",
            Vagueness::Exhortation => "this action item may ask people to try harder instead of changing the system",
            Vagueness::Assurance => "this action item may state a wish (\"ensure …\") rather than a change",
            Vagueness::Ongoing => "this action item may describe ongoing work with no end state",
            Vagueness::VagueObject => "this action item may not say exactly what will change",
        }
    }

    pub fn suggestion(self) -> &'static str {
        match self {
            Vagueness::Aspirational => {
                "name the change and a measurable target, e.g. \"Cut p99 of `/checkout` from 900 ms to 300 ms by caching tax rates\""
            }
            Vagueness::Investigation => {
                "say what the investigation produces and where, e.g. \"… and record the cause and fix options in ADR-12\""
            }
            Vagueness::Deliberation => "state the decision or change to be made, and where it will be recorded",
            Vagueness::Exhortation => {
                "replace the reminder with a mechanism: a guard, a confirmation prompt, an alert or automation"
            }
            Vagueness::Assurance => "name the mechanism that will enforce it and what it checks",
            Vagueness::Ongoing => "define the end state or the alert that replaces watching, with its threshold",
            Vagueness::VagueObject => {
                "name the specific artifact (service, alert, file, config key) and what changes in it, with a number where one applies"
            }
        }
    }
}

static NUMBER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)\d+(?:[.,]\d+)?\s*(?:%|ms|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?|weeks?|months?|
            [kmgt]i?b|[kmgt]b|bytes?|rps|qps|x|requests?|messages?|instances?|workers?|attempts?|replicas?|
            nodes?|pods?|approvals?|errors?|connections?|items?|users?|tenants?|services?|jobs?|shards?|retries|
            stages?|zones?|regions?|times|per)(?-u:\b)
        | \d+(?:\.\d+)?%
        | (?-u:\b)\d+(?:\.\d+)+(?-u:\b)
        | (?-u:\b)from\s+\S+\s+to\s+(?:under\s+|below\s+|at\s+most\s+)?\S*\d
        | →|->
        | (?-u:\b)(?:p50|p90|p95|p99|p999)(?-u:\b)",
    )
    .expect("static regex")
});

static SPECIFIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"`[^`]+`|(?-u:\b)[\w-]+\.(?:ya?ml|json|tf|md|sh|py|go|rs|toml|conf|cfg|ini)(?-u:\b)|(?-u:\b)[a-z0-9-]+(?:\.[a-z0-9-]+){2,}(?-u:\b)|(?:^|\s)/[\w/.-]+")
        .expect("static regex")
});

/// An output the item declares: "… and record the result in ADR-19", "post the results in #x".
static DECLARED_OUTPUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:record|write\s+up|writes?\s+up|attach|post|publish|document|log|file|report|summari[sz]e|share|add|put|capture|list)(?-u:\b)[^.;]{0,80}?(?-u:\b)(?:in|to|into|on|as)(?-u:\b)\s+(?:the\s+|an?\s+)?(?:ADR-?\d+|[A-Z][A-Z0-9]+-\d+|#[\w-]+|`[^`]+`|[\w/-]+\.md|runbook|wiki|register|doc|document|ticket|decision\s+record|table)|(?-u:\b)and\s+(?:decide|choose|pick|select)(?-u:\b)|(?-u:\b)decide\s+(?:between|whether|on)(?-u:\b)",
    )
    .expect("static regex")
});

const ASPIRATIONAL: &[&str] = &[
    "improve",
    "enhance",
    "optimize",
    "optimise",
    "harden",
    "strengthen",
    "streamline",
    "increase",
    "reduce",
    "boost",
    "better",
    "elevate",
    "modernize",
    "modernise",
    "tighten",
    "bolster",
    "maximize",
    "maximise",
    "minimize",
    "minimise",
    "upgrade",
    "refine",
    "rework",
    "revamp",
    "tune",
    "simplify",
    "stabilize",
    "stabilise",
    "mature",
    "level",
    "invest",
    "prioritize",
    "prioritise",
    "lower",
    "cut",
    "speed",
    "raise",
];
const INVESTIGATIVE: &[&str] = &[
    "investigate",
    "explore",
    "research",
    "evaluate",
    "assess",
    "analyze",
    "analyse",
    "understand",
    "examine",
    "study",
    "figure",
    "find",
    "determine",
    "dig",
    "probe",
    "scope",
    "spike",
    "benchmark",
    "load-test",
    "audit",
    "measure",
    "test",
    "trial",
    "prototype",
    "look",
    "check",
    "identify",
    "triage",
    "debug",
    "diagnose",
    "root-cause",
];
const DELIBERATIVE: &[&str] = &[
    "consider",
    "review",
    "discuss",
    "revisit",
    "think",
    "sync",
    "align",
    "brainstorm",
    "talk",
    "meet",
    "follow",
    "reach",
    "circle",
    "touch",
    "check-in",
    "decide",
    "debate",
    "rethink",
    "reconsider",
    "re-evaluate",
    "reevaluate",
    "work",
    "engage",
    "coordinate",
    "collaborate",
    "partner",
    "liaise",
    "ask",
];
const ASSURANCE: &[&str] = &["ensure", "make sure", "guarantee", "verify", "confirm", "validate", "enforce"];

/// Words that leave an object unspecified.
const VAGUE_QUANTIFIERS: &[&str] = &[
    "more",
    "better",
    "additional",
    "extra",
    "some",
    "somewhere",
    "proper",
    "appropriate",
    "sufficient",
    "adequate",
    "necessary",
    "relevant",
    "various",
    "improved",
    "enhanced",
    "further",
    "stronger",
    "robust",
    "easier",
    "faster",
    "safer",
    "clearer",
    "smarter",
    "cleaner",
    "simpler",
    "often",
    "frequently",
    "general",
    "overall",
    "wider",
    "widely",
    "etc",
];

/// Generic nouns: an object made only of these names no specific artifact.
const GENERIC_NOUNS: &[&str] = &[
    "monitoring",
    "alerting",
    "alerts",
    "alert",
    "logging",
    "logs",
    "tests",
    "test",
    "testing",
    "docs",
    "documentation",
    "runbooks",
    "runbook",
    "dashboards",
    "dashboard",
    "metrics",
    "observability",
    "process",
    "processes",
    "procedures",
    "procedure",
    "coverage",
    "reliability",
    "resilience",
    "performance",
    "security",
    "stability",
    "quality",
    "safety",
    "visibility",
    "communication",
    "tooling",
    "automation",
    "checks",
    "backups",
    "postmortems",
    "postmortem",
    "guardrails",
    "safeguards",
    "validation",
    "playbooks",
    "playbook",
    "config",
    "configs",
    "configuration",
    "infrastructure",
    "system",
    "systems",
    "services",
    "service",
    "code",
    "things",
    "issues",
    "issue",
    "problems",
    "problem",
    "errors",
    "error",
    "handling",
    "setup",
    "strategy",
    "approach",
    "practices",
    "practice",
    "hygiene",
    "culture",
    "awareness",
    "training",
    "knowledge",
    "ownership",
    "onboarding",
    "capacity",
    "scaling",
    "limits",
    "thresholds",
    "noise",
    "toil",
    "flakiness",
    "gaps",
    "lessons",
    "learned",
    "learnings",
    "items",
    "templates",
    "template",
    "names",
    "naming",
    "convention",
    "conventions",
    "dependencies",
    "permissions",
    "access",
    "rules",
    "policies",
    "policy",
    "flaky",
    "old",
    "unit",
    "integration",
    "end-to-end",
    "e2e",
    "the",
    "a",
    "an",
    "our",
    "all",
    "of",
    "for",
    "and",
    "to",
    "in",
    "on",
    "around",
    "with",
    "across",
    "about",
    "new",
    "existing",
    "current",
    "team",
    "teams",
    "engineers",
    "everyone",
    "people",
    "pipeline",
    "deploy",
    "deploys",
    "deployment",
    "deployments",
    "release",
    "releases",
    "incident",
    "incidents",
    "response",
    "data",
    "database",
    "databases",
    "cluster",
    "clusters",
    "api",
    "app",
    "mobile",
    "web",
    "backend",
    "frontend",
    "infra",
    "platform",
    "network",
    "firewall",
    "vpn",
    "migration",
    "migrations",
    "alarms",
    "pages",
    "paging",
    "escalation",
    "on-call",
    "oncall",
    "rotation",
    "handbook",
    "template",
    "status",
    "page",
    "customers",
    "vendor",
    "vendors",
    "it",
    "this",
    "that",
    "these",
    "those",
    "them",
    "its",
    "their",
    "up",
    "date",
    "time",
    "future",
    "next",
    "going",
    "forward",
];

/// Concrete change verbs: with a specific object they make a deliverable.
const CHANGE_VERBS: &[&str] = &[
    "add",
    "enable",
    "disable",
    "set",
    "raise",
    "lower",
    "pin",
    "rotate",
    "revoke",
    "migrate",
    "replace",
    "remove",
    "split",
    "route",
    "require",
    "block",
    "reject",
    "alert",
    "page",
    "cap",
    "move",
    "delete",
    "drop",
    "create",
    "write",
    "build",
    "turn",
    "switch",
    "swap",
    "retire",
    "rewrite",
    "restore",
    "encrypt",
    "rate-limit",
    "honour",
    "honor",
    "escalate",
    "roll",
    "point",
    "cut",
    "change",
    "deploy",
    "install",
    "configure",
    "implement",
    "introduce",
    "publish",
    "automate",
    "schedule",
    "limit",
    "restrict",
    "deny",
    "allow",
    "grant",
    "upgrade",
    "downgrade",
    "patch",
    "fix",
    "refactor",
    "document",
    "update",
    "refresh",
    "clean",
    "set-up",
    "setup",
    "gate",
    "fail",
    "wire",
    "expose",
    "emit",
    "record",
    "tag",
    "label",
    "rename",
    "shard",
    "partition",
    "cache",
    "provision",
    "decommission",
    "archive",
    "purge",
    "expire",
    "shorten",
    "extend",
    "increase",
    "reduce",
    "make",
    "run",
    "restart",
    "stop",
    "start",
    "separate",
    "isolate",
    "tighten",
    "backfill",
    "generate",
    "replay",
    "reconcile",
    "revert",
    "undo",
    "transfer",
    "assign",
    "register",
    "subscribe",
    "adopt",
    "enroll",
    "enforce",
    "validate",
    "verify",
    "test",
    "load-test",
    "benchmark",
    "decide",
    "post",
    "send",
];

/// The per-word lists as hash sets: every word of every item is looked up in them, and a linear
/// scan of two hundred strings per word was a visible share of `pmctl lint`.
static GENERIC_OR_QUANTIFIER: LazyLock<WordSet> =
    LazyLock::new(|| GENERIC_NOUNS.iter().chain(VAGUE_QUANTIFIERS).copied().collect());
static QUANTIFIERS: LazyLock<WordSet> = LazyLock::new(|| VAGUE_QUANTIFIERS.iter().copied().collect());

/// The head-word lists an item's first word is looked up in, as bits of one table.
const INVESTIGATIVE_HEAD: u8 = 1;
const DELIBERATIVE_HEAD: u8 = 1 << 1;
const ASPIRATIONAL_HEAD: u8 = 1 << 2;
const ASSURANCE_HEAD: u8 = 1 << 3;

static HEADS: LazyLock<WordMap<u8>> = LazyLock::new(|| {
    let mut heads: std::collections::HashMap<&'static str, u8> = std::collections::HashMap::new();
    for (list, bit) in [
        (INVESTIGATIVE, INVESTIGATIVE_HEAD),
        (DELIBERATIVE, DELIBERATIVE_HEAD),
        (ASPIRATIONAL, ASPIRATIONAL_HEAD),
        (ASSURANCE, ASSURANCE_HEAD),
    ] {
        for word in list {
            *heads.entry(word).or_insert(0) |= bit;
        }
    }
    WordMap::new(heads)
});

/// The words of the lowercased deliverable. Splitting the text lowercased once borrows each word
/// instead of allocating a lowercase copy of it.
fn words(lower: &str) -> Vec<&str> {
    if lower.is_ascii() {
        return ascii_words(lower);
    }
    lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '“' | '”'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '`' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// [`words`] of ASCII text, a byte at a time (nearly every item is ASCII), in one pass: each piece
/// between separators is trimmed to the span from its first kept byte to its last.
fn ascii_words(lower: &str) -> Vec<&str> {
    let bytes = lower.as_bytes();
    let mut words = Vec::with_capacity(lower.len() / 5 + 1);
    // The first and last kept byte of the current piece.
    let mut kept: Option<(usize, usize)> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match WORD_CLASSES[usize::from(b & 0x7f)] {
            SEPARATOR => {
                if let Some((first, last)) = kept.take() {
                    words.push(&lower[first..=last]);
                }
            }
            KEPT => kept = Some((kept.map_or(i, |(first, _)| first), i)),
            _ => {}
        }
    }
    if let Some((first, last)) = kept {
        words.push(&lower[first..=last]);
    }
    words
}

/// What [`ascii_words`] makes of each ASCII byte: a separator (`char::is_whitespace` on ASCII, and
/// `,;()"`), a byte a word keeps (letters, digits, `-`, `` ` `` and `'`), or one trimmed from a
/// word's ends.
const SEPARATOR: u8 = 1;
const KEPT: u8 = 2;

static WORD_CLASSES: [u8; 128] = {
    let mut classes = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b',' | b';' | b'(' | b')' | b'"') {
            SEPARATOR
        } else if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'`' | b'\'') {
            KEPT
        } else {
            0
        };
        b += 1;
    }
    classes
};

/// Judges one deliverable (the action item's text with owner, due date and ticket taken out).
pub fn assess(description: &str) -> Option<Vagueness> {
    let text = description.trim().trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let text = strip_label(text);
    // The deliverable is the part before any trailing ticket or note fields. Its lowercase form
    // goes to a buffer reused from item to item (ASCII lowercasing is `to_lowercase` on ASCII).
    LOWERED.with(|lowered| {
        let mut lowered = lowered.borrow_mut();
        lowered.clear();
        if text.is_ascii() {
            lowered.push_str(text);
            lowered.make_ascii_lowercase();
        } else {
            lowered.push_str(&text.to_lowercase());
        }
        judge(text, &lowered)
    })
}

thread_local! {
    static LOWERED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// [`assess`] of the item `text`, lowercased as `lower`.
fn judge(text: &str, lower: &str) -> Option<Vagueness> {
    let ws = words(lower);
    let first = ws.first().copied().unwrap_or("");
    let second = ws.get(1).copied().unwrap_or("");

    // Each piece of evidence is computed on first use: most items are settled by their head word
    // and one or two checks, and the regexes below are the costly part of this rule.
    // Cheap checks first: no digit or arrow means no number; backticks are always specific.
    let measurable = LazyCell::new(|| {
        (text.bytes().any(|b| b.is_ascii_digit()) || text.contains('→') || text.contains("->"))
            && NUMBER_UNIT.is_match(text)
    });
    let specific = LazyCell::new(|| text.contains('`') || has_proper_noun(text) || SPECIFIC.is_match(text));
    let declared_output = || DECLARED_OUTPUT.is_match(text);
    // "more than one replica" is a threshold, not a vague quantity.
    let vague_quantifier = || {
        ws.iter()
            .enumerate()
            .skip(1)
            .any(|(k, w)| QUANTIFIERS.contains(w) && ws.get(k + 1).is_none_or(|next| *next != "than"))
            || matches!(first, "more" | "better" | "additional" | "extra" | "further")
    };
    let comparative =
        LazyCell::new(|| ws.iter().skip(1).any(|w| matches!(*w, "more" | "better" | "less") || is_comparative(w)));
    let object = || ws.iter().skip(1).copied().filter(|w| !w.starts_with('`'));
    let generic_object = LazyCell::new(|| object().all(|w| GENERIC_OR_QUANTIFIER.contains(w)));
    let long_specific_object = || object().filter(|w| !GENERIC_OR_QUANTIFIER.contains(w)).count() >= 4;

    // Bare noun phrases: "Better documentation for …", "More monitoring for …".
    if matches!(first, "more" | "better" | "additional" | "extra" | "further" | "improved" | "enhanced" | "increased") {
        return (!*measurable).then_some(Vagueness::VagueObject);
    }
    if lower.starts_with("make sure") || lower.starts_with("ensure") || first == "guarantee" {
        return (!(*measurable
            || (*specific && (lower.contains("enforced") || lower.contains("fires") || lower.contains("=")))))
        .then_some(Vagueness::Assurance)
        .or_else(|| (!*measurable && !*specific).then_some(Vagueness::Assurance));
    }
    let exhort = match first {
        "be" | "pay" | "remember" | "remind" | "educate" | "encourage" | "stress" | "emphasize" | "emphasise"
        | "avoid" | "try" | "don't" | "always" | "never" | "reinforce" | "socialize" | "socialise" | "double-check"
        | "stay" => true,
        "take" => matches!(second, "care" | "more" | "extra"),
        "keep" => matches!(second, "an" | "in") || lower.contains("up to date") || lower.contains("eye on"),
        "communicate" | "share" | "spread" | "raise" => !*specific && !*measurable,
        "train" => !*specific,
        _ => false,
    };
    if exhort {
        return Some(Vagueness::Exhortation);
    }
    if matches!(first, "continue" | "watch" | "observe" | "maintain" | "keep") || (first == "track" && !*specific) {
        return (!(*measurable && *specific)).then_some(Vagueness::Ongoing);
    }
    if first == "monitor" {
        let alert_defined = (lower.contains("page") || lower.contains("alert")) && *measurable;
        return (!alert_defined).then_some(Vagueness::Ongoing);
    }
    let head = HEADS.get(first).unwrap_or(0);
    let investigative = head & INVESTIGATIVE_HEAD != 0
        || (first == "look" && matches!(second, "into" | "at"))
        || (first == "find" && second == "out")
        || (first == "figure" && second == "out")
        || (first == "dig" && second == "into");
    if investigative {
        // Measuring with stated parameters is an experiment, but it still needs somewhere to land.
        let experiment = matches!(first, "benchmark" | "load-test" | "test" | "measure" | "trial" | "prototype")
            && (*measurable || *specific)
            && !*generic_object;
        let concrete = declared_output() || (experiment && lower.contains(" and "));
        return (!concrete)
            .then_some(Vagueness::Investigation)
            .filter(|_| !(first == "test" && *specific && *measurable && !lower.contains("more often")));
    }
    if head & DELIBERATIVE_HEAD != 0 {
        // "Review the 14 roles listed in SEC-301 and remove X from each": a concrete act follows.
        let concrete_follow_up = ws
            .iter()
            .enumerate()
            .skip(2)
            .any(|(k, w)| ws[k - 1] == "and" && CHANGE_VERBS.contains(w) && !matches!(*w, "update" | "test"))
            && (*specific || *measurable);
        let follow_up_output = matches!(first, "follow" | "work" | "reach" | "engage")
            && (declared_output() && (*measurable || *specific));
        let decide = first == "decide" && declared_output();
        return (!(concrete_follow_up || follow_up_output || decide || declared_output() && *specific))
            .then_some(Vagueness::Deliberation);
    }
    if head & ASPIRATIONAL_HEAD != 0 || (first == "make" && *comparative) {
        if first == "make" && !*measurable {
            return Some(Vagueness::Aspirational);
        }
        // "Raise `max_connections` from 200 to 500", "Lower the TTL … from 3600 to 120 seconds".
        let target = *measurable
            || (*specific
                && !*comparative
                && matches!(first, "raise" | "lower" | "cut" | "upgrade" | "tighten" | "increase" | "reduce")
                && !*generic_object);
        return (!target).then_some(Vagueness::Aspirational);
    }
    if head & ASSURANCE_HEAD != 0 {
        return (!(*specific || *measurable)).then_some(Vagueness::Assurance);
    }
    // A change verb, or anything else: concrete when the object names something specific.
    if vague_quantifier() && !*measurable {
        return Some(Vagueness::VagueObject);
    }
    if *specific || *measurable || declared_output() {
        return None;
    }
    if *generic_object || !long_specific_object() && object().count() <= 4 {
        return Some(Vagueness::VagueObject);
    }
    None
}

/// Drops an `Action:` label and list numbering the author wrote in the item itself.
fn strip_label(text: &str) -> &str {
    let trimmed = text.trim_start();
    for label in ["action:", "ai:", "todo:", "task:"] {
        if trimmed.get(..label.len()).is_some_and(|head| head.eq_ignore_ascii_case(label)) {
            return trimmed[label.len()..].trim_start().trim_start_matches(['*', '_']).trim_start();
        }
    }
    trimmed
}

fn is_comparative(word: &str) -> bool {
    matches!(
        word,
        "easier"
            | "faster"
            | "safer"
            | "clearer"
            | "smarter"
            | "cleaner"
            | "simpler"
            | "stronger"
            | "quicker"
            | "tighter"
            | "louder"
            | "fewer"
            | "robust"
            | "reliable"
            | "resilient"
            | "actionable"
            | "readable"
            | "visible"
            | "efficient"
            | "scalable"
            | "secure"
            | "stable"
    )
}

/// A capitalised word after the first that is not a sentence opener: a product or artifact name
/// ("Dependabot", "S3 Block Public Access", "Statuspage").
fn has_proper_noun(text: &str) -> bool {
    const NOT_SPECIFIC: &[&str] = &[
        "I", "SRE", "SREs", "QA", "Ops", "ML", "AI", "API", "APIs", "CI", "CD", "UI", "UX", "DB", "On-call", "On-Call",
        "Owner", "DRI", "TBD", "AWS", "Security", "Support", "Platform", "Growth", "Storage", "Network", "Payments",
    ];
    text.split_whitespace().skip(1).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let mut chars = w.chars();
        let starts_upper = chars.next().is_some_and(char::is_uppercase);
        starts_upper
            && w.len() > 1
            && !NOT_SPECIFIC.contains(&w)
            && w.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
            && !w.ends_with("team")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_items_split_into_the_same_words() {
        let general = |lower: &str| -> Vec<String> {
            lower
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '“' | '”'))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '`' && c != '\''))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        for item in [
            "add a `probe_ssl` alert at 21 days (p99 > 800 ms); page @dana, \"now\"",
            "  --- write runbook runbooks/x.md\tand\x0bthe\x0cfix\r\n... 'quoted' it's -- ok!",
            "",
            ",;()\"",
            "a",
        ] {
            assert_eq!(ascii_words(item), general(item), "{item:?}");
        }
        // Every ASCII byte, between letters and next to each other.
        let every: String = (0u8..128).map(|b| format!("x{}y{}", char::from(b), char::from(b))).collect();
        assert_eq!(ascii_words(&every), general(&every));
    }

    #[test]
    fn vague_heads_need_targets() {
        assert_eq!(assess("Improve monitoring"), Some(Vagueness::Aspirational));
        assert_eq!(assess("Investigate the root cause of the 502s"), Some(Vagueness::Investigation));
        assert_eq!(assess("Be more careful when running migrations"), Some(Vagueness::Exhortation));
        assert_eq!(assess("Add unit tests"), Some(Vagueness::VagueObject));
        assert_eq!(assess("Raise `max_connections` on `orders-db` from 200 to 500"), None);
        assert_eq!(assess("Improve `search-api` cold start from 14 s to under 4 s"), None);
        assert_eq!(
            assess("Investigate whether G1 lowers pause time on `ingest-worker` and write up the result in ADR-19"),
            None
        );
    }
}
