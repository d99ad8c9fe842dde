//! Aggregations over the whole corpus, as plain data: rows that renderers turn into tables, CSV,
//! Markdown or JSON, and that other commands (the weekly report) reuse as they are.

pub mod actions;
pub mod factors;
pub mod report;
pub mod stats;
pub mod summary;
