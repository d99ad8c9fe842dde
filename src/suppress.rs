//! Inline suppression: HTML comments that silence rules for a line, a range or a whole file.
//!
//! ```markdown
//! <!-- pmctl-disable-next-line blame-person, blame-hindsight -- quoting the customer's ticket -->
//! <!-- pmctl-disable-line placeholder -->          (on the line it stands on)
//! <!-- pmctl-disable timeline-order -->  …  <!-- pmctl-enable timeline-order -->
//! <!-- pmctl-disable-file missing-section -- imported from the old wiki -->
//! ```
//!
//! Rules are separated by commas or spaces; anything after ` -- ` is a reason for the reader and
//! is ignored. A directive that names no rule applies to every rule, as markdownlint's do. A
//! directive that names a rule pmctl does not know, or a `pmctl-` comment that is not a
//! directive, is reported by the `inline-config-invalid` rule and otherwise ignored (its valid
//! rule names still apply), so a typo never silences more than was asked.
//!
//! `pmctl-disable` takes effect where its comment starts and lasts until a `pmctl-enable` for the
//! same rule (or for all rules), or the end of the file. Findings about the frontmatter or the
//! document as a whole (a missing section, a duplicate id) sit above any comment, so only
//! `pmctl-disable-file` reaches them.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Finding};
use crate::document::{Comment, Document};
use crate::rules;
use crate::span::Span;

/// The directive keywords, longest first so that prefixes do not shadow them.
const KEYWORDS: &[(&str, Scope)] = &[
    ("pmctl-disable-next-line", Scope::NextLine),
    ("pmctl-disable-line", Scope::Line),
    ("pmctl-disable-file", Scope::File),
    ("pmctl-disable", Scope::Disable),
    ("pmctl-enable", Scope::Enable),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Scope {
    NextLine,
    Line,
    File,
    Disable,
    Enable,
}

/// One directive, with the rules it names (`None` for every rule).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Directive {
    scope: Scope,
    #[serde(with = "rules::rule_ids")]
    rules: Option<Vec<rules::RuleId>>,
    span: Span,
    /// 1-based lines the comment starts and ends on.
    first_line: usize,
    last_line: usize,
}

impl Directive {
    fn names(&self, rule: &str) -> bool {
        self.rules.as_ref().is_none_or(|rules| rules.contains(&rule))
    }
}

/// The suppressions of one document.
/// Kept in the lint cache, because corpus-wide findings are silenced after the cache is read.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

