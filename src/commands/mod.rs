//! One module per subcommand: each wires discovery, parsing, checking and rendering together.

pub mod collect;
pub mod factors;
pub mod lint;
pub mod report;
pub mod rules;
pub mod show;
pub mod stats;
