//! From a contributing factor as written to the words that identify it.
//!
//! Every step is small enough to explain in one sentence (docs/insight.md walks through them):
//! the factor's head clause, lower case, inline code dropped, contractions expanded, stop-words
//! dropped, words of absence ("no", "not", "missing", "lack of"…) folded into one marker, a few
//! abbreviations and word families folded, and a light suffix-stripping stemmer.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The marker every word of absence becomes, so that "No monitoring of X", "X was not monitored"
/// and "Missing X monitoring" share it.
pub const ABSENT: &str = "¬";

/// Function words and fillers that say nothing about which factor a sentence names.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "another", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "but", "by", "can", "could", "did", "do", "does", "doing", "done",
    "down", "during", "each", "even", "every", "few", "first", "for", "from", "further", "get", "gets", "got", "had",
    "has", "have", "having", "he", "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
    "made", "make", "makes", "many", "may", "me", "might", "more", "most", "much", "must", "my", "of", "off", "on",
    "once", "one", "only", "onto", "or", "other", "our", "ours", "out", "over", "same", "second", "shall", "she",
    "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "though", "three", "through", "to", "too", "two", "under", "until", "up", "upon", "us", "very",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "will", "with",
    "within", "would", "yet", "you", "your",
];

/// Words that say something was absent or not enough.
const ABSENCE_WORDS: &[&str] = &[
    "absence",
    "absent",
    "gap",
    "gaps",
    "inadequate",
    "insufficient",
    "insufficiently",
    "lack",
    "lacked",
    "lacking",
    "lacks",
    "missing",
    "never",
    "no",
    "none",
    "not",
    "nothing",
    "unmonitored",
    "untested",
    "without",
];

/// Short forms common in incident writing, spelled out before stemming.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("cert", "certificate"),
    ("certs", "certificates"),
    ("config", "configuration"),
    ("configs", "configurations"),
    ("db", "database"),
    ("dbs", "databases"),
    ("docs", "documentation"),
    ("env", "environment"),
    ("envs", "environments"),
    ("k8s", "kubernetes"),
    ("prod", "production"),
];

/// Word families: different words incident writers use for one idea, folded into the first.
/// Kept short on purpose; a team's own vocabulary belongs in `[factors.taxonomy]`.
const FAMILIES: &[&[&str]] = &[
    &["monitor", "monitoring", "monitored", "alert", "alerts", "alerting", "alerted", "alarm", "alarms"],
    &["expiry", "expired", "expire", "expires", "expiring", "expiration"],
    &["manual", "manually", "hand"],
    &["change", "changed", "changes", "edit", "edited", "edits", "modified", "modify", "modification"],
    &["capacity", "size", "sized", "sizing", "sizes", "limit", "limits", "maximum", "max", "ceiling"],
    &["runbook", "runbooks", "playbook", "playbooks", "documentation", "documented", "procedure", "procedures"],
    &["test", "tests", "tested", "testing"],
];

/// A factor's words, in order of appearance: stemmed, folded, without stop-words.
pub fn tokens(text: &str) -> Vec<String> {
    let text = without_inline_code(text).to_lowercase().replace(['’', '‘'], "'");
    let text = text.replace("n't", " not").replace("lack of", "lack");
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() < 2 || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let word = ABBREVIATIONS.iter().find(|(short, _)| *short == word).map_or(word, |(_, long)| long);
        if ABSENCE.contains(word) {
            out.push(ABSENT.to_string());
            continue;
        }
        if STOP.contains(word) {
            continue;
        }
        out.push(fold(word));
    }
    out
}

/// Each family member, and its stem, → the stem of the family's first word.
static FAMILY_OF: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for family in FAMILIES {
        let head = stem(family[0]);
        for member in *family {
            map.insert(stem(member), head.clone());
        }
        for member in *family {
            map.insert((*member).to_string(), head.clone());
        }
    }
    map
});

static STOP: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP_WORDS.iter().copied().collect());
static ABSENCE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| ABSENCE_WORDS.iter().copied().collect());

/// The family head of a word, else its stem.
fn fold(word: &str) -> String {
    if let Some(head) = FAMILY_OF.get(word) {
        return head.clone();
    }
    let stemmed = stem(word);
    FAMILY_OF.get(&stemmed).cloned().unwrap_or(stemmed)
}

