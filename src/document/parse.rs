//! Markdown → [`Document`]: one pass of pulldown-cmark events, then the structure built on it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::sections::normalize_heading;
use super::{
    actions, frontmatter, placeholders, timeline, BlockKind, Comment, Document, ProseBlock, RootCause, RootCausePart,
    Section, SectionAliases, SectionKind, TableCell, TextItem,
};
use crate::span::{LineIndex, Span};

/// What a repository's configuration changes about parsing.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub aliases: SectionAliases,
}

/// Parses one post-mortem. Never fails: whatever is wrong with the text becomes a finding later.
pub fn parse(path: String, source: String, options: &ParseOptions) -> Document {
    let source = without_bom(source);
    let frontmatter = frontmatter::parse(&source);
    let body_start = frontmatter.body_start();
    let mut builder = Builder::new(body_start);
    builder.run(&source[body_start..]);
    let Builder { blocks: mut prose, headings, code, .. } = builder;

    let comments = find_comments(&source, body_start, &code);
    let mut sections = build_sections(&headings, &source, options);
    for section in &mut sections {
        section.empty = placeholders::is_blank(&source, &comments, section.body_span);
    }
    for block in &mut prose {
        block.section = section_at(&sections, block.span.start);
    }
    let root_cause = build_root_cause(&sections, &prose, &source, &comments);
    let timeline = match sections.iter().position(|s| s.kind == Some(SectionKind::Timeline)) {
        Some(index) => {
            let blocks: Vec<&ProseBlock> = prose.iter().filter(|b| b.section == Some(index)).collect();
            let default_date = frontmatter.parsed().and_then(|fm| fm.date);
            timeline::parse(&blocks, default_date)
        }
        None => Default::default(),
    };
    let actions = match sections.iter().position(|s| s.kind == Some(SectionKind::ActionItems)) {
        Some(index) => prose
            .iter()
            .filter(|b| b.section == Some(index) && b.kind == BlockKind::ListItem)
            .filter_map(|b| b.task.map(|checked| actions::parse_item(b, checked)))
            .collect(),
        None => Vec::new(),
    };
    let lines = LineIndex::new(&source);
    Document {
        path,
        fs_path: None,
        source,
        lines,
        frontmatter,
        sections,
        root_cause,
        timeline,
        actions,
        prose,
        comments,
        code,
    }
}

/// A file's text as documents hold it: a leading byte-order mark is not part of the content, and
/// every span counts from after it.
pub fn without_bom(source: String) -> String {
    match source.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => source,
    }
}

/// The action items of `text`, which starts with the heading line of an Action Items section, as
/// `parse(…).actions` gives them: the Markdown is read, but none of the rest of the model is built
/// (history reads the items of every version of every post-mortem this way).
pub(crate) fn section_action_items(text: &str) -> Vec<actions::ActionItem> {
    let mut builder = Builder::new(0);
    builder.run(text);
    // The section ends where the next level-2 heading starts.
    let end = builder.headings.iter().filter(|h| h.level == 2).nth(1).map_or(usize::MAX, |h| h.span.start);
    builder
        .blocks
        .iter()
        .filter(|b| b.span.start < end && b.kind == BlockKind::ListItem)
        .filter_map(|b| b.task.map(|checked| actions::parse_item(b, checked)))
        .collect()
}

struct Heading {
    level: u8,
    text: String,
    span: Span,
}

struct OpenBlock {
    kind: BlockKind,
    text: String,
    map: Vec<(usize, usize)>,
    start: usize,
    end: usize,
    task: Option<bool>,
    list_depth: usize,
    table_cell: Option<TableCell>,
    blockquote: bool,
}

struct Builder {
    base: usize,
    blocks: Vec<ProseBlock>,
    headings: Vec<Heading>,
    code: Vec<Span>,
    open: Option<OpenBlock>,
    list_depth: usize,
    quote_depth: usize,
    in_code_block: bool,
    heading_level: Option<u8>,
    table: usize,
    row: usize,
    column: usize,
}

