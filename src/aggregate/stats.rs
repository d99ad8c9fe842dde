//! Incident metrics (`pmctl stats`, and the report's metrics): counts, medians of the timeline
//! milestones, action-item completion, and the durations history knows.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::summary::DocSummary;
use crate::document::ActionStatus;

/// The metrics of a set of post-mortems (SPEC §4.2 `stats` shape, plus a few more counts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub postmortems: usize,
    /// Severity → count; post-mortems without one count under `none`.
    pub by_severity: BTreeMap<String, usize>,
    /// Document status → count.
    pub by_status: BTreeMap<String, usize>,
    /// Frontmatter `detection` → count.
    pub by_detection: BTreeMap<String, usize>,
    /// Median of `[detected]` − `[start]` over the timelines that have both.
    pub median_minutes_to_detect: Option<f64>,
    pub median_minutes_to_mitigate: Option<f64>,
    pub median_minutes_to_resolve: Option<f64>,
    pub actions_open: usize,
    pub actions_done: usize,
    pub actions_dropped: usize,
    /// done ÷ (done + open), 0–1; dropped items count in neither.
    pub action_completion_rate: Option<f64>,
    /// From history: median days from an item's first commit to the commit that checked it, over
    /// done items.
    pub median_days_to_close_action: Option<f64>,
    /// From history: median days from the incident date to the document's first commit.
    pub median_days_to_first_draft: Option<f64>,
}

/// What `--by` groups on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    Severity,
    Service,
    Month,
}

/// The overall metrics and, with `--by`, the metrics of each group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsReport {
    #[serde(flatten)]
    pub overall: Stats,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<By>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupStats>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupStats {
    /// The severity, service or `YYYY-MM`; `none` for post-mortems without one.
    pub group: String,
    #[serde(flatten)]
    pub stats: Stats,
}

/// The label of post-mortems that have no value for what is counted or grouped on.
pub const NONE: &str = "none";

pub fn compute(docs: &[&DocSummary]) -> Stats {
    let count = |key: fn(&DocSummary) -> Option<String>| {
        let mut map = BTreeMap::new();
        for doc in docs {
            *map.entry(key(doc).unwrap_or_else(|| NONE.to_string())).or_insert(0) += 1;
        }
        map
    };
    let minutes = |f: fn(&DocSummary) -> Option<i64>| {
        // A negative span is a timeline out of order (lint reports it), not a measurement.
        median(docs.iter().filter_map(|d| f(d)).filter(|&m| m >= 0).map(|m| m as f64).collect())
    };
    let actions = docs.iter().flat_map(|d| d.actions.iter());
    let tally = |status| actions.clone().filter(|a| a.status == status).count();
    let (open, done, dropped) = (tally(ActionStatus::Open), tally(ActionStatus::Done), tally(ActionStatus::Dropped));
    let days_to_close = actions
        .clone()
        .filter(|a| a.status == ActionStatus::Done)
        .filter_map(|a| Some((a.closed_at? - a.opened_at?).num_days()))
        .filter(|&d| d >= 0)
        .map(|d| d as f64)
        .collect();
    let days_to_draft = docs
        .iter()
        .filter_map(|d| Some((d.created_at? - d.date?).num_days()))
        .filter(|&d| d >= 0)
        .map(|d| d as f64)
        .collect();
    Stats {
        postmortems: docs.len(),
        by_severity: count(|d| d.severity.clone()),
        by_status: count(|d| d.status.map(|s| s.as_str().to_string())),
        by_detection: count(|d| d.detection.clone()),
        median_minutes_to_detect: minutes(|d| d.minutes_to_detect),
        median_minutes_to_mitigate: minutes(|d| d.minutes_to_mitigate),
        median_minutes_to_resolve: minutes(|d| d.minutes_to_resolve),
        actions_open: open,
        actions_done: done,
        actions_dropped: dropped,
        action_completion_rate: rate(done, done + open),
        median_days_to_close_action: median(days_to_close),
        median_days_to_first_draft: median(days_to_draft),
    }
}