/// A light suffix-stripping stemmer: enough to meet "monitoring", "monitored" and "monitors" at
/// "monitor", without the many rules (and surprises) of a full Porter stemmer.
pub fn stem(word: &str) -> String {
    const SUFFIXES: &[(&str, &str)] = &[
        ("ations", "ate"),
        ("ation", "ate"),
        ("ities", ""),
        ("ity", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("sses", "ss"),
        ("shes", "sh"),
        ("ches", "ch"),
        ("xes", "x"),
        ("ss", "ss"),
        ("s", ""),
    ];
    let mut stem = word.to_string();
    for (suffix, replacement) in SUFFIXES {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() + replacement.chars().count() >= 3 {
                stem = format!("{base}{replacement}");
                break;
            }
        }
    }
    // "configure"/"configured", "ate"/"ated": a final e carries nothing.
    if stem.chars().count() > 4 && stem.ends_with('e') {
        stem.pop();
    }
    // "stopped" → "stopp" → "stop".
    let chars: Vec<char> = stem.chars().collect();
    if chars.len() > 3 {
        let (a, b) = (chars[chars.len() - 1], chars[chars.len() - 2]);
        if a == b && !matches!(a, 'l' | 's' | 'z') && !"aeiou".contains(a) {
            stem.pop();
        }
    }
    stem
}

/// The clause that names the factor: what comes before the first explanation ("; …",
/// ", so …", ", which …", " (…", " — …", a second sentence). Factors are usually named first and
/// explained after; the explanation's words would otherwise pull unrelated factors together.
pub fn head_clause(text: &str) -> &str {
    const BREAKS: &[&str] = &[
        ";",
        " — ",
        " – ",
        " - ",
        ": ",
        " (",
        ". ",
        ", so ",
        ", which ",
        ", because ",
        ", as ",
        ", causing ",
        ", resulting ",
        ", meaning ",
        ", leading ",
        ", where ",
        ", while ",
        ", but ",
        " so that ",
        " because ",
        " resulting in ",
        " which meant ",
    ];
    let mut cut = text.len();
    for needle in BREAKS {
        if let Some(at) = find_outside_code(text, needle) {
            // A break in the first few characters ("No. 3: …") is not where the factor ends.
            if at >= 12 && at < cut {
                cut = at;
            }
        }
    }
    text[..cut].trim().trim_end_matches(['.', ',', ':']).trim()
}

/// The first occurrence of `needle` outside inline code.
fn find_outside_code(text: &str, needle: &str) -> Option<usize> {
    let mut in_code = false;
    for (i, c) in text.char_indices() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && text[i..].starts_with(needle) {
            return Some(i);
        }
    }
    None
}

/// Inline code (`max_client_conn`, paths, commands) names a detail of one incident, not the
/// factor: it is dropped before counting words.
fn without_inline_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if !in_code {
            out.push(c);
        }
    }
    out
}

/// A frontmatter slug in one spelling: lower case, words joined by `-`.
pub fn slug(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || c == '_' || c == '-').filter(|w| !w.is_empty()).collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> Vec<String> {
        let mut t = tokens(text);
        t.sort();
        t.dedup();
        t
    }

    #[test]
    fn three_wordings_of_one_factor_have_the_same_words() {
        let a = set("No monitoring of certificate expiry");
        assert_eq!(a, set("Certificate expiry was not monitored"));
        assert_eq!(a, set("Missing certificate expiry monitoring"));
        assert_eq!(a, set("Lack of monitoring for cert expiration"));
        assert_eq!(a, set("Certificate expiry wasn't monitored"));
        assert!(a.contains(&ABSENT.to_string()));
    }

    #[test]
    fn stems_meet_at_one_form() {
        assert_eq!(stem("monitoring"), stem("monitored"));
        assert_eq!(stem("deployments"), stem("deployment"));
        assert_eq!(stem("notes"), "note");
        assert_eq!(stem("stopped"), "stop");
        assert_eq!(stem("policies"), "policy");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("configured"), stem("configure"));
    }

    #[test]
    fn inline_code_and_numbers_are_not_words() {
        assert_eq!(set("Pool sizing on `max_client_conn: 600` for 40 pods"), set("pool sizing on pods"));
    }

    #[test]
    fn the_head_clause_stops_where_the_explanation_starts() {
        assert_eq!(
            head_clause("No monitoring of certificate expiry existed; only Let's Encrypt ones were checked"),
            "No monitoring of certificate expiry existed"
        );
        assert_eq!(
            head_clause("Connection pool sizing on pgbouncer (`max_client_conn: 600`) dated from 2019"),
            "Connection pool sizing on pgbouncer"
        );
        assert_eq!(
            head_clause("Flag changes go live at once, so the canary did not apply"),
            "Flag changes go live at once"
        );
        assert_eq!(head_clause("Setting `a; b` was wrong"), "Setting `a; b` was wrong");
        assert_eq!(head_clause("No runbook."), "No runbook");
    }

    #[test]
    fn slugs_have_one_spelling() {
        assert_eq!(slug("Certificate_Expiry"), "certificate-expiry");
        assert_eq!(slug(" manual change "), "manual-change");
    }
}
