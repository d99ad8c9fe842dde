//! Which action item in one revision of a post-mortem is which item in the next (SPEC §2.4).
//!
//! An item keeps its identity when its owner, due date or ticket is edited, when it is checked or
//! struck through, and when items are inserted, removed or reordered around it. Its position is
//! therefore a poor key, and so is its whole text; what stays put is the deliverable (the
//! description, with owner, due date and ticket taken out). Matching runs in two passes:
//!
//! 1. **Same deliverable.** Items whose normalised descriptions are equal are paired. When several
//!    items share a description, the pair that also shares ticket, owner and due date wins, then
//!    the pair closest in position.
//! 2. **Reworded deliverable.** Among the items left over on both sides, each pair is scored by the
//!    similarity of the descriptions (Dice coefficient of character trigrams, 0–1) plus 0.3 when the
//!    tickets are equal and 0.1 when the owners are; pairs scoring at least 0.6 are taken greedily,
//!    best first (ties: closest in position). An edited typo or an added clause keeps the item; a
//!    rewrite into a different deliverable makes a new item.
//!
//! Whatever is left unmatched in the new revision is a new item; whatever is left in the old one
//! was removed. Items per post-mortem are few, so the quadratic second pass costs nothing, and the
//! first pass (a hash lookup) settles almost every item of almost every commit.

use std::borrow::Borrow;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::document::ActionItem;

/// Threshold of the second pass: similarity plus ticket and owner bonuses.
const MIN_SCORE: f64 = 0.6;
const TICKET_BONUS: f64 = 0.3;
const OWNER_BONUS: f64 = 0.1;

/// What identifies an action item across revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemKey {
    /// The deliverable, normalised (see [`normalise`]).
    pub text: String,
    /// The owner, lower-cased without a leading `@`.
    pub owner: Option<String>,
    pub ticket: Option<String>,
    pub due: Option<NaiveDate>,
}

impl ItemKey {
    pub fn of(item: &ActionItem) -> ItemKey {
        let mut text = normalise(&item.description);
        if text.is_empty() {
            text = normalise(&item.text);
        }
        ItemKey {
            text,
            owner: item.owner.as_ref().map(|o| normalise_owner(&o.value)),
            ticket: item.ticket.clone(),
            due: item.due,
        }
    }
}

