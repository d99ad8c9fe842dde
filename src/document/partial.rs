//! Reading only the action items of a post-mortem, for commands that read thousands of
//! documents or versions of them and need nothing else: `pmctl actions` and history.
//!
//! A line scan finds the Action Items section (skipping the frontmatter, fenced code and HTML
//! comments, where a `## ` line is no heading) and only that section is parsed, by the same
//! [`parse`](super::parse()) that reads whole documents, so the items are the ones a full parse
//! gives. When the scan cannot be sure (no Action Items heading it recognises, a Setext-style
//! `---` underline that might be a heading) the callers parse the whole document instead.
//!
//! The section can be cut further into chunks, each starting at a top-level `-`, `*` or `+` list
//! item (outside code and comments). A bullet at the start of a line always starts a new list item,
//! so chunks parsed separately, or any of them parsed together, give the items the whole section
//! gives: history uses that to parse only the items a commit changed.

use std::ops::Range;

use super::{frontmatter, ActionItem, ParseOptions, SectionAliases, SectionKind};
use crate::span::{LineIndex, Span};

/// The action items of a post-mortem's text (without a byte-order mark), with spans into it and
/// their 1-based lines, or `None` when only a full parse can tell.
pub fn action_items(text: &str, options: &ParseOptions) -> Option<(Vec<ActionItem>, Vec<usize>)> {
    let body = section_body(text, &options.aliases)?;
    let lines = LineIndex::new(text);
    let items: Vec<ActionItem> =
        parse_section_body(&text[body.clone()], options).into_iter().map(|item| shifted(item, body.start)).collect();
    let numbers = items.iter().map(|item| lines.line_of(item.span.start) + 1).collect();
    Some((items, numbers))
}

/// A document's id as [`super::Document::id`] gives it: frontmatter `id`, else the file stem.
/// The YAML is parsed only when the frontmatter may hold an `id` key.
pub fn document_id(path: &str, text: &str) -> String {
    let from_frontmatter = match frontmatter_end(text) {
        Some(end) if end > 0 && may_hold_id(&text[..end]) => {
            frontmatter::parse(text).parsed().and_then(|fm| fm.id.clone())
        }
        _ => None,
    };
    from_frontmatter.unwrap_or_else(|| {
        let name = path.rsplit('/').next().unwrap_or(path);
        name.strip_suffix(".md").unwrap_or(name).to_string()
    })
}

/// Whether a frontmatter block may have a top-level `id` key: any line starting with `id` (or a
/// quote), or YAML that can hide keys (flow mappings, complex keys, anchors, merges, tags).
fn may_hold_id(block: &str) -> bool {
    block.lines().skip(1).any(|line| {
        let t = line.trim_start();
        t.trim_start_matches(['"', '\'']).starts_with("id") || t.starts_with(['{', '?', '&', '*', '!', '<'])
    })
}

/// An item parsed from a section body, moved to where the body starts in the document.
fn shifted(mut item: ActionItem, by: usize) -> ActionItem {
    let at = |span: Span| span.offset(by);
    item.span = at(item.span);
    item.description_span = at(item.description_span);
    if let Some(owner) = item.owner.as_mut() {
        owner.span = at(owner.span);
    }
    if let Some(due) = item.due_text.as_mut() {
        due.span = at(due.span);
    }
    item
}

/// The items of (part of) an Action Items section's body, parsed as a section of its own, with
/// spans into `body`.
pub fn parse_section_body(body: &str, options: &ParseOptions) -> Vec<ActionItem> {
    const HEADING: &str = "## Action Items\n";
    let mut text = String::with_capacity(body.len() + HEADING.len());
    text.push_str(HEADING);
    text.push_str(body);
    let back = |span: Span| Span::new(span.start.saturating_sub(HEADING.len()), span.end.saturating_sub(HEADING.len()));
    // Only the items are needed, unless a configured alias makes the heading name another section.
    let items = if options.aliases.lookup(HEADING.trim_start_matches('#')) == Some(SectionKind::ActionItems) {
        super::parse::section_action_items(&text)
    } else {
        super::parse(String::new(), text, options).actions
    };
    items
        .into_iter()
        .map(|mut item| {
            item.span = back(item.span);
            item.description_span = back(item.description_span);
            if let Some(owner) = item.owner.as_mut() {
                owner.span = back(owner.span);
            }
            if let Some(due) = item.due_text.as_mut() {
                due.span = back(due.span);
            }
            item
        })
        .collect()
}

