//! Renderers: each turns the same slice of [`Diagnostic`]s into one output format; aggregate
//! data (rows of [`crate::aggregate`]) has its views in [`actions`], built on the generic
//! [`table`], [`csv`] and [`markdown`] writers.

pub mod actions;
pub mod csv;
pub mod human;
pub mod json;
pub mod markdown;
pub mod style;
pub mod table;

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Position;

/// The documents diagnostics point into, by path, for turning spans into lines and columns.
pub struct Sources<'a> {
    by_path: HashMap<&'a str, &'a Document>,
}

impl<'a> Sources<'a> {
    pub fn new(documents: &'a [Document]) -> Self {
        Sources { by_path: documents.iter().map(|d| (d.path.as_str(), d)).collect() }
    }

    pub fn document(&self, path: &str) -> Option<&'a Document> {
        self.by_path.get(path).copied()
    }

    /// Start and end (exclusive) positions of a diagnostic, 1-based.
    pub fn locate(&self, diagnostic: &Diagnostic) -> (Position, Position) {
        match self.document(&diagnostic.path) {
            Some(doc) => (
                doc.lines.position(&doc.source, diagnostic.span.start),
                doc.lines.position(&doc.source, diagnostic.span.end),
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
