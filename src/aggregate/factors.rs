//! Recurring contributing factors (`pmctl factors`, and the report's top factors).
//!
//! Mentions come from two places: frontmatter `contributing_factors` slugs and the list items of
//! the Contributing factors part. In order of precedence:
//! 1. a slug or item that matches the config taxonomy (`[factors.taxonomy]`: slug → synonyms)
//!    joins that slug's group;
//! 2. an item that says every word of a slug used in the corpus ("manual change" for
//!    `manual-change`) joins that slug's group;
//! 3. the remaining items are grouped by the words they share ([`cluster`]).
//!
//! [`normalise`] turns text into the words compared. docs/insight.md explains the method.

pub mod cluster;
pub mod normalise;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::summary::DocSummary;
use crate::document::ActionStatus;

/// Where a group's name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactorKind {
    /// A slug of the config taxonomy.
    Taxonomy,
    /// A frontmatter slug the taxonomy does not list.
    Tag,
    /// A representative phrase of free-text items grouped together.
    Phrase,
}

/// One recurring factor (SPEC §4.2 `factors` shape, plus `kind` and the recurrence flag).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorGroup {
    /// A taxonomy or frontmatter slug, or a representative phrase.
    pub factor: String,
    pub kind: FactorKind,
    /// How many post-mortems mention it.
    pub count: usize,
    /// Their ids, oldest incident first.
    pub postmortems: Vec<String>,
    /// The distinct wordings grouped under it: slugs as written and list items.
    pub phrasings: Vec<String>,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// Open action items of those post-mortems.
    pub open_actions: usize,
    /// True when the factor came back in a post-mortem dated after every action item of its
    /// earlier post-mortems had been closed (did our fixes work?); `None` when history is needed
    /// to tell and is unknown.
    pub recurred_after_fixes: Option<bool>,
    /// The post-mortems in which it came back that way.
    pub recurred_in: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Slug(String),
    Phrase(usize),
}

/// A compiled taxonomy entry: the slug and the word sets that stand for it.
struct Entry {
    slug: String,
    phrases: Vec<BTreeSet<String>>,
}

fn word_set(text: &str) -> BTreeSet<String> {
    normalise::tokens(text).into_iter().collect()
}

