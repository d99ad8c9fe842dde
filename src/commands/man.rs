//! `pmctl man`: the manual page (roff) on stdout, or with `--dir DIR` one page per command
//! (`pmctl.1`, `pmctl-lint.1`, …) written into DIR, replacing pages of the same name.
//!
//! ```sh
//! pmctl man | man -l -
//! pmctl man --dir /usr/local/share/man/man1
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory};

use crate::cli::Cli;
use crate::error::Error;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per command into this folder instead of printing pmctl.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(args: &ManArgs) -> Result<ExitCode, Error> {
    let command = Cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            clap_mangen::generate_to(command, dir).map_err(|e| Error::io(dir, e))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| Error::Other(format!("cannot render the manual page: {e}")))?;
            crate::commands::lint::write_out(&mut std::io::stdout(), &String::from_utf8_lossy(&page))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