impl Builder {
    fn new(base: usize) -> Self {
        Builder {
            base,
            blocks: Vec::new(),
            headings: Vec::new(),
            code: Vec::new(),
            open: None,
            list_depth: 0,
            quote_depth: 0,
            in_code_block: false,
            heading_level: None,
            table: 0,
            row: 0,
            column: 0,
        }
    }

    fn run(&mut self, body: &str) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            let span = Span::new(range.start, range.end).offset(self.base);
            self.event(event, span);
        }
        self.flush();
    }

    fn open(&mut self, kind: BlockKind, start: usize) {
        self.flush();
        self.open = Some(OpenBlock {
            kind,
            text: String::new(),
            map: Vec::new(),
            start,
            end: start,
            task: None,
            list_depth: self.list_depth,
            table_cell: (kind == BlockKind::TableCell).then_some(TableCell {
                table: self.table,
                row: self.row,
                column: self.column,
            }),
            blockquote: self.quote_depth > 0,
        });
    }

    fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        if open.text.trim().is_empty() && open.task.is_none() {
            if let (BlockKind::Heading, Some(level)) = (open.kind, self.heading_level) {
                self.headings.push(Heading { level, text: String::new(), span: Span::new(open.start, open.end) });
            }
            return;
        }
        self.blocks.push(ProseBlock {
            kind: open.kind,
            text: open.text,
            span: Span::new(open.start, open.end.max(open.start)),
            blockquote: open.blockquote,
            section: None,
            task: open.task,
            list_depth: open.list_depth,
            table_cell: open.table_cell,
            map: open.map,
        });
    }

    fn append(&mut self, text: &str, span: Span) {
        if self.open.is_none() {
            self.open(BlockKind::Paragraph, span.start);
        }
        if let Some(open) = self.open.as_mut() {
            open.map.push((open.text.len(), span.start));
            open.text.push_str(text);
            open.end = open.end.max(span.end);
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag, span),
            Event::Text(text) if !self.in_code_block => self.append(&text, span),
            Event::Code(code) => {
                self.code.push(span);
                let wrapped = format!("`{code}`");
                self.append(&wrapped, span);
            }
            Event::SoftBreak | Event::HardBreak if self.open.is_some() => {
                self.append("\n", Span::new(span.start, span.start));
            }
            Event::TaskListMarker(checked) => {
                if let Some(open) = self.open.as_mut().filter(|o| o.kind == BlockKind::ListItem) {
                    open.task = Some(checked);
                }
            }
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        match tag {
            Tag::Heading { level, .. } => {
                self.heading_level = Some(level as u8);
                self.open(BlockKind::Heading, span.start);
            }
            Tag::Paragraph => {
                let continue_item =
                    self.open.as_ref().is_some_and(|o| o.kind == BlockKind::ListItem && o.text.trim().is_empty());
                if !continue_item {
                    self.open(BlockKind::Paragraph, span.start);
                }
            }
            Tag::Item => self.open(BlockKind::ListItem, span.start),
            Tag::List(_) => {
                self.flush();
                self.list_depth += 1;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code_block = true;
                self.code.push(span);
            }
            Tag::Table(_) => {
                self.flush();
                self.table += 1;
                self.row = 0;
            }
            Tag::TableHead => {
                self.row = 0;
                self.column = 0;
            }
            Tag::TableRow => {
                self.row += 1;
                self.column = 0;
            }
            Tag::TableCell => self.open(BlockKind::TableCell, span.start),
            Tag::Strikethrough => self.append("~~", Span::new(span.start, span.start + 2)),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, span: Span) {
        match tag {
            TagEnd::Heading(level) => {
                let text = self.open.as_ref().map(|o| o.text.trim().to_string()).unwrap_or_default();
                let line_end = span.end;
                self.headings.push(Heading { level: level as u8, text, span: Span::new(span.start, line_end) });
                // The heading block is kept too: question headings can carry blame.
                self.heading_level = None;
                self.flush();
            }
            TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell => {
                self.flush();
                if tag == TagEnd::TableCell {
                    self.column += 1;
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::Strikethrough => self.append("~~", Span::new(span.end.saturating_sub(2), span.end)),
            _ => {}
        }
    }
}

fn build_sections(headings: &[Heading], source: &str, options: &ParseOptions) -> Vec<Section> {
    let level_two: Vec<&Heading> = headings.iter().filter(|h| h.level == 2).collect();
    level_two
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            let heading_end = line_end(source, heading.span.start);
            let body_end = level_two.get(i + 1).map_or(source.len(), |next| next.span.start);
            Section {
                kind: options.aliases.lookup(&heading.text),
                heading: heading.text.clone(),
                heading_span: Span::new(heading.span.start, trim_end(source, heading.span.start, heading_end)),
                body_span: Span::new(heading_end.min(body_end), body_end),
                empty: false,
            }
        })
        .collect()
}

