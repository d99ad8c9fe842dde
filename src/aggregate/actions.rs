//! Action items across the corpus (`pmctl actions`, and the report's overdue / due-soon / closed
//! lists): one [`ActionRow`] per item, holding exactly the fields of the JSON shape of SPEC §4.2.
//!
//! Every post-mortem's items count, whatever the post-mortem's own status: a completed
//! post-mortem with open follow-ups is exactly what this view is for.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::document::digest::Digest;
use crate::document::{self, partial, ActionItem, ActionStatus, Document, ParseOptions};
use crate::history::identity::{normalise_owner, ItemKey};
use crate::history::DocumentFacts;
use crate::span::Span;

/// What the rows need of one post-mortem, kept instead of the whole parsed document so that a
/// corpus of thousands stays small in memory.
#[derive(Debug, Clone)]
pub struct DocumentActions {
    /// The post-mortem's id (frontmatter `id`, else the file stem).
    pub id: String,
    pub path: String,
    pub items: Vec<ActionItem>,
    /// The 1-based line of each item.
    pub lines: Vec<usize>,
    /// Each item's identity across revisions, worked out with the items (history matches on it).
    pub keys: Vec<ItemKey>,
}

impl DocumentActions {
    pub fn of(doc: Document) -> Self {
        DocumentActions::of_digest(Digest::whole(doc))
    }

    /// The items of a digest, with their spans and lines in the file.
    pub fn of_digest(mut digest: Digest) -> Self {
        let lines = digest.doc.actions.iter().map(|item| digest.line_of(item.span.start)).collect();
        let id = digest.doc.id();
        let parsed = std::mem::take(&mut digest.doc.actions);
        let at = |span: Span| Span::new(digest.source_offset(span.start), digest.source_offset(span.end));
        let items: Vec<ActionItem> = parsed.into_iter().map(|item| item.map_spans(at)).collect();
        let keys = items.iter().map(ItemKey::of).collect();
        DocumentActions { id, path: std::mem::take(&mut digest.doc.path), lines, items, keys }
    }

    /// What [`DocumentActions::of`] gives for the parsed document, parsing only the Action Items
    /// section (and the frontmatter when it may name an `id`) when that is enough.
    pub fn read(path: String, text: String, options: &ParseOptions) -> Self {
        let text = crate::document::without_bom(text);
        match partial::action_items(&text, options) {
            Some((items, lines)) => {
                let keys = items.iter().map(ItemKey::of).collect();
                DocumentActions { id: partial::document_id(&path, &text), path, items, lines, keys }
            }
            None => DocumentActions::of(document::parse(path, text, options)),
        }
    }
}

/// One action item, as every format shows it (SPEC §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRow {
    /// The post-mortem's id.
    pub postmortem: String,
    pub path: String,
    pub line: usize,
    /// The deliverable: the item's text with owner, due date and ticket taken out (they have their
    /// own fields), or the whole text when nothing else is left; inline Markdown removed except
    /// code spans.
    pub text: String,
    pub owner: Option<String>,
    /// Only a due date written as `YYYY-MM-DD`; "Q3" and "next sprint" are no date.
    pub due: Option<NaiveDate>,
    pub ticket: Option<String>,
    pub status: ActionStatus,
    /// Open and due before the day it is judged on (`--today`, or the `--as-of` date).
    pub overdue: bool,
    /// Days past the due date when overdue; `null` otherwise.
    pub days_overdue: Option<i64>,
    /// From history: the day (UTC) of the commit that added the item.
    pub opened_at: Option<NaiveDate>,
    /// From history: the day (UTC) of the commit at which a done or dropped item last became
    /// checked; `null` for open items.
    pub closed_at: Option<NaiveDate>,
    pub closed_commit: Option<String>,
    /// From history: how many times the due date moved later.
    pub due_slips: Option<u32>,
}

