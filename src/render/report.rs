//! Views of the weekly [`Report`]: Markdown to paste into chat or a wiki, one self-contained HTML
//! file with inline SVG charts, and JSON (SPEC §4.2).
//!
//! Markdown and HTML are built from the same sections (a title, a note, a table), so they never
//! disagree about what the report says.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::html::escape;
use super::markdown;
use super::stats::{minutes, number};
use super::svg::{self, Group, Layout, Series};
use super::table::{Align, Column};
use crate::aggregate::actions::ActionRow;
use crate::aggregate::report::{Metric, Report, Unit};

/// A table cell: text, or text linking to a file and line.
#[derive(Debug, Clone)]
enum Text {
    Plain(String),
    Link { text: String, href: String },
}

impl Text {
    fn plain(text: impl Into<String>) -> Text {
        Text::Plain(text.into())
    }
    fn markdown(&self) -> String {
        match self {
            Text::Plain(text) => markdown::escape(text),
            Text::Link { text, href } => format!("[{}]({})", markdown::escape(text), href.replace(' ', "%20")),
        }
    }
    fn html(&self) -> String {
        match self {
            Text::Plain(text) => escape(text),
            Text::Link { text, href } => format!("<a href=\"{}\">{}</a>", escape(href), escape(text)),
        }
    }
}

struct Section {
    /// Heading level: 2 for a section, 3 for a sub-section (an owner's overdue items).
    level: usize,
    title: String,
    /// A line under the heading (what the list holds, or why it is empty).
    note: Option<String>,
    columns: Vec<Column>,
    rows: Vec<Vec<Text>>,
    /// Shown instead of an empty table.
    empty: &'static str,
    /// The section needs history; without it, only the note is shown.
    needs_history: bool,
}

fn where_(row: &ActionRow) -> Text {
    Text::Link { text: format!("{}:{}", row.path, row.line), href: format!("{}#L{}", row.path, row.line) }
}

fn day(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "-".to_string(), |d| d.to_string())
}

fn owner(row: &ActionRow) -> String {
    row.owner.clone().unwrap_or_else(|| "-".to_string())
}

fn metric_label(metric: &str) -> &'static str {
    match metric {
        "incidents_in_window" => "Incidents in the window",
        "open_actions" => "Open action items",
        "overdue_actions" => "Overdue action items",
        "closed_in_window" => "Action items closed in the window",
        "action_completion_rate" => "Action completion rate",
        "median_minutes_to_detect" => "Median time to detect",
        "median_minutes_to_resolve" => "Median time to resolve",
        "median_days_to_close_action" => "Median days to close an action",
        _ => "",
    }
}

fn metric_value(unit: Unit, value: Option<f64>) -> String {
    let Some(v) = value else { return "-".to_string() };
    match unit {
        Unit::Count => number(v),
        Unit::Ratio => format!("{}%", number((v * 1000.0).round() / 10.0)),
        Unit::Minutes => minutes(Some(v)),
        Unit::Days => format!("{} d", number(v)),
    }
}

fn metric_change(metric: &Metric) -> String {
    let Some(change) = metric.change else { return "-".to_string() };
    if change == 0.0 {
        return "±0".to_string();
    }
    let sign = if change > 0.0 { "+" } else { "−" };
    let size = change.abs();
    let amount = match metric.unit {
        Unit::Count => number(size),
        Unit::Ratio => format!("{} pts", number((size * 1000.0).round() / 10.0)),
        Unit::Minutes => format!("{} min", number((size * 10.0).round() / 10.0)),
        Unit::Days => format!("{} d", number(size)),
    };
    format!("{sign}{amount}")
}

/// Whether a change is good news: fewer open or overdue items, faster detection, more closed.
fn improves(metric: &Metric) -> Option<bool> {
    let change = metric.change.filter(|c| *c != 0.0)?;
    let more_is_better = matches!(metric.metric, "closed_in_window" | "action_completion_rate");
    Some((change > 0.0) == more_is_better)
}

