//! CSV (RFC 4180): a header row, then one record a row; fields holding a comma, a quote or a
//! line break are quoted, with quotes doubled. Lines end in `\n`.

pub fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let mut record = |fields: &mut dyn Iterator<Item = &str>| {
        let line: Vec<String> = fields.map(field).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    };
    record(&mut headers.iter().copied());
    for row in rows {
        record(&mut row.iter().map(String::as_str));
    }
    out
}

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_what_needs_quoting() {
        let rows = vec![vec!["a, b".to_string(), "say \"hi\"".to_string(), "plain".to_string(), String::new()]];
        assert_eq!(super::render(&["x", "y", "z", "w"], &rows), "x,y,z,w\n\"a, b\",\"say \"\"hi\"\"\",plain,\n");
    }
}
