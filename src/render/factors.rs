//! Views of [`FactorGroup`]s: an aligned table with each group's wordings under it, Markdown, JSON.

use chrono::NaiveDate;

use super::markdown;
use super::style::Style;
use super::table::{self, Cell, Column, Paint};
use crate::aggregate::factors::{FactorGroup, FactorKind};

/// Longest factor name and wording a table line shows; JSON and Markdown carry them whole.
const TABLE_FACTOR: usize = 48;
const TABLE_PHRASING: usize = 96;
/// Wordings listed under a group in the table.
const TABLE_PHRASINGS: usize = 3;

fn day(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "-".to_string(), |d| d.to_string())
}

/// "yes" / "no" / "?" (unknown without history).
pub fn recurred(group: &FactorGroup) -> &'static str {
    match group.recurred_after_fixes {
        Some(true) => "yes",
        Some(false) => "no",
        None => "?",
    }
}

pub fn table(groups: &[FactorGroup], style: Style) -> String {
    if groups.is_empty() {
        return "No contributing factor recurs (see --min-count).\n".to_string();
    }
    let columns = [
        Column::right("COUNT"),
        Column::left("FACTOR"),
        Column::left("KIND"),
        Column::left("FIRST SEEN"),
        Column::left("LAST SEEN"),
        Column::right("OPEN ACTIONS"),
        Column::left("RECURRED AFTER FIXES"),
    ];
    let rows: Vec<Vec<Cell>> = groups
        .iter()
        .map(|g| {
            vec![
                Cell::new(g.count.to_string()),
                Cell::painted(table::truncate(&g.factor, TABLE_FACTOR), Paint::Accent),
                Cell::painted(kind(g), Paint::Dim),
                Cell::new(day(g.first_seen)),
                Cell::new(day(g.last_seen)),
                Cell::painted(
                    g.open_actions.to_string(),
                    if g.open_actions > 0 { Paint::Warning } else { Paint::Plain },
                ),
                Cell::painted(
                    recurred(g),
                    if g.recurred_after_fixes == Some(true) { Paint::Error } else { Paint::Plain },
                ),
            ]
        })
        .collect();
    let rendered = table::render(&columns, &rows, style);
    let mut lines = rendered.lines();
    let mut out = String::new();
    out.push_str(lines.next().unwrap_or_default());
    out.push('\n');
    // Each group's line, then the wordings grouped under it.
    for (group, line) in groups.iter().zip(lines) {
        out.push_str(line);
        out.push('\n');
        let others: Vec<&String> = group.phrasings.iter().filter(|p| **p != group.factor).collect();
        for phrasing in others.iter().take(TABLE_PHRASINGS) {
            let text = format!("· {}", table::truncate(phrasing, TABLE_PHRASING));
            out.push_str(&format!("       {}\n", style.dim(&text)));
        }
        if others.len() > TABLE_PHRASINGS {
            let text = format!("· … and {} more", others.len() - TABLE_PHRASINGS);
            out.push_str(&format!("       {}\n", style.dim(&text)));
        }
    }
    out
}

fn kind(group: &FactorGroup) -> &'static str {
    match group.kind {
        FactorKind::Taxonomy => "taxonomy",
        FactorKind::Tag => "tag",
        FactorKind::Phrase => "phrase",
    }
}

pub fn markdown(groups: &[FactorGroup]) -> String {
    if groups.is_empty() {
        return "No contributing factor recurs.\n".to_string();
    }
    let columns = [
        Column::right("Count"),
        Column::left("Factor"),
        Column::left("First seen"),
        Column::left("Last seen"),
        Column::right("Open actions"),
        Column::left("Recurred after fixes"),
        Column::left("Phrasings"),
    ];
    let rows: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            vec![
                g.count.to_string(),
                g.factor.clone(),
                day(g.first_seen),
                day(g.last_seen),
                g.open_actions.to_string(),
                if g.recurred_after_fixes.is_none() { "unknown".into() } else { recurred(g).to_string() },
                g.phrasings.iter().map(|p| markdown::escape(p)).collect::<Vec<_>>().join("<br>"),
            ]
        })
        .collect();
    markdown::table(&columns, &rows)
}

pub fn json(groups: &[FactorGroup]) -> String {
    let mut text = serde_json::to_string_pretty(groups).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
