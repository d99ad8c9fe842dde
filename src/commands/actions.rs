//! `pmctl actions`: action items across the corpus, with the dates git history knows.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::aggregate::actions::{self, ActionRow, DocumentActions, Filter, StatusFilter};
use crate::commands::collect::{gather, rows_with_facts, Gathered};
use crate::commands::lint::write_out;
use crate::discover::Problem;
use crate::error::Error;
use crate::history::{AsOf, PointInTime};
use crate::render;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Open,
    Done,
    Dropped,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionsFormat {
    Table,
    Json,
    Csv,
    Md,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Which items to list: open (still owed), done, dropped (checked but struck through or
    /// "won't do"), or all
    #[arg(long, value_enum, default_value_t = StatusArg::Open, value_name = "STATUS")]
    pub status: StatusArg,
    /// Only open items past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only open items due within DAYS days (overdue items included)
    #[arg(long, value_name = "DAYS")]
    pub due_within: Option<u64>,
    /// Only items this owner holds (case-insensitive; `@` optional; one of several owners counts)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// The corpus as it stood on DATE (the branch's last commit at or before that day, UTC) or at
    /// a git revision, read from history without a checkout; overdue is judged against that date
    #[arg(long, value_name = "DATE|REF")]
    pub as_of: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ActionsFormat::Table)]
    pub format: ActionsFormat,
}

/// Every action item of the corpus (working tree, or `--as-of` commit) with its history facts:
/// the rows before any filter, for `pmctl actions` and the weekly report.
pub struct Collected {
    pub rows: Vec<ActionRow>,
    /// The day overdue was judged against: `--today` (or the clock), or the `--as-of` date.
    pub today: NaiveDate,
    pub as_of: Option<PointInTime>,
    /// Files that could not be read.
    pub problems: Vec<Problem>,
    /// Why history facts are unknown this run, as the one warning to print.
    pub warning: Option<String>,
}

pub fn collect(workspace: &Workspace, as_of: Option<&AsOf>) -> Result<Collected, Error> {
    let options = workspace.config.parse_options();
    let gathered = gather(workspace, as_of, |path, text| DocumentActions::read(path, text, &options))?;
    let Gathered { documents, history, today, as_of: point, problems, warning } = gathered;
    let per_doc: Vec<Vec<ActionRow>> =
        documents.into_par_iter().map(|doc| rows_with_facts(&doc, history.as_ref(), today).1).collect();
    let mut rows = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
    for doc_rows in per_doc {
        rows.extend(doc_rows);
    }
    Ok(Collected { rows, today, as_of: point, problems, warning })
}

pub fn run(workspace: &Workspace, args: &ActionsArgs) -> Result<ExitCode, Error> {
    let as_of = args.as_of.as_deref().map(AsOf::parse).transpose()?;
    let collected = collect(workspace, as_of.as_ref())?;
    let err_style = workspace.color.for_stderr();
    if let Some(warning) = &collected.warning {
        eprintln!("{}{} {warning}", err_style.warning("warning"), err_style.bold(":"));
    }
    let status = match args.status {
        StatusArg::Open => StatusFilter::Open,
        StatusArg::Done => StatusFilter::Done,
        StatusArg::Dropped => StatusFilter::Dropped,
        StatusArg::All => StatusFilter::All,
    };
    let filter = Filter { status, overdue: args.overdue, due_within: args.due_within, owner: args.owner.clone() };
    let today = collected.today;
    let mut rows: Vec<ActionRow> = collected.rows.into_iter().filter(|row| filter.keeps(row, today)).collect();
    actions::sort(&mut rows);

    let text = match args.format {
        ActionsFormat::Table => render::actions::table(
            &rows,
            &render::actions::TableOptions {
                style: workspace.color.for_stdout(),
                closed_columns: status != StatusFilter::Open,
                today,
                due_soon_days: u64::try_from(workspace.config.due_soon_days).unwrap_or(0),
                as_of: collected.as_of.as_ref().map(|p| (p.date, p.commit.to_string())),
            },
        ),
        ActionsFormat::Json => render::actions::json(&rows),
        ActionsFormat::Csv => render::actions::csv(&rows),
        ActionsFormat::Md => render::actions::markdown(&rows),
    };
    write_out(&mut std::io::stdout(), &text)?;
    for problem in &collected.problems {
        eprintln!("{}{} {}: {}", err_style.error("error"), err_style.bold(":"), problem.path, problem.message);
    }
    Ok(if collected.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}