/// The rows of one post-mortem. `facts` is aligned with `doc.items` (use
/// [`DocumentFacts::unknown`] when history is unavailable); `today` is the day overdue is judged
/// against.
pub fn rows(doc: &DocumentActions, facts: &DocumentFacts, today: NaiveDate) -> Vec<ActionRow> {
    doc.items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let fact = facts.items.get(index).cloned().unwrap_or_default();
            let days_overdue = match (item.status, item.due) {
                (ActionStatus::Open, Some(due)) if due < today => Some((today - due).num_days()),
                _ => None,
            };
            let text = if item.description.trim().is_empty() { &item.text } else { &item.description };
            // Strikethrough is how a dropped item is marked, and `status` says so already.
            let text = text.replace("~~", "");
            ActionRow {
                postmortem: doc.id.clone(),
                path: doc.path.clone(),
                line: doc.lines.get(index).copied().unwrap_or(1),
                text: text.trim().to_string(),
                owner: item.owner.as_ref().map(|o| o.value.clone()),
                due: item.due,
                ticket: item.ticket.clone(),
                status: item.status,
                overdue: days_overdue.is_some(),
                days_overdue,
                opened_at: fact.opened_at(),
                closed_at: fact.closed_at(),
                closed_commit: fact.closed_commit().map(str::to_string),
                due_slips: fact.due_slips,
            }
        })
        .collect()
}

/// Which statuses `--status` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// The default: what is still owed.
    #[default]
    Open,
    Done,
    Dropped,
    All,
}

impl StatusFilter {
    pub fn keeps(self, status: ActionStatus) -> bool {
        match self {
            StatusFilter::Open => status == ActionStatus::Open,
            StatusFilter::Done => status == ActionStatus::Done,
            StatusFilter::Dropped => status == ActionStatus::Dropped,
            StatusFilter::All => true,
        }
    }
}

/// The filters of `pmctl actions`; every one that is set must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: StatusFilter,
    /// Only open items past their due date.
    pub overdue: bool,
    /// Only open items due on or before today + this many days (overdue ones included: they are
    /// due within any window).
    pub due_within: Option<u64>,
    /// Only items this owner holds (see [`owner_matches`]).
    pub owner: Option<String>,
}

impl Filter {
    pub fn keeps(&self, row: &ActionRow, today: NaiveDate) -> bool {
        if !self.status.keeps(row.status) || (self.overdue && !row.overdue) {
            return false;
        }
        if let Some(days) = self.due_within {
            let horizon = today.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX);
            if row.status != ActionStatus::Open || row.due.is_none_or(|due| due > horizon) {
                return false;
            }
        }
        match &self.owner {
            Some(wanted) => row.owner.as_deref().is_some_and(|owner| owner_matches(owner, wanted)),
            None => true,
        }
    }
}

/// True when `wanted` names the owner, or one of several owners (`@a, @b`, `@a / @b`, `A and
/// B`): case-insensitive, with or without the `@`.
pub fn owner_matches(owner: &str, wanted: &str) -> bool {
    let wanted = normalise_owner(wanted);
    if wanted.is_empty() {
        return false;
    }
    if normalise_owner(owner) == wanted {
        return true;
    }
    owner.split([',', '/', '&', ';']).flat_map(|part| part.split(" and ")).any(|part| normalise_owner(part) == wanted)
}