/// Overdue items by owner: the owner with the most overdue item first, items most overdue first.
fn overdue_by_owner(rows: &[ActionRow]) -> Vec<(String, Vec<&ActionRow>)> {
    let mut owners: BTreeMap<String, Vec<&ActionRow>> = BTreeMap::new();
    for row in rows {
        owners.entry(row.owner.clone().unwrap_or_else(|| "No owner".to_string())).or_default().push(row);
    }
    let mut grouped: Vec<(String, Vec<&ActionRow>)> = owners.into_iter().collect();
    for (_, items) in &mut grouped {
        items.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.path.cmp(&b.path)).then(a.line.cmp(&b.line)));
    }
    let worst = |items: &[&ActionRow]| items.iter().filter_map(|r| r.days_overdue).max().unwrap_or(0);
    grouped.sort_by(|a, b| worst(&b.1).cmp(&worst(&a.1)).then(a.0.cmp(&b.0)));
    grouped
}

fn sections(report: &Report) -> Vec<Section> {
    let mut out = Vec::new();
    let no_history = "History is unavailable, so this is unknown.";
    out.push(Section {
        level: 2,
        title: "Metrics".into(),
        note: Some(format!("Now, and at the end of the previous {}-day window.", report.window_days)),
        columns: vec![Column::left("Metric"), Column::right("Now"), Column::right("Previous"), Column::right("Change")],
        rows: report
            .metrics
            .iter()
            .map(|m| {
                vec![
                    Text::plain(metric_label(m.metric)),
                    Text::plain(metric_value(m.unit, m.value)),
                    Text::plain(metric_value(m.unit, m.previous)),
                    Text::plain(metric_change(m)),
                ]
            })
            .collect(),
        empty: "",
        needs_history: false,
    });
    out.push(Section {
        level: 2,
        title: format!("Overdue ({})", report.overdue.len()),
        note: (!report.overdue.is_empty()).then(|| "By owner, most overdue first.".to_string()),
        columns: vec![],
        rows: vec![],
        empty: "Nothing is overdue.",
        needs_history: false,
    });
    for (name, items) in overdue_by_owner(&report.overdue) {
        let worst = items.first().and_then(|r| r.days_overdue).unwrap_or(0);
        out.push(Section {
            level: 3,
            title: format!("{name}: {} overdue, up to {worst} days", items.len()),
            note: None,
            columns: vec![
                Column::right("Days overdue"),
                Column::left("Due"),
                Column::left("Item"),
                Column::left("Where"),
            ],
            rows: items
                .iter()
                .map(|r| {
                    vec![
                        Text::plain(r.days_overdue.unwrap_or(0).to_string()),
                        Text::plain(day(r.due)),
                        Text::plain(&r.text),
                        where_(r),
                    ]
                })
                .collect(),
            empty: "",
            needs_history: false,
        });
    }
    out.push(Section {
        level: 2,
        title: format!("Due by {} ({})", report.due_soon_until, report.due_soon.len()),
        note: None,
        columns: vec![Column::left("Due"), Column::left("Owner"), Column::left("Item"), Column::left("Where")],
        rows: report
            .due_soon
            .iter()
            .map(|r| vec![Text::plain(day(r.due)), Text::plain(owner(r)), Text::plain(&r.text), where_(r)])
            .collect(),
        empty: "Nothing falls due soon.",
        needs_history: false,
    });
    out.push(Section {
        level: 2,
        title: format!("Closed from {} to {} ({})", report.window_start, report.as_of, report.closed.len()),
        note: (!report.history).then(|| no_history.to_string()),
        columns: vec![
            Column::left("Closed"),
            Column::left("Status"),
            Column::left("Owner"),
            Column::left("Item"),
            Column::left("Where"),
        ],
        rows: report
            .closed
            .iter()
            .map(|r| {
                vec![
                    Text::plain(day(r.closed_at)),
                    Text::plain(r.status.as_str()),
                    Text::plain(owner(r)),
                    Text::plain(&r.text),
                    where_(r),
                ]
            })
            .collect(),
        empty: "Nothing was closed in the window.",
        needs_history: true,
    });
    out.push(Section {
        level: 2,
        title: format!("No owner or no due date ({})", report.untracked.len()),
        note: None,
        columns: vec![
            Column::left("Missing"),
            Column::left("Owner"),
            Column::left("Due"),
            Column::left("Item"),
            Column::left("Where"),
        ],
        rows: report
            .untracked
            .iter()
            .map(|r| {
                let missing = match (&r.owner, r.due) {
                    (None, None) => "owner, due date",
                    (None, Some(_)) => "owner",
                    _ => "due date",
                };
                vec![
                    Text::plain(missing),
                    Text::plain(owner(r)),
                    Text::plain(day(r.due)),
                    Text::plain(&r.text),
                    where_(r),
                ]
            })
            .collect(),
        empty: "Every open item has an owner and a due date.",
        needs_history: false,
    });
    out.push(Section {
        level: 2,
        title: format!("Due date moved twice or more ({})", report.slipped.len()),
        note: (!report.history).then(|| no_history.to_string()),
        columns: vec![
            Column::right("Moves"),
            Column::left("Due"),
            Column::left("Owner"),
            Column::left("Item"),
            Column::left("Where"),
        ],
        rows: report
            .slipped
            .iter()
            .map(|r| {
                vec![
                    Text::plain(r.due_slips.unwrap_or(0).to_string()),
                    Text::plain(day(r.due)),
                    Text::plain(owner(r)),
                    Text::plain(&r.text),
                    where_(r),
                ]
            })
            .collect(),
        empty: "No due date has moved twice.",
        needs_history: true,
    });
    out.push(Section {
        level: 2,
        title: format!("Stale drafts ({})", report.stale_drafts.len()),
        note: Some("Drafts started longer ago than the stale threshold (`report.stale_draft_days`).".into()),
        columns: vec![
            Column::right("Age (days)"),
            Column::left("Post-mortem"),
            Column::left("Owner"),
            Column::left("Incident"),
            Column::left("Started"),
        ],
        rows: report
            .stale_drafts
            .iter()
            .map(|d| {
                vec![
                    Text::plain(d.age_days.to_string()),
                    Text::Link { text: d.title.clone().unwrap_or_else(|| d.postmortem.clone()), href: d.path.clone() },
                    Text::plain(d.owner.clone().unwrap_or_else(|| "-".into())),
                    Text::plain(day(d.date)),
                    Text::plain(day(d.created_at)),
                ]
            })
            .collect(),
        empty: "No draft is stale.",
        needs_history: false,
    });
    out.push(Section {
        level: 2,
        title: "Top recurring factors".into(),
        note: Some(
            "\"Recurred after fixes\": it came back after every action item of its earlier post-mortems was closed."
                .into(),
        ),
        columns: vec![
            Column::right("Count"),
            Column::left("Factor"),
            Column::left("Last seen"),
            Column::right("Open actions"),
            Column::left("Recurred after fixes"),
        ],
        rows: report
            .recurring_factors
            .iter()
            .map(|g| {
                let recurred = match g.recurred_after_fixes {
                    Some(true) => format!("yes: {}", g.recurred_in.join(", ")),
                    Some(false) => "no".into(),
                    None => "unknown".into(),
                };
                vec![
                    Text::plain(g.count.to_string()),
                    Text::plain(&g.factor),
                    Text::plain(day(g.last_seen)),
                    Text::plain(g.open_actions.to_string()),
                    Text::plain(recurred),
                ]
            })
            .collect(),
        empty: "No contributing factor recurs.",
        needs_history: false,
    });
    out
}

