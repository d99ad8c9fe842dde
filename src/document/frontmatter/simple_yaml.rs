//! A fast path for the frontmatter nearly every post-mortem has: a flat mapping of scalars and
//! lists of scalars.
//!
//! serde_yaml builds a full event stream for every document and was the largest single cost of
//! `pmctl lint` (about 15% of it). This reader handles only the plain shapes: `key: scalar`, a
//! flow list `key: [a, "b"]`, a block list of scalars, and the `|` / `>` block scalars. It
//! returns `None` the moment it meets anything else (anchors, tags, nested mappings,
//! multi-line plain or quoted scalars, escapes, comments after values, numbers it would have to
//! interpret), and the caller then asks serde_yaml. It never reports an error of its own, so
//! every YAML message still comes from serde_yaml, and where it answers it must answer exactly
//! what serde_yaml would (the tests compare the two on every corpus we have).

use serde_json::{Map, Value};

/// The frontmatter as JSON values, or `None` when this reader is not sure.
pub fn parse(text: &str) -> Option<Value> {
    // Tabs, lone carriage returns and control characters all have YAML rules of their own.
    let bytes = text.as_bytes();
    let plain_bytes = bytes.iter().enumerate().all(|(i, &b)| match b {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) == Some(&b'\n'),
        _ => b >= 0x20 && b != 0x7f,
    });
    if !plain_bytes || !text.split(['\n', '\r']).all(printable) {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).collect();
    let mut map = Map::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if is_blank_or_comment(line) {
            if line.starts_with(' ') && !line.trim().is_empty() {
                return None; // an indented comment: could belong to a scalar above
            }
            continue;
        }
        let (key, rest) = key_line(line)?;
        let value = if rest.is_empty() {
            block_value(&lines, &mut index)?
        } else if let Some(header) = block_scalar_header(rest) {
            block_scalar(&lines, &mut index, header)?
        } else {
            let value = inline_value(rest)?;
            // An indented line after an inline value continues it (a multi-line scalar).
            if lines.get(index).is_some_and(|next| next.starts_with(' ') && !next.trim().is_empty()) {
                return None;
            }
            value
        };
        if map.insert(key.to_string(), value).is_some() {
            return None; // a duplicate key: serde_yaml decides what that means
        }
    }
    Some(Value::Object(map))
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// `name: rest` at column 0, for names made of letters, digits, `_` and `-`.
fn key_line(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let first = key.bytes().next()?;
    if !(first.is_ascii_alphabetic() || first == b'_')
        || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return None;
    }
    if matches!(key, "true" | "True" | "TRUE" | "false" | "False" | "FALSE" | "null" | "Null" | "NULL") {
        return None; // not a string key
    }
    let rest = &line[colon + 1..];
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim()))
}

