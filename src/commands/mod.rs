//! One module per subcommand: each wires discovery, parsing, checking and rendering together.

pub mod actions;
pub mod completions;
pub mod init;
pub mod lint;
pub mod man;
pub mod new;
pub mod rules;
pub mod show;
