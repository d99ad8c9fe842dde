//! `pmctl stats`: incident counts, detection and resolution times, action-item completion.

use std::process::ExitCode;

use crate::aggregate::stats::{self, By};
use crate::commands::collect::{collect, warn};
use crate::commands::lint::write_out;
use crate::discover::Problem;
use crate::error::Error;
use crate::render;
use crate::workspace::Workspace;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InsightFormat {
    Table,
    Json,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Severity,
    Service,
    Month,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Also show the figures for each severity, each service (a post-mortem with several counts
    /// in each) or each month of incident
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<ByArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = InsightFormat::Table)]
    pub format: InsightFormat,
}

/// Files that could not be read, on stderr; exit 2 when there were any (the output still shows
/// everything else).
pub fn finish(workspace: &Workspace, problems: &[Problem]) -> ExitCode {
    let style = workspace.color.for_stderr();
    for problem in problems {
        eprintln!("{}{} {}: {}", style.error("error"), style.bold(":"), problem.path, problem.message);
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

pub fn run(workspace: &Workspace, args: &StatsArgs) -> Result<ExitCode, Error> {
    let collected = collect(workspace, None)?;
    warn(workspace, &collected);
    let (docs, problems) = (collected.docs, collected.problems);
    let by = args.by.map(|by| match by {
        ByArg::Severity => By::Severity,
        ByArg::Service => By::Service,
        ByArg::Month => By::Month,
    });
    let report = stats::report(&docs, by);
    let text = match args.format {
        InsightFormat::Table => render::stats::table(&report, workspace.color.for_stdout()),
        InsightFormat::Json => render::stats::json(&report),
        InsightFormat::Md => render::stats::markdown(&report),
    };
    write_out(&mut std::io::stdout(), &text)?;
    Ok(finish(workspace, &problems))
}
