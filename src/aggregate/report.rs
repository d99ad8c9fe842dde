//! The weekly report (`pmctl report`) as plain data: the action-item lists a team works through,
//! stale drafts, the top recurring factors, the metrics with their change from the previous
//! window, and the series the HTML charts draw.
//!
//! Point-in-time figures for past days (the previous window, the weekly chart) come from the
//! history fields of the rows: an item counts as open on day T when it was opened on or before T
//! and not closed by T. They use each item's current due date, and items deleted from a
//! post-mortem since then are not counted; docs/insight.md says so.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use super::actions::{self, ActionRow};
use super::factors::{self, FactorGroup};
use super::stats::{self, median, rate, Stats};
use super::summary::DocSummary;
use crate::document::{ActionStatus, Status};

/// How the report was asked for.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The day the report is judged on (`--as-of`, `--today`, or the clock).
    pub as_of: NaiveDate,
    /// The commit the corpus was read from, when `--as-of` named one or a date.
    pub commit: Option<String>,
    /// The window looked back on (closed items, metric changes), in days.
    pub window_days: i64,
    /// How far ahead "due soon" looks (`report.due_soon_days`); never less than the window.
    pub due_soon_days: i64,
    pub stale_draft_days: i64,
    /// Whether the rows carry history facts (opened, closed, slips).
    pub history: bool,
    /// How many recurring factors the report lists.
    pub top_factors: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub as_of: NaiveDate,
    pub commit: Option<String>,
    pub window_days: i64,
    /// The first day of the window; the window ends on `as_of`.
    pub window_start: NaiveDate,
    /// The last day "due soon" reaches.
    pub due_soon_until: NaiveDate,
    /// False when history facts are unknown (not a repository, shallow clone): lists and
    /// figures that need them are empty or null.
    pub history: bool,
    /// Open items past their due date, most overdue first.
    pub overdue: Vec<ActionRow>,
    /// Open items due from `as_of` to `due_soon_until`, soonest first.
    pub due_soon: Vec<ActionRow>,
    /// Items closed (done or dropped) within the window, latest first.
    pub closed: Vec<ActionRow>,
    /// Open items with no owner or no due date.
    pub untracked: Vec<ActionRow>,
    /// Open items whose due date moved later twice or more.
    pub slipped: Vec<ActionRow>,
    pub stale_drafts: Vec<StaleDraft>,
    pub recurring_factors: Vec<FactorGroup>,
    pub stats: Stats,
    pub metrics: Vec<Metric>,
    /// Open and overdue items at the end of each of the last 12 weeks (empty without history).
    pub weekly: Vec<WeekPoint>,
    /// Incidents per month by severity, the 12 months up to `as_of`.
    pub monthly: Vec<MonthCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleDraft {
    pub postmortem: String,
    pub path: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    /// The incident date.
    pub date: Option<NaiveDate>,
    /// From history: the document's first commit.
    pub created_at: Option<NaiveDate>,
    /// Days since the draft was started (its first commit, else the incident date).
    pub age_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Count,
    Ratio,
    Minutes,
    Days,
}

/// One figure now, at the end of the previous window, and the difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub metric: &'static str,
    pub unit: Unit,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekPoint {
    /// The last day of the week counted.
    pub week_end: NaiveDate,
    pub open: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Severity → incidents; post-mortems without a severity count under `none`.
    pub by_severity: BTreeMap<String, usize>,
}

/// How many weeks and months the charts cover.
pub const CHART_WEEKS: usize = 12;
pub const CHART_MONTHS: u32 = 12;

fn minus_days(day: NaiveDate, days: i64) -> NaiveDate {
    day.checked_sub_days(Days::new(days.max(0) as u64)).unwrap_or(NaiveDate::MIN)
}

fn plus_days(day: NaiveDate, days: i64) -> NaiveDate {
    day.checked_add_days(Days::new(days.max(0) as u64)).unwrap_or(NaiveDate::MAX)
}

/// Whether the item was open at the end of `day`. On the report's own day the item's status
/// decides; before it, its history dates.
fn open_on(row: &ActionRow, day: NaiveDate, as_of: NaiveDate) -> bool {
    if day >= as_of {
        return row.status == ActionStatus::Open;
    }
    let opened = row.opened_at.is_some_and(|o| o <= day);
    let still_open = match (row.status, row.closed_at) {
        (ActionStatus::Open, _) => true,
        (_, Some(closed)) => closed > day,
        // Closed, but history cannot say when: count it as closed all along.
        (_, None) => false,
    };
    opened && still_open
}

fn overdue_on(row: &ActionRow, day: NaiveDate, as_of: NaiveDate) -> bool {
    open_on(row, day, as_of) && row.due.is_some_and(|due| due < day)
}