fn line_end(source: &str, from: usize) -> usize {
    source[from..].find('\n').map_or(source.len(), |i| from + i + 1)
}

fn trim_end(source: &str, start: usize, end: usize) -> usize {
    start + source[start..end].trim_end().len()
}

fn section_at(sections: &[Section], offset: usize) -> Option<usize> {
    let after = sections.partition_point(|s| s.heading_span.start <= offset);
    after.checked_sub(1)
}

/// HTML comments in the body, outside code.
fn find_comments(source: &str, body_start: usize, code: &[Span]) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut from = body_start;
    while let Some(found) = source[from..].find("<!--") {
        let start = from + found;
        let body_from = start + 4;
        let (body_end, end) = match source[body_from..].find("-->") {
            Some(i) => (body_from + i, body_from + i + 3),
            None => (source.len(), source.len()),
        };
        if !code.iter().any(|c| c.contains(start)) {
            comments
                .push(Comment { span: Span::new(start, end), body: source[body_from..body_end].trim().to_string() });
        }
        from = end.max(start + 4);
    }
    comments
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Immediate,
    Contributing,
    Root,
}

fn part_of_label(label: &str) -> Option<Part> {
    match normalize_heading(label).as_str() {
        "immediate cause" | "immediate causes" | "trigger" | "proximate cause" => Some(Part::Immediate),
        "contributing factors" | "contributing factor" => Some(Part::Contributing),
        "root cause" | "root causes" | "underlying cause" => Some(Part::Root),
        _ => None,
    }
}

fn build_root_cause(sections: &[Section], prose: &[ProseBlock], source: &str, comments: &[Comment]) -> RootCause {
    let mut root_cause = RootCause::default();
    let rca_index = sections.iter().position(|s| s.kind == Some(SectionKind::RootCauseAnalysis));
    if let Some(index) = rca_index {
        let section = &sections[index];
        // Labels: level-3+ headings named after a part, or a paragraph starting "Part: …".
        let mut labels: Vec<(Part, Span, usize)> = Vec::new();
        // The section's own heading ("## Root Cause") is not a part label.
        let parts_area =
            prose.iter().filter(|b| b.section == Some(index) && b.span.start != section.heading_span.start);
        for block in parts_area {
            match block.kind {
                BlockKind::Heading => {
                    if let Some(part) = part_of_label(&block.text) {
                        let end = line_end(source, block.span.start);
                        labels.push((part, Span::new(block.span.start, trim_end(source, block.span.start, end)), end));
                    }
                }
                BlockKind::Paragraph | BlockKind::ListItem => {
                    if let Some(colon) = block.text.find(':') {
                        if let Some(part) = part_of_label(&block.text[..colon]) {
                            let label = block.source_span(0, colon + 1);
                            labels.push((part, Span::new(block.span.start, label.end), label.end));
                        }
                    }
                }
                _ => {}
            }
        }
        for (i, &(part, label_span, body_start)) in labels.iter().enumerate() {
            let body_end = labels.get(i + 1).map_or(section.body_span.end, |next| next.1.start);
            let body_span = Span::new(body_start.min(body_end), body_end);
            let slot = match part {
                Part::Immediate => &mut root_cause.immediate_cause,
                Part::Contributing => &mut root_cause.contributing_factors,
                Part::Root => &mut root_cause.root_cause,
            };
            if slot.is_none() {
                let empty = placeholders::is_blank(source, comments, body_span);
                *slot = Some(RootCausePart { label_span, body_span, empty, bullets: bullets_in(prose, body_span) });
            }
        }
    }
    if root_cause.contributing_factors.is_none() {
        if let Some(section) = sections.iter().find(|s| s.kind == Some(SectionKind::ContributingFactors)) {
            root_cause.contributing_factors = Some(RootCausePart {
                label_span: section.heading_span,
                body_span: section.body_span,
                empty: section.empty,
                bullets: bullets_in(prose, section.body_span),
            });
        }
    }
    root_cause
}

