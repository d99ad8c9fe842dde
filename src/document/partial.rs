//! Reading only the action items of a post-mortem, for commands that read thousands of
//! documents or versions of them and need nothing else: `pmctl actions` and history.
//!
//! A line scan ([`level_two_headings`], which [`super::digest`] shares) finds the Action Items
//! section (skipping the frontmatter, fenced code and HTML comments, where a `## ` line is no
//! heading) and only that section is parsed, by the same [`parse`](super::parse()) that reads
//! whole documents, so the items are the ones a full parse gives. When the scan cannot be sure (no
//! Action Items heading it recognises, or Markdown it does not follow: a fence or heading inside
//! a list item or block quote, a Setext-style `---` underline, HTML blocks…) the callers parse the
//! whole document instead.
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
    let items: Vec<ActionItem> = parse_section_body(&text[body.clone()], options)
        .into_iter()
        .map(|item| item.map_spans(|span| span.offset(body.start)))
        .collect();
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
    items.into_iter().map(|item| item.map_spans(back)).collect()
}

/// The byte range of the Action Items section's body (after its heading line, up to the next
/// level-2 heading), when a line scan can find it with certainty.
pub fn section_body(text: &str, aliases: &SectionAliases) -> Option<Range<usize>> {
    let headings = level_two_headings(text, frontmatter_end(text)?, aliases)?;
    let index = headings.iter().position(|&(_, kind)| kind == Some(SectionKind::ActionItems))?;
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
}

struct OutlineLine<'a> {
    start: usize,
    indent: usize,
    /// The line without its indentation and line ending.
    text: &'a str,
}

impl<'a> Outline<'a> {
    fn new(text: &'a str, from: usize) -> Self {
        Outline { lines: LineIter { text, at: from }, fence: None, in_comment: false }
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
                return Some(OutlineLine { start, indent, text: t });
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
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..]).map_or(self.text.len(), |i| start + i + 1);
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

/// Characters that inline Markdown can change in a heading (emphasis, code, links, escapes,
/// entities, HTML), which would make its text differ from the parser's.
const INLINE_MARKUP: [char; 9] = ['`', '[', ']', '<', '&', '\\', '*', '_', '~'];

/// The start and section kind of every level-2 heading after `from`, or `None` where the line
/// scan could disagree with the Markdown parser: headings, fences or HTML inside block quotes or
/// list items or indented, HTML blocks, Setext headings, link reference definitions (a link in a
/// section read alone may use one defined in another), headings holding inline Markdown, and bare
/// carriage returns.
pub(super) fn level_two_headings(
    text: &str,
    from: usize,
    aliases: &SectionAliases,
) -> Option<Vec<(usize, Option<SectionKind>)>> {
    let mut headings = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut previous_blank = true;
    for (start, raw) in (LineIter { text, at: from }) {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            return None; // A bare carriage return ends a line for the parser, not for this scan.
        }
        let content = line.trim_start_matches([' ', '\t']);
        let blank = content.trim_end_matches([' ', '\t']).is_empty();
        let after_blank = std::mem::replace(&mut previous_blank, blank);
        let indented = line.len() - content.len() >= 4 || line[..line.len() - content.len()].contains('\t');
        if in_comment {
            in_comment = !line.contains("-->");
            continue;
        }
        if let Some((c, n)) = fence {
            let closes = !indented
                && content.bytes().take_while(|&b| b == c).count() >= n
                && content.trim_start_matches(c as char).trim_matches([' ', '\t']).is_empty();
            if closes {
                fence = None;
            }
            continue;
        }
        if blank {
            continue;
        }
        let inner = without_containers(content);
        if !after_blank && is_setext_underline(inner) {
            return None; // `Heading\n---` is a level-2 heading this scan does not read.
        }
        let starts_block = |t: &str| {
            t.starts_with(['#', '<']) || t.starts_with("```") || t.starts_with("~~~") || is_link_definition(t)
        };
        if indented || inner.len() != content.len() {
            // Inside a list item or block quote, or indented: the parser may see a heading, a
            // fence or HTML there that this scan does not follow.
            if starts_block(inner) {
                return None;
            }
            continue;
        }
        let at_margin = line.len() == content.len();
        let ticks = content.bytes().take_while(|&b| b == b'`').count();
        let tildes = content.bytes().take_while(|&b| b == b'~').count();
        if ticks >= 3 || tildes >= 3 {
            // An indented fence may belong to a list item that ends before the fence closes.
            if !at_margin || (ticks >= 3 && content[ticks..].contains('`')) {
                return None;
            }
            fence = Some(if ticks >= 3 { (b'`', ticks) } else { (b'~', tildes) });
            continue;
        }
        if let Some(rest) = content.strip_prefix("<!--") {
            if rest.starts_with('>') || rest.starts_with("->") {
                return None;
            }
            in_comment = !rest.contains("-->");
            continue;
        }
        if content.starts_with('<') || is_link_definition(content) {
            return None;
        }
        if let Some(heading) = level_two_heading(content) {
            let plain = !content.contains(INLINE_MARKUP)
                && !content.chars().any(|c| c.is_whitespace() && c != ' ' && c != '\t');
            if !at_margin || !plain {
                return None;
            }
            headings.push((start, aliases.lookup(heading)));
        }
    }
    Some(headings)
}

