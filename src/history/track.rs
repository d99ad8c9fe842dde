//! Following each post-mortem and its action items through the commits, oldest first, and the
//! plain facts that come out of it.
//!
//! The tracker knows nothing of git: a backend feeds it commits and, for each commit, the corpus
//! files that were added, modified, renamed or deleted with the action items of their new version.
//! That keeps the rules (when an item opened, when it last became checked, how often its due date
//! moved later) testable without a repository.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};

use super::identity::{match_items, ItemKey};
use crate::document::ActionItem;

/// A commit, as the facts cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitRef {
    /// Full hexadecimal object id.
    pub id: String,
    /// Committer time, seconds since the Unix epoch.
    pub time: i64,
}

impl CommitRef {
    /// The commit's day in UTC, the day every date from history is given in.
    pub fn date(&self) -> Option<NaiveDate> {
        DateTime::from_timestamp(self.time, 0).map(|t| t.date_naive())
    }
}

/// One action item of one version of a post-mortem, as far as tracking needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemVersion {
    /// Shared: successive versions of a post-mortem mostly repeat the same items, and history
    /// hands the same key to every version that holds the item.
    pub key: Arc<ItemKey>,
    pub checked: bool,
}

impl ItemVersion {
    pub fn of(item: &ActionItem) -> ItemVersion {
        ItemVersion { key: Arc::new(ItemKey::of(item)), checked: item.checked }
    }
}

/// What one commit did to one corpus file. `items` is `None` when the new version could not be
/// read as a post-mortem (binary, not UTF-8, too large): such a version leaves the history as it
/// was rather than closing or forgetting every item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added { path: String, items: Option<Vec<ItemVersion>> },
    Modified { path: String, items: Option<Vec<ItemVersion>> },
    Renamed { from: String, to: String, items: Option<Vec<ItemVersion>> },
    Deleted { path: String },
}

#[derive(Debug, Clone)]
struct TrackedItem {
    key: Arc<ItemKey>,
    checked: bool,
    /// Indexes into [`History::commits`].
    opened: u32,
    closed: Option<u32>,
    /// The last due date written as a date: a due date that is removed and later written again
    /// is compared with the one it replaced.
    due: Option<NaiveDate>,
    slips: u32,
}

#[derive(Debug, Clone)]
struct DocState {
    created: u32,
    items: Vec<TrackedItem>,
    /// Items deleted from the document, so that a revert that restores one restores its history.
    removed: Vec<TrackedItem>,
    present: bool,
}

/// How many deleted items a document remembers for reverts.
const REMEMBERED_REMOVALS: usize = 32;

/// Feeds on commits, oldest first; see the module docs.
#[derive(Debug, Default)]
pub struct Tracker {
    commits: Vec<CommitRef>,
    docs: HashMap<String, DocState>,
}

impl Tracker {
    pub fn new() -> Self {
        Tracker::default()
    }

    /// Starts a commit: the changes applied next are its changes.
    pub fn commit(&mut self, id: String, time: i64) {
        self.commits.push(CommitRef { id, time });
    }

    pub fn apply(&mut self, change: Change) {
        let Some(now) = self.commits.len().checked_sub(1) else { return };
        let now = now as u32;
        match change {
            Change::Added { path, items } | Change::Modified { path, items } => {
                let state = self.docs.entry(path).or_insert_with(|| DocState::new(now));
                state.present = true;
                if let Some(items) = items {
                    state.update(items, now);
                }
            }
            Change::Renamed { from, to, items } => {
                let mut state = self.docs.remove(&from).unwrap_or_else(|| DocState::new(now));
                state.present = true;
                if let Some(items) = items {
                    state.update(items, now);
                }
                self.docs.insert(to, state);
            }
            Change::Deleted { path } => {
                if let Some(state) = self.docs.get_mut(&path) {
                    state.present = false;
                }
            }
        }
    }

    pub fn finish(self) -> History {
        History { commits: self.commits, docs: self.docs }
    }
}

impl DocState {
    fn new(created: u32) -> Self {
        DocState { created, items: Vec::new(), removed: Vec::new(), present: true }
    }

