//! GitHub-flavoured Markdown tables for aggregate data.

use super::table::{Align, Column};

pub fn table(columns: &[Column], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let cells: Vec<String> = columns.iter().map(|c| escape(c.header)).collect();
    out.push_str(&format!("| {} |\n", cells.join(" | ")));
    let rule: Vec<&str> = columns.iter().map(|c| if c.align == Align::Right { "---:" } else { "---" }).collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// A cell's text that cannot break the table: pipes escaped, line breaks as spaces.
pub fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_do_not_break_cells() {
        let columns = [Column::left("Item"), Column::right("Days")];
        let rows = vec![vec!["a | b".to_string(), "3".to_string()]];
        assert_eq!(table(&columns, &rows), "| Item | Days |\n| --- | ---: |\n| a \\| b | 3 |\n");
    }
}
