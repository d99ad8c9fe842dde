//! The lint rules: one module per rule, one registry.
//!
//! A rule is a [`Rule`] value: its id, default level, the explanation `pmctl explain` prints,
//! and a check over one document (or, for corpus-wide rules, all of them). Adding a rule means
//! one new file and one line in [`RULES`].

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::{Finding, Level};
use crate::document::Document;
use crate::schema::FrontmatterSchema;

mod action_missing_due;
mod action_missing_owner;
mod action_none;
mod action_vague;
mod blame_counterfactual;
mod blame_hindsight;
mod blame_human_error;
mod blame_judgment;
mod blame_person;
mod blame_process_violation;
mod blame_punitive;
mod duplicate_id;
mod duration_mismatch;
mod empty_section;
mod frontmatter_invalid;
mod frontmatter_missing;
mod frontmatter_schema;
mod inline_config_invalid;
mod missing_section;
pub mod placeholder;
mod reviewers_missing;
mod root_cause_part_missing;
mod timeline_milestone_missing;
mod timeline_order;
mod timeline_timezone;
mod timeline_unparsed;

/// Everything a check may consult besides the document.
pub struct Context<'a> {
    pub config: &'a Config,
    pub schema: &'a FrontmatterSchema,
    pub today: NaiveDate,
}

pub type DocumentCheck = fn(&Document, &Context<'_>, &mut Vec<Finding>);
/// A corpus-wide check sees a summary of every document, and reports findings with the index
/// of the entry they belong to.
pub type CorpusCheck = fn(&[CorpusEntry], &Context<'_>, &mut Vec<(usize, Finding)>);

/// What corpus-wide rules know of each document: enough to compare documents, small enough to
/// keep for ten thousand of them.
#[derive(Debug, Clone)]
pub struct CorpusEntry {
    pub path: String,
    pub id: String,
    /// Where the frontmatter sets `id`, if it does.
    pub id_span: Option<crate::span::Span>,
}

impl CorpusEntry {
    pub fn of(doc: &Document) -> Self {
        CorpusEntry {
            path: doc.path.clone(),
            id: doc.id(),
            id_span: doc.frontmatter().and_then(|fm| fm.key_span("id")),
        }
    }
}

#[derive(Clone, Copy)]
pub enum Check {
    Document(DocumentCheck),
    Corpus(CorpusCheck),
}

pub struct Rule {
    pub id: &'static str,
    pub default_level: Level,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it matters, in a paragraph or two.
    pub explanation: &'static str,
    /// A document fragment the rule reports, and the same fragment written well.
    pub bad: &'static str,
    pub good: &'static str,
    pub check: Check,
}

/// Every rule, in the order `pmctl rules` lists them.
pub static RULES: &[&Rule] = &[
    &frontmatter_missing::RULE,
    &frontmatter_invalid::RULE,
    &frontmatter_schema::RULE,
    &duplicate_id::RULE,
    &missing_section::RULE,
    &empty_section::RULE,
    &placeholder::RULE,
    &timeline_unparsed::RULE,
    &timeline_order::RULE,
    &timeline_timezone::RULE,
    &timeline_milestone_missing::RULE,
    &duration_mismatch::RULE,
    &root_cause_part_missing::RULE,
    &action_none::RULE,
    &action_missing_owner::RULE,
    &action_missing_due::RULE,
    &action_vague::RULE,
    &reviewers_missing::RULE,
    &blame_person::RULE,
    &blame_human_error::RULE,
    &blame_counterfactual::RULE,
    &blame_hindsight::RULE,
    &blame_judgment::RULE,
    &blame_punitive::RULE,
    &blame_process_violation::RULE,
    &inline_config_invalid::RULE,
];

/// The id of the rule that reports broken inline suppression comments; `pmctl lint
/// --no-inline-config` turns it off along with the comments themselves.
pub const INLINE_CONFIG_INVALID: &str = "inline-config-invalid";

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// A rule id from the registry. Cached types name it through this alias because serde's derive
/// reads a written-out `&'static str` field as borrowed from the input, and then only accepts
/// input that lives forever.
pub type RuleId = &'static str;

/// Rule ids as the lint cache stores them: by name, read back as the registry's own `&'static str`,
/// so a cache naming a rule this pmctl lacks fails to load rather than inventing one.
pub mod rule_id {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(id: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
        let name = <&str>::deserialize(deserializer)?;
        super::find(name).map(|rule| rule.id).ok_or_else(|| serde::de::Error::custom(format!("unknown rule `{name}`")))
    }
}

/// [`rule_id`] for an optional list of ids.
pub mod rule_ids {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(ids: &Option<Vec<&'static str>>, serializer: S) -> Result<S::Ok, S::Error> {
        ids.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<&'static str>>, D::Error> {
        let names = Option::<Vec<&str>>::deserialize(deserializer)?;
        names
            .map(|names| {
                names
                    .into_iter()
                    .map(|name| {
                        super::find(name)
                            .map(|rule| rule.id)
                            .ok_or_else(|| serde::de::Error::custom(format!("unknown rule `{name}`")))
                    })
                    .collect()
            })
            .transpose()
    }
}

/// The rule id nearest to a misspelt one, for "did you mean" hints.
pub fn closest(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|rule| (edit_distance(id, rule.id), rule.id))
        .filter(|&(distance, _)| distance <= 3)
        .min()
        .map(|(_, id)| id)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The findings of one blame-language rule: the document is analysed once (see
/// [`crate::language::document_hits`]) and each rule takes its own.
pub(crate) fn language_findings(doc: &Document, ctx: &Context<'_>, rule: &str, out: &mut Vec<Finding>) {
    for hit in crate::language::document_hits(doc, ctx.config).iter().filter(|h| h.rule == rule) {
        out.push(Finding::new(hit.span, hit.message.clone()).with_suggestion(hit.suggestion.clone()));
    }
}

/// Severities whose documents need a Timeline: they also need its milestones and a duration.
pub(crate) fn needs_timeline(doc: &Document, config: &Config) -> bool {
    doc.severity().is_some_and(|s| config.required_sections(s).contains(&crate::document::SectionKind::Timeline))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for rule in RULES {
            assert!(rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", rule.id);
            assert!(!rule.summary.is_empty() && !rule.explanation.is_empty(), "{}", rule.id);
            assert!(!rule.bad.is_empty() && !rule.good.is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn misspelt_ids_find_their_rule() {
        assert_eq!(closest("placeholders"), Some("placeholder"));
        assert_eq!(closest("nothing-like-it-at-all"), None);
    }
}