/// The line with any block quote markers and list item markers in front taken off.
fn without_containers(mut line: &str) -> &str {
    loop {
        let t = line.trim_start_matches([' ', '\t']);
        let marker = if t.starts_with(['>', '-', '*', '+']) {
            1
        } else {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=9).contains(&digits) && t[digits..].starts_with(['.', ')']) {
                digits + 1
            } else {
                return t;
            }
        };
        let rest = &t[marker..];
        // A list marker needs a space after it (or nothing): `-x` and `*emphasis*` are text.
        if !(t.starts_with('>') || rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return t;
        }
        line = rest;
    }
}

/// `[label]: destination`: a link reference definition.
fn is_link_definition(t: &str) -> bool {
    t.starts_with('[') && t.contains("]:")
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
    fn markdown_the_scan_cannot_follow_gives_the_items_of_a_full_parse() {
        let head = "---\ntitle: x\n---\n\n## Action Items\n\n- [ ] First — Owner: @a\n";
        let tails = [
            // The heading-like line is inside a fence that is inside a list item.
            "- ```\n  ## not a heading\n  ```\n- [ ] Second — Owner: @b\n",
            "- ```\n## Inside the fence\n```\n- [ ] Second — Owner: @b\n",
            // Headings inside a block quote and a list item do end the section.
            "\n> ## Quoted\n- [ ] After — Owner: @c\n",
            "- ## Listed\n- [ ] After — Owner: @c\n",
            "<details>\n\n## Inside HTML\n\n</details>\n- [ ] After — Owner: @c\n",
            "[t]: https://tickets.example/1\n- [ ] Linked [t]\n",
        ];
        let options = ParseOptions::default();
        for tail in tails {
            let text = format!("{head}{tail}");
            let whole = full(&text);
            // `None` is always safe: the caller then parses the whole document.
            if let Some((items, _)) = action_items(&text, &options) {
                assert!(same(&items, &whole), "{text}");
            }
        }
        let text = format!("{head}{}", tails[0]);
        assert!(action_items(&text, &options).is_none(), "the scan does not follow a fence in a list item");
        assert_eq!(full(&text).len(), 2);
    }

    #[test]
    fn setext_headings_need_a_full_parse_and_aliases_are_found() {
        let setext = "Action Items\n---\n- [ ] Add alert\n";
        assert_eq!(section_body(setext, &SectionAliases::default()), None);
        let alias = "## Follow-ups ##\n- [ ] Add alert\n";
        assert_eq!(section_body(alias, &SectionAliases::default()), Some(17..alias.len()));
        // Inline Markdown could make the heading's text another than the line's: parse it all.
        let emphasis = "## **Follow-ups**\n- [ ] Add alert\n";
        assert_eq!(section_body(emphasis, &SectionAliases::default()), None);
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