    fn update(&mut self, versions: Vec<ItemVersion>, now: u32) {
        let prev: Vec<&ItemKey> = self.items.iter().map(|t| &*t.key).collect();
        let next: Vec<&ItemKey> = versions.iter().map(|v| &*v.key).collect();
        let matched = match_items(&prev, &next);
        let mut old: Vec<Option<TrackedItem>> = std::mem::take(&mut self.items).into_iter().map(Some).collect();
        let mut items = Vec::with_capacity(versions.len());
        for (version, found) in versions.into_iter().zip(matched) {
            let known = found.and_then(|i| old[i].take()).or_else(|| {
                let at = self.removed.iter().rposition(|t| t.key.text == version.key.text)?;
                Some(self.removed.remove(at))
            });
            items.push(match known {
                Some(mut tracked) => {
                    tracked.advance(version, now);
                    tracked
                }
                None => TrackedItem {
                    checked: version.checked,
                    opened: now,
                    closed: version.checked.then_some(now),
                    due: version.key.due,
                    slips: 0,
                    key: version.key,
                },
            });
        }
        self.removed.extend(old.into_iter().flatten());
        if self.removed.len() > REMEMBERED_REMOVALS {
            self.removed.drain(..self.removed.len() - REMEMBERED_REMOVALS);
        }
        self.items = items;
    }
}

impl TrackedItem {
    fn advance(&mut self, version: ItemVersion, now: u32) {
        if version.checked && !self.checked {
            self.closed = Some(now);
        } else if !version.checked {
            self.closed = None;
        }
        self.checked = version.checked;
        if let Some(due) = version.key.due {
            if self.due.is_some_and(|before| due > before) {
                self.slips += 1;
            }
            self.due = Some(due);
        }
        self.key = version.key;
    }
}

/// Everything history says about the corpus, up to the commit it was read at.
#[derive(Debug, Default)]
pub struct History {
    commits: Vec<CommitRef>,
    docs: HashMap<String, DocState>,
}

/// History facts about one post-mortem; `items` is aligned with the action items it was asked
/// about (see [`History::facts`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFacts {
    /// The first commit that added the document (renames followed).
    pub created_at: Option<CommitRef>,
    pub items: Vec<ItemFacts>,
}

/// History facts about one action item. Everything is `None` when history does not know the
/// item (history unavailable, or the item is not committed yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemFacts {
    /// The commit that added the item.
    pub opened: Option<CommitRef>,
    /// The commit at which the item last became checked; `None` while it is unchecked.
    pub closed: Option<CommitRef>,
    /// How many times the due date moved later.
    pub due_slips: Option<u32>,
}

impl ItemFacts {
    pub fn opened_at(&self) -> Option<NaiveDate> {
        self.opened.as_ref().and_then(CommitRef::date)
    }
    pub fn closed_at(&self) -> Option<NaiveDate> {
        self.closed.as_ref().and_then(CommitRef::date)
    }
    pub fn closed_commit(&self) -> Option<&str> {
        self.closed.as_ref().map(|c| c.id.as_str())
    }
}

impl DocumentFacts {
    /// Facts for `count` items when history is unavailable: all unknown.
    pub fn unknown(count: usize) -> Self {
        DocumentFacts { created_at: None, items: vec![ItemFacts::default(); count] }
    }
}

impl History {
    /// How many commits with corpus changes were read.
    pub fn commits_read(&self) -> usize {
        self.commits.len()
    }

    /// The first commit that added the document at `path` (relative to the corpus root, as
    /// documents show it), following renames.
    pub fn created_at(&self, path: &str) -> Option<&CommitRef> {
        self.docs.get(path).map(|state| &self.commits[state.created as usize])
    }

    /// Facts about the document at `path` and its `items` (the action items of the version being
    /// reported: the working tree's, or the `--as-of` commit's). Items are matched to the ones
    /// history followed with the same identity rules as between commits, so an item edited but not
    /// committed yet keeps its history, and one added but not committed has none.
    pub fn facts(&self, path: &str, items: &[ActionItem]) -> DocumentFacts {
        let keys: Vec<ItemKey> = items.iter().map(ItemKey::of).collect();
        self.facts_with_keys(path, items, &keys)
    }