/// Most overdue first; then open items by due date (soonest first, undated last), then done and
/// dropped ones the same way; ties by path and line.
pub fn sort(rows: &mut [ActionRow]) {
    let rank = |status: ActionStatus| match status {
        ActionStatus::Open => 0,
        ActionStatus::Done => 1,
        ActionStatus::Dropped => 2,
    };
    rows.sort_by(|a, b| {
        b.days_overdue
            .unwrap_or(-1)
            .cmp(&a.days_overdue.unwrap_or(-1))
            .then(rank(a.status).cmp(&rank(b.status)))
            .then(a.due.is_none().cmp(&b.due.is_none()))
            .then(a.due.cmp(&b.due))
            .then(a.path.cmp(&b.path))
            .then(a.line.cmp(&b.line))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn doc(items: &str) -> DocumentActions {
        let text = format!("---\nid: pm-1\n---\n## Action Items\n{items}");
        DocumentActions::of(crate::document::parse("pm/a.md".into(), text, &ParseOptions::default()))
    }

    #[test]
    fn reading_only_the_actions_gives_what_a_full_parse_gives() {
        let options = ParseOptions::default();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/postmortems");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            let path = format!("postmortems/{}", entry.file_name().to_string_lossy());
            let quick = DocumentActions::read(path.clone(), text.clone(), &options);
            let full = DocumentActions::of(crate::document::parse(path, text, &options));
            assert_eq!((&quick.id, &quick.path, &quick.lines), (&full.id, &full.path, &full.lines));
            let rows = |d: &DocumentActions| rows(d, &DocumentFacts::unknown(d.items.len()), date("2026-06-30"));
            assert_eq!(rows(&quick), rows(&full));
            compared += 1;
        }
        assert!(compared >= 10);
    }

    #[test]
    fn rows_carry_the_item_and_its_lateness() {
        let d = doc(concat!(
            "- [ ] Add alert — Owner: @lin — Due: 2026-06-01 — OPS-1\n",
            "- [ ] Pin driver — Owner: @ana — Due: 2026-07-01\n",
            "- [x] Rotate keys — Owner: @lin — Due: 2026-01-01\n",
        ));
        let rows = rows(&d, &DocumentFacts::unknown(3), date("2026-06-30"));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].postmortem, "pm-1");
        assert_eq!(rows[0].line, 5);
        assert_eq!(rows[0].text, "Add alert");
        assert_eq!(rows[0].ticket.as_deref(), Some("OPS-1"));
        assert_eq!((rows[0].overdue, rows[0].days_overdue), (true, Some(29)));
        assert_eq!((rows[1].overdue, rows[1].days_overdue), (false, None));
        // Done items are never overdue.
        assert_eq!((rows[2].overdue, rows[2].status), (false, ActionStatus::Done));
        assert_eq!(rows[0].opened_at, None);
    }

    #[test]
    fn filters_and_order() {
        let d = doc(concat!(
            "- [ ] A — Owner: @lin — Due: 2026-06-01\n",
            "- [ ] B — Owner: @Ana, @lin — Due: 2026-07-05\n",
            "- [ ] C — Owner: @ana — Due: 2026-05-01\n",
            "- [ ] D — Owner: @ana\n",
            "- [x] E — Owner: @lin — Due: 2026-01-01\n",
        ));
        let today = date("2026-06-30");
        let all = rows(&d, &DocumentFacts::unknown(5), today);
        let pick = |filter: Filter| {
            let mut kept: Vec<ActionRow> = all.iter().filter(|r| filter.keeps(r, today)).cloned().collect();
            sort(&mut kept);
            kept.into_iter().map(|r| r.text).collect::<Vec<_>>()
        };
        assert_eq!(pick(Filter::default()), ["C", "A", "B", "D"]);
        assert_eq!(pick(Filter { status: StatusFilter::All, ..Filter::default() }), ["C", "A", "B", "D", "E"]);
        assert_eq!(pick(Filter { status: StatusFilter::Done, ..Filter::default() }), ["E"]);
        assert_eq!(pick(Filter { overdue: true, ..Filter::default() }), ["C", "A"]);
        assert_eq!(pick(Filter { due_within: Some(5), ..Filter::default() }), ["C", "A", "B"]);
        assert_eq!(pick(Filter { due_within: Some(4), ..Filter::default() }), ["C", "A"]);
        assert_eq!(pick(Filter { owner: Some("LIN".into()), ..Filter::default() }), ["A", "B"]);
        assert_eq!(pick(Filter { owner: Some("@ana".into()), overdue: true, ..Filter::default() }), ["C"]);
    }

    #[test]
    fn owners_match_with_or_without_the_at_sign() {
        assert!(owner_matches("@lin.zhao", "lin.zhao"));
        assert!(owner_matches("Lin Zhao", "lin zhao"));
        assert!(owner_matches("@a / @lin", "@lin"));
        assert!(owner_matches("Ana and Lin", "lin"));
        assert!(!owner_matches("@linda", "lin"));
        assert!(!owner_matches("@lin", ""));
    }
}
