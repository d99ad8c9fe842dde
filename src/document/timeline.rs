//! Timeline entries (SPEC §2.3): timestamps, milestone tags and the durations derived from them.

use std::sync::LazyLock;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;
use serde::Serialize;

use super::{BlockKind, ProseBlock};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Milestone {
    Start,
    Detected,
    Declared,
    Mitigated,
    Resolved,
}

impl Milestone {
    pub const ALL: [Milestone; 5] =
        [Milestone::Start, Milestone::Detected, Milestone::Declared, Milestone::Mitigated, Milestone::Resolved];

    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::Start => "start",
            Milestone::Detected => "detected",
            Milestone::Declared => "declared",
            Milestone::Mitigated => "mitigated",
            Milestone::Resolved => "resolved",
        }
    }

    fn parse(tag: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(tag))
    }
}

/// How an entry's time zone was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "name")]
pub enum Zone {
    /// `UTC`, `Z`, `GMT` or `+00:00`.
    Utc,
    /// A numeric offset other than zero; the timestamp has been converted to UTC.
    Offset(String),
    /// A named zone such as `CET`: converted with its standard offset, but ambiguous.
    Named(String),
    /// None given on the entry (it may be stated once for the whole timeline).
    Unstated,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// The list item, table row or line the entry was read from.
    pub span: Span,
    /// The span of the timestamp itself.
    pub timestamp_span: Span,
    /// The instant in UTC (named zones converted with their standard offset).
    pub at: NaiveDateTime,
    /// True when the entry gave only a time and the date came from above or from frontmatter.
    pub date_inferred: bool,
    pub zone: Zone,
    pub milestone: Option<Milestone>,
    pub milestone_span: Option<Span>,
    pub event: String,
}

/// A line in the Timeline that looks like an entry but has no timestamp pmctl can read.
#[derive(Debug, Clone, Serialize)]
pub struct UnparsedEntry {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    pub unparsed: Vec<UnparsedEntry>,
    /// True when prose in the section states the zone for all entries ("All times UTC").
    pub zone_declared: bool,
}

impl Timeline {
    pub fn milestone(&self, milestone: Milestone) -> Option<&TimelineEntry> {
        self.entries.iter().find(|e| e.milestone == Some(milestone))
    }

    /// Minutes from `[start]` to `milestone`, when both are present.
    pub fn minutes_to(&self, milestone: Milestone) -> Option<i64> {
        let start = self.milestone(Milestone::Start)?.at;
        let end = self.milestone(milestone)?.at;
        Some((end - start).num_minutes())
    }

    pub fn minutes_to_detect(&self) -> Option<i64> {
        self.minutes_to(Milestone::Detected)
    }

    pub fn minutes_to_mitigate(&self) -> Option<i64> {
        self.minutes_to(Milestone::Mitigated)
    }

    pub fn minutes_to_resolve(&self) -> Option<i64> {
        self.minutes_to(Milestone::Resolved)
    }
}

const ZONE: &str = r"Z|UTC|GMT|[+-]\d{2}:?\d{2}|CEST|CET|EEST|EET|WEST|WET|BST|IST|PST|PDT|MST|MDT|CST|CDT|EST|EDT|AEST|AEDT|JST|KST|SGT|HKT|NZST|NZDT|MSK";

static FULL_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(\d{{4}}-\d{{2}}-\d{{2}})(?:[T ]|,\s*)(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?(?:\.\d+)?\s*(?:\(?({ZONE})\)?)?"
    ))
    .expect("static regex")
});
static TIME_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?\s*(?:\(?({ZONE})\)?)?")).expect("static regex")
});
static DATE_ONLY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4}-\d{2}-\d{2})\s*:?$").expect("static regex"));
#[cfg(test)]
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?:—|–|-|\||:)?\s*").expect("static regex"));
#[cfg(test)]
static MILESTONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\[([A-Za-z]+)\]\s*").expect("static regex"));
#[cfg(test)]
static ZONE_STATEMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(UTC|GMT)(?-u:\b)").expect("static regex"));