/// The shallowest list items inside `span`, as plain text.
fn bullets_in(prose: &[ProseBlock], span: Span) -> Vec<TextItem> {
    let items: Vec<&ProseBlock> =
        prose.iter().filter(|b| b.kind == BlockKind::ListItem && span.contains(b.span.start)).collect();
    let depth = items.iter().map(|b| b.list_depth).min().unwrap_or(0);
    items
        .into_iter()
        .filter(|b| b.list_depth == depth)
        .map(|b| TextItem { text: b.text.replace('\n', " ").trim().to_string(), span: b.span })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ActionStatus, Milestone};

    fn doc(text: &str) -> Document {
        parse("t.md".into(), text.to_string(), &ParseOptions::default())
    }

    #[test]
    fn sections_timeline_actions_and_root_cause() {
        let d = doc(concat!(
            "---\ntitle: T\nseverity: P2\ndate: 2026-03-04\n---\n",
            "## Summary\nText.\n\n## Timeline\n",
            "- 2026-03-04 14:02 UTC — [start] errors rise\n- 14:09 — [detected] alert fires\n",
            "- 15:10 — [resolved] fixed\n\n",
            "## Root Cause Analysis\n### Immediate cause\nA.\n### Contributing factors\n- one\n- two\n\n",
            "**Root cause:** B.\n\n",
            "## Action Items\n- [ ] Add alert — Owner: @dana — Due: 2026-04-01 — PLAT-1\n",
            "- [x] ~~Move region~~ — Owner: @x — Due: 2026-05-01\n",
        ));
        let kinds: Vec<_> = d.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Some(SectionKind::ExecutiveSummary),
                Some(SectionKind::Timeline),
                Some(SectionKind::RootCauseAnalysis),
                Some(SectionKind::ActionItems)
            ]
        );
        assert_eq!(d.timeline.entries.len(), 3);
        assert_eq!(d.timeline.minutes_to_detect(), Some(7));
        assert_eq!(d.timeline.minutes_to_resolve(), Some(68));
        assert_eq!(d.timeline.milestone(Milestone::Detected).map(|e| e.event.as_str()), Some("alert fires"));
        let rc = &d.root_cause;
        assert!(rc.immediate_cause.is_some() && rc.root_cause.is_some());
        let factors = rc.contributing_factors.as_ref().map(|p| p.bullets.len());
        assert_eq!(factors, Some(2));
        assert_eq!(d.actions.len(), 2);
        let first = &d.actions[0];
        assert_eq!(first.owner.as_ref().map(|o| o.value.as_str()), Some("@dana"));
        assert_eq!(first.due.map(|d| d.to_string()).as_deref(), Some("2026-04-01"));
        assert_eq!(first.ticket.as_deref(), Some("PLAT-1"));
        assert_eq!(first.description, "Add alert");
        assert_eq!(d.actions[1].status, ActionStatus::Dropped);
    }

    #[test]
    fn prose_maps_back_to_source() {
        let d = doc("Para with **bold** and `code` here.\n");
        let block = &d.prose[0];
        assert_eq!(block.text, "Para with bold and `code` here.");
        let at = block.text.find("and").unwrap_or(0);
        assert_eq!(&d.source[block.source_offset(at)..block.source_offset(at) + 3], "and");
    }
}
