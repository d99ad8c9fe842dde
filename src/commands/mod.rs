//! One module per subcommand: each wires discovery, parsing, checking and rendering together.

pub mod actions;
pub mod collect;
pub mod completions;
pub mod factors;
pub mod init;
pub mod lint;
pub mod man;
pub mod new;
pub mod report;
pub mod rules;
pub mod show;
pub mod stats;