/// The value of `key:` with nothing after the colon: a block list of scalars, or null.
fn block_value(lines: &[&str], index: &mut usize) -> Option<Value> {
    let mut items = Vec::new();
    let mut indent = None;
    while let Some(&line) = lines.get(*index) {
        if line.trim().is_empty() {
            *index += 1;
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        let this_indent = line.len() - trimmed.len();
        if trimmed.starts_with('#') {
            if this_indent == 0 && items.is_empty() {
                return None; // a comment before the list: keep it simple
            }
            *index += 1;
            continue;
        }
        let item = trimmed.strip_prefix("- ").or_else(|| (trimmed == "-").then_some(""));
        let Some(item) = item else {
            if this_indent == 0 {
                break; // the next key
            }
            return None; // a nested mapping or a multi-line scalar
        };
        if *indent.get_or_insert(this_indent) != this_indent {
            return None;
        }
        let item = item.trim();
        if item.is_empty() || item.starts_with(['-', '|', '>']) && item.len() <= 2 {
            return None;
        }
        items.push(inline_value(item)?);
        *index += 1;
    }
    if indent.is_none() {
        return Some(Value::Null);
    }
    Some(Value::Array(items))
}

/// A value written on the key's line: a quoted or plain scalar, or a one-line flow list.
fn inline_value(text: &str) -> Option<Value> {
    if let Some(inner) = text.strip_prefix('[') {
        return flow_list(inner);
    }
    let (value, rest) = scalar(text, false)?;
    rest.trim().is_empty().then_some(value)
}

fn flow_list(text: &str) -> Option<Value> {
    let mut items = Vec::new();
    let mut rest = text.trim_start();
    if let Some(after) = rest.strip_prefix(']') {
        return after.trim().is_empty().then_some(Value::Array(items));
    }
    loop {
        let (value, after) = scalar(rest, true)?;
        items.push(value);
        let after = after.trim_start();
        if let Some(after) = after.strip_prefix(',') {
            rest = after.trim_start();
            if rest.starts_with(']') {
                return None; // a trailing comma
            }
        } else if let Some(after) = after.strip_prefix(']') {
            return after.trim().is_empty().then_some(Value::Array(items));
        } else {
            return None;
        }
    }
}

/// One scalar at the start of `text` and what follows it; in a flow list a plain scalar ends at
/// `,` or `]`.
fn scalar(text: &str, in_flow: bool) -> Option<(Value, &str)> {
    if let Some(inner) = text.strip_prefix('"') {
        let end = inner.find('"')?;
        let content = &inner[..end];
        if content.contains('\\') || !printable(content) {
            return None;
        }
        return Some((Value::String(content.to_string()), &inner[end + 1..]));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let mut content = String::new();
        let mut rest = inner;
        loop {
            let end = rest.find('\'')?;
            content.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            match rest.strip_prefix('\'') {
                Some(after) => {
                    content.push('\'');
                    rest = after;
                }
                None => break,
            }
        }
        return printable(&content).then_some((Value::String(content), rest));
    }
    let end = if in_flow { text.find([',', ']']).unwrap_or(text.len()) } else { text.len() };
    let plain = text[..end].trim_end();
    Some((plain_scalar(plain, in_flow)?, &text[end..]))
}

/// A plain scalar, typed the way serde_yaml types it (YAML 1.2 core schema), or `None` when it
/// could be something this reader does not handle.
fn plain_scalar(text: &str, in_flow: bool) -> Option<Value> {
    let first = text.bytes().next()?;
    let starts_plainly = first.is_ascii_alphanumeric()
        || first >= 0x80
        || matches!(first, b'(' | b'/' | b'$' | b'.' | b'+' | b'-' | b'~' | b'<' | b'=' | b';' | b'^')
            && !text[1..].starts_with(' ');
    if !starts_plainly || !printable(text) || text.ends_with(':') || text.contains(": ") || text.contains(" #") {
        return None;
    }
    if in_flow && text.contains(['[', ']', '{', '}']) {
        return None;
    }
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if first.is_ascii_digit() || matches!(first, b'.' | b'+' | b'-') {
        // Could it be a number (decimal, 0x, 0o, 0b, float, .inf, .nan)? Only a date is
        // recognised here; anything else number-like goes to serde_yaml.
        let numeric_bytes =
            |b: u8| b.is_ascii_hexdigit() || matches!(b, b'x' | b'X' | b'o' | b'O' | b'.' | b'+' | b'-' | b'_');
        let maybe_special = text.contains(".inf")
            || text.contains(".Inf")
            || text.contains(".INF")
            || text.contains(".n")
            || text.contains(".N");
        if maybe_special || (text.bytes().all(numeric_bytes) && !is_iso_date(text)) {
            return None;
        }
    }
    Some(Value::String(text.to_string()))
}

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// No control characters, and none of the characters YAML treats as line breaks or a BOM.
fn printable(text: &str) -> bool {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return true;
    }
    text.chars().all(|c| !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'))
}

#[derive(Clone, Copy)]
struct BlockScalarHeader {
    folded: bool,
    strip: bool,
}

fn block_scalar_header(rest: &str) -> Option<BlockScalarHeader> {
    match rest {
        "|" => Some(BlockScalarHeader { folded: false, strip: false }),
        "|-" => Some(BlockScalarHeader { folded: false, strip: true }),
        ">" => Some(BlockScalarHeader { folded: true, strip: false }),
        ">-" => Some(BlockScalarHeader { folded: true, strip: true }),
        _ => None,
    }
}

/// The lines of a `|`, `|-`, `>` or `>-` scalar. More-indented lines, leading blank lines and
/// whitespace-only lines are left to serde_yaml: their folding rules are easy to get wrong.
fn block_scalar(lines: &[&str], index: &mut usize, header: BlockScalarHeader) -> Option<Value> {
    let first = *lines.get(*index)?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    if indent == 0 || first.trim().is_empty() {
        return None;
    }
    let mut content: Vec<&str> = Vec::new();
    let mut pending_blank = 0;
    while let Some(&line) = lines.get(*index) {
        if line.is_empty() {
            pending_blank += 1;
            *index += 1;
            continue;
        }
        let this_indent = line.len() - line.trim_start_matches(' ').len();
        if this_indent < indent {
            if this_indent == 0 && !line.trim().is_empty() {
                break; // the next key
            }
            return None;
        }
        if this_indent > indent || line.trim().is_empty() || !printable(line) {
            return None;
        }
        content.extend(std::iter::repeat_n("", pending_blank));
        pending_blank = 0;
        content.push(&line[indent..]);
        *index += 1;
    }
    let mut text = if header.folded { fold(&content) } else { content.join("\n") };
    if !header.strip {
        text.push('\n');
    }
    Some(Value::String(text))
}

/// Folding (`>`): a line break between two text lines becomes a space; `n` blank lines between
/// them become `n` newlines.
fn fold(content: &[&str]) -> String {
    let mut text = String::new();
    let mut blanks = 0;
    let mut started = false;
    for line in content {
        if line.is_empty() {
            blanks += 1;
            continue;
        }
        if started {
            if blanks == 0 {
                text.push(' ');
            } else {
                text.extend(std::iter::repeat_n('\n', blanks));
            }
        }
        blanks = 0;
        started = true;
        text.push_str(line);
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Where the fast path answers, serde_yaml must give the same value.
    fn assert_agrees(text: &str) -> bool {
        let Some(fast) = parse(text) else { return false };
        let slow: Result<Value, _> = serde_yaml::from_str(text);
        match slow {
            Ok(Value::Null) => assert_eq!(fast, Value::Object(Map::new()), "{text:?}"),
            Ok(slow) => assert_eq!(fast, slow, "{text:?}"),
            Err(error) => panic!("fast path accepted what serde_yaml rejects ({error}): {text:?}"),
        }
        true
    }

    #[test]
    fn answers_the_common_shapes_exactly() {
        for text in [
            "title: A title\nseverity: P1\n",
            "date: 2026-04-10\nduration: 2h 49m\nstatus: in-review\n",
            "owner: \"@kenji\"\nreviewers: [\"@dana\", '@sre-leads', plain]\n",
            "services: []\ntags: [a, b c]\n",
            "reviewers:\n  - \"@a\"\n  - b\n\ntags:\n- x\n- y\n",
            "empty:\nnext: a1\n",
            "impact: >-\n  one\n  two\n\n  three\n",
            "impact: >\n  one\n  two\n",
            "impact: |\n  one\n  two\n\n  three\n\n",
            "impact: |-\n  one\n",
            "# comment\ntitle: It's 'quoted' \"inside\"\n",
            "title: 'it''s'\n",
            "title: Ünïcode — dash\n",
            "title: PR#12 and 50% of it\n",
            "a: null\nb: ~\nc: true\nd: False\ne: NULL\n",
            "title: inf\nother: nan\nthird: e5\n",
            "title: CRLF\r\nseverity: P2\r\n",
        ] {
            assert!(assert_agrees(text), "the fast path should answer {text:?}");
        }
    }

    #[test]
    fn leaves_everything_else_to_serde_yaml() {
        for text in [
            "count: 12\n",
            "ratio: 1.5\n",
            "hex: 0x1F\n",
            "neg: -.inf\n",
            "nested:\n  a: b\n",
            "anchor: &a x\nalias: *a\n",
            "tagged: !!str 12\n",
            "multi: first\n  second\n",
            "quoted: \"a\n  b\"\n",
            "escaped: \"a\\tb\"\n",
            "comment: value # note\n",
            "mapping: a: b\n",
            "flow: {a: b}\n",
            "list: [a, [b]]\n",
            "list: [a,\n  b]\n",
            "dup: a\ndup: b\n",
            "true: x\n",
            "owner: @kenji\n",
            "list:\n  - a\n   - b\n",
            "item:\n  -\n",
            "tab:\tx\n",
            "lone: a\rb: c\n",
            "impact: >\n  one\n    more\n",
            "impact: >+\n  keep\n",
            "impact: >2\n  explicit\n",
            "%YAML 1.2\n",
        ] {
            assert!(parse(text).is_none(), "the fast path should decline {text:?}");
        }
    }

    fn frontmatter_of(source: &str) -> Option<&str> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let start = super::super::opening_fence_end(source)?;
        let (end, _) = super::super::closing_fence(source, start)?;
        Some(&source[start..end])
    }

    fn markdown_files(root: &Path) -> Vec<std::path::PathBuf> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md"))
            .map(|entry| entry.into_path())
            .collect()
    }

    #[test]
    fn agrees_with_serde_yaml_on_every_corpus_at_hand() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut answered_examples = 0;
        for path in markdown_files(&manifest.join("postmortems")) {
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            if frontmatter_of(&source).is_some_and(assert_agrees) {
                answered_examples += 1;
            }
        }
        // The examples are written the way most teams write frontmatter: all of them take the
        // fast path.
        assert!(answered_examples >= 13, "fast path answered only {answered_examples} examples");
        // Other teams' real documents and our lint fixtures, where present: agreement only.
        for root in [manifest.join("tests/fixtures"), manifest.join("../shared/corpora")] {
            for path in markdown_files(&root) {
                let Ok(bytes) = std::fs::read(&path) else { continue };
                let Ok(source) = String::from_utf8(bytes) else { continue };
                if let Some(yaml) = frontmatter_of(&source) {
                    assert_agrees(yaml);
                }
            }
        }
    }

    /// Small edits of real frontmatter, each of which can change what the YAML means: wherever
    /// the fast path still answers, it must answer what serde_yaml answers.
    #[test]
    fn agrees_with_serde_yaml_on_edited_frontmatter() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let edits = [
            "#", " #", ":", ": ", "-", "- ", "\n", "\n  ", "\n- ", "'", "\"", "[", "]", ",", "{", "&a ", "*a", "!",
            "|", ">", "0", "1.5", "0x", ".inf", "~", "null", "true", " ", "  ", "\t", "\r", "@", "%", "\\", "é",
        ];
        // A fixed linear congruential sequence keeps the test deterministic.
        let mut next = crate::testing::seeded(0x2545_f491_4f6c_dd1d);
        let mut answered = 0;
        for path in markdown_files(&manifest.join("postmortems")) {
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let Some(yaml) = frontmatter_of(&source) else { continue };
            for _ in 0..400 {
                let mut edited = yaml.to_string();
                for _ in 0..1 + next(2) {
                    let mut at = next(edited.len() + 1);
                    while !edited.is_char_boundary(at) {
                        at -= 1;
                    }
                    edited.insert_str(at, edits[next(edits.len())]);
                }
                if assert_agrees(&edited) {
                    answered += 1;
                }
            }
        }
        assert!(answered > 1000, "too few edits took the fast path ({answered}) for this test to mean much");
    }
}
