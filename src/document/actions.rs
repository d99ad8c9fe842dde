//! Action items (SPEC §2.4): task-list items of the Action Items section, with the owner, due
//! date and ticket read out of their text.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use super::ProseBlock;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Open,
    Done,
    /// Checked, but struck through or marked "won't do": closed without being done.
    Dropped,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

/// A field read out of an item's text, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field<T> {
    pub value: T,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionItem {
    /// The whole list item.
    pub span: Span,
    /// The item's text with inline Markdown removed.
    pub text: String,
    /// The deliverable: the text with the owner, due date and ticket taken out.
    pub description: String,
    pub description_span: Span,
    pub checked: bool,
    pub status: ActionStatus,
    pub owner: Option<Field<String>>,
    /// The due date as written, which may not be a calendar date ("Q3 2026").
    pub due_text: Option<Field<String>>,
    /// The due date, when it was written as `YYYY-MM-DD`.
    pub due: Option<NaiveDate>,
    pub ticket: Option<String>,
}

impl ActionItem {
    /// The same item with every span it holds passed through `at`: for items parsed from part of
    /// a file (a section, a digest) and placed back where they stand in it.
    pub fn map_spans(mut self, at: impl Fn(Span) -> Span) -> Self {
        self.span = at(self.span);
        self.description_span = at(self.description_span);
        if let Some(owner) = self.owner.as_mut() {
            owner.span = at(owner.span);
        }
        if let Some(due) = self.due_text.as_mut() {
            due.span = at(due.span);
        }
        self
    }
}

static OWNER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:owners?|dri|assignee|assigned to|owned by)\s*(?::|=|-)?\s*(.+)$").expect("static regex")
});
static DUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:due(?: date)?|by|eta|deadline|target(?: date)?)\s*(?::|=|-)?\s*(.+)$").expect("static regex")
});
static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^@[A-Za-z0-9][\w.\-/]*$").expect("static regex"));
static INLINE_HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(@[A-Za-z0-9][\w.\-/]*[A-Za-z0-9])").expect("static regex"));
static INLINE_DUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:due|by|eta|deadline)\s*:?\s*(\d{4}-\d{2}-\d{2})(?-u:\b)").expect("static regex")
});
/// A trailing slot holding both: "@sre-team by 2026-03-01".
static HANDLE_THEN_DUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(@[A-Za-z0-9][\w.\-/]*[A-Za-z0-9])\s+(?:by|due|eta)\s*:?\s+(.+)$").expect("static regex")
});
/// A trailing slot that is only a name: "— Platform —", "— Storage team —", "— Ana Lima —".
static BARE_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}(?:\s+(?:team|squad|on-call|oncall|guild))?|[a-z][\w-]*\s+(?:team|squad|on-call|oncall))$")
        .expect("static regex")
});
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("static regex"));
static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://\S+[^\s).,;]|(?:^|\s|\()#\d+(?-u:\b)|(?-u:\b)[A-Z][A-Z0-9]+-\d+(?-u:\b)")
        .expect("static regex")
});
static DUE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{4}-\d{2}-\d{2}|q[1-4]\s*\d{4}|(?:end of )?(?:q[1-4]|sprint\s*\d+|next sprint|this sprint|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|next week|end of (?:week|month|quarter|year))|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s*\d{4})?)(?-u:\b)")
        .expect("static regex")
});

const WONT_DO: [&str; 4] = ["won't do", "won’t do", "wont do", "will not do"];

/// The labels of [`OWNER_LABEL`] and [`DUE_LABEL`], in the order the regexes try them (an optional
/// suffix is tried with it first: `owners?` is "owners", then "owner").
const OWNER_LABELS: [&str; 6] = ["owners", "owner", "dri", "assignee", "assigned to", "owned by"];
const DUE_LABELS: [&str; 7] = ["due date", "due", "by", "eta", "deadline", "target date", "target"];

