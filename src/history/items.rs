//! The action items of one past version of a post-mortem, read as cheaply as correctness allows.
//!
//! History reads every version of every post-mortem, and only the Action Items section matters
//! there, so a line scan finds that section (skipping the frontmatter, fenced code and HTML
//! comments, where a `## ` line is no heading) and only the section is parsed, by the same
//! [`document::parse`] that reads whole documents. When the scan cannot be sure (no recognisable
//! Action Items heading, a Setext-style `---` underline that might be a heading) the whole
//! document is parsed instead. Either way the items come out of the one parser.
//!
//! Successive versions of a post-mortem mostly repeat the same items, so the section is cut
//! further into chunks, each starting at a top-level `-`, `*` or `+` list item (outside code and
//! comments), and each chunk's items are remembered by the chunk's text: a commit that checks one
//! item parses that one item again, not the other nine. A chunk is parsed as a section of its own;
//! a bullet at the start of a line always starts a new list item there, so this gives the items
//! the whole section gives.

use std::collections::HashMap;
use std::ops::Range;

use super::track::ItemVersion;
use crate::corpus::{self, MAX_FILE_BYTES};
use crate::document::{self, ActionItem, ParseOptions, SectionAliases, SectionKind};

/// How many chunks [`ItemReader`] remembers before it starts over (bounds memory on huge
/// histories; each entry is a few hundred bytes).
const REMEMBERED_CHUNKS: usize = 200_000;

/// Reads the action items of blobs, remembering the items of chunks it has seen.
pub struct ItemReader<'a> {
    options: &'a ParseOptions,
    chunks: HashMap<Box<str>, Vec<ItemVersion>>,
}

impl<'a> ItemReader<'a> {
    pub fn new(options: &'a ParseOptions) -> Self {
        ItemReader { options, chunks: HashMap::new() }
    }

    /// The action items of a blob, or `None` when it is not a readable post-mortem (too large,
    /// binary, not UTF-8).
    pub fn item_versions(&mut self, bytes: &[u8]) -> Option<Vec<ItemVersion>> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return None;
        }
        let text = corpus::decode(bytes.to_vec()).ok()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let Some(section) = action_section(text, &self.options.aliases) else {
            let items = document::parse(String::new(), text.to_string(), self.options).actions;
            return Some(items.iter().map(ItemVersion::of).collect());
        };
        if self.chunks.len() > REMEMBERED_CHUNKS {
            self.chunks.clear();
        }
        let cut: Vec<&str> = chunks(&text[section]).collect();
        let unknown: Vec<&str> = cut.iter().copied().filter(|chunk| !self.chunks.contains_key(*chunk)).collect();
        if !unknown.is_empty() {
            // The chunks not seen before are parsed together, as one section, and their items
            // shared out by where they start.
            let mut body = String::with_capacity(unknown.iter().map(|c| c.len() + 1).sum());
            let mut ends = Vec::with_capacity(unknown.len());
            for chunk in &unknown {
                body.push_str(chunk);
                if !body.ends_with('\n') {
                    body.push('\n');
                }
                ends.push(body.len());
            }
            let mut found: Vec<Vec<ItemVersion>> = vec![Vec::new(); unknown.len()];
            for (start, item) in parse_section_body(&body, self.options) {
                let index = ends.partition_point(|&end| end <= start).min(unknown.len() - 1);
                found[index].push(ItemVersion::of(&item));
            }
            for (chunk, items) in unknown.into_iter().zip(found) {
                self.chunks.insert(chunk.into(), items);
            }
        }
        let mut versions = Vec::new();
        for chunk in cut {
            versions.extend(self.chunks.get(chunk).into_iter().flatten().cloned());
        }
        Some(versions)
    }
}

/// The items of (part of) an Action Items section's body, parsed as a section of its own, each
/// with its start offset in `body`.
fn parse_section_body(body: &str, options: &ParseOptions) -> Vec<(usize, ActionItem)> {
    const HEADING: &str = "## Action Items\n";
    let mut text = String::with_capacity(body.len() + HEADING.len());
    text.push_str(HEADING);
    text.push_str(body);
    let items = document::parse(String::new(), text, options).actions;
    items.into_iter().map(|item| (item.span.start.saturating_sub(HEADING.len()), item)).collect()
}

