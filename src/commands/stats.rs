//! `pmctl stats`: incident counts, detection and resolution times, action-item completion.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::aggregate::stats::{self, By};
use crate::aggregate::summary::DocSummary;
use crate::commands::lint::write_out;
use crate::discover::Problem;
use crate::document::Document;
use crate::error::Error;
use crate::render;
use crate::workspace::Workspace;

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

/// Every post-mortem of the working tree's corpus, summarised as it is parsed (each document is
/// dropped once its summary is taken, so memory stays small on large corpora).
pub fn summaries(workspace: &Workspace) -> Result<(Vec<DocSummary>, Vec<Problem>), Error> {
    load_with(workspace, DocSummary::of)
}

/// Parses the working tree's corpus in parallel and keeps `reduce` of each document.
pub fn load_with<T: Send>(
    workspace: &Workspace,
    reduce: impl Fn(&Document) -> T + Sync,
) -> Result<(Vec<T>, Vec<Problem>), Error> {
    let found = workspace.discover(&[])?;
    let options = workspace.config.parse_options();
    let results: Vec<Result<T, Problem>> =
        found.files.par_iter().map(|file| crate::corpus::read(file, &options).map(|doc| reduce(&doc))).collect();
    let mut problems = found.problems;
    let mut docs = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(doc) => docs.push(doc),
            Err(problem) => problems.push(problem),
        }
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((docs, problems))
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
    let (docs, problems) = summaries(workspace)?;
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