/// The value a label regex (`OWNER_LABEL` or `DUE_LABEL`) captures in `segment`, found without
/// running it when the segment is ASCII: the regexes are `(?i)^(?:LABELS)\s*(?::|=|-)?\s*(.+)$`,
/// and their captures were most of the time spent reading items. Elsewhere (case folding and
/// white space are Unicode-aware there) the regex decides.
fn label_value<'s>(segment: &'s str, labels: &[&str], regex: &Regex) -> Option<&'s str> {
    if !segment.is_ascii() {
        return regex.captures(segment).and_then(|caps| caps.get(1)).map(|m| m.as_str());
    }
    let bytes = segment.as_bytes();
    labels.iter().find_map(|label| {
        let head = bytes.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label.as_bytes()) {
            return None;
        }
        value_start(&bytes[label.len()..]).map(|start| &segment[label.len() + start..])
    })
}

/// Where `(.+)$` starts after a label in `\s*(?::|=|-)?\s*(.+)$`, trying the choices in the order
/// a backtracking match does (each `\s*` longest first, the separator before none), or `None`
/// when nothing is left for the value. `rest` holds no line break (items are one line).
fn value_start(rest: &[u8]) -> Option<usize> {
    // `\s` as the regex reads it in ASCII (which, unlike `u8::is_ascii_whitespace`, includes VT).
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let spaces = |from: usize| rest[from..].iter().take_while(|b| space(b)).count();
    for before in (0..=spaces(0)).rev() {
        let separator = rest.get(before).is_some_and(|b| matches!(b, b':' | b'=' | b'-'));
        let skips: &[usize] = if separator { &[1, 0] } else { &[0] };
        for &skip in skips {
            let from = before + skip;
            for after in (0..=spaces(from)).rev() {
                if from + after < rest.len() {
                    return Some(from + after);
                }
            }
        }
    }
    None
}

/// `text.to_lowercase()`, cheaply for ASCII text: the phrases looked for in it are ASCII, and only
/// non-ASCII letters lower-case differently (or into ASCII, like the Kelvin sign).
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

/// A trailing "won't do: superseded by …" note: the reason an item was dropped, not its text.
fn is_wont_do(segment: &str) -> bool {
    let lower = lowercase(segment);
    WONT_DO.iter().any(|w| lower.starts_with(w))
}

/// True when `text` says anywhere that the item will not be done: [`WONT_DO`] in
/// `text.to_lowercase()`. Item texts are rarely ASCII (the em dashes between fields), and
/// lower-casing them whole was a visible share of reading items; lower-casing only ASCII letters
/// finds the same, since the phrases are ASCII and `’` and no other character lower-cases into
/// one of their letters (the Kelvin sign gives `k`; `İ` gives an `i` with a combining dot after it).
fn says_wont_do(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    WONT_DO.iter().any(|w| lower.contains(w))
}

/// True when `segment` opens with a field label followed by a colon or equals sign.
fn explicit_label(segment: &str) -> bool {
    let Some((label, _)) = segment.split_once([':', '=']) else { return false };
    let label = label.trim().trim_matches(|c| c == '*' || c == '_').trim().to_ascii_lowercase();
    [
        "owner",
        "owners",
        "dri",
        "assignee",
        "assigned to",
        "owned by",
        "due",
        "due date",
        "by",
        "eta",
        "deadline",
        "target",
        "target date",
    ]
    .contains(&label.as_str())
}

/// Values that stand where an owner or due date should be but name nobody and no day.
pub fn is_placeholder_value(value: &str) -> bool {
    let v = value.trim().trim_matches(|c: char| c == '*' || c == '_' || c == '`').trim().to_lowercase();
    v.is_empty()
        || matches!(
            v.as_str(),
            "tbd"
                | "tbc"
                | "todo"
                | "?"
                | "??"
                | "???"
                | "n/a"
                | "na"
                | "none"
                | "-"
                | "—"
                | "–"
                | "unassigned"
                | "unknown"
                | "everyone"
                | "someone"
                | "somebody"
                | "anyone"
                | "the team"
                | "team"
                | "all"
                | "yyyy-mm-dd"
        )
        || (v.starts_with('[') && v.ends_with(']'))
}

/// A slot holding only a due date, written relatively ("Q3 2026", "next sprint", "end of Q2").
fn is_bare_due(segment: &str) -> bool {
    let segment = segment.trim_end_matches('.');
    DUE_WORDS.find(segment).is_some_and(|m| m.start() == 0 && m.end() == segment.len())
}

