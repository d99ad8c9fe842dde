//! Renderers: each turns the same slice of [`Diagnostic`]s into one output format; aggregate
//! data (rows of [`crate::aggregate`]) has its views in [`actions`], built on the generic
//! [`table`], [`csv`] and [`markdown`] writers.

pub mod actions;
pub mod csv;
pub mod factors;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod report;
pub mod sarif;
pub mod stats;
pub mod style;
pub mod svg;
pub mod table;

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::{LineIndex, Position};

/// The text of a file that diagnostics point into, kept for quoting its lines.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl From<Document> for SourceFile {
    fn from(doc: Document) -> Self {
        SourceFile { path: doc.path, text: doc.source, lines: doc.lines }
    }
}

/// The files diagnostics point into, by path, for turning spans into lines and columns.
pub struct Sources<'a> {
    by_path: HashMap<&'a str, &'a SourceFile>,
}

impl<'a> Sources<'a> {
    pub fn new(files: &'a [SourceFile]) -> Self {
        Sources { by_path: files.iter().map(|f| (f.path.as_str(), f)).collect() }
    }

    pub fn file(&self, path: &str) -> Option<&'a SourceFile> {
        self.by_path.get(path).copied()
    }

    /// Start and end (exclusive) positions of a diagnostic, 1-based.
    pub fn locate(&self, diagnostic: &Diagnostic) -> (Position, Position) {
        match self.file(&diagnostic.path) {
            Some(file) => (
                file.lines.position(&file.text, diagnostic.span.start),
                file.lines.position(&file.text, diagnostic.span.end),
            ),
            None => (Position { line: 1, column: 1 }, Position { line: 1, column: 1 }),
        }
    }
}

/// How many diagnostics there are of each level, for summaries and exit codes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        use crate::diagnostic::Level;
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.level {
                Level::Error => counts.errors += 1,
                Level::Warning => counts.warnings += 1,
                Level::Info => counts.infos += 1,
                Level::Off => {}
            }
        }
        counts
    }
}

pub fn plural(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}