/// Lower-case words of the deliverable: Markdown, punctuation and a trailing "won't do: reason"
/// (which marks a dropped item) removed, so that checking or dropping an item does not change it.
pub fn normalise(description: &str) -> String {
    let lower = description.to_lowercase();
    let cut = ["won't do", "won’t do", "wont do", "will not do"]
        .iter()
        .filter_map(|marker| lower.find(marker))
        .min()
        .unwrap_or(lower.len());
    let mut out = String::with_capacity(cut);
    for c in lower[..cut].chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// An owner as compared: `@Lin.Zhao` and `lin.zhao` are the same person.
pub fn normalise_owner(owner: &str) -> String {
    owner.trim().trim_start_matches('@').to_lowercase()
}

/// For each item of `next`, the index in `prev` of the same item, or `None` for a new item.
pub fn match_items(prev: &[impl Borrow<ItemKey>], next: &[impl Borrow<ItemKey>]) -> Vec<Option<usize>> {
    // A post-mortem's handful of items: comparing them all is cheaper than hashing them.
    match_items_comparing_up_to(prev, next, 32)
}

/// [`match_items`], comparing every pair of deliverables when `prev` holds at most `compare_up_to`
/// items and looking them up in a hash map otherwise (the two give the same pairs).
fn match_items_comparing_up_to(
    prev: &[impl Borrow<ItemKey>],
    next: &[impl Borrow<ItemKey>],
    compare_up_to: usize,
) -> Vec<Option<usize>> {
    let prev: Vec<&ItemKey> = prev.iter().map(Borrow::borrow).collect();
    let next: Vec<&ItemKey> = next.iter().map(Borrow::borrow).collect();
    let mut matched: Vec<Option<usize>> = vec![None; next.len()];
    let mut taken = vec![false; prev.len()];

    // Pass 1: the same deliverable.
    let mut pairs: Vec<(u8, usize, usize, usize)> = Vec::with_capacity(next.len());
    if prev.len() <= compare_up_to {
        for (j, key) in next.iter().enumerate() {
            for (i, old) in prev.iter().enumerate().filter(|(_, old)| old.text == key.text) {
                pairs.push((agreement(old, key), i.abs_diff(j), i, j));
            }
        }
    } else {
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::with_capacity(prev.len());
        for (i, key) in prev.iter().enumerate() {
            by_text.entry(key.text.as_str()).or_default().push(i);
        }
        for (j, key) in next.iter().enumerate() {
            if let Some(candidates) = by_text.get(key.text.as_str()) {
                for &i in candidates {
                    pairs.push((agreement(prev[i], key), i.abs_diff(j), i, j));
                }
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    for (_, _, i, j) in pairs {
        if !taken[i] && matched[j].is_none() {
            taken[i] = true;
            matched[j] = Some(i);
        }
    }

    // Pass 2: a reworded deliverable.
    let left_prev: Vec<usize> = (0..prev.len()).filter(|&i| !taken[i]).collect();
    let left_next: Vec<usize> = (0..next.len()).filter(|&j| matched[j].is_none()).collect();
    if left_prev.is_empty() || left_next.is_empty() {
        return matched;
    }
    let grams_prev: Vec<Vec<u64>> = left_prev.iter().map(|&i| trigrams(&prev[i].text)).collect();
    let grams_next: Vec<Vec<u64>> = left_next.iter().map(|&j| trigrams(&next[j].text)).collect();
    let mut scored: Vec<(f64, usize, usize, usize)> = Vec::new();
    for (a, &i) in left_prev.iter().enumerate() {
        for (b, &j) in left_next.iter().enumerate() {
            let mut score = dice(&grams_prev[a], &grams_next[b]);
            if prev[i].ticket.is_some() && prev[i].ticket == next[j].ticket {
                score += TICKET_BONUS;
            }
            if prev[i].owner.is_some() && prev[i].owner == next[j].owner {
                score += OWNER_BONUS;
            }
            if score >= MIN_SCORE {
                scored.push((score, i.abs_diff(j), i, j));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    for (_, _, i, j) in scored {
        if !taken[i] && matched[j].is_none() {
            taken[i] = true;
            matched[j] = Some(i);
        }
    }
    matched
}

/// How much else two items with the same deliverable share: ticket, then owner, then due date.
fn agreement(a: &ItemKey, b: &ItemKey) -> u8 {
    let same = |x: bool| u8::from(x);
    4 * same(a.ticket.is_some() && a.ticket == b.ticket)
        + 2 * same(a.owner.is_some() && a.owner == b.owner)
        + same(a.due.is_some() && a.due == b.due)
}

/// The distinct character trigrams of `text` (padded, so that short words count), as hashes.
fn trigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = format!("  {text} ").chars().collect();
    let mut grams: Vec<u64> = chars
        .windows(3)
        .map(|w| (u64::from(w[0] as u32) << 42) | (u64::from(w[1] as u32) << 21) | u64::from(w[2] as u32))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Dice coefficient of two sorted, distinct sets: 2|A∩B| / (|A|+|B|).
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str, owner: Option<&str>, ticket: Option<&str>) -> ItemKey {
        ItemKey {
            text: normalise(text),
            owner: owner.map(normalise_owner),
            ticket: ticket.map(str::to_string),
            due: None,
        }
    }

    #[test]
    fn normalising_ignores_markdown_case_and_dropping() {
        assert_eq!(normalise("Add the `pool_size` alert."), "add the pool size alert");
        assert_eq!(normalise("~~Add the pool_size alert~~ — won't do: superseded"), "add the pool size alert");
        assert_eq!(normalise("  "), "");
    }

    #[test]
    fn owner_edit_and_insertion_above_keep_identity() {
        let prev = vec![key("Add alert on pool", Some("@a"), Some("OPS-1")), key("Pin driver", Some("@b"), None)];
        let next = vec![
            key("Write the runbook", Some("@c"), None),
            key("Add alert on pool", Some("@z"), Some("OPS-9")),
            key("Pin driver", Some("@b"), None),
        ];
        assert_eq!(match_items(&prev, &next), vec![None, Some(0), Some(1)]);
    }

    #[test]
    fn reordered_and_removed_items() {
        let prev = vec![key("one thing", None, None), key("two things", None, None), key("three", None, None)];
        let next = vec![key("three", None, None), key("one thing", None, None)];
        assert_eq!(match_items(&prev, &next), vec![Some(2), Some(0)]);
    }

    #[test]
    fn reworded_items_match_and_rewrites_do_not() {
        let prev = vec![
            key("Add a p99 latency alert on checkout at 800 ms", Some("@a"), None),
            key("Migrate the ledger to Postgres 16", Some("@b"), None),
        ];
        let next = vec![
            key("Add a p99 latency alert on checkout at 800ms for 5 minutes", Some("@a"), None),
            key("Hold a game day for the payments failover", Some("@b"), None),
        ];
        assert_eq!(match_items(&prev, &next), vec![Some(0), None]);
    }

    #[test]
    fn a_shared_ticket_carries_a_heavier_rewording() {
        let prev = vec![key("Alert on Redis memory", None, Some("OPS-7"))];
        let next = vec![key("Alert when Redis used memory exceeds 80%", None, Some("OPS-7"))];
        assert_eq!(match_items(&prev, &next), vec![Some(0)]);
    }

    #[test]
    fn comparing_and_hashing_deliverables_pair_the_same_items() {
        let texts = ["add runbook", "pin driver", "add alert", "add runbook", "rotate keys", "pin the driver"];
        let prev: Vec<ItemKey> = (0..40)
            .map(|i| key(&format!("{} {}", texts[i % texts.len()], i % 7), Some(["@a", "@b"][i % 2]), None))
            .collect();
        let mut next: Vec<ItemKey> = prev.iter().rev().step_by(2).cloned().collect();
        next.extend(prev.iter().take(9).cloned());
        next.insert(4, key("a new item", None, None));
        next.insert(9, key("add runbook 3 now", Some("@b"), None));
        let compared = match_items_comparing_up_to(&prev, &next, usize::MAX);
        assert_eq!(match_items_comparing_up_to(&prev, &next, 0), compared);
        assert!(compared.iter().filter(|m| m.is_some()).count() > 20);
    }

    #[test]
    fn duplicates_pair_by_ticket_then_owner_then_position() {
        let prev = vec![key("Add runbook", Some("@a"), Some("OPS-1")), key("Add runbook", Some("@b"), Some("OPS-2"))];
        let next = vec![
            key("Add runbook", Some("@n"), None),
            key("Add runbook", Some("@b"), Some("OPS-2")),
            key("Add runbook", Some("@a"), Some("OPS-1")),
        ];
        assert_eq!(match_items(&prev, &next), vec![None, Some(1), Some(0)]);
    }
}
