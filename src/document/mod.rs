//! The post-mortem document model and its parser (SPEC §2).
//!
//! A [`Document`] is plain data: frontmatter, sections, the Root Cause Analysis parts, timeline
//! entries, action items and the prose blocks that the language rules read. Every element keeps
//! the byte [`Span`] it came from.

pub mod actions;
pub mod digest;
pub mod frontmatter;
mod parse;
pub mod partial;
pub mod placeholders;
pub mod sections;
pub mod timeline;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::span::{LineIndex, Span};

pub use actions::{ActionItem, ActionStatus};
pub use frontmatter::{Frontmatter, FrontmatterState, Status};
pub use parse::{parse, without_bom, ParseOptions};
pub use sections::{SectionAliases, SectionKind};
pub use timeline::{Milestone, Timeline, TimelineEntry};

/// A `YYYY-MM-DD` date, as `NaiveDate::parse_from_str(text, "%Y-%m-%d")` reads it: directly when
/// the text is exactly ten ASCII digits and dashes (chrono's format parser was a noticeable share
/// of reading thousands of action items), by chrono otherwise.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// One parsed post-mortem.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the repository root, `/`-separated: what every output shows.
    pub path: String,
    /// Where the file lives on disk (or `None` when read from a git tree).
    pub fs_path: Option<PathBuf>,
    /// The text with any UTF-8 byte-order mark removed; all spans index into it.
    pub source: String,
    pub lines: LineIndex,
    pub frontmatter: FrontmatterState,
    pub sections: Vec<Section>,
    pub root_cause: RootCause,
    pub timeline: Timeline,
    pub actions: Vec<ActionItem>,
    /// Text blocks outside code, in reading order, for the language rules.
    pub prose: Vec<ProseBlock>,
    /// HTML comments (`<!-- … -->`), for inline suppression.
    pub comments: Vec<Comment>,
    /// Byte ranges of fenced and indented code blocks and inline code.
    pub code: Vec<Span>,
}

impl Document {
    /// The id used across the corpus: frontmatter `id`, else the file stem.
    pub fn id(&self) -> String {
        if let Some(id) = self.frontmatter.parsed().and_then(|fm| fm.id.clone()) {
            return id;
        }
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.strip_suffix(".md").unwrap_or(name).to_string()
    }

    pub fn frontmatter(&self) -> Option<&Frontmatter> {
        self.frontmatter.parsed()
    }

    pub fn severity(&self) -> Option<&str> {
        self.frontmatter().and_then(|fm| fm.severity.as_deref())
    }

    pub fn title(&self) -> Option<&str> {
        self.frontmatter().and_then(|fm| fm.title.as_deref())
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.frontmatter().and_then(|fm| fm.date)
    }

    pub fn status(&self) -> Option<Status> {
        self.frontmatter().and_then(|fm| fm.status)
    }

    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == Some(kind))
    }

    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset) + 1
    }

    /// True when `offset` lies inside code (fenced, indented or inline).
    pub fn in_code(&self, offset: usize) -> bool {
        self.code.iter().any(|span| span.contains(offset))
    }
}

/// A level-2 section, from its heading to the next level-2 heading.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The section this heading stands for, or `None` for a heading pmctl does not know.
    pub kind: Option<SectionKind>,
    pub heading: String,
    pub heading_span: Span,
    /// Everything after the heading line up to the next level-2 heading.
    pub body_span: Span,
    /// True when the body holds nothing but whitespace, comments, sub-headings or placeholders.
    pub empty: bool,
}

/// The three parts of a Root Cause Analysis (SPEC §2.2).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RootCause {
    pub immediate_cause: Option<RootCausePart>,
    pub contributing_factors: Option<RootCausePart>,
    pub root_cause: Option<RootCausePart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RootCausePart {
    /// The `### Heading` or `Label:` that introduces the part.
    pub label_span: Span,
    pub body_span: Span,
    /// True when the part holds nothing but whitespace, comments or placeholders.
    pub empty: bool,
    /// List items under the part (the factors, for Contributing factors), as plain text.
    pub bullets: Vec<TextItem>,
}

/// A piece of plain text and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct TextItem {
    pub text: String,
    pub span: Span,
}

/// What kind of block a [`ProseBlock`] was in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Paragraph,
    ListItem,
    TableCell,
    Heading,
}

/// A block of text with inline Markdown removed, mapped back to the source.
///
/// Inline code keeps its backticks so that rules can recognise it; emphasis markers and link
/// targets are dropped; struck-through text is wrapped in `~~`.
#[derive(Debug, Clone)]
pub struct ProseBlock {
    pub kind: BlockKind,
    pub text: String,
    pub span: Span,
    /// Nesting depth of blockquotes around the block (chat logs are usually quoted).
    pub blockquote: bool,
    /// Index into [`Document::sections`] of the level-2 section holding the block.
    pub section: Option<usize>,
    /// For list items: `Some(checked)` when the item is a task-list item.
    pub task: Option<bool>,
    /// For list items: 1 for a top-level item, 2 for one nested inside it, and so on.
    pub list_depth: usize,
    /// For table cells: the row (index into the table's rows, header = 0) and column.
    pub table_cell: Option<TableCell>,
    /// Pairs of (offset in `text`, offset in the source), ascending; between two pairs the text
    /// is a verbatim copy of the source.
    map: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TableCell {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

impl ProseBlock {
    /// The source offset of a byte offset into [`ProseBlock::text`].
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let index = match self.map.binary_search_by_key(&text_offset, |&(t, _)| t) {
            Ok(i) => i,
            Err(0) => return self.span.start,
            Err(i) => i - 1,
        };
        let (t, s) = self.map[index];
        s + (text_offset - t)
    }

    /// The source span of a byte range of [`ProseBlock::text`].
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let source_start = self.source_offset(start);
        let source_end = if end > start { self.source_offset(end - 1) + 1 } else { source_start };
        Span::new(source_start, source_end.max(source_start))
    }
}

/// An HTML comment and its text between `<!--` and `-->`.
#[derive(Debug, Clone)]
pub struct Comment {
    pub span: Span,
    pub body: String,
}