fn closed_between(row: &ActionRow, after: NaiveDate, until: NaiveDate) -> bool {
    row.status != ActionStatus::Open && row.closed_at.is_some_and(|c| c > after && c <= until)
}

pub fn build(
    settings: &Settings,
    docs: &[DocSummary],
    rows: Vec<ActionRow>,
    taxonomy: &BTreeMap<String, Vec<String>>,
) -> Report {
    let as_of = settings.as_of;
    let window = settings.window_days.max(1);
    let window_start = minus_days(as_of, window - 1);
    let previous_end = minus_days(as_of, window);
    let due_soon_until = plus_days(as_of, settings.due_soon_days.max(window));

    let mut rows = rows;
    actions::sort(&mut rows);
    // The factor groups need only the summaries: they are worked out on the other core meanwhile.
    let (mut recurring_factors, (stats, metrics, weekly)) = rayon::join(
        || factors::group(docs, taxonomy),
        || {
            let all: Vec<&DocSummary> = docs.iter().collect();
            let stats = stats::compute(&all);
            let metrics = metrics(settings, docs, &rows, previous_end);
            let weekly = if settings.history { weekly(&rows, as_of) } else { Vec::new() };
            (stats, metrics, weekly)
        },
    );
    recurring_factors.retain(|g| g.count >= 2);
    recurring_factors.truncate(settings.top_factors);

    // Overdue, due soon, closed, untracked, slipped: each row is moved into the last list it
    // belongs to and cloned only into the others (few rows belong to more than one). Rows are
    // sorted, so every list is too.
    let member = |row: &ActionRow| {
        let open = row.status == ActionStatus::Open;
        [
            open && row.due.is_some_and(|d| d < as_of),
            open && row.due.is_some_and(|d| d >= as_of && d <= due_soon_until),
            closed_between(row, previous_end, as_of),
            open && (row.owner.is_none() || row.due.is_none()),
            open && row.due_slips.is_some_and(|s| s >= 2),
        ]
    };
    let members: Vec<[bool; 5]> = rows.iter().map(member).collect();
    // Sized up front: the overdue list alone can hold tens of thousands of rows.
    let mut lists: [Vec<ActionRow>; 5] =
        std::array::from_fn(|list| Vec::with_capacity(members.iter().filter(|m| m[list]).count()));
    for (row, member) in rows.into_iter().zip(members) {
        let Some(last) = member.iter().rposition(|&m| m) else { continue };
        for (list, _) in member.iter().enumerate().take(last).filter(|(_, &m)| m) {
            lists[list].push(row.clone());
        }
        lists[last].push(row);
    }
    let [overdue, due_soon, mut closed, untracked, slipped] = lists;
    closed.sort_by(|a, b| b.closed_at.cmp(&a.closed_at).then(a.path.cmp(&b.path)).then(a.line.cmp(&b.line)));

    let mut stale_drafts: Vec<StaleDraft> = docs
        .iter()
        .filter(|d| d.status == Some(Status::Draft))
        .filter_map(|d| {
            // A draft is as old as the incident it is late for, even if its file is newer.
            let started = [d.created_at, d.date].into_iter().flatten().min()?;
            let age_days = (as_of - started).num_days();
            (age_days > settings.stale_draft_days).then(|| StaleDraft {
                postmortem: d.id.clone(),
                path: d.path.clone(),
                title: d.title.clone(),
                owner: d.owner.clone(),
                date: d.date,
                created_at: d.created_at,
                age_days,
            })
        })
        .collect();
    stale_drafts.sort_by(|a, b| b.age_days.cmp(&a.age_days).then(a.path.cmp(&b.path)));

    Report {
        as_of,
        commit: settings.commit.clone(),
        window_days: window,
        window_start,
        due_soon_until,
        history: settings.history,
        overdue,
        due_soon,
        closed,
        untracked,
        slipped,
        stale_drafts,
        recurring_factors,
        stats,
        metrics,
        weekly,
        monthly: monthly(docs, as_of),
    }
}