    /// [`History::facts`] with the items' keys (`ItemKey::of` each item) worked out already, for
    /// callers that work them out while history is still being read.
    pub fn facts_with_keys(&self, path: &str, items: &[ActionItem], keys: &[ItemKey]) -> DocumentFacts {
        let Some(state) = self.docs.get(path) else { return DocumentFacts::unknown(items.len()) };
        let prev: Vec<&ItemKey> = state.items.iter().map(|t| &*t.key).collect();
        let next: Vec<&ItemKey> = keys.iter().collect();
        let matched = match_items(&prev, &next);
        let commit = |index: u32| self.commits.get(index as usize).cloned();
        let facts = items
            .iter()
            .zip(matched)
            .map(|(item, found)| match found.map(|i| &state.items[i]) {
                Some(tracked) => ItemFacts {
                    opened: commit(tracked.opened),
                    // Closed facts only hold while the item is checked both here and in history.
                    closed: if item.checked && tracked.checked { tracked.closed.and_then(commit) } else { None },
                    due_slips: Some(tracked.slips),
                },
                None => ItemFacts::default(),
            })
            .collect();
        DocumentFacts { created_at: commit(state.created), items: facts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::identity::normalise;

    fn v(text: &str, owner: &str, due: &str, checked: bool) -> ItemVersion {
        ItemVersion {
            key: Arc::new(ItemKey {
                text: normalise(text),
                owner: Some(owner.to_string()),
                ticket: None,
                due: NaiveDate::parse_from_str(due, "%Y-%m-%d").ok(),
            }),
            checked,
        }
    }

    fn item(text: &str, checked: bool) -> ActionItem {
        let doc = crate::document::parse(
            "t.md".into(),
            format!("## Action Items\n- [{}] {text}\n", if checked { "x" } else { " " }),
            &Default::default(),
        );
        doc.actions.into_iter().next().expect("one item")
    }

    const DAY: i64 = 86_400;

    #[test]
    fn opened_closed_slipped_and_renamed() {
        let mut t = Tracker::new();
        t.commit("c1".into(), 10 * DAY);
        t.apply(Change::Added { path: "a.md".into(), items: Some(vec![v("Add alert", "a", "2026-01-10", false)]) });
        t.commit("c2".into(), 11 * DAY);
        t.apply(Change::Modified {
            path: "a.md".into(),
            items: Some(vec![v("Pin driver", "b", "2026-02-01", false), v("Add alert", "z", "2026-01-20", false)]),
        });
        t.commit("c3".into(), 12 * DAY);
        t.apply(Change::Renamed {
            from: "a.md".into(),
            to: "b.md".into(),
            items: Some(vec![v("Pin driver", "b", "2026-02-01", false), v("Add alert", "z", "2026-01-25", true)]),
        });
        let h = t.finish();
        assert_eq!(h.created_at("b.md").map(|c| c.id.as_str()), Some("c1"));
        assert!(h.created_at("a.md").is_none());
        let facts = h.facts("b.md", &[item("Pin driver", false), item("Add alert", true)]);
        let [pin, alert] = &facts.items[..] else { panic!("two items") };
        assert_eq!(pin.opened.as_ref().map(|c| c.id.as_str()), Some("c2"));
        assert_eq!(pin.due_slips, Some(0));
        assert_eq!(alert.opened.as_ref().map(|c| c.id.as_str()), Some("c1"));
        assert_eq!(alert.closed_commit(), Some("c3"));
        assert_eq!(alert.due_slips, Some(2));
    }

    #[test]
    fn unchecking_reopens_and_rechecking_moves_the_close() {
        let mut t = Tracker::new();
        for (n, checked) in [false, true, false, true].into_iter().enumerate() {
            t.commit(format!("c{n}"), n as i64 * DAY);
            t.apply(Change::Modified { path: "a.md".into(), items: Some(vec![v("Add alert", "a", "", checked)]) });
        }
        let h = t.finish();
        let facts = h.facts("a.md", &[item("Add alert", true)]);
        assert_eq!(facts.items[0].closed_commit(), Some("c3"));
        // Unchecked in the working tree: not closed, whatever history says.
        let facts = h.facts("a.md", &[item("Add alert", false)]);
        assert_eq!(facts.items[0].closed, None);
    }

    #[test]
    fn unreadable_versions_and_reverts_keep_history() {
        let mut t = Tracker::new();
        t.commit("c1".into(), DAY);
        t.apply(Change::Added { path: "a.md".into(), items: Some(vec![v("Add alert", "a", "", false)]) });
        t.commit("c2".into(), 2 * DAY);
        t.apply(Change::Modified { path: "a.md".into(), items: None });
        t.commit("c3".into(), 3 * DAY);
        t.apply(Change::Modified { path: "a.md".into(), items: Some(vec![]) });
        t.commit("c4".into(), 4 * DAY);
        t.apply(Change::Deleted { path: "a.md".into() });
        t.commit("c5".into(), 5 * DAY);
        t.apply(Change::Added { path: "a.md".into(), items: Some(vec![v("Add alert", "a", "", false)]) });
        let h = t.finish();
        assert_eq!(h.created_at("a.md").map(|c| c.id.as_str()), Some("c1"));
        let facts = h.facts("a.md", &[item("Add alert", false), item("Something new", false)]);
        assert_eq!(facts.items[0].opened.as_ref().map(|c| c.id.as_str()), Some("c1"));
        assert_eq!(facts.items[1], ItemFacts::default());
    }

    #[test]
    fn unknown_documents_have_unknown_facts() {
        let h = Tracker::new().finish();
        assert_eq!(h.facts("x.md", &[item("A", false)]), DocumentFacts::unknown(1));
    }
}