/// Groups every factor mention of `docs`. `taxonomy` is the config's slug → synonyms.
pub fn group(docs: &[DocSummary], taxonomy: &BTreeMap<String, Vec<String>>) -> Vec<FactorGroup> {
    let entries: Vec<Entry> = taxonomy
        .iter()
        .map(|(slug, synonyms)| {
            let mut phrases = vec![word_set(&slug.replace(['-', '_'], " "))];
            phrases.extend(synonyms.iter().map(|s| word_set(s)));
            phrases.retain(|p| !p.is_empty());
            Entry { slug: normalise::slug(slug), phrases }
        })
        .collect();
    let spellings: HashMap<String, String> = taxonomy
        .iter()
        .flat_map(|(slug, synonyms)| {
            let canonical = normalise::slug(slug);
            std::iter::once(slug.clone())
                .chain(synonyms.iter().cloned())
                .map(move |s| (normalise::slug(&s), canonical.clone()))
        })
        .collect();
    let canonical_tag = |tag: &str| -> String {
        let spelled = normalise::slug(tag);
        if let Some(slug) = spellings.get(&spelled) {
            return slug.clone();
        }
        let words = word_set(&tag.replace(['-', '_'], " "));
        entries.iter().find(|e| e.phrases.contains(&words)).map_or(spelled, |e| e.slug.clone())
    };

    // Mentions: (group key, document index, phrasing as written).
    let mut mentions: Vec<(Key, usize, String)> = Vec::new();
    let mut tag_words: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (index, doc) in docs.iter().enumerate() {
        for tag in &doc.factor_tags {
            if tag.trim().is_empty() {
                continue;
            }
            let slug = canonical_tag(tag);
            if !entries.iter().any(|e| e.slug == slug) {
                tag_words.entry(slug.clone()).or_insert_with(|| word_set(&slug.replace('-', " ")));
            }
            mentions.push((Key::Slug(slug), index, tag.trim().to_string()));
        }
    }
    // A one-word slug ("dns") would claim every item that mentions the word.
    tag_words.retain(|_, words| words.len() >= 2);

    let mut pool: Vec<Vec<String>> = Vec::new();
    let mut pool_index: HashMap<Vec<String>, usize> = HashMap::new();
    let mut pooled: Vec<(usize, usize, String)> = Vec::new();
    // Corpora written from one template repeat their items word for word: read each text once.
    let mut seen: HashMap<String, Vec<String>> = HashMap::new();
    for (index, doc) in docs.iter().enumerate() {
        for bullet in &doc.factor_bullets {
            let text = collapse_whitespace(&bullet.text);
            let words = match seen.get(&text) {
                Some(words) => words.clone(),
                None => {
                    let words = normalise::tokens(normalise::head_clause(&text));
                    seen.insert(text.clone(), words.clone());
                    words
                }
            };
            if words.is_empty() {
                continue;
            }
            let set: BTreeSet<String> = words.iter().cloned().collect();
            let mut slugs: Vec<String> = entries
                .iter()
                .filter(|e| e.phrases.iter().any(|p| p.is_subset(&set)))
                .map(|e| e.slug.clone())
                .collect();
            if slugs.is_empty() {
                slugs = tag_words.iter().filter(|(_, w)| w.is_subset(&set)).map(|(s, _)| s.clone()).collect();
            }
            if slugs.is_empty() {
                let next = pool.len();
                let at = *pool_index.entry(words.clone()).or_insert(next);
                if at == next {
                    pool.push(words);
                }
                pooled.push((at, index, text));
            } else {
                for slug in slugs {
                    mentions.push((Key::Slug(slug), index, text.clone()));
                }
            }
        }
    }
    let clusters = cluster::cluster(&pool);
    let mut cluster_of = vec![0; pool.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            cluster_of[m] = c;
        }
    }
    for (phrasing, doc, text) in pooled {
        mentions.push((Key::Phrase(cluster_of[phrasing]), doc, text));
    }

    let mut by_key: BTreeMap<Key, Vec<(usize, String)>> = BTreeMap::new();
    for (key, doc, text) in mentions {
        by_key.entry(key).or_default().push((doc, text));
    }
    let mut groups: Vec<FactorGroup> = by_key
        .into_iter()
        .map(|(key, members)| {
            let (factor, kind) = match &key {
                Key::Slug(slug) if entries.iter().any(|e| &e.slug == slug) => (slug.clone(), FactorKind::Taxonomy),
                Key::Slug(slug) => (slug.clone(), FactorKind::Tag),
                Key::Phrase(_) => (representative(&members), FactorKind::Phrase),
            };
            build(factor, kind, &members, docs)
        })
        .collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then(b.last_seen.cmp(&a.last_seen)).then(a.factor.cmp(&b.factor)));
    groups
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The phrase a group of free-text items is shown by: the head clause of the wording whose words
/// the others share most (most mentioned, then shortest, on ties).
fn representative(members: &[(usize, String)]) -> String {
    let mut distinct: Vec<(&str, usize)> = Vec::new();
    for (_, text) in members {
        match distinct.iter_mut().find(|(t, _)| *t == text) {
            Some(entry) => entry.1 += 1,
            None => distinct.push((text, 1)),
        }
    }
    let sets: Vec<BTreeSet<String>> = distinct.iter().map(|(t, _)| word_set(normalise::head_clause(t))).collect();
    let score = |i: usize| -> usize {
        sets.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, s)| s.intersection(&sets[i]).count()).sum()
    };
    let best = (0..distinct.len())
        .max_by(|&a, &b| {
            score(a)
                .cmp(&score(b))
                .then(distinct[a].1.cmp(&distinct[b].1))
                .then(distinct[b].0.len().cmp(&distinct[a].0.len()))
                .then(distinct[b].0.cmp(distinct[a].0))
        })
        .unwrap_or(0);
    distinct.get(best).map_or_else(String::new, |(text, _)| normalise::head_clause(text).to_string())
}

