//! YAML frontmatter: finding the block, parsing it, and reading the SPEC §2.1 fields.
//!
//! This is the only module that knows about YAML. serde_yaml is archived upstream; keeping it
//! behind this file means a maintained fork is a one-file change.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::span::Span;

mod simple_yaml;

/// What the top of a document holds.
#[derive(Debug, Clone)]
pub enum FrontmatterState {
    /// The first line is not `---`.
    Missing,
    /// An opening `---` with no closing one; the span covers the opening line.
    Unterminated {
        opening: Span,
    },
    /// The block exists but is not valid YAML, or not a mapping.
    Invalid {
        block: Span,
        error_at: Span,
        message: String,
    },
    Parsed(Box<Frontmatter>),
}

impl FrontmatterState {
    pub fn parsed(&self) -> Option<&Frontmatter> {
        match self {
            FrontmatterState::Parsed(fm) => Some(fm),
            _ => None,
        }
    }

    /// Where the Markdown body starts (after the closing `---`).
    pub fn body_start(&self) -> usize {
        match self {
            FrontmatterState::Parsed(fm) => fm.block.end,
            FrontmatterState::Invalid { block, .. } => block.end,
            FrontmatterState::Missing | FrontmatterState::Unterminated { .. } => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    InReview,
    Completed,
}

impl Status {
    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "draft" => Some(Status::Draft),
            "in-review" => Some(Status::InReview),
            "completed" => Some(Status::Completed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in-review",
            Status::Completed => "completed",
        }
    }
}

/// The parsed frontmatter: the raw mapping (for the schema) and the fields pmctl reads.
///
/// Typed fields are `None` when the key is absent or holds the wrong type; the schema rule is
/// what reports wrong types, so the other rules can simply skip what they cannot read.
#[derive(Debug, Clone, Serialize)]
pub struct Frontmatter {
    /// From the opening `---` through the closing `---` line.
    #[serde(skip)]
    pub block: Span,
    /// The YAML text between the two `---` lines.
    #[serde(skip)]
    pub yaml: Span,
    #[serde(skip)]
    pub raw: Value,
    /// Top-level keys and the span of each key's name.
    #[serde(skip)]
    pub keys: Vec<(String, Span)>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub severity: Option<String>,
    pub date: Option<NaiveDate>,
    pub status: Option<Status>,
    pub owner: Option<String>,
    pub reviewers: Vec<String>,
    pub duration_minutes: Option<i64>,
    pub customer_impact: Option<String>,
    pub services: Vec<String>,
    pub detection: Option<String>,
    pub contributing_factors: Vec<String>,
    pub tags: Vec<String>,
}

impl Frontmatter {
    /// The span of a top-level key's name, for findings about that key.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, span)| *span)
    }

    /// The span of the line of item `index` of a top-level list written in block style.
    pub fn list_item_span(&self, source: &str, key: &str, index: usize) -> Option<Span> {
        let key_span = self.key_span(key)?;
        let after_key = &source[key_span.end..self.yaml.end];
        let mut offset = key_span.end;
        let mut seen = 0;
        for (i, line) in after_key.split_inclusive('\n').enumerate() {
            let trimmed = line.trim_start();
            if i > 0 && !line.starts_with([' ', '\t', '-']) && !trimmed.is_empty() {
                break; // the next top-level key
            }
            if i > 0 && trimmed.starts_with('-') {
                if seen == index {
                    let start = offset + (line.len() - trimmed.len());
                    return Some(Span::new(start, start + trimmed.trim_end().len()));
                }
                seen += 1;
            }
            offset += line.len();
        }
        None
    }
}

/// Find and parse the frontmatter of `source` (which has no byte-order mark).
pub fn parse(source: &str) -> FrontmatterState {
    let Some(opening_end) = opening_fence_end(source) else {
        return FrontmatterState::Missing;
    };
    let Some((yaml_end, block_end)) = closing_fence(source, opening_end) else {
        return FrontmatterState::Unterminated { opening: Span::new(0, opening_end) };
    };
    let block = Span::new(0, block_end);
    let yaml = Span::new(opening_end, yaml_end);
    let yaml_text = &source[yaml.start..yaml.end];
    let raw = match parse_yaml(yaml_text) {
        Ok(raw) => raw,
        Err(YamlError { offset, message }) => {
            let at = yaml.start + offset.min(yaml_text.len());
            let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
            return FrontmatterState::Invalid { block, error_at: Span::new(at, line_end.max(at)), message };
        }
    };
    let keys = top_level_keys(yaml_text, yaml.start);
    FrontmatterState::Parsed(Box::new(read_fields(raw, keys, block, yaml)))
}

/// The end of the opening `---` line, if the document starts with one.
fn opening_fence_end(source: &str) -> Option<usize> {
    let first_line_end = source.find('\n').map_or(source.len(), |i| i + 1);
    let first_line = source[..first_line_end].trim_end_matches(['\n', '\r']);
    (first_line.trim_end() == "---").then_some(first_line_end)
}