/// Status notes that stand in a trailing slot but name no one.
fn is_status_word(segment: &str) -> bool {
    matches!(
        segment.to_lowercase().as_str(),
        "done" | "wip" | "in progress" | "blocked" | "open" | "closed" | "ongoing" | "pending" | "todo" | "tbd" | "n/a"
    )
}

/// Splits an item's text into segments at the separators SPEC §2.4 names.
fn segments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_code = false;
    while i < text.len() {
        // Only these bytes toggle code or start a separator (0xE2 begins the em and en dashes);
        // each is a character boundary, and every other byte is passed over.
        if !matches!(bytes[i], b'`' | b' ' | 0xE2 | b'|' | b';' | b'(' | b')' | b'\n' | b',') {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let c = rest.chars().next().map_or(1, char::len_utf8);
        if bytes[i] == b'`' {
            in_code = !in_code;
        }
        let sep_len = if in_code {
            0
        } else if rest.starts_with(" — ") || rest.starts_with(" – ") {
            " — ".len()
        } else if rest.starts_with(['—', '–']) {
            '—'.len_utf8()
        } else if rest.starts_with(" - ") || rest.starts_with(" | ") {
            3
        } else if matches!(bytes[i], b'|' | b';' | b'(' | b')' | b'\n')
            || (bytes[i] == b',' && looks_like_label(&text[i + 1..]))
        {
            1
        } else {
            0
        };
        if sep_len > 0 {
            out.push((start, i));
            i += sep_len;
            start = i;
        } else {
            i += c;
        }
    }
    out.push((start, text.len()));
    out.into_iter().map(|(s, e)| trim_range(text, s, e)).filter(|(s, e)| e > s).collect()
}

fn looks_like_label(rest: &str) -> bool {
    // Lower-casing never shortens a character, so the first eight characters (the longest label)
    // decide, however long the rest of the item is.
    let head: String = rest.trim_start().chars().take(8).flat_map(char::to_lowercase).collect();
    ["owner", "due", "dri", "eta", "assignee", "ticket", "by "].iter().any(|l| head.starts_with(l))
}

fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    (start + lead, start + lead + trimmed.len())
}

/// Cheap byte checks that say whether a segment can match each anchored pattern, so the regexes
/// (with their capture groups) only run on the few segments that may hold an owner, due date or
/// ticket. A non-ASCII first byte always passes: case-insensitive patterns match some non-ASCII
/// letters (`ſ` folds to `s`).
struct Starts(u8);

impl Starts {
    fn of(segment: &str) -> Self {
        Starts(segment.as_bytes().first().copied().unwrap_or(0).to_ascii_lowercase())
    }
    fn any(&self, letters: &[u8]) -> bool {
        !self.0.is_ascii() || letters.contains(&self.0)
    }
    /// `OWNER_LABEL`: owner, dri, assignee, assigned to, owned by.
    fn owner_label(&self) -> bool {
        self.any(b"oda")
    }
    /// `DUE_LABEL`: due, by, eta, deadline, target.
    fn due_label(&self) -> bool {
        self.any(b"dbet")
    }
    /// `DUE_WORDS`: a date, a quarter, a sprint, a weekday, a month, today, next week…
    fn due_words(&self) -> bool {
        self.0.is_ascii_digit() || self.any(b"qestnmwfjaod")
    }
    fn handle(&self) -> bool {
        self.0 == b'@'
    }
}

fn clean_value(value: &str) -> &str {
    value.trim().trim_matches(|c: char| c == '*' || c == '_' || c == '.' || c == ',').trim()
}

