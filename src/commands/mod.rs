//! One module per subcommand: each wires discovery, parsing, checking and rendering together.

pub mod actions;
pub mod lint;
pub mod rules;
pub mod show;