/// The date of a line that holds only one (`DATE_ONLY`).
fn date_only(text: &str) -> Option<&str> {
    scan::date_only(text).unwrap_or_else(|| DATE_ONLY.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str()))
}

struct Stamp {
    date: Option<NaiveDate>,
    time: NaiveTime,
    zone: Zone,
    offset_minutes: i64,
    len: usize,
}

fn zone_of(name: Option<&str>) -> (Zone, i64) {
    let Some(name) = name else { return (Zone::Unstated, 0) };
    let named = |hours: i64| (Zone::Named(name.to_string()), hours * 60);
    match name {
        "Z" | "UTC" | "GMT" => (Zone::Utc, 0),
        "CET" | "WEST" | "BST" => named(1),
        "CEST" | "EET" => named(2),
        "EEST" | "MSK" => named(3),
        "WET" => named(0),
        "IST" => (Zone::Named(name.to_string()), 330),
        "PST" => named(-8),
        "PDT" | "MST" => named(-7),
        "MDT" | "CST" => named(-6),
        "CDT" | "EST" => named(-5),
        "EDT" => named(-4),
        "AEST" => named(10),
        "AEDT" => named(11),
        "JST" | "KST" => named(9),
        "SGT" | "HKT" => named(8),
        "NZST" => named(12),
        "NZDT" => named(13),
        offset => {
            let sign = if offset.starts_with('-') { -1 } else { 1 };
            let digits: String = offset.chars().filter(char::is_ascii_digit).collect();
            let hours: i64 = digits.get(0..2).and_then(|h| h.parse().ok()).unwrap_or(0);
            let minutes: i64 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let total = sign * (hours * 60 + minutes);
            if total == 0 {
                (Zone::Utc, 0)
            } else {
                (Zone::Offset(offset.to_string()), total)
            }
        }
    }
}

fn read_stamp(text: &str) -> Option<Stamp> {
    // Most lines in a document are not timestamps; skip the regexes for them.
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let full = scan::stamp(text, true).unwrap_or_else(|| StampMatch::of(FULL_STAMP.captures(text), true));
    if let Some(m) = full {
        let date = super::iso_date(m.date.unwrap_or(""))?;
        let time = hms(m.hour, m.minute, m.second)?;
        let (zone, offset_minutes) = zone_of(m.zone);
        return Some(Stamp { date: Some(date), time, zone, offset_minutes, len: m.len });
    }
    let m = scan::stamp(text, false).unwrap_or_else(|| StampMatch::of(TIME_STAMP.captures(text), false))?;
    let time = hms(m.hour, m.minute, m.second)?;
    let (zone, offset_minutes) = zone_of(m.zone);
    Some(Stamp { date: None, time, zone, offset_minutes, len: m.len })
}

/// What [`FULL_STAMP`] or [`TIME_STAMP`] captures.
#[derive(Debug, PartialEq)]
struct StampMatch<'t> {
    date: Option<&'t str>,
    hour: &'t str,
    minute: &'t str,
    second: Option<&'t str>,
    zone: Option<&'t str>,
    len: usize,
}

impl<'t> StampMatch<'t> {
    fn of(caps: Option<regex::Captures<'t>>, with_date: bool) -> Option<Self> {
        let caps = caps?;
        let group = |i: usize| caps.get(i).map(|m| m.as_str());
        let first = usize::from(with_date);
        Some(StampMatch {
            date: group(1).filter(|_| with_date),
            hour: group(first + 1).unwrap_or(""),
            minute: group(first + 2).unwrap_or(""),
            second: group(first + 3),
            zone: group(first + 4),
            len: caps.get(0).map_or(0, |m| m.len()),
        })
    }
}