/// Reads one task-list item; `block` is the item as a prose block.
pub(crate) fn parse_item(block: &ProseBlock, checked: bool) -> ActionItem {
    let text = block.text.replace('\n', " ");
    let mut owner: Option<Field<String>> = None;
    let mut due_text: Option<Field<String>> = None;
    let mut ticket: Option<String> = None;
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (index, (start, end)) in segments(&text).into_iter().enumerate() {
        let segment = &text[start..end];
        let value_span = |value: &str| {
            // The last place `value` occurs; when it ends the segment (a value is its tail, save
            // trailing punctuation), that is where it starts, found without a substring search.
            let last = if segment.ends_with(value) { Some(segment.len() - value.len()) } else { segment.rfind(value) };
            let offset = last.map_or(start, |i| start + i);
            block.source_span(offset, offset + value.len())
        };
        let starts = Starts::of(segment);
        // The deliverable comes first: "Due diligence on …" or "Target 99.9% …" is not a field
        // unless it is written as one, with a colon ("Due: 2026-04-10 — …").
        let may_be_field = index > 0 || explicit_label(segment);
        let owner_value =
            (may_be_field && starts.owner_label()).then(|| label_value(segment, &OWNER_LABELS, &OWNER_LABEL)).flatten();
        if let Some(value) = owner_value {
            // "Owner: —" with the value left empty: the label's own colon is not a value.
            let value = clean_value(value.trim_start_matches([':', '=', '-']));
            if owner.is_none() && !is_placeholder_value(value) {
                owner = Some(Field { value: value.to_string(), span: value_span(value) });
            }
            continue;
        }
        let due_value =
            (may_be_field && starts.due_label()).then(|| label_value(segment, &DUE_LABELS, &DUE_LABEL)).flatten();
        if let Some(value) = due_value {
            let value = clean_value(value);
            let is_due = !lowercase(segment).starts_with("by") || DUE_WORDS.is_match(value);
            if is_due {
                if due_text.is_none() && !is_placeholder_value(value) {
                    due_text = Some(Field { value: value.to_string(), span: value_span(value) });
                }
                continue;
            }
        }
        if let Some(caps) = (index > 0 && starts.handle()).then(|| HANDLE_THEN_DUE.captures(segment)).flatten() {
            let (handle, due) =
                (caps.get(1).map_or("", |m| m.as_str()), clean_value(caps.get(2).map_or("", |m| m.as_str())));
            if owner.is_none() {
                owner = Some(Field { value: handle.to_string(), span: value_span(handle) });
            }
            if due_text.is_none() && !is_placeholder_value(due) {
                due_text = Some(Field { value: due.to_string(), span: value_span(due) });
            }
            continue;
        }
        if index > 0 && starts.due_words() && is_bare_due(segment) {
            if due_text.is_none() {
                due_text = Some(Field { value: segment.to_string(), span: value_span(segment) });
            }
            continue;
        }
        if index > 0 && starts.handle() && HANDLE.is_match(segment) {
            if owner.is_none() {
                owner = Some(Field { value: segment.to_string(), span: value_span(segment) });
            }
            continue;
        }
        if index > 0 && starts.0.is_ascii_digit() && ISO_DATE.is_match(segment) {
            if due_text.is_none() {
                due_text = Some(Field { value: segment.to_string(), span: value_span(segment) });
            }
            continue;
        }
        // Every ticket form holds `#`, `-` or the `:` of a URL.
        let may_hold_ticket = segment.bytes().any(|b| matches!(b, b'#' | b'-' | b':'));
        if index > 0
            && may_hold_ticket
            && TICKET.find(segment).is_some_and(|m| m.as_str().trim().len() + 2 >= segment.len())
        {
            ticket.get_or_insert_with(|| segment.trim_start_matches('(').to_string());
            continue;
        }
        if index > 0 && (is_placeholder_value(segment) || is_wont_do(segment)) {
            continue;
        }
        // A trailing slot that is only a name or team: the owner, in the em-dash style.
        if index > 0
            && owner.is_none()
            && starts.0.is_ascii_alphabetic()
            && BARE_OWNER.is_match(segment)
            && !is_status_word(segment)
        {
            owner = Some(Field { value: segment.to_string(), span: value_span(segment) });
            continue;
        }
        kept.push((start, end));
    }
    // Forms written inside the deliverable's own clause: "… @sre-team by 2026-03-01".
    if let Some((start, end)) = kept.first().copied() {
        let first = &text[start..end];
        if due_text.is_none() {
            // The inline forms need a digit (the date) or an `@` (the handle); most items hold neither.
            let has_digit = first.bytes().any(|b| b.is_ascii_digit());
            if let Some(caps) = has_digit.then(|| INLINE_DUE.captures(first)).flatten() {
                let m = caps.get(1).map_or(0..0, |m| m.range());
                due_text =
                    Some(Field { value: caps[1].to_string(), span: block.source_span(start + m.start, start + m.end) });
                let whole = caps.get(0).map_or(0..0, |m| m.range());
                kept[0] = (start, trim_range(&text, start, start + whole.start).1.max(start));
            }
        }
        if owner.is_none() {
            let first = &text[kept[0].0..kept[0].1];
            let has_at = first.contains('@');
            if let Some(m) = has_at.then(|| INLINE_HANDLE.captures(first)).flatten().and_then(|c| c.get(1)) {
                // A handle at the end of the deliverable is its owner; one in the middle is a mention.
                if first[m.end()..].trim().is_empty() {
                    owner = Some(Field {
                        value: m.as_str().to_string(),
                        span: block.source_span(kept[0].0 + m.start(), kept[0].0 + m.end()),
                    });
                    kept[0] = trim_range(&text, kept[0].0, kept[0].0 + m.start());
                }
            }
        }
    }
    if ticket.is_none() {
        ticket = TICKET.find(&text).map(|m| m.as_str().trim().trim_start_matches('(').to_string());
    }
    let description = kept.iter().map(|&(s, e)| &text[s..e]).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" — ");
    let description_span = match (kept.first(), kept.last()) {
        (Some(&(s, _)), Some(&(_, e))) => block.source_span(s, e),
        _ => block.span,
    };
    let struck = description.starts_with("~~") && description.contains("~~") && {
        let inner = description.trim_start_matches("~~");
        inner.find("~~").is_some_and(|end| inner[end + 2..].trim().is_empty()) || description.ends_with("~~")
    };
    let wont_do = says_wont_do(&text);
    let status = match (checked, struck || wont_do) {
        (false, _) => ActionStatus::Open,
        (true, true) => ActionStatus::Dropped,
        (true, false) => ActionStatus::Done,
    };
    let due = due_text.as_ref().and_then(|d| super::iso_date(d.value.get(..10).unwrap_or("")));
    ActionItem {
        span: block.span,
        text,
        description: description.replace("~~", "").trim().to_string(),
        description_span,
        checked,
        status,
        owner,
        due_text,
        due,
        ticket,
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    /// The hand-written label reader must capture exactly what the regex captures.
    #[test]
    fn label_value_agrees_with_the_label_regexes() {
        let pieces = [
            "owner",
            "Owners",
            "OWNER",
            "dri",
            "DRI",
            "assignee",
            "assigned to",
            "Assigned To",
            "owned by",
            "ownership",
            "due",
            "Due date",
            "due date",
            "by",
            "BY",
            "eta",
            "deadline",
            "target",
            "target date",
            "Target Date",
            "d",
            "du",
            "own",
            ":",
            "=",
            "-",
            " ",
            "  ",
            "\t",
            ": ",
            " : ",
            ":-",
            "@ana",
            "2026-04-10",
            "x",
            "date",
            "s",
            "Q3 2026",
            "é",
            "\u{17f}",
            "\u{a0}",
            "to",
            "\r",
        ];
        let mut next = crate::testing::seeded(0x9e37_79b9_7f4a_7c15);
        let mut segments: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for _ in 0..20_000 {
            let mut segment = String::new();
            for _ in 0..1 + next(4) {
                segment.push_str(pieces[next(pieces.len())]);
            }
            segments.push(segment);
        }
        for segment in &segments {
            for (labels, regex) in [(&OWNER_LABELS[..], &*OWNER_LABEL), (&DUE_LABELS[..], &*DUE_LABEL)] {
                let expected = regex.captures(segment).and_then(|c| c.get(1)).map(|m| m.as_str());
                assert_eq!(label_value(segment, labels, regex), expected, "{segment:?}");
            }
        }
    }
}