/// The byte range of the Action Items section's body (after its heading line, up to the next
/// level-2 heading), when a line scan can find it with certainty.
fn action_section(text: &str, aliases: &SectionAliases) -> Option<Range<usize>> {
    let mut headings: Vec<(usize, &str)> = Vec::new();
    for line in Outline::new(text, frontmatter_end(text)?) {
        if !line.after_blank && is_setext_underline(line.text) {
            // `Heading\n---` is a level-2 heading the scan does not read: parse it all.
            return None;
        }
        if let Some(heading) = level_two_heading(line.text) {
            headings.push((line.start, heading));
        }
    }
    let index = headings.iter().position(|(_, h)| aliases.lookup(h) == Some(SectionKind::ActionItems))?;
    let end = headings.get(index + 1).map_or(text.len(), |&(next, _)| next);
    let start = headings[index].0;
    let body = text[start..end].find('\n').map_or(end, |i| start + i + 1);
    Some(body..end)
}

/// The section body cut before every top-level bullet (`-`, `*`, `+` at the start of a line,
/// outside fenced code and HTML comments); the first chunk holds whatever precedes the first.
fn chunks(body: &str) -> impl Iterator<Item = &str> {
    let mut starts = vec![0];
    starts.extend(Outline::new(body, 0).filter(|l| l.indent == 0 && l.start > 0 && is_bullet(l.text)).map(|l| l.start));
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([body.len()]).collect();
    starts.into_iter().zip(ends).map(move |(s, e)| &body[s..e])
}

/// The lines of Markdown that can start a block: those outside fenced code and HTML comments,
/// indented less than four spaces (more is code, or a continuation).
struct Outline<'a> {
    lines: LineIter<'a>,
    fence: Option<(u8, usize)>,
    in_comment: bool,
    previous_blank: bool,
}

struct OutlineLine<'a> {
    start: usize,
    indent: usize,
    /// The line without its indentation and line ending.
    text: &'a str,
    /// Whether the line before (of any kind) was blank.
    after_blank: bool,
}

impl<'a> Outline<'a> {
    fn new(text: &'a str, from: usize) -> Self {
        Outline { lines: LineIter { text, at: from }, fence: None, in_comment: false, previous_blank: true }
    }
}

impl<'a> Iterator for Outline<'a> {
    type Item = OutlineLine<'a>;

    fn next(&mut self) -> Option<OutlineLine<'a>> {
        loop {
            let (start, raw) = self.lines.next()?;
            let line = raw.trim_end_matches(['\n', '\r']);
            let t = line.trim_start_matches(' ');
            let indent = line.len() - t.len();
            let after_blank = std::mem::replace(&mut self.previous_blank, t.trim().is_empty());
            if self.in_comment {
                self.in_comment = !line.contains("-->");
                continue;
            }
            if let Some((c, n)) = self.fence {
                let closes = indent < 4 && t.bytes().take_while(|&b| b == c).count() >= n;
                if closes && t.trim_start_matches(c as char).trim().is_empty() {
                    self.fence = None;
                }
                continue;
            }
            if indent >= 4 {
                continue;
            }
            let ticks = t.bytes().take_while(|&b| b == b'`').count();
            let tildes = t.bytes().take_while(|&b| b == b'~').count();
            if ticks >= 3 {
                self.fence = Some((b'`', ticks));
            } else if tildes >= 3 {
                self.fence = Some((b'~', tildes));
            } else if let Some(rest) = t.strip_prefix("<!--") {
                self.in_comment = !rest.contains("-->");
            } else {
                return Some(OutlineLine { start, indent, text: t, after_blank });
            }
        }
    }
}

/// A line starting a bullet list item (not a thematic break such as `- - -` or `***`).
fn is_bullet(line: &str) -> bool {
    let bytes = line.as_bytes();
    let (Some(&c), Some(b' ' | b'\t')) = (bytes.first(), bytes.get(1)) else { return false };
    let is_rule =
        bytes.iter().filter(|&&b| b == c).count() >= 3 && bytes.iter().all(|&b| b == c || b == b' ' || b == b'\t');
    matches!(c, b'-' | b'*' | b'+') && !is_rule
}

/// Where the body starts: after the closing `---` of a frontmatter block, else at 0. `None` when
/// a frontmatter block is not closed (the parser decides what that means).
fn frontmatter_end(text: &str) -> Option<usize> {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        return Some(0);
    }
    let mut at = first.len();
    for line in text[at..].split_inclusive('\n') {
        at += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return Some(at);
        }
    }
    None
}

