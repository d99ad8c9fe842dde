//! `pmctl lint`: check documents and exit 1 on any error-level finding.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::diagnostic::Level;
use crate::error::Error;
use crate::render::{self, Sources};
use crate::rules::Context;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders to check [default: the corpus folders from config, `postmortems/`]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
}

pub fn run(workspace: &Workspace, args: &LintArgs) -> Result<ExitCode, Error> {
    let schema = workspace.schema()?;
    let found = workspace.discover(&args.paths)?;
    let ctx = Context { config: &workspace.config, schema: &schema, today: workspace.today };
    let mut outcome = crate::lint::run(&found.files, &workspace.config.parse_options(), &ctx, &|_| true);
    let mut problems = found.problems;
    problems.append(&mut outcome.problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    let diagnostics = &outcome.diagnostics;
    let sources = Sources::new(&outcome.sources);

    match args.format {
        LintFormat::Human => {
            let style = workspace.color.for_stderr();
            let mut text = render::human::render(diagnostics, &sources, style);
            text.push_str(&render::human::summary(diagnostics, &problems, outcome.checked, style));
            write_out(&mut std::io::stderr(), &text)?;
        }
        LintFormat::Json => {
            write_out(&mut std::io::stdout(), &render::json::render(diagnostics, &sources))?;
            let style = workspace.color.for_stderr();
            for problem in &problems {
                eprintln!("{}{} {}: {}", style.error("error"), style.bold(":"), problem.path, problem.message);
            }
        }
    }
    Ok(exit_code(diagnostics.iter().any(|d| d.level == Level::Error), !problems.is_empty()))
}

/// 2 when a file could not be read at all, else 1 on any error-level finding, else 0.
pub fn exit_code(has_errors: bool, has_problems: bool) -> ExitCode {
    if has_problems {
        ExitCode::from(2)
    } else if has_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes all of `text`, treating a closed pipe (`pmctl lint | head`) as a normal end.
pub fn write_out(stream: &mut dyn Write, text: &str) -> Result<(), Error> {
    match stream.write_all(text.as_bytes()).and_then(|()| stream.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Other(format!("cannot write output: {e}"))),
        _ => Ok(()),
    }
}
