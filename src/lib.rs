//! pmctl: lint, track and report on incident post-mortems kept as Markdown in Git.
//!
//! Data flows one way: [`discover`] finds files, [`corpus`] reads and [`document`] parses them,
//! [`rules`] check them (driven by [`lint`]), and [`render`] prints the result. Commands in
//! [`commands`] wire these together; [`cli`] is the argument parser.

pub mod aggregate;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod error;
pub mod history;
pub mod language;
pub mod lint;
pub mod render;
pub mod rules;
pub mod schema;
pub mod span;
pub mod suppress;
#[cfg(test)]
mod testing;
pub mod workspace;