#[cfg(test)]
mod deliverable_first_tests {
    use crate::document::{parse, ParseOptions};

    fn item(line: &str) -> crate::document::ActionItem {
        let doc = parse("a.md".into(), format!("## Action Items\n\n{line}\n"), &ParseOptions::default());
        doc.actions.into_iter().next().unwrap_or_else(|| panic!("no item in {line}"))
    }

    #[test]
    fn a_deliverable_that_starts_with_a_label_word_is_not_a_field() {
        let a = item("- [ ] Due diligence review of the CDN contract — Owner: @ana — Due: 2026-05-01");
        assert_eq!(a.owner.map(|o| o.value).as_deref(), Some("@ana"));
        assert_eq!(a.due.map(|d| d.to_string()).as_deref(), Some("2026-05-01"));
        assert!(a.description.starts_with("Due diligence"), "{}", a.description);
        let b = item("- [ ] Due: 2026-05-01 — Rotate the `billing` API keys — Owner: @ana");
        assert_eq!(b.due.map(|d| d.to_string()).as_deref(), Some("2026-05-01"));
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// Segments around every label: spacing, separators, case, nothing left, look-alikes.
    fn segments_to_try() -> Vec<String> {
        let labels = OWNER_LABELS.iter().chain(&DUE_LABELS).flat_map(|l| [l.to_string(), l.to_uppercase()]);
        let labels: Vec<String> =
            labels.chain(["Owned  by", "etag", "bye", "Due Dates", "deadlines"].map(String::from)).collect();
        let middles = ["", " ", "  ", ":", " :", ": ", " : ", "=", "-", " - ", "\t:\t", ":-", "::", " \x0B", "s", "s:"];
        let ends = ["", " ", "@ana", " @ana ", "2026-04-01", "-", ":", "x", "TBD", "\u{a0}@ana", "ſ: @a"];
        let mut out = Vec::new();
        for label in &labels {
            for middle in middles {
                for end in ends {
                    out.push(format!("{label}{middle}{end}"));
                }
            }
        }
        out
    }

    #[test]
    fn label_values_are_what_the_regexes_capture() {
        for segment in segments_to_try() {
            for (labels, regex) in [(&OWNER_LABELS[..], &*OWNER_LABEL), (&DUE_LABELS[..], &*DUE_LABEL)] {
                let expected = regex.captures(&segment).and_then(|c| c.get(1)).map(|m| m.as_str());
                assert_eq!(label_value(&segment, labels, regex), expected, "{segment:?}");
            }
        }
    }

    #[test]
    fn lower_casing_shortcuts_agree_with_to_lowercase() {
        for text in ["Won't do: x", "WILL NOT DO", "By Friday", "abc", "Ünïcode WON’T DO", "\u{212A}elvin"] {
            assert_eq!(lowercase(text), text.to_lowercase());
        }
        for rest in [" Owner: @a", "  DUE 2026", "assigNEE x", " \u{212A}", " Bye", " by x", "ticket", "İowner"] {
            let slow = rest.trim_start().to_lowercase();
            let expected =
                ["owner", "due", "dri", "eta", "assignee", "ticket", "by "].iter().any(|l| slow.starts_with(l));
            assert_eq!(looks_like_label(rest), expected, "{rest:?}");
        }
    }

    #[test]
    fn wont_do_is_found_as_in_the_lower_cased_text() {
        let texts = [
            "Move the region — WON'T DO — superseded",
            "Won’t Do: merged into PLAT-9",
            "ÉTÉ will NOT do this",
            "Wİll not do",
            "WİLL NOT DO",
            "wont do",
            "WONT\u{212A} DO",
            "Ünïcode — nothing to see",
            "will  not do",
            "WILL NOT DΟ",
        ];
        for text in texts {
            let expected = WONT_DO.iter().any(|w| text.to_lowercase().contains(w));
            assert_eq!(says_wont_do(text), expected, "{text:?}");
        }
    }

    #[test]
    fn iso_dates_read_as_chrono_reads_them() {
        let mut texts: Vec<String> =
            ["2026-02-28", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "0000-01-01"]
                .map(String::from)
                .to_vec();
        texts.extend(
            ["2026-1-01", " 2026-01-01", "2026-01-1 ", "+2026-01-1", "2026/01/01", "٢٠٢٦-01-01", "", "2026-01-01x"]
                .map(String::from),
        );
        for day in 0..40 {
            texts.push(format!("2026-12-{day:02}"));
            texts.push(format!("1999-{day:02}-15"));
        }
        for text in &texts {
            assert_eq!(crate::document::iso_date(text), NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(), "{text:?}");
        }
    }
}