fn is_setext_underline(t: &str) -> bool {
    let t = t.trim_end();
    !t.is_empty() && (t.bytes().all(|b| b == b'-') || t.bytes().all(|b| b == b'='))
}

/// The text of an ATX level-2 heading line (`## Title ##`), with emphasis markers trimmed.
fn level_two_heading(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("##")?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    let without_closing = rest.trim_end_matches('#');
    let rest =
        if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) { without_closing } else { rest };
    Some(rest.trim().trim_matches(['*', '_']).trim())
}

/// Lines with their start offsets, keeping line endings.
struct LineIter<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i + 1);
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The items as history reads them, without the cache.
    fn action_items(text: String, options: &ParseOptions) -> Vec<ActionItem> {
        match action_section(&text, &options.aliases) {
            Some(range) => parse_section_body(&text[range], options).into_iter().map(|(_, item)| item).collect(),
            None => full(&text),
        }
    }

    fn full(text: &str) -> Vec<ActionItem> {
        document::parse(String::new(), text.to_string(), &ParseOptions::default()).actions
    }

    fn same(a: &[ActionItem], b: &[ActionItem]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.text == y.text && x.description == y.description && x.checked == y.checked && x.due == y.due
            })
    }

    #[test]
    fn the_section_alone_gives_the_items_of_the_whole_document() {
        let options = ParseOptions::default();
        let mut checked = 0;
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/postmortems")).into_iter().flatten() {
            let Ok(entry) = entry else { continue };
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            assert!(action_section(&text, &options.aliases).is_some() || full(&text).is_empty(), "{:?}", entry.path());
            assert!(same(&action_items(text.clone(), &options), &full(&text)), "{:?}", entry.path());
            checked += 1;
        }
        assert!(checked >= 10, "the example corpus is missing");
    }

    #[test]
    fn headings_in_code_and_comments_are_not_sections() {
        let text = "---\ntitle: x\n---\n## Action Items\n<!--\n## Not a heading\n-->\n```\n## nor this\n```\n\
                    - [ ] Add alert — Owner: @a\n- [x] Pin driver\n\n## Lessons Learned\n- [ ] not an action\n";
        let range = action_section(text, &SectionAliases::default());
        assert_eq!(range.map(|r| &text[r.start..r.start + 4]), Some("<!--"));
        let items = action_items(text.to_string(), &ParseOptions::default());
        assert_eq!(items.len(), 2);
        assert!(same(&items, &full(text)));
    }

    #[test]
    fn setext_headings_and_aliases_fall_back_or_match() {
        let setext = "Action Items\n---\n- [ ] Add alert\n";
        assert_eq!(action_section(setext, &SectionAliases::default()), None);
        assert!(same(&action_items(setext.to_string(), &ParseOptions::default()), &full(setext)));
        let alias = "## **Follow-ups** ##\n- [ ] Add alert\n";
        assert_eq!(action_section(alias, &SectionAliases::default()), Some(21..alias.len()));
    }

    #[test]
    fn chunks_start_at_top_level_bullets_outside_code() {
        let body = "Intro.\n- [ ] one\n  continued\n  - nested\n* [x] two\n```\n- not an item\n```\n---\n+ three\n";
        let cut: Vec<&str> = chunks(body).collect();
        assert_eq!(
            cut,
            [
                "Intro.\n",
                "- [ ] one\n  continued\n  - nested\n",
                "* [x] two\n```\n- not an item\n```\n---\n",
                "+ three\n"
            ]
        );
    }

    #[test]
    fn remembered_chunks_give_the_same_items() {
        let options = ParseOptions::default();
        let mut reader = ItemReader::new(&options);
        let first = "## Action Items\n- [ ] Add alert — Owner: @a — Due: 2026-01-01\n- [ ] Pin driver\n";
        let second = "## Action Items\n- [x] Add alert — Owner: @a — Due: 2026-01-01\n- [ ] Pin driver\n";
        let a = reader.item_versions(first.as_bytes()).unwrap_or_default();
        let b = reader.item_versions(second.as_bytes()).unwrap_or_default();
        assert_eq!(reader.chunks.len(), 3);
        assert_eq!((a.len(), a[0].checked, b[0].checked), (2, false, true));
        assert_eq!(a[1], b[1]);
        assert_eq!(b, full(second).iter().map(ItemVersion::of).collect::<Vec<_>>());
    }
}