/// The figures on `as_of` and at the end of the previous window.
fn metrics(settings: &Settings, docs: &[DocSummary], rows: &[ActionRow], previous_end: NaiveDate) -> Vec<Metric> {
    let as_of = settings.as_of;
    let window = settings.window_days.max(1);
    let history = settings.history;
    let at = |day: NaiveDate| -> [Option<f64>; 8] {
        let dated: Vec<&DocSummary> = docs.iter().filter(|d| d.date.is_some_and(|date| date <= day)).collect();
        let minutes = |f: fn(&DocSummary) -> Option<i64>| {
            median(dated.iter().filter_map(|d| f(d)).filter(|&m| m >= 0).map(|m| m as f64).collect())
        };
        let open = rows.iter().filter(|r| open_on(r, day, as_of)).count();
        let overdue = rows.iter().filter(|r| overdue_on(r, day, as_of)).count();
        let done_by =
            |r: &&ActionRow| r.status == ActionStatus::Done && (day >= as_of || r.closed_at.is_some_and(|c| c <= day));
        let done = rows.iter().filter(done_by).count();
        let closed = rows.iter().filter(|r| closed_between(r, minus_days(day, window), day)).count();
        let days_to_close = rows
            .iter()
            .filter(done_by)
            .filter_map(|r| Some((r.closed_at? - r.opened_at?).num_days()))
            .filter(|&d| d >= 0)
            .map(|d| d as f64)
            .collect();
        let incidents =
            docs.iter().filter(|d| d.date.is_some_and(|date| date <= day && date > minus_days(day, window))).count();
        let needs_history = |v: f64| (history || day >= as_of).then_some(v);
        [
            Some(incidents as f64),
            needs_history(open as f64),
            needs_history(overdue as f64),
            history.then_some(closed as f64),
            if history || day >= as_of { rate(done, done + open) } else { None },
            minutes(|d| d.minutes_to_detect),
            minutes(|d| d.minutes_to_resolve),
            median(days_to_close),
        ]
    };
    let now = at(as_of);
    let before = at(previous_end);
    const NAMES: [(&str, Unit); 8] = [
        ("incidents_in_window", Unit::Count),
        ("open_actions", Unit::Count),
        ("overdue_actions", Unit::Count),
        ("closed_in_window", Unit::Count),
        ("action_completion_rate", Unit::Ratio),
        ("median_minutes_to_detect", Unit::Minutes),
        ("median_minutes_to_resolve", Unit::Minutes),
        ("median_days_to_close_action", Unit::Days),
    ];
    NAMES
        .iter()
        .zip(now.iter().zip(before.iter()))
        .map(|(&(metric, unit), (&value, &previous))| Metric {
            metric,
            unit,
            value,
            previous,
            change: match (value, previous) {
                (Some(v), Some(p)) => Some(((v - p) * 1000.0).round() / 1000.0),
                _ => None,
            },
        })
        .collect()
}

/// Open and overdue items at the end of each of the last [`CHART_WEEKS`] weeks, oldest first.
fn weekly(rows: &[ActionRow], as_of: NaiveDate) -> Vec<WeekPoint> {
    let ends: Vec<NaiveDate> = (0..CHART_WEEKS).rev().map(|back| minus_days(as_of, 7 * back as i64)).collect();
    let mut points: Vec<WeekPoint> = ends.iter().map(|&week_end| WeekPoint { week_end, open: 0, overdue: 0 }).collect();
    for row in rows {
        for point in &mut points {
            if open_on(row, point.week_end, as_of) {
                point.open += 1;
                if row.due.is_some_and(|due| due < point.week_end) {
                    point.overdue += 1;
                }
            }
        }
    }
    points
}

