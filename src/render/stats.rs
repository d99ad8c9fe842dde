//! Views of a [`StatsReport`]: the overall figures as a short list, groups as a table; Markdown;
//! JSON (SPEC §4.2).

use std::collections::BTreeMap;

use super::markdown;
use super::style::Style;
use super::table::{self, Cell, Column};
use crate::aggregate::stats::{By, Stats, StatsReport};

/// `41 min`, `2 h 5 min`, or `-` when unknown.
pub fn minutes(value: Option<f64>) -> String {
    match value {
        None => "-".to_string(),
        Some(m) if m < 60.0 => format!("{} min", number(m)),
        Some(m) => {
            let whole = m.round() as i64;
            let (h, rest) = (whole / 60, whole % 60);
            if rest == 0 {
                format!("{h} h")
            } else {
                format!("{h} h {rest} min")
            }
        }
    }
}

pub fn days(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |d| format!("{} d", number(d)))
}

pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |r| format!("{}%", number((r * 1000.0).round() / 10.0)))
}

/// A number without a trailing `.0`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{}", value as i64)
    } else {
        format!("{value:.1}")
    }
}

/// `P1 4 · P2 6 · P3 3`.
pub fn counts(map: &BTreeMap<String, usize>) -> String {
    if map.is_empty() {
        return "-".to_string();
    }
    map.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(" · ")
}

/// The overall figures as label–value lines.
pub fn lines(stats: &Stats) -> Vec<(&'static str, String)> {
    vec![
        ("Post-mortems", stats.postmortems.to_string()),
        ("By severity", counts(&stats.by_severity)),
        ("By status", counts(&stats.by_status)),
        ("By detection", counts(&stats.by_detection)),
        ("Median time to detect", minutes(stats.median_minutes_to_detect)),
        ("Median time to mitigate", minutes(stats.median_minutes_to_mitigate)),
        ("Median time to resolve", minutes(stats.median_minutes_to_resolve)),
        (
            "Action items",
            format!("{} open · {} done · {} dropped", stats.actions_open, stats.actions_done, stats.actions_dropped),
        ),
        ("Action completion rate", percent(stats.action_completion_rate)),
        ("Median days to close an action", days(stats.median_days_to_close_action)),
        ("Median days to first draft", days(stats.median_days_to_first_draft)),
    ]
}

/// The group table's columns, in capitals for the terminal or title case for Markdown.
fn columns(by: By, markdown: bool) -> [Column; 8] {
    let group = match (by, markdown) {
        (By::Severity, false) => "SEVERITY",
        (By::Service, false) => "SERVICE",
        (By::Month, false) => "MONTH",
        (By::Severity, true) => "Severity",
        (By::Service, true) => "Service",
        (By::Month, true) => "Month",
    };
    let names = if markdown {
        ["Post-mortems", "Detect", "Resolve", "Open actions", "Completion", "Days to close", "Days to draft"]
    } else {
        ["POST-MORTEMS", "DETECT", "RESOLVE", "OPEN ACTIONS", "COMPLETION", "DAYS TO CLOSE", "DAYS TO DRAFT"]
    };
    let mut out = [Column::left(group); 8];
    for (slot, name) in out.iter_mut().skip(1).zip(names) {
        *slot = Column::right(name);
    }
    out
}

fn group_row(group: &str, s: &Stats) -> Vec<String> {
    vec![
        group.to_string(),
        s.postmortems.to_string(),
        minutes(s.median_minutes_to_detect),
        minutes(s.median_minutes_to_resolve),
        s.actions_open.to_string(),
        percent(s.action_completion_rate),
        days(s.median_days_to_close_action),
        days(s.median_days_to_first_draft),
    ]
}

pub fn table(report: &StatsReport, style: Style) -> String {
    let mut out = String::new();
    let label_width = lines(&report.overall).iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    for (label, value) in lines(&report.overall) {
        out.push_str(&format!("{}  {value}\n", style.bold(&format!("{label:<label_width$}"))));
    }
    if let (Some(by), Some(groups)) = (report.by, &report.groups) {
        out.push('\n');
        let columns = columns(by, false);
        let rows: Vec<Vec<Cell>> =
            groups.iter().map(|g| group_row(&g.group, &g.stats).into_iter().map(Cell::new).collect()).collect();
        out.push_str(&table::render(&columns, &rows, style));
    }
    out
}

pub fn markdown(report: &StatsReport) -> String {
    let mut out = String::from("| Metric | Value |\n| --- | --- |\n");
    for (label, value) in lines(&report.overall) {
        out.push_str(&format!("| {label} | {} |\n", markdown::escape(&value)));
    }
    if let (Some(by), Some(groups)) = (report.by, &report.groups) {
        out.push('\n');
        let columns = columns(by, true);
        let rows: Vec<Vec<String>> = groups.iter().map(|g| group_row(&g.group, &g.stats)).collect();
        out.push_str(&markdown::table(&columns, &rows));
    }
    out
}

pub fn json(report: &StatsReport) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(minutes(Some(41.0)), "41 min");
        assert_eq!(minutes(Some(7.5)), "7.5 min");
        assert_eq!(minutes(Some(120.0)), "2 h");
        assert_eq!(minutes(Some(238.0)), "3 h 58 min");
        assert_eq!(minutes(None), "-");
        assert_eq!(percent(Some(0.667)), "66.7%");
        assert_eq!(days(Some(3.0)), "3 d");
    }
}