impl Suppressions {
    /// Reads the directives in `doc`'s comments; problems with them come back as findings for the
    /// `inline-config-invalid` rule.
    pub fn of(doc: &Document) -> (Suppressions, Vec<Finding>) {
        let mut directives = Vec::new();
        let mut findings = Vec::new();
        for comment in &doc.comments {
            if let Some(directive) = parse(doc, comment, &mut findings) {
                directives.push(directive);
            }
        }
        (Suppressions { directives }, findings)
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Whether a finding of `rule` at byte `offset` (on 1-based `line`) is silenced.
    pub fn suppresses(&self, rule: &str, offset: usize, line: usize) -> bool {
        let mut disabled = false;
        for d in &self.directives {
            if !d.names(rule) {
                continue;
            }
            match d.scope {
                Scope::File => return true,
                Scope::NextLine if line == d.last_line + 1 => return true,
                Scope::Line if (d.first_line..=d.last_line).contains(&line) => return true,
                // Directives are in source order: the last range directive before the finding wins.
                Scope::Disable if d.span.start <= offset => disabled = true,
                Scope::Enable if d.span.start <= offset => disabled = false,
                _ => {}
            }
        }
        disabled
    }

    /// Whether `diagnostic` (which belongs to `doc`) is silenced.
    pub fn suppresses_diagnostic(&self, doc: &Document, diagnostic: &Diagnostic) -> bool {
        // The suppression rule's own findings cannot be silenced: they say a directive is broken.
        diagnostic.rule != rules::INLINE_CONFIG_INVALID
            && self.suppresses(diagnostic.rule, diagnostic.span.start, doc.line_of(diagnostic.span.start))
    }
}

fn parse(doc: &Document, comment: &Comment, findings: &mut Vec<Finding>) -> Option<Directive> {
    let body = comment.body.as_str();
    if !body.starts_with("pmctl-") {
        return None;
    }
    // The reason is everything after a `--` that stands on its own.
    let directive_text = match find_reason(body) {
        Some(at) => &body[..at],
        None => body,
    };
    let keyword = directive_text.split_whitespace().next().unwrap_or("");
    let Some(&(_, scope)) = KEYWORDS.iter().find(|(k, _)| *k == keyword) else {
        let hint = closest_keyword(keyword).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
        findings.push(
            Finding::new(comment.span, format!("`{keyword}` is not a pmctl directive{hint}")).with_suggestion(
                "use pmctl-disable-next-line, pmctl-disable-line, pmctl-disable, pmctl-enable or pmctl-disable-file, \
                 followed by rule ids",
            ),
        );
        return None;
    };
    let rest = &directive_text[keyword.len()..];
    let mut named: Vec<&'static str> = Vec::new();
    for name in rest.split(|c: char| c == ',' || c.is_whitespace()).filter(|n| !n.is_empty()) {
        match rules::find(name) {
            Some(rule) => named.push(rule.id),
            None => {
                let hint = rules::closest(name).map(|r| format!("; did you mean `{r}`?")).unwrap_or_default();
                let span = name_span(doc, comment, name);
                findings.push(
                    Finding::new(span, format!("`{name}` is not a rule id{hint}; this name suppresses nothing"))
                        .with_suggestion("`pmctl rules` lists the rule ids"),
                );
            }
        }
    }
    let names_nothing = named.is_empty() && rest.split(|c: char| c == ',' || c.is_whitespace()).any(|n| !n.is_empty());
    if names_nothing {
        // Every name was wrong: applying it to all rules would silence far more than was meant.
        return None;
    }
    let rules = if named.is_empty() { None } else { Some(named) };
    let last = comment.span.end.saturating_sub(1).max(comment.span.start);
    Some(Directive {
        scope,
        rules,
        span: comment.span,
        first_line: doc.line_of(comment.span.start),
        last_line: doc.line_of(last),
    })
}

/// Byte offset in `body` of a `--` reason separator: at a word boundary, not inside a rule id.
fn find_reason(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    body.match_indices("--").map(|(i, _)| i).find(|&i| {
        let before = i == 0 || bytes[i - 1].is_ascii_whitespace();
        let after = bytes.get(i + 2).is_none_or(|b| b.is_ascii_whitespace());
        before && after
    })
}

/// The span of `name` inside the comment, so the finding points at the misspelt id.
fn name_span(doc: &Document, comment: &Comment, name: &str) -> Span {
    let text = doc.text(comment.span);
    let keyword_end = text.find("pmctl-").map_or(0, |i| i + text[i..].find(char::is_whitespace).unwrap_or(0));
    match text[keyword_end..].find(name) {
        Some(i) => {
            let start = comment.span.start + keyword_end + i;
            Span::new(start, start + name.len())
        }
        None => comment.span,
    }
}

fn closest_keyword(word: &str) -> Option<&'static str> {
    KEYWORDS
        .iter()
        .map(|(k, _)| (rules::edit_distance(word, k), *k))
        .filter(|&(distance, _)| distance <= 4)
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse, ParseOptions};

    fn doc(body: &str) -> Document {
        parse("x.md".into(), format!("---\ntitle: x\n---\n{body}"), &ParseOptions::default())
    }

    fn line_offset(doc: &Document, line: usize) -> usize {
        doc.lines.line_start(line - 1)
    }

    #[test]
    fn next_line_applies_to_the_following_line_only() {
        let d = doc("<!-- pmctl-disable-next-line placeholder, timeline-order -- quoted -->\nA [Name]\nB [Name]\n");
        let (s, findings) = Suppressions::of(&d);
        assert!(findings.is_empty(), "{findings:?}");
        assert!(s.suppresses("placeholder", line_offset(&d, 5), 5));
        assert!(s.suppresses("timeline-order", line_offset(&d, 5), 5));
        assert!(!s.suppresses("empty-section", line_offset(&d, 5), 5));
        assert!(!s.suppresses("placeholder", line_offset(&d, 6), 6));
    }

    #[test]
    fn ranges_last_until_enable_and_bare_directives_mean_every_rule() {
        let d = doc("a\n<!-- pmctl-disable -->\nb\n<!-- pmctl-enable placeholder -->\nc\n<!-- pmctl-enable -->\nd\n");
        let (s, findings) = Suppressions::of(&d);
        assert!(findings.is_empty());
        let at = |line| (line_offset(&d, line), line);
        let (o, l) = at(4);
        assert!(!s.suppresses("placeholder", o, l));
        let (o, l) = at(6);
        assert!(s.suppresses("placeholder", o, l) && s.suppresses("timeline-order", o, l));
        let (o, l) = at(8);
        assert!(!s.suppresses("placeholder", o, l) && s.suppresses("timeline-order", o, l));
        let (o, l) = at(10);
        assert!(!s.suppresses("timeline-order", o, l));
    }

    #[test]
    fn file_and_line_scopes() {
        let d = doc("a [Name] <!-- pmctl-disable-line placeholder -->\n<!-- pmctl-disable-file missing-section -->\n");
        let (s, _) = Suppressions::of(&d);
        assert!(s.suppresses("placeholder", line_offset(&d, 4), 4));
        assert!(!s.suppresses("placeholder", line_offset(&d, 5), 5));
        assert!(s.suppresses("missing-section", 0, 1));
    }

    #[test]
    fn unknown_rules_and_directives_are_findings_and_silence_nothing() {
        let d = doc("<!-- pmctl-disable-next-line placeholders -->\nA [Name]\n<!-- pmctl-disable-nextline placeholder -->\nB\n<!-- pmctl-disable placeholder, nope -->\n");
        let (s, findings) = Suppressions::of(&d);
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`placeholders` is not a rule id; did you mean `placeholder`?"));
        assert!(messages[1].contains("did you mean `pmctl-disable-next-line`?"));
        assert!(messages[2].contains("`nope`"));
        assert_eq!(d.text(findings[0].span), "placeholders");
        assert!(!s.suppresses("placeholder", line_offset(&d, 5), 5));
        assert!(!s.suppresses("timeline-order", line_offset(&d, 9), 9));
        // The valid name in the last directive still applies.
        assert!(s.suppresses("placeholder", d.source.len() - 1, 9));
    }

    #[test]
    fn reasons_need_a_separate_double_dash() {
        assert_eq!(find_reason("pmctl-disable a -- why"), Some(16));
        assert_eq!(find_reason("pmctl-disable a--b"), None);
        assert_eq!(find_reason("pmctl-disable --"), Some(14));
    }
}