fn build(factor: String, kind: FactorKind, members: &[(usize, String)], docs: &[DocSummary]) -> FactorGroup {
    let mut doc_indexes: Vec<usize> = members.iter().map(|(d, _)| *d).collect();
    doc_indexes.sort_unstable();
    doc_indexes.dedup();
    doc_indexes.sort_by(|&a, &b| docs[a].date.cmp(&docs[b].date).then(docs[a].id.cmp(&docs[b].id)));
    let mut phrasings: Vec<String> = Vec::new();
    for (_, text) in members {
        if !phrasings.contains(text) {
            phrasings.push(text.clone());
        }
    }
    let dates: Vec<NaiveDate> = doc_indexes.iter().filter_map(|&d| docs[d].date).collect();
    let open_actions =
        doc_indexes.iter().map(|&d| docs[d].actions.iter().filter(|a| a.status == ActionStatus::Open).count()).sum();
    let (recurred_after_fixes, recurred_in) = recurrence(&doc_indexes, docs);
    FactorGroup {
        factor,
        kind,
        count: doc_indexes.len(),
        postmortems: doc_indexes.iter().map(|&d| docs[d].id.clone()).collect(),
        phrasings,
        first_seen: dates.iter().min().copied(),
        last_seen: dates.iter().max().copied(),
        open_actions,
        recurred_after_fixes,
        recurred_in,
    }
}