/// The timeline patterns read by hand: one line passes through four of them, and their capture
/// groups cost more than the rest of the timeline. Each reader answers exactly as its regex does,
/// or, where `\d` would meet a non-ASCII character (which may be a digit of another script),
/// `None`: the regex decides those. `\s` is Unicode white space, as `char::is_whitespace` is.
mod scan {
    use super::StampMatch;

    struct Cursor<'t> {
        text: &'t str,
        at: usize,
    }

    impl<'t> Cursor<'t> {
        fn peek(&self) -> Option<u8> {
            self.text.as_bytes().get(self.at).copied()
        }

        fn eat(&mut self, byte: u8) -> bool {
            let found = self.peek() == Some(byte);
            self.at += usize::from(found);
            found
        }

        /// `\d`: `Some(true)` after taking an ASCII digit, `None` at a non-ASCII character.
        fn digit(&mut self) -> Option<bool> {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    self.at += 1;
                    Some(true)
                }
                Some(b) if !b.is_ascii() => None,
                _ => Some(false),
            }
        }

        /// `\d{n}`.
        fn digits(&mut self, n: usize) -> Option<bool> {
            for _ in 0..n {
                if !self.digit()? {
                    return Some(false);
                }
            }
            Some(true)
        }

        /// `\s*`.
        fn spaces(&mut self) {
            while let Some(c) = self.text[self.at..].chars().next().filter(|c| c.is_whitespace()) {
                self.at += c.len_utf8();
            }
        }

        fn since(&self, start: usize) -> &'t str {
            &self.text[start..self.at]
        }
    }

    /// `FULL_STAMP` (`with_date`) or `TIME_STAMP`.
    pub(super) fn stamp(text: &str, with_date: bool) -> Option<Option<StampMatch<'_>>> {
        let mut c = Cursor { text, at: 0 };
        let date = if with_date {
            // (\d{4}-\d{2}-\d{2})(?:[T ]|,\s*)
            let ok = c.digits(4)? && c.eat(b'-') && c.digits(2)? && c.eat(b'-') && c.digits(2)?;
            if !ok {
                return Some(None);
            }
            let date = c.since(0);
            if c.eat(b',') {
                c.spaces();
            } else if !(c.eat(b'T') || c.eat(b' ')) {
                return Some(None);
            }
            Some(date)
        } else {
            None
        };
        // (\d{1,2}):(\d{2})
        let hour_start = c.at;
        if !c.digit()? {
            return Some(None);
        }
        c.digit()?;
        let hour = c.since(hour_start);
        if !c.eat(b':') {
            return Some(None);
        }
        let minute_start = c.at;
        if !c.digits(2)? {
            return Some(None);
        }
        let minute = c.since(minute_start);
        // (?::(\d{2}))?
        let before = c.at;
        let second = if c.eat(b':') && c.digits(2)? {
            Some(c.since(before + 1))
        } else {
            c.at = before;
            None
        };
        // (?:\.\d+)? (the full stamp only)
        if with_date {
            let before = c.at;
            if c.eat(b'.') && c.digit()? {
                while c.digit()? {}
            } else {
                c.at = before;
            }
        }
        // \s*(?:\(?({ZONE})\)?)?
        c.spaces();
        let before = c.at;
        c.eat(b'(');
        let zone = match zone(&mut c)? {
            Some(zone) => {
                c.eat(b')');
                Some(zone)
            }
            None => {
                // No zone starts with `(`, so without the parenthesis there is none either.
                c.at = before;
                None
            }
        };
        Some(Some(StampMatch { date, hour, minute, second, zone, len: c.at }))
    }

    /// The names of `ZONE`, in its order: the first that matches wins.
    const NAMES: [&str; 30] = [
        "Z", "UTC", "GMT", "", "CEST", "CET", "EEST", "EET", "WEST", "WET", "BST", "IST", "PST", "PDT", "MST", "MDT",
        "CST", "CDT", "EST", "EDT", "AEST", "AEDT", "JST", "KST", "SGT", "HKT", "NZST", "NZDT", "MSK", "",
    ];

    /// `ZONE` at the cursor; the empty name stands for `[+-]\d{2}:?\d{2}`.
    fn zone<'t>(c: &mut Cursor<'t>) -> Option<Option<&'t str>> {
        let start = c.at;
        // Every name starts with a capital and every offset with a sign.
        if !c.peek().is_some_and(|b| b.is_ascii_uppercase() || b == b'+' || b == b'-') {
            return Some(None);
        }
        for name in NAMES {
            if name.is_empty() {
                if offset(c)? {
                    return Some(Some(c.since(start)));
                }
                c.at = start;
            } else if c.text[start..].starts_with(name) {
                c.at = start + name.len();
                return Some(Some(name));
            }
        }
        Some(None)
    }

    /// `[+-]\d{2}:?\d{2}`; after a colon only digits can follow, so taking it decides.
    fn offset(c: &mut Cursor<'_>) -> Option<bool> {
        if !(c.eat(b'+') || c.eat(b'-')) || !c.digits(2)? {
            return Some(false);
        }
        c.eat(b':');
        c.digits(2)
    }

    /// `DATE_ONLY`: `^(\d{4}-\d{2}-\d{2})\s*:?$`.
    pub(super) fn date_only(text: &str) -> Option<Option<&str>> {
        let mut c = Cursor { text, at: 0 };
        let ok = c.digits(4)? && c.eat(b'-') && c.digits(2)? && c.eat(b'-') && c.digits(2)?;
        if !ok {
            return Some(None);
        }
        let date = c.since(0);
        c.spaces();
        c.eat(b':');
        Some((c.at == text.len()).then_some(date))
    }

    /// The end of `SEPARATOR`: `^\s*(?:—|–|-|\||:)?\s*` (it always matches).
    pub(super) fn separator_end(text: &str) -> usize {
        let mut c = Cursor { text, at: 0 };
        c.spaces();
        if let Some(mark) = c.text[c.at..].chars().next().filter(|m| matches!(m, '—' | '–' | '-' | '|' | ':')) {
            c.at += mark.len_utf8();
        }
        c.spaces();
        c.at
    }

    /// `MILESTONE`: `^\[([A-Za-z]+)\]\s*`, as (tag, whole match).
    pub(super) fn milestone(text: &str) -> Option<(&str, &str)> {
        let mut c = Cursor { text, at: 0 };
        if !c.eat(b'[') {
            return None;
        }
        while c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            c.at += 1;
        }
        let tag = c.since(1);
        if tag.is_empty() || !c.eat(b']') {
            return None;
        }
        c.spaces();
        Some((tag, c.since(0)))
    }

    /// `ZONE_STATEMENT`: `UTC` or `GMT` as a whole word, ASCII word boundaries (`(?-u:\b)`).
    pub(super) fn states_zone(text: &str) -> bool {
        let b = text.as_bytes();
        let word = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        (0..b.len().saturating_sub(2))
            .any(|i| matches!(&b[i..i + 3], b"UTC" | b"GMT") && (i == 0 || !word(i - 1)) && !word(i + 3))
    }
}

