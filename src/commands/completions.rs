//! `pmctl completions SHELL`: a completion script for the shell, on stdout.
//!
//! ```sh
//! pmctl completions bash > ~/.local/share/bash-completion/completions/pmctl
//! pmctl completions zsh > "${fpath[1]}/_pmctl"
//! pmctl completions fish > ~/.config/fish/completions/pmctl.fish
//! ```

use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::Error;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<ExitCode, Error> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "pmctl", &mut script);
    crate::commands::lint::write_out(&mut std::io::stdout(), &String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
