//! Aligned text tables for aggregate data, coloured when the stream is a terminal.
//!
//! Columns are padded to their widest cell (counted in characters); the last column is not
//! padded, so lines carry no trailing spaces. Colour never changes widths: cells are measured
//! before they are painted.

use super::style::Style;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub align: Align,
}

impl Column {
    pub const fn left(header: &'static str) -> Self {
        Column { header, align: Align::Left }
    }
    pub const fn right(header: &'static str) -> Self {
        Column { header, align: Align::Right }
    }
}

/// How a cell is painted on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paint {
    #[default]
    Plain,
    Error,
    Warning,
    Good,
    Dim,
    Accent,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    pub paint: Paint,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell { text: text.into(), paint: Paint::Plain }
    }
    pub fn painted(text: impl Into<String>, paint: Paint) -> Self {
        Cell { text: text.into(), paint }
    }
}

/// The table with a bold header row, two spaces between columns.
pub fn render(columns: &[Column], rows: &[Vec<Cell>], style: Style) -> String {
    let width = |text: &str| text.chars().count();
    let mut widths: Vec<usize> = columns.iter().map(|c| width(c.header)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(&cell.text));
        }
    }
    let mut out = String::new();
    let header: Vec<Cell> = columns.iter().map(|c| Cell::new(c.header)).collect();
    let mut line = |cells: &[Cell], is_header: bool| {
        let mut text = String::new();
        for (index, (column, cell)) in columns.iter().zip(cells).enumerate() {
            let last = index + 1 == columns.len();
            let pad = widths[index].saturating_sub(width(&cell.text));
            let painted = if is_header { style.bold(&cell.text) } else { paint(style, cell) };
            match column.align {
                Align::Right => text.push_str(&format!("{}{painted}", " ".repeat(pad))),
                Align::Left if last => text.push_str(&painted),
                Align::Left => text.push_str(&format!("{painted}{}", " ".repeat(pad))),
            }
            if !last {
                text.push_str("  ");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&header, true);
    for row in rows {
        line(row, false);
    }
    out
}

fn paint(style: Style, cell: &Cell) -> String {
    match cell.paint {
        Paint::Plain => cell.text.clone(),
        Paint::Error => style.error(&cell.text),
        Paint::Warning => style.warning(&cell.text),
        Paint::Good => style.good(&cell.text),
        Paint::Dim => style.dim(&cell.text),
        Paint::Accent => style.accent(&cell.text),
    }
}

/// `text` cut to at most `max` characters, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_without_trailing_spaces() {
        let columns = [Column::left("NAME"), Column::right("DAYS"), Column::left("NOTE")];
        let rows = vec![
            vec![Cell::new("a"), Cell::new("120"), Cell::new("")],
            vec![Cell::new("longer"), Cell::painted("3", Paint::Error), Cell::new("ünïcode")],
        ];
        let plain = render(&columns, &rows, Style { enabled: false });
        assert_eq!(plain, "NAME    DAYS  NOTE\na        120\nlonger     3  ünïcode\n");
        let coloured = render(&columns, &rows, Style { enabled: true });
        assert!(coloured.contains("\u{1b}[1;31m3\u{1b}[0m"));
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a long sentence here", 8), "a long…");
    }
}