fn hms(h: &str, m: &str, s: Option<&str>) -> Option<NaiveTime> {
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let s: u32 = s.map_or(Some(0), |s| s.parse().ok())?;
    NaiveTime::from_hms_opt(h, m, s)
}

/// Length of leading emphasis or code markers that wrap a timestamp (`**14:02**`, `` `14:02` ``).
fn wrapper_len(text: &str) -> usize {
    text.len() - text.trim_start_matches(['*', '_', '`']).len()
}

/// Reads the timeline from the blocks of the Timeline section.
pub(crate) fn parse(blocks: &[&ProseBlock], default_date: Option<NaiveDate>) -> Timeline {
    let mut timeline = Timeline::default();
    let mut current_date = default_date;
    let mut current_zone = Zone::Unstated;
    let mut current_offset = 0;
    let mut index = 0;
    while index < blocks.len() {
        let block = blocks[index];
        match block.kind {
            BlockKind::TableCell => {
                // Gather the row; the header row (row 0) names columns, it is not an entry.
                let cell = block.table_cell.unwrap_or_default();
                let row_end = blocks[index..]
                    .iter()
                    .position(|b| b.table_cell.map(|c| (c.table, c.row)) != Some((cell.table, cell.row)))
                    .map_or(blocks.len(), |n| index + n);
                let row = &blocks[index..row_end];
                index = row_end;
                if cell.row == 0 {
                    continue;
                }
                read_row(row, &mut timeline, &mut current_date, &mut current_zone, &mut current_offset);
                continue;
            }
            BlockKind::ListItem => {
                let text = block.text.replace('\n', " ");
                read_line(
                    block,
                    0,
                    &text,
                    block.list_depth <= 1,
                    &mut timeline,
                    &mut current_date,
                    &mut current_zone,
                    &mut current_offset,
                );
            }
            BlockKind::Paragraph | BlockKind::Heading => {
                if scan::states_zone(&block.text) && read_stamp(block.text.trim_start()).is_none() {
                    timeline.zone_declared = true;
                }
                let mut offset = 0;
                for line in block.text.split('\n') {
                    read_line(
                        block,
                        offset,
                        line,
                        false,
                        &mut timeline,
                        &mut current_date,
                        &mut current_zone,
                        &mut current_offset,
                    );
                    offset += line.len() + 1;
                }
            }
        }
        index += 1;
    }
    timeline
}

