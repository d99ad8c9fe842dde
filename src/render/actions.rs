//! Views of [`ActionRow`]s: an aligned table for people, JSON (SPEC §4.2), CSV with the same
//! fields, and a Markdown table for reports and issues.

use chrono::{Days, NaiveDate};

use super::markdown;
use super::style::Style;
use super::table::{self, Cell, Column, Paint};
use crate::aggregate::actions::ActionRow;
use crate::document::ActionStatus;

/// The JSON field names, in order; CSV uses them as its header.
pub const FIELDS: [&str; 14] = [
    "postmortem",
    "path",
    "line",
    "text",
    "owner",
    "due",
    "ticket",
    "status",
    "overdue",
    "days_overdue",
    "opened_at",
    "closed_at",
    "closed_commit",
    "due_slips",
];

/// Longest item text a table line shows; JSON, CSV and Markdown carry it whole.
const TABLE_TEXT: usize = 60;

pub struct TableOptions {
    pub style: Style,
    /// Show the STATUS and CLOSED columns (when done or dropped items can be listed).
    pub closed_columns: bool,
    /// The day overdue was judged against, and how many days ahead count as "due soon".
    pub today: NaiveDate,
    pub due_soon_days: u64,
    /// The `--as-of` date and commit, named under the table.
    pub as_of: Option<(NaiveDate, String)>,
}

pub fn table(rows: &[ActionRow], options: &TableOptions) -> String {
    if rows.is_empty() {
        return "No action items match.\n".to_string();
    }
    let soon = options.today.checked_add_days(Days::new(options.due_soon_days)).unwrap_or(NaiveDate::MAX);
    let mut columns = vec![Column::left("DUE"), Column::right("OVERDUE"), Column::left("OWNER")];
    if options.closed_columns {
        columns.push(Column::left("STATUS"));
    }
    columns.push(Column::left("OPENED"));
    if options.closed_columns {
        columns.push(Column::left("CLOSED"));
    }
    columns.extend([Column::right("SLIPS"), Column::left("POST-MORTEM"), Column::left("ITEM")]);
    let unknown = || Cell::painted("-", Paint::Dim);
    let date = |d: Option<NaiveDate>| d.map_or_else(unknown, |d| Cell::new(d.to_string()));
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| {
            let due_paint = match row.due {
                _ if row.overdue => Paint::Error,
                Some(due) if row.status == ActionStatus::Open && due <= soon => Paint::Warning,
                _ => Paint::Plain,
            };
            let mut line = vec![
                row.due.map_or_else(unknown, |d| Cell::painted(d.to_string(), due_paint)),
                row.days_overdue.map_or_else(Cell::default, |d| Cell::painted(format!("{d}d"), Paint::Error)),
                row.owner.as_deref().map_or_else(unknown, Cell::new),
            ];
            if options.closed_columns {
                line.push(match row.status {
                    ActionStatus::Open => Cell::new("open"),
                    ActionStatus::Done => Cell::painted("done", Paint::Good),
                    ActionStatus::Dropped => Cell::painted("dropped", Paint::Dim),
                });
            }
            line.push(date(row.opened_at));
            if options.closed_columns {
                line.push(date(row.closed_at));
            }
            line.extend([
                row.due_slips.map_or_else(unknown, |n| {
                    Cell::painted(n.to_string(), if n > 0 { Paint::Warning } else { Paint::Plain })
                }),
                Cell::painted(row.postmortem.clone(), Paint::Accent),
                Cell::new(table::truncate(&row.text, TABLE_TEXT)),
            ]);
            line
        })
        .collect();
    let mut out = table::render(&columns, &cells, options.style);
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let mut footer = super::plural(rows.len(), "action item", "action items");
    if overdue > 0 {
        footer.push_str(&format!(", {overdue} overdue"));
    }
    if let Some((date, commit)) = &options.as_of {
        footer.push_str(&format!("; as of {date}, commit {}", commit.get(..10).unwrap_or(commit)));
    }
    out.push_str(&format!("\n{}\n", options.style.dim(&footer)));
    out
}

pub fn json(rows: &[ActionRow]) -> String {
    let mut out = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

fn fields(row: &ActionRow) -> Vec<String> {
    let opt = |value: Option<String>| value.unwrap_or_default();
    vec![
        row.postmortem.clone(),
        row.path.clone(),
        row.line.to_string(),
        row.text.clone(),
        opt(row.owner.clone()),
        opt(row.due.map(|d| d.to_string())),
        opt(row.ticket.clone()),
        row.status.as_str().to_string(),
        row.overdue.to_string(),
        opt(row.days_overdue.map(|d| d.to_string())),
        opt(row.opened_at.map(|d| d.to_string())),
        opt(row.closed_at.map(|d| d.to_string())),
        opt(row.closed_commit.clone()),
        opt(row.due_slips.map(|n| n.to_string())),
    ]
}

/// The JSON fields as columns; unknown values are empty.
pub fn csv(rows: &[ActionRow]) -> String {
    let records: Vec<Vec<String>> = rows.iter().map(fields).collect();
    super::csv::render(&FIELDS, &records)
}

pub fn markdown(rows: &[ActionRow]) -> String {
    if rows.is_empty() {
        return "_No action items match._\n".to_string();
    }
    let columns = [
        Column::left("Due"),
        Column::right("Overdue"),
        Column::left("Status"),
        Column::left("Owner"),
        Column::left("Item"),
        Column::left("Ticket"),
        Column::left("Post-mortem"),
        Column::left("Opened"),
        Column::left("Closed"),
        Column::right("Slips"),
    ];
    let dash = || "—".to_string();
    let date = |d: Option<NaiveDate>| d.map_or_else(dash, |d| d.to_string());
    let records: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let closed = match (&row.closed_at, &row.closed_commit) {
                (Some(day), Some(commit)) => format!("{day} (`{}`)", commit.get(..7).unwrap_or(commit)),
                (Some(day), None) => day.to_string(),
                _ => dash(),
            };
            vec![
                date(row.due),
                row.days_overdue.map_or_else(String::new, |d| format!("{d} days")),
                row.status.as_str().to_string(),
                row.owner.clone().unwrap_or_else(dash),
                row.text.clone(),
                row.ticket.clone().unwrap_or_else(dash),
                format!("{} (line {})", row.postmortem, row.line),
                date(row.opened_at),
                closed,
                row.due_slips.map_or_else(dash, |n| n.to_string()),
            ]
        })
        .collect();
    markdown::table(&columns, &records)
}