fn headline(report: &Report) -> String {
    let mut parts = vec![
        format!("{} overdue", report.overdue.len()),
        format!("{} due by {}", report.due_soon.len(), report.due_soon_until),
    ];
    if report.history {
        parts.push(format!("{} closed in the window", report.closed.len()));
    }
    parts.push(format!("{} without owner or due date", report.untracked.len()));
    parts.push(super::plural(report.stale_drafts.len(), "stale draft", "stale drafts"));
    parts.join(" · ")
}

fn meta(report: &Report) -> String {
    let mut text = format!(
        "As of {} · window {} to {} ({} days)",
        report.as_of, report.window_start, report.as_of, report.window_days
    );
    if let Some(commit) = &report.commit {
        text.push_str(&format!(" · commit {}", commit.get(..12).unwrap_or(commit)));
    }
    text
}

pub fn markdown(report: &Report) -> String {
    // Blocks (headings, notes, tables) separated by one blank line.
    let mut blocks = vec![
        format!("# Post-mortem report, week to {}", report.as_of),
        meta(report),
        format!("**{}**", headline(report)),
    ];
    if !report.history {
        blocks.push("_History is unavailable: closed items, due-date moves and past figures are unknown._".into());
    }
    for section in sections(report) {
        blocks.push(format!("{} {}", "#".repeat(section.level), markdown::escape(&section.title)));
        if let Some(note) = &section.note {
            blocks.push(note.clone());
        }
        if section.needs_history && !report.history {
            continue;
        }
        if section.columns.is_empty() {
            if section.title.ends_with("(0)") {
                blocks.push(section.empty.to_string());
            }
            continue;
        }
        if section.rows.is_empty() {
            blocks.push(section.empty.to_string());
            continue;
        }
        // Cells are escaped (and links built) here, so the table is written directly.
        let headers: Vec<&str> = section.columns.iter().map(|c| c.header).collect();
        let rule: Vec<&str> =
            section.columns.iter().map(|c| if c.align == Align::Right { "---:" } else { "---" }).collect();
        let mut lines = vec![format!("| {} |", headers.join(" | ")), format!("| {} |", rule.join(" | "))];
        for row in &section.rows {
            let cells: Vec<String> = row.iter().map(Text::markdown).collect();
            lines.push(format!("| {} |", cells.join(" | ")));
        }
        blocks.push(lines.join("\n"));
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// [`json`], written straight to `out`. A large corpus's report runs to tens of megabytes, nearly
/// all of it action items: their rows are serialised on every core, a few thousand at a time, and
/// put together exactly as `serde_json::to_writer_pretty` writes the report (a test holds the two
/// to each other).
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Every field by name (no `..`), so that a field added to the report cannot be left out here.
    let Report {
        as_of,
        commit,
        window_days,
        window_start,
        due_soon_until,
        history,
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
        monthly,
    } = report;
    let pretty = |value: &dyn erased::Serialize| -> io::Result<Part<'_>> { Ok(Part::Json(erased::to_pretty(value)?)) };
    let fields: [(&str, Part<'_>); 17] = [
        ("as_of", pretty(as_of)?),
        ("commit", pretty(commit)?),
        ("window_days", pretty(window_days)?),
        ("window_start", pretty(window_start)?),
        ("due_soon_until", pretty(due_soon_until)?),
        ("history", pretty(history)?),
        ("overdue", Part::Rows(overdue)),
        ("due_soon", Part::Rows(due_soon)),
        ("closed", Part::Rows(closed)),
        ("untracked", Part::Rows(untracked)),
        ("slipped", Part::Rows(slipped)),
        ("stale_drafts", pretty(stale_drafts)?),
        ("recurring_factors", pretty(recurring_factors)?),
        ("stats", pretty(stats)?),
        ("metrics", pretty(metrics)?),
        ("weekly", pretty(weekly)?),
        ("monthly", pretty(monthly)?),
    ];
    for (index, (name, part)) in fields.iter().enumerate() {
        out.write_all(if index == 0 { b"{\n  \"" } else { b",\n  \"" })?;
        out.write_all(name.as_bytes())?;
        out.write_all(b"\": ")?;
        match part {
            // A value one level down: what serde_json indents by one more step.
            Part::Json(json) => write_indented(out, json, b"\n  ")?,
            Part::Rows(rows) => write_rows(out, rows)?,
        }
    }
    out.write_all(b"\n}\n")
}

/// A top-level value of the report, as JSON written at the outermost level, or a list of rows.
enum Part<'a> {
    Json(Vec<u8>),
    Rows(&'a [ActionRow]),
}

/// Serialising the report's fields, whatever their types, through one closure.
mod erased {
    pub trait Serialize {
        fn pretty(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    }

    impl<T: serde::Serialize> Serialize for T {
        fn pretty(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
            serde_json::to_writer_pretty(out, self)
        }
    }

    pub fn to_pretty(value: &dyn Serialize) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        value.pretty(&mut out)?;
        Ok(out)
    }
}

/// `json` with `indent` in place of every line break (JSON strings hold no raw line break).
fn write_indented(out: &mut dyn Write, json: &[u8], indent: &[u8]) -> io::Result<()> {
    let mut lines = json.split(|&b| b == b'\n');
    if let Some(first) = lines.next() {
        out.write_all(first)?;
    }
    for line in lines {
        out.write_all(indent)?;
        out.write_all(line)?;
    }
    Ok(())
}

/// A list of rows as the value of a top-level field: `[]`, or each row two levels down.
fn write_rows(out: &mut dyn Write, rows: &[ActionRow]) -> io::Result<()> {
    const CHUNK: usize = 256;
    const WAVE: usize = 32 * CHUNK;
    if rows.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    for (wave_index, wave) in rows.chunks(WAVE).enumerate() {
        // Bounded waves keep memory flat: a wave is written before the next is serialised.
        let parts: Vec<io::Result<Vec<u8>>> = wave
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(chunk_index, chunk)| {
                let mut part = Vec::with_capacity(chunk.len() * 512);
                let mut row_json = Vec::with_capacity(1024);
                for (index, row) in chunk.iter().enumerate() {
                    let first = wave_index == 0 && chunk_index == 0 && index == 0;
                    part.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    row_json.clear();
                    serde_json::to_writer_pretty(&mut row_json, row)?;
                    write_indented(&mut part, &row_json, b"\n    ")?;
                }
                Ok(part)
            })
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    out.write_all(b"\n  ]")
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bad: #cf222e; --good: #1a7f37; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note { color: var(--muted); margin: 4px 0 10px; }
.headline { font-weight: 600; margin: 10px 0 18px; }
.warning { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; border-radius: 6px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: 13px; }
.card .value { font-size: 22px; font-weight: 600; }
.card .change { font-size: 13px; color: var(--muted); }
.card .change.good { color: var(--good); } .card .change.bad { color: var(--bad); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; margin-top: 8px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; }
svg .grid { stroke: #eaeef2; stroke-width: 1; }
svg .axis { fill: var(--muted); font-size: 11px; }
svg .legend { fill: var(--ink); font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
a { color: var(--accent); text-decoration: none; }
.empty { color: var(--muted); font-style: italic; }
td.nowrap, th.nowrap { white-space: nowrap; }
"#;

const SEVERITY_COLOURS: [&str; 5] = ["#cf222e", "#fb8500", "#d4a72c", "#8c959f", "#6e7781"];

fn charts(report: &Report) -> String {
    let mut out = String::from("<section class=\"charts\">\n");
    out.push_str("<figure><figcaption>Open and overdue action items, last 12 weeks</figcaption>\n");
    if report.weekly.is_empty() {
        out.push_str("<p class=\"empty\">Needs git history, which is unavailable.</p>\n");
    } else {
        let groups: Vec<Group> = report
            .weekly
            .iter()
            .map(|w| Group { label: w.week_end.format("%-d %b").to_string(), values: vec![w.open, w.overdue] })
            .collect();
        let series =
            [Series { name: "open".into(), color: "#0969da" }, Series { name: "overdue".into(), color: "#cf222e" }];
        out.push_str(&svg::bar_chart("Open and overdue action items per week", &groups, &series, Layout::Grouped));
    }
    out.push_str("</figure>\n");
    let severities: Vec<String> = {
        let mut all: Vec<String> = report.monthly.iter().flat_map(|m| m.by_severity.keys().cloned()).collect();
        all.sort();
        all.dedup();
        all
    };
    let groups: Vec<Group> = report
        .monthly
        .iter()
        .map(|m| Group {
            label: NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d")
                .map_or_else(|_| m.month.clone(), |d| d.format("%b %y").to_string()),
            values: severities.iter().map(|s| m.by_severity.get(s).copied().unwrap_or(0)).collect(),
        })
        .collect();
    let series: Vec<Series> = severities
        .iter()
        .enumerate()
        .map(|(i, s)| Series { name: s.clone(), color: SEVERITY_COLOURS[i.min(SEVERITY_COLOURS.len() - 1)] })
        .collect();
    out.push_str("<figure><figcaption>Incidents per month by severity</figcaption>\n");
    out.push_str(&svg::bar_chart("Incidents per month by severity", &groups, &series, Layout::Stacked));
    out.push_str("</figure>\n</section>\n");
    out
}

fn cards(report: &Report) -> String {
    let mut out = String::from("<section class=\"cards\">\n");
    for metric in &report.metrics {
        let class = match improves(metric) {
            Some(true) => " good",
            Some(false) => " bad",
            None => "",
        };
        out.push_str(&format!(
            "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"change{class}\">{} vs previous window</div></div>\n",
            escape(metric_label(metric.metric)),
            escape(&metric_value(metric.unit, metric.value)),
            escape(&metric_change(metric)),
        ));
    }
    out.push_str("</section>\n");
    out
}

pub fn html(report: &Report) -> String {
    let title = format!("Post-mortem report, week to {}", report.as_of);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n<p class=\"headline\">{}</p>\n",
        escape(&title),
        escape(&title),
        escape(&meta(report)),
        escape(&headline(report))
    );
    if !report.history {
        out.push_str("<p class=\"warning\">Git history is unavailable: closed items, due-date moves and past figures are unknown.</p>\n");
    }
    out.push_str(&cards(report));
    out.push_str(&charts(report));
    for section in sections(report).into_iter().skip(1) {
        let tag = format!("h{}", section.level);
        out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(&section.title)));
        if let Some(note) = &section.note {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(note)));
            if section.needs_history && !report.history {
                continue;
            }
        }
        if section.columns.is_empty() {
            if section.title.ends_with("(0)") {
                out.push_str(&format!("<p class=\"empty\">{}</p>\n", escape(section.empty)));
            }
            continue;
        }
        if section.rows.is_empty() {
            out.push_str(&format!("<p class=\"empty\">{}</p>\n", escape(section.empty)));
            continue;
        }
        // Long text wraps; numbers, dates and names stay on one line.
        let class = |c: &Column| match (c.align, c.header) {
            (Align::Right, _) => " class=\"num\"",
            (_, "Item" | "Where" | "Post-mortem" | "Factor" | "Recurred after fixes") => "",
            _ => " class=\"nowrap\"",
        };
        out.push_str("<table>\n<thead><tr>");
        for column in &section.columns {
            out.push_str(&format!("<th{}>{}</th>", class(column), escape(column.header)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &section.rows {
            out.push_str("<tr>");
            for (column, cell) in section.columns.iter().zip(row) {
                out.push_str(&format!("<td{}>{}</td>", class(column), cell.html()));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::report::{build, Settings};
    use crate::aggregate::summary::DocSummary;
    use crate::document::{digest::Digest, parse, ActionStatus, ParseOptions};

    fn date(day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day))))
    }

    fn report(rows: usize) -> Report {
        let text = "---\ntitle: \"Quotes \\\" and \\\\ back\"\nseverity: P1\nstatus: draft\ndate: 2026-01-02\n\
                    contributing_factors: [manual-change]\n---\n## Root Cause Analysis\n### Contributing factors\n- Changed by hand\n";
        let docs: Vec<DocSummary> = (0..3)
            .map(|i| {
                DocSummary::of(&Digest::whole(parse(
                    format!("pm/2026-01-0{i}-x.md"),
                    text.into(),
                    &ParseOptions::default(),
                )))
            })
            .collect();
        let rows = (0..rows)
            .map(|i| ActionRow {
                postmortem: format!("pm-{}", i % 7),
                path: format!("pm/{}.md", i % 7),
                line: i,
                text: format!("Item {i} with \"quotes\", a tab\t and é — Owner"),
                owner: (i % 3 > 0).then(|| format!("@owner{}", i % 5)),
                due: date((i % 150) as u32),
                ticket: (i % 2 == 0).then(|| format!("OPS-{i}")),
                status: [ActionStatus::Open, ActionStatus::Done, ActionStatus::Dropped][i % 3],
                overdue: false,
                days_overdue: None,
                opened_at: date((i % 40) as u32),
                closed_at: (i % 3 > 0).then(|| date(200)).flatten(),
                closed_commit: (i % 3 > 0).then(|| "ab".repeat(20)),
                due_slips: Some((i % 4) as u32),
            })
            .collect();
        let settings = Settings {
            as_of: NaiveDate::from_ymd_opt(2026, 7, 20).unwrap_or_default(),
            commit: Some("c0ffee".into()),
            window_days: 7,
            due_soon_days: 14,
            stale_draft_days: 30,
            history: true,
            top_factors: 10,
        };
        build(&settings, &docs, rows, &BTreeMap::new())
    }

    #[test]
    fn json_written_in_parts_is_what_serde_writes() {
        // Empty lists, a few rows, and more than one wave of chunks.
        for rows in [0, 5, 30_000] {
            let report = report(rows);
            let mut written = Vec::new();
            write_json(&report, &mut written).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(String::from_utf8_lossy(&written), json(&report), "{rows} rows");
        }
        assert!(report(30_000).overdue.len() > 32 * 256, "the rows should span more than one wave");
    }
}