#[allow(clippy::too_many_arguments)]
fn read_line(
    block: &ProseBlock,
    line_offset: usize,
    line: &str,
    report_unparsed: bool,
    timeline: &mut Timeline,
    current_date: &mut Option<NaiveDate>,
    current_zone: &mut Zone,
    current_offset: &mut i64,
) {
    let leading = line.len() - line.trim_start().len();
    let body = &line[leading..];
    let wrap = wrapper_len(body);
    let stamp_text = &body[wrap..];
    if let Some(date) = date_only(stamp_text.trim_end_matches(['*', '_', '`'])) {
        if let Some(date) = super::iso_date(date) {
            *current_date = Some(date);
        }
        return;
    }
    let Some(stamp) = read_stamp(stamp_text) else {
        if report_unparsed && !line.trim().is_empty() {
            let start = line_offset + leading;
            timeline.unparsed.push(UnparsedEntry {
                span: block.source_span(start, line_offset + line.len()),
                text: line.trim().to_string(),
            });
        }
        return;
    };
    let stamp_start = line_offset + leading + wrap;
    let stamp_end = stamp_start + stamp.len;
    let after_stamp = body[wrap + stamp.len..].trim_start_matches(['*', '_', '`']);
    let rest_start = line_offset + line.len() - after_stamp.len();
    push_entry(
        block,
        stamp,
        (stamp_start, stamp_end),
        after_stamp,
        rest_start,
        timeline,
        current_date,
        current_zone,
        current_offset,
        Span::new(0, 0),
    );
}