/// For each post-mortem of the group, whether every action item of the group's earlier
/// post-mortems (dated before it) had been closed by its date, with at least one of them done.
/// `doc_indexes` is sorted by date; one pass keeps what the earlier post-mortems add up to.
fn recurrence(doc_indexes: &[usize], docs: &[DocSummary]) -> (Option<bool>, Vec<String>) {
    #[derive(Default)]
    struct Earlier {
        done: bool,
        open: bool,
        unknown_close: bool,
        last_close: Option<NaiveDate>,
    }
    let mut earlier = Earlier::default();
    let mut recurred = Vec::new();
    let mut unknown = false;
    let dated: Vec<(NaiveDate, usize)> = doc_indexes.iter().filter_map(|&d| docs[d].date.map(|day| (day, d))).collect();
    let mut start = 0;
    while start < dated.len() {
        let day = dated[start].0;
        let end = start + dated[start..].iter().take_while(|(d, _)| *d == day).count();
        // Still open today means it was open then; otherwise history must say when it closed.
        if earlier.done && !earlier.open {
            if earlier.unknown_close {
                unknown = true;
            } else if earlier.last_close.is_none_or(|c| c <= day) {
                recurred.extend(dated[start..end].iter().map(|&(_, d)| docs[d].id.clone()));
            }
        }
        for &(_, d) in &dated[start..end] {
            for action in &docs[d].actions {
                match action.status {
                    ActionStatus::Open => earlier.open = true,
                    status => {
                        earlier.done |= status == ActionStatus::Done;
                        match action.closed_at {
                            Some(closed) => earlier.last_close = earlier.last_close.max(Some(closed)),
                            None => earlier.unknown_close = true,
                        }
                    }
                }
            }
        }
        start = end;
    }
    let flag = if !recurred.is_empty() {
        Some(true)
    } else if unknown {
        None
    } else {
        Some(false)
    };
    (flag, recurred)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::summary::{ActionSummary, FactorBullet};

    fn date(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    fn doc(id: &str, day: &str, tags: &[&str], bullets: &[&str]) -> DocSummary {
        DocSummary {
            id: id.into(),
            path: format!("pm/{id}.md"),
            title: None,
            severity: None,
            status: None,
            owner: None,
            date: date(day),
            services: vec![],
            detection: None,
            minutes_to_detect: None,
            minutes_to_mitigate: None,
            minutes_to_resolve: None,
            factor_tags: tags.iter().map(|t| t.to_string()).collect(),
            factor_bullets: bullets.iter().map(|b| FactorBullet { text: b.to_string(), line: 1 }).collect(),
            actions: vec![],
            created_at: None,
        }
    }

    fn item(status: ActionStatus, closed: &str) -> ActionSummary {
        ActionSummary { status, opened_at: None, closed_at: date(closed) }
    }

    #[test]
    fn wordings_of_one_factor_count_once_per_post_mortem() {
        let docs = vec![
            doc("a", "2026-01-01", &[], &["No monitoring of certificate expiry", "No runbook for DNS renewal"]),
            doc("b", "2026-02-01", &[], &["Certificate expiry was not monitored for client certificates"]),
            doc("c", "2026-03-01", &[], &["Missing certificate expiry monitoring", "Disk alert routed to email"]),
        ];
        let groups = group(&docs, &BTreeMap::new());
        let top = &groups[0];
        assert_eq!(top.kind, FactorKind::Phrase);
        assert_eq!(top.count, 3);
        assert_eq!(top.postmortems, ["a", "b", "c"]);
        assert_eq!(top.phrasings.len(), 3);
        assert_eq!((top.first_seen, top.last_seen), (date("2026-01-01"), date("2026-03-01")));
        assert!(groups[1..].iter().all(|g| g.count == 1));
    }

    #[test]
    fn the_taxonomy_takes_precedence_and_its_synonyms_join_the_slug() {
        let mut taxonomy = BTreeMap::new();
        taxonomy
            .insert("certificate-expiry".to_string(), vec!["expired certificate".to_string(), "cert-expiry".into()]);
        let docs = vec![
            doc("a", "2026-01-01", &["cert-expiry"], &[]),
            doc("b", "2026-02-01", &[], &["The TLS certificate expired overnight"]),
            doc("c", "2026-03-01", &["Certificate_Expiry"], &["Nobody watched expiry dates of certs"]),
        ];
        let groups = group(&docs, &taxonomy);
        assert_eq!(groups[0].factor, "certificate-expiry");
        assert_eq!(groups[0].kind, FactorKind::Taxonomy);
        assert_eq!(groups[0].count, 3);
        assert!(groups[0].phrasings.contains(&"The TLS certificate expired overnight".to_string()));
    }

    #[test]
    fn an_item_saying_a_slug_in_words_joins_the_slug() {
        let docs = vec![
            doc("a", "2026-01-01", &["manual-change"], &[]),
            doc("b", "2026-02-01", &[], &["The ConfigMap was edited manually with kubectl"]),
            doc("c", "2026-03-01", &[], &["Retention was changed by hand, outside Terraform"]),
        ];
        let groups = group(&docs, &BTreeMap::new());
        assert_eq!((groups[0].factor.as_str(), groups[0].kind, groups[0].count), ("manual-change", FactorKind::Tag, 3));
    }

    #[test]
    fn recurrence_after_every_earlier_action_closed_is_flagged() {
        let mut a = doc("a", "2026-01-01", &["retry-storm"], &[]);
        let mut b = doc("b", "2026-03-01", &["retry-storm"], &[]);
        a.actions = vec![item(ActionStatus::Done, "2026-02-01"), item(ActionStatus::Dropped, "2026-02-10")];
        b.actions = vec![item(ActionStatus::Open, "")];
        let groups = group(&[a.clone(), b.clone()], &BTreeMap::new());
        assert_eq!(
            (groups[0].recurred_after_fixes, groups[0].recurred_in.clone()),
            (Some(true), vec!["b".to_string()])
        );
        assert_eq!(groups[0].open_actions, 1);

        // Closed after the recurrence: the fixes were not in place yet.
        a.actions[0].closed_at = date("2026-04-01");
        assert_eq!(group(&[a.clone(), b.clone()], &BTreeMap::new())[0].recurred_after_fixes, Some(false));
        // Without history the close dates are unknown.
        a.actions[0].closed_at = None;
        assert_eq!(group(&[a.clone(), b.clone()], &BTreeMap::new())[0].recurred_after_fixes, None);
        // An item still open today was open then, history or not.
        a.actions.push(item(ActionStatus::Open, ""));
        assert_eq!(group(&[a, b], &BTreeMap::new())[0].recurred_after_fixes, Some(false));
    }
}