/// Incidents per month by severity over the [`CHART_MONTHS`] months ending with `as_of`'s month.
fn monthly(docs: &[DocSummary], as_of: NaiveDate) -> Vec<MonthCount> {
    let this_month = NaiveDate::from_ymd_opt(as_of.year(), as_of.month(), 1).unwrap_or(as_of);
    // Each incident's month once, rather than once per month of the chart.
    let months: Vec<Option<(i32, u32)>> =
        docs.iter().map(|d| d.date.filter(|&date| date <= as_of).map(|date| (date.year(), date.month()))).collect();
    (0..CHART_MONTHS)
        .rev()
        .map(|back| {
            let start = this_month.checked_sub_months(Months::new(back)).unwrap_or(this_month);
            let month = start.format("%Y-%m").to_string();
            let mut by_severity = BTreeMap::new();
            for (doc, _) in docs.iter().zip(&months).filter(|(_, m)| **m == Some((start.year(), start.month()))) {
                let severity = doc.severity.clone().unwrap_or_else(|| stats::NONE.to_string());
                *by_severity.entry(severity).or_insert(0) += 1;
            }
            MonthCount { month, by_severity }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn row(line: usize, status: ActionStatus, due: Option<&str>, opened: &str, closed: Option<&str>) -> ActionRow {
        let due = due.map(date);
        let as_of = date("2026-06-30");
        let days_overdue = match (status, due) {
            (ActionStatus::Open, Some(d)) if d < as_of => Some((as_of - d).num_days()),
            _ => None,
        };
        ActionRow {
            postmortem: "pm".into(),
            path: "pm/pm.md".into(),
            line,
            text: format!("item {line}"),
            owner: Some("@lin".into()),
            due,
            ticket: None,
            status,
            overdue: days_overdue.is_some(),
            days_overdue,
            opened_at: Some(date(opened)),
            closed_at: closed.map(date),
            closed_commit: None,
            due_slips: Some(0),
        }
    }

    fn settings(history: bool) -> Settings {
        Settings {
            as_of: date("2026-06-30"),
            commit: None,
            window_days: 7,
            due_soon_days: 14,
            stale_draft_days: 30,
            history,
            top_factors: 10,
        }
    }

    fn doc(day: &str, severity: &str, status: Status) -> DocSummary {
        let mut d = DocSummary::of(&crate::document::digest::Digest::whole(crate::document::parse(
            format!("pm/{day}-x.md"),
            format!("---\nseverity: {severity}\nstatus: {}\n---\n", status.as_str()),
            &crate::document::ParseOptions::default(),
        )));
        d.date = Some(date(day));
        d
    }

    #[test]
    fn lists_sort_items_into_what_needs_doing() {
        let mut untracked = row(5, ActionStatus::Open, None, "2026-06-01", None);
        untracked.owner = None;
        let mut slipped = row(6, ActionStatus::Open, Some("2026-07-30"), "2026-05-01", None);
        slipped.due_slips = Some(2);
        let rows = vec![
            row(1, ActionStatus::Open, Some("2026-06-01"), "2026-05-01", None),
            row(2, ActionStatus::Open, Some("2026-07-10"), "2026-05-01", None),
            row(3, ActionStatus::Done, Some("2026-06-01"), "2026-05-01", Some("2026-06-28")),
            row(4, ActionStatus::Done, Some("2026-06-01"), "2026-05-01", Some("2026-06-20")),
            untracked,
            slipped,
            row(7, ActionStatus::Open, Some("2026-06-25"), "2026-05-01", None),
        ];
        let docs = vec![doc("2026-05-01", "P1", Status::Draft), doc("2026-06-29", "P2", Status::Draft)];
        let report = build(&settings(true), &docs, rows, &BTreeMap::new());
        let lines = |rows: &[ActionRow]| rows.iter().map(|r| r.line).collect::<Vec<_>>();
        assert_eq!(lines(&report.overdue), [1, 7]);
        assert_eq!(lines(&report.due_soon), [2]);
        assert_eq!(lines(&report.closed), [3]);
        assert_eq!(lines(&report.untracked), [5]);
        assert_eq!(lines(&report.slipped), [6]);
        assert_eq!(report.window_start, date("2026-06-24"));
        assert_eq!(report.due_soon_until, date("2026-07-14"));
        assert_eq!(report.stale_drafts.iter().map(|d| d.age_days).collect::<Vec<_>>(), [60]);

        let metric = |name: &str| report.metrics.iter().find(|m| m.metric == name).cloned();
        let overdue = metric("overdue_actions");
        // A week earlier item 7 was not yet due, and item 3 (closed since) was overdue.
        assert_eq!(overdue.map(|m| (m.value, m.previous, m.change)), Some((Some(2.0), Some(2.0), Some(0.0))));
        let open = metric("open_actions");
        // Items 3 (closed 06-28) was still open a week earlier.
        assert_eq!(open.map(|m| (m.value, m.previous)), Some((Some(5.0), Some(6.0))));
        assert_eq!(metric("closed_in_window").and_then(|m| m.value), Some(1.0));

        assert_eq!(report.weekly.len(), CHART_WEEKS);
        assert_eq!(report.weekly.last().map(|w| (w.week_end, w.open, w.overdue)), Some((date("2026-06-30"), 5, 2)));
        // Nothing had been opened twelve weeks back (mid-April).
        assert_eq!(report.weekly.first().map(|w| w.open), Some(0));
        assert_eq!(report.monthly.len(), 12);
        assert_eq!(report.monthly.last().map(|m| m.month.as_str()), Some("2026-06"));
        assert_eq!(report.monthly.last().and_then(|m| m.by_severity.get("P2").copied()), Some(1));
    }

    #[test]
    fn without_history_past_figures_are_unknown() {
        let rows = vec![row(1, ActionStatus::Open, Some("2026-06-01"), "2026-05-01", None)];
        let report = build(&settings(false), &[], rows, &BTreeMap::new());
        let open = report.metrics.iter().find(|m| m.metric == "open_actions").cloned();
        assert_eq!(open.map(|m| (m.value, m.previous, m.change)), Some((Some(1.0), None, None)));
        assert!(report.weekly.is_empty());
    }
}