fn read_row(
    row: &[&ProseBlock],
    timeline: &mut Timeline,
    current_date: &mut Option<NaiveDate>,
    current_zone: &mut Zone,
    current_offset: &mut i64,
) {
    let Some(first) = row.first() else { return };
    let row_span = Span::new(first.span.start, row.last().map_or(first.span.end, |b| b.span.end));
    let first_text = first.text.trim();
    // Either "2026-03-04 14:02 UTC | event" or "2026-03-04 | 14:02 | event".
    let (stamp_block, stamp, event_cells) = match read_stamp(first_text) {
        Some(stamp) => (*first, stamp, &row[1..]),
        None => {
            let date = date_only(first_text).and_then(super::iso_date);
            match (date, row.get(1).and_then(|b| read_stamp(b.text.trim()).map(|s| (b, s)))) {
                (Some(date), Some((block, mut stamp))) if stamp.date.is_none() => {
                    stamp.date = Some(date);
                    (*block, stamp, &row[2.min(row.len())..])
                }
                _ => {
                    if !first_text.is_empty() {
                        let text: Vec<&str> = row.iter().map(|b| b.text.trim()).collect();
                        timeline.unparsed.push(UnparsedEntry { span: first.span, text: text.join(" | ") });
                    }
                    return;
                }
            }
        }
    };
    let leading = stamp_block.text.len() - stamp_block.text.trim_start().len();
    let event: Vec<&str> = event_cells.iter().map(|b| b.text.trim()).filter(|t| !t.is_empty()).collect();
    let event = event.join(" — ");
    let milestone_block = event_cells.iter().find(|b| !b.text.trim().is_empty());
    let stamp_len = stamp.len;
    push_entry(
        stamp_block,
        stamp,
        (leading, leading + stamp_len),
        &event,
        usize::MAX,
        timeline,
        current_date,
        current_zone,
        current_offset,
        row_span,
    );
    // The milestone of a table row sits in the event cell, not next to the timestamp.
    if let (Some(entry), Some(block)) = (timeline.entries.last_mut(), milestone_block) {
        if let Some((_, whole)) = scan::milestone(block.text.trim_start()) {
            let lead = block.text.len() - block.text.trim_start().len();
            if entry.milestone.is_some() {
                entry.milestone_span = Some(block.source_span(lead, lead + whole.trim_end().len()));
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn push_entry(
    block: &ProseBlock,
    stamp: Stamp,
    (stamp_start, stamp_end): (usize, usize),
    rest: &str,
    rest_start: usize,
    timeline: &mut Timeline,
    current_date: &mut Option<NaiveDate>,
    current_zone: &mut Zone,
    current_offset: &mut i64,
    row_span: Span,
) {
    let date_inferred = stamp.date.is_none();
    let (zone, offset) = match stamp.zone {
        Zone::Unstated if date_inferred => (current_zone.clone(), *current_offset),
        zone => (zone, stamp.offset_minutes),
    };
    if let Some(date) = stamp.date {
        *current_date = Some(date);
        *current_zone = zone.clone();
        *current_offset = offset;
    }
    let Some(date) = stamp.date.or(*current_date) else {
        timeline.unparsed.push(UnparsedEntry { span: block.span, text: block.text.trim().to_string() });
        return;
    };
    let at = NaiveDateTime::new(date, stamp.time) - Duration::minutes(offset);
    let event_text = &rest[scan::separator_end(rest)..];
    let event_offset = rest.len() - event_text.len();
    let (milestone, milestone_span, event) = match scan::milestone(event_text) {
        Some((tag, whole)) => match Milestone::parse(tag) {
            Some(m) => {
                let span = (rest_start != usize::MAX).then(|| {
                    let start = rest_start + event_offset;
                    block.source_span(start, start + whole.trim_end().len())
                });
                (Some(m), span, event_text[whole.len()..].trim().to_string())
            }
            None => (None, None, event_text.trim().to_string()),
        },
        None => (None, None, event_text.trim().to_string()),
    };
    let span = if row_span.is_empty() { block.span } else { row_span };
    timeline.entries.push(TimelineEntry {
        span,
        timestamp_span: block.source_span(stamp_start, stamp_end),
        at,
        date_inferred,
        zone,
        milestone,
        milestone_span,
        event,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_in_the_forms_the_spec_allows() {
        let s = read_stamp("2026-03-04 14:02 UTC — x").expect("full stamp");
        assert_eq!(s.zone, Zone::Utc);
        assert_eq!(s.time, NaiveTime::from_hms_opt(14, 2, 0).expect("time"));
        let s = read_stamp("2026-03-04T14:02:09Z x").expect("rfc3339");
        assert_eq!(s.time, NaiveTime::from_hms_opt(14, 2, 9).expect("time"));
        let s = read_stamp("2026-03-04 14:02+02:00").expect("offset");
        assert_eq!(s.offset_minutes, 120);
        let s = read_stamp("09:15 - x").expect("time only");
        assert!(s.date.is_none());
        assert!(read_stamp("Sometime in the afternoon").is_none());
        assert!(read_stamp("25:99 nope").is_none());
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    /// Lines built from the pieces timestamps are made of, with their near misses: other
    /// scripts' digits, Unicode spaces, zones that share a prefix, stray brackets.
    fn lines() -> Vec<String> {
        let pieces = [
            "2026-03-04",
            "2026-3-04",
            "14",
            "1",
            "9",
            "02",
            "123",
            ":",
            "::",
            "T",
            "t",
            " ",
            "  ",
            ",",
            ", ",
            ".",
            ".5",
            "Z",
            "UTC",
            "GMT",
            "utc",
            "(",
            ")",
            "(UTC)",
            "+02:00",
            "-0530",
            "+0",
            "+02:",
            "-05:3",
            "CEST",
            "CET",
            "CE",
            "EEST",
            "WET",
            "AEDT",
            "AE",
            "NZST",
            "MSK",
            "\u{a0}",
            "\u{2003}",
            "\u{85}",
            "\t",
            "\x0B",
            "—",
            "–",
            "-",
            "|",
            "[start]",
            "[Detected]",
            "[x1]",
            "[]",
            "[",
            "]",
            "٣",
            "３",
            "é",
            "*",
            "x",
            "_",
            "`",
        ];
        let mut next = crate::testing::seeded(0x2545_f491_4f6c_dd1d);
        let mut out: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        // A digit of another script in each place `\d` reads one.
        out.extend(
            [
                "1٣:02",
                "2026-03-04 1٣:02",
                "14:0٣",
                "14:02:٣5",
                "2026-03-04 14:02.٣",
                "2026-03-04 14:02.5٣",
                "14:02 +٠٢:00",
                "14:02 +02:٠٠",
                "14:02 (+0200٣)",
                "٢٠٢٦-03-04",
                "2026-03-0٤ 14:02",
                "2026-03-0٤",
            ]
            .map(String::from),
        );
        let starts = ["2026-03-04", "2026-03-04T", "2026-03-04 14:02", "14:02", "9:05:59", "2026-03-04,  7:00", ""];
        for _ in 0..60_000 {
            let mut line = starts[next(starts.len())].to_string();
            for _ in 0..next(7) {
                line.push_str(pieces[next(pieces.len())]);
            }
            out.push(line);
        }
        out
    }

    #[test]
    fn hand_readers_agree_with_the_regexes() {
        for line in lines() {
            for (with_date, regex) in [(true, &*FULL_STAMP), (false, &*TIME_STAMP)] {
                let by_hand = scan::stamp(&line, with_date);
                assert!(by_hand.is_some() || !line.is_ascii(), "{line:?}");
                if let Some(found) = by_hand {
                    assert_eq!(found, StampMatch::of(regex.captures(&line), with_date), "{line:?}");
                }
            }
            if let Some(found) = scan::date_only(&line) {
                let expected = DATE_ONLY.captures(&line).and_then(|c| c.get(1)).map(|m| m.as_str());
                assert_eq!(found, expected, "{line:?}");
            }
            assert_eq!(scan::separator_end(&line), SEPARATOR.find(&line).map_or(0, |m| m.end()), "{line:?}");
            let expected = MILESTONE
                .captures(&line)
                .map(|c| (c.get(1).map_or("", |m| m.as_str()), c.get(0).map_or("", |m| m.as_str())));
            assert_eq!(scan::milestone(&line), expected, "{line:?}");
            assert_eq!(scan::states_zone(&line), ZONE_STATEMENT.is_match(&line), "{line:?}");
        }
    }
}