/// The byte range of the Action Items section's body (after its heading line, up to the next
/// level-2 heading), when a line scan can find it with certainty.
pub fn section_body(text: &str, aliases: &SectionAliases) -> Option<Range<usize>> {
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
pub fn chunks(body: &str) -> impl Iterator<Item = &str> {
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
pub(super) fn frontmatter_end(text: &str) -> Option<usize> {
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

pub(super) fn is_setext_underline(t: &str) -> bool {
    let t = t.trim_end();
    !t.is_empty() && (t.bytes().all(|b| b == b'-') || t.bytes().all(|b| b == b'='))
}

/// The text of an ATX level-2 heading line (`## Title ##`), with emphasis markers trimmed.
pub(super) fn level_two_heading(t: &str) -> Option<&str> {
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
pub(super) struct LineIter<'a> {
    pub(super) text: &'a str,
    pub(super) at: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..]).map_or(self.text.len(), |i| start + i + 1);
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn full(text: &str) -> Vec<ActionItem> {
        parse(String::new(), text.to_string(), &ParseOptions::default()).actions
    }

    fn same(a: &[ActionItem], b: &[ActionItem]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                (&x.text, &x.description, x.checked, x.status, x.due, &x.ticket, x.span, x.description_span)
                    == (&y.text, &y.description, y.checked, y.status, y.due, &y.ticket, y.span, y.description_span)
                    && x.owner == y.owner
                    && x.due_text == y.due_text
            })
    }

    #[test]
    fn the_section_alone_gives_the_items_of_the_whole_document() {
        let options = ParseOptions::default();
        let mut checked = 0;
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/postmortems")).into_iter().flatten() {
            let Ok(entry) = entry else { continue };
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            let whole = parse("x.md".into(), text.clone(), &options);
            let Some((items, lines)) = action_items(&text, &options) else {
                assert!(whole.actions.is_empty(), "{:?}: the scan missed the section", entry.path());
                continue;
            };
            assert!(same(&items, &whole.actions), "{:?}", entry.path());
            let expected: Vec<usize> = whole.actions.iter().map(|a| whole.line_of(a.span.start)).collect();
            assert_eq!(lines, expected);
            let pieces: Vec<ActionItem> = section_body(&text, &options.aliases)
                .map(|body| chunks(&text[body]).flat_map(|chunk| parse_section_body(chunk, &options)).collect())
                .unwrap_or_default();
            assert_eq!(pieces.len(), items.len(), "{:?}: chunks", entry.path());
            assert_eq!(document_id("x.md", &text), whole.id());
            checked += 1;
        }
        assert!(checked >= 10, "the example corpus is missing");
    }

    #[test]
    fn headings_in_code_and_comments_are_not_sections() {
        let text = "---\ntitle: x\n---\n## Action Items\n<!--\n## Not a heading\n-->\n```\n## nor this\n```\n\
                    - [ ] Add alert — Owner: @a\n- [x] Pin driver\n\n## Lessons Learned\n- [ ] not an action\n";
        let range = section_body(text, &SectionAliases::default());
        assert_eq!(range.map(|r| &text[r.start..r.start + 4]), Some("<!--"));
        let (items, lines) = action_items(text, &ParseOptions::default()).unwrap_or_default();
        assert_eq!(lines, [11, 12]);
        assert!(same(&items, &full(text)));
    }

    #[test]
    fn a_section_body_gives_the_items_a_full_parse_gives() {
        let bodies = [
            "- [ ] one — Owner: @a\n- [x] ~~two~~\n",
            "- [ ] one\n\n## Lessons\n- [ ] not an action\n",
            "- [ ] one\nNext\n---\n- [ ] after a Setext heading\n",
            "Intro.\n\n* [x] starred — Due: 2026-01-02\n  - [ ] nested\n> - [ ] quoted\n",
        ];
        let options = ParseOptions::default();
        let mut renamed = ParseOptions::default();
        renamed.aliases.add("Action Items", SectionKind::LessonsLearned);
        renamed.aliases.add("Lessons", SectionKind::ActionItems);
        for body in bodies {
            for options in [&options, &renamed] {
                let whole: Vec<ActionItem> = parse(String::new(), format!("## Action Items\n{body}"), options)
                    .actions
                    .into_iter()
                    .map(|mut item| {
                        item.span = Span::new(item.span.start - 16, item.span.end - 16);
                        item.description_span =
                            Span::new(item.description_span.start - 16, item.description_span.end - 16);
                        item.owner.iter_mut().for_each(|o| o.span = Span::new(o.span.start - 16, o.span.end - 16));
                        item.due_text.iter_mut().for_each(|d| d.span = Span::new(d.span.start - 16, d.span.end - 16));
                        item
                    })
                    .collect();
                assert!(same(&parse_section_body(body, options), &whole), "{body:?}");
            }
        }
    }

    #[test]
    fn setext_headings_need_a_full_parse_and_aliases_are_found() {
        let setext = "Action Items\n---\n- [ ] Add alert\n";
        assert_eq!(section_body(setext, &SectionAliases::default()), None);
        let alias = "## **Follow-ups** ##\n- [ ] Add alert\n";
        assert_eq!(section_body(alias, &SectionAliases::default()), Some(21..alias.len()));
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
    fn the_id_comes_from_the_frontmatter_only_when_it_has_one() {
        assert_eq!(document_id("pm/2026-01-01-a.md", "---\ntitle: x\n---\n"), "2026-01-01-a");
        assert_eq!(document_id("pm/a.md", "---\ntitle: x\nid: checkout-outage\n---\n"), "checkout-outage");
        assert_eq!(document_id("pm/a.md", "---\n{title: x, id: flow}\n---\n"), "flow");
        assert_eq!(document_id("pm/a.md", "---\nidea: x\n---\n"), "a");
        assert_eq!(document_id("pm/a.md", "no frontmatter\n"), "a");
    }
}