/// The start and end of the closing `---` (or `...`) line after `from`.
fn closing_fence(source: &str, from: usize) -> Option<(usize, usize)> {
    let mut offset = from;
    for line in source[from..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']).trim_end();
        if content == "---" || content == "..." {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

struct YamlError {
    offset: usize,
    message: String,
}

fn parse_yaml(text: &str) -> Result<Value, YamlError> {
    if text.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    if let Some(value) = simple_yaml::parse(text) {
        return Ok(value);
    }
    // Deserialising straight into JSON values gives the schema validator what it needs and
    // rejects non-string keys, which JSON Schema could not describe anyway.
    let value: Value = serde_yaml::from_str(text).map_err(|error| {
        let offset = error.location().map_or(0, |loc| loc.index());
        let message = error.to_string();
        // serde_yaml appends "at line L column C" relative to the block; the caller reports the
        // position in the file instead.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        YamlError { offset, message }
    })?;
    match value {
        Value::Object(_) => Ok(value),
        Value::Null => Ok(Value::Object(Map::new())),
        other => Err(YamlError {
            offset: 0,
            message: format!("frontmatter must be a mapping of keys to values, found {}", json_type(&other)),
        }),
    }
}

pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Top-level keys written at column 0 (`key:` or `"key":`), with the span of each name.
fn top_level_keys(yaml_text: &str, base: usize) -> Vec<(String, Span)> {
    let mut keys = Vec::new();
    let mut offset = base;
    for line in yaml_text.split_inclusive('\n') {
        if let Some((name, start, end)) = key_on_line(line) {
            keys.push((name.to_string(), Span::new(offset + start, offset + end)));
        }
        offset += line.len();
    }
    keys
}

fn key_on_line(line: &str) -> Option<(&str, usize, usize)> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '[') {
        return None;
    }
    let colon = line.find(':')?;
    let after = &line[colon + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    let raw = line[..colon].trim_end();
    let quote = |c| c == '"' || c == '\'';
    let name = raw.trim_matches(quote);
    // Where `name` starts in `raw`: after the quotes (which `name` cannot start with).
    let start = if name.is_empty() { 0 } else { raw.len() - raw.trim_start_matches(quote).len() };
    Some((name, start, start + name.len()))
}

fn read_fields(raw: Value, keys: Vec<(String, Span)>, block: Span, yaml: Span) -> Frontmatter {
    let map = raw.as_object();
    let string = |key: &str| map.and_then(|m| m.get(key)).and_then(Value::as_str).map(str::to_string);
    let list = |key: &str| -> Vec<String> {
        match map.and_then(|m| m.get(key)) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        }
    };
    Frontmatter {
        id: string("id"),
        title: string("title"),
        severity: string("severity"),
        // What `NaiveDate::parse_from_str(d, "%Y-%m-%d")` reads, without its format parser.
        date: string("date").and_then(|d| super::iso_date(&d)),
        status: string("status").as_deref().and_then(Status::parse),
        owner: string("owner"),
        reviewers: list("reviewers"),
        duration_minutes: string("duration").as_deref().and_then(parse_duration),
        customer_impact: string("customer_impact"),
        services: list("services"),
        detection: string("detection"),
        contributing_factors: list("contributing_factors"),
        tags: list("tags"),
        raw,
        keys,
        block,
        yaml,
    }
}

/// Minutes in a duration such as `47m`, `1h 5m`, `2h` or `3d 4h`.
pub fn parse_duration(text: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut digits = String::new();
    let mut saw_unit = false;
    for c in text.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            'd' | 'h' | 'm' if !digits.is_empty() => {
                let n: i64 = digits.parse().ok()?;
                let minutes = match c {
                    'd' => n.checked_mul(24 * 60)?,
                    'h' => n.checked_mul(60)?,
                    _ => n,
                };
                total = total.checked_add(minutes)?;
                digits.clear();
                saw_unit = true;
            }
            ' ' => {}
            _ => return None,
        }
    }
    (saw_unit && digits.is_empty()).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("47m"), Some(47));
        assert_eq!(parse_duration("1h 5m"), Some(65));
        assert_eq!(parse_duration("2h"), Some(120));
        assert_eq!(parse_duration("3d 4h"), Some(3 * 1440 + 240));
        assert_eq!(parse_duration("about an hour"), None);
        assert_eq!(parse_duration("15"), None);
    }

    #[test]
    fn crlf_frontmatter_is_found() {
        let source = "---\r\ntitle: A\r\nseverity: P2\r\n---\r\nbody\r\n";
        let FrontmatterState::Parsed(fm) = parse(source) else { panic!("not parsed") };
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert_eq!(&source[fm.key_span("severity").map(|s| s.start..s.end).unwrap_or(0..0)], "severity");
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let source = "---\ntitle: A\nseverity: [P1\n---\n";
        match parse(source) {
            FrontmatterState::Invalid { error_at, .. } => assert!(error_at.start >= 4),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn key_names_are_found_inside_their_quotes() {
        let lines = ["title: A\n", "\"title\": A\n", "'a''': b\n", "\"\": x\n", "'\"': y\n", "\"'k'\" : z\n", "k\t:\n"];
        for line in lines {
            let raw = line[..line.find(':').unwrap_or(0)].trim_end();
            let name = raw.trim_matches(|c| c == '"' || c == '\'');
            let start = raw.find(name).unwrap_or(0);
            assert_eq!(key_on_line(line), Some((name, start, start + name.len())), "{line:?}");
        }
    }

    #[test]
    fn unterminated_and_missing() {
        assert!(matches!(parse("---\ntitle: A\n"), FrontmatterState::Unterminated { .. }));
        assert!(matches!(parse("# Title\n"), FrontmatterState::Missing));
        assert!(matches!(parse(""), FrontmatterState::Missing));
    }
}