/// The overall metrics and, with `by`, one set per group (a post-mortem with several services
/// counts in each; groups in key order, months oldest first).
pub fn report(docs: &[DocSummary], by: Option<By>) -> StatsReport {
    let all: Vec<&DocSummary> = docs.iter().collect();
    let groups = by.map(|by| {
        let mut grouped: BTreeMap<String, Vec<&DocSummary>> = BTreeMap::new();
        for doc in docs {
            let keys: Vec<String> = match by {
                By::Severity => vec![doc.severity.clone().unwrap_or_else(|| NONE.into())],
                By::Month => vec![doc.month().unwrap_or_else(|| NONE.into())],
                By::Service if doc.services.is_empty() => vec![NONE.into()],
                By::Service => {
                    let mut services = doc.services.clone();
                    services.sort();
                    services.dedup();
                    services
                }
            };
            for key in keys {
                grouped.entry(key).or_default().push(doc);
            }
        }
        grouped.into_iter().map(|(group, docs)| GroupStats { group, stats: compute(&docs) }).collect()
    });
    StatsReport { overall: compute(&all), by, groups }
}

/// The middle value (mean of the two middle ones for an even count), to one decimal.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    let value = if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]) / 2.0 };
    Some((value * 10.0).round() / 10.0)
}

/// `part ÷ whole` to three decimals, `None` when there is nothing to divide.
pub fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 1000.0).round() / 1000.0)
}

/// Days between two dates, for callers that have both.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::summary::ActionSummary;

    fn date(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    fn doc(severity: &str, day: &str, services: &[&str], detect: i64, resolve: Option<i64>) -> DocSummary {
        DocSummary {
            id: format!("{day}-{severity}"),
            path: String::new(),
            title: None,
            severity: Some(severity.into()),
            status: None,
            owner: None,
            date: date(day),
            services: services.iter().map(|s| s.to_string()).collect(),
            detection: Some("monitoring".into()),
            minutes_to_detect: Some(detect),
            minutes_to_mitigate: None,
            minutes_to_resolve: resolve,
            factor_tags: vec![],
            factor_bullets: vec![],
            actions: vec![],
            created_at: None,
        }
    }

    #[test]
    fn medians_counts_and_completion() {
        let mut a = doc("P1", "2026-01-10", &["api", "auth"], 10, Some(60));
        let b = doc("P2", "2026-01-20", &["api"], 20, Some(90));
        let mut c = doc("P2", "2026-02-01", &[], 41, None);
        a.actions = vec![
            ActionSummary { status: ActionStatus::Done, opened_at: date("2026-01-11"), closed_at: date("2026-01-21") },
            ActionSummary { status: ActionStatus::Done, opened_at: date("2026-01-11"), closed_at: date("2026-01-15") },
            ActionSummary { status: ActionStatus::Open, opened_at: date("2026-01-11"), closed_at: None },
        ];
        a.created_at = date("2026-01-12");
        c.actions = vec![ActionSummary { status: ActionStatus::Dropped, opened_at: None, closed_at: None }];
        c.created_at = date("2026-02-06");
        let docs = [a, b, c];
        let report = report(&docs, Some(By::Service));
        let s = &report.overall;
        assert_eq!(s.postmortems, 3);
        assert_eq!(s.by_severity.get("P2"), Some(&2));
        assert_eq!(s.median_minutes_to_detect, Some(20.0));
        assert_eq!(s.median_minutes_to_resolve, Some(75.0));
        assert_eq!((s.actions_open, s.actions_done, s.actions_dropped), (1, 2, 1));
        assert_eq!(s.action_completion_rate, Some(0.667));
        assert_eq!(s.median_days_to_close_action, Some(7.0));
        assert_eq!(s.median_days_to_first_draft, Some(3.5));
        let groups = report.groups.unwrap_or_default();
        let names: Vec<&str> = groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(names, ["api", "auth", "none"]);
        assert_eq!(groups[0].stats.postmortems, 2);
    }

    #[test]
    fn nothing_to_measure_is_null_not_zero() {
        let s = compute(&[]);
        assert_eq!((s.median_minutes_to_detect, s.action_completion_rate), (None, None));
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
    }
}
