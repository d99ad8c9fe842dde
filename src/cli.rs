//! The command line: argument definitions (clap derive) and dispatch to the commands.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::error::Error;
use crate::render::style::ColorChoice;
use crate::workspace::Workspace;

#[derive(Debug, Parser)]
#[command(
    name = "pmctl",
    version,
    about = "Lint, track and report on incident post-mortems kept as Markdown in Git",
    long_about = "pmctl keeps post-mortems honest: it holds each document to the template, flags blame \
language and vague action items, tracks action items from Git history, and reports on the corpus.\n\n\
Exit codes: 0 done (lint: no error-level finding), 1 lint found an error-level finding, 2 usage, \
config or I/O error."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Repository root [default: the enclosing git work tree, else the working directory]
    #[arg(long, global = true, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// Configuration file [default: the nearest pmctl.toml above the working directory]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// The date "today" means, for reproducible runs
    #[arg(long, global = true, env = "PMCTL_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check post-mortems against the template and the rules
    Lint(commands::lint::LintArgs),
    /// List action items across the corpus, with open, close and slip dates from git history
    Actions(commands::actions::ActionsArgs),
    /// Contributing factors that recur across post-mortems, however they are worded
    Factors(commands::factors::FactorsArgs),
    /// Incident counts, median time to detect and resolve, action-item completion
    Stats(commands::stats::StatsArgs),
    /// The weekly report: overdue items by owner, due soon, closed, stale drafts, factors, metrics
    Report(commands::report::ReportArgs),
    /// Print one parsed post-mortem as pmctl sees it
    Show(commands::show::ShowArgs),
    /// List every rule with its default level
    Rules,
    /// Explain a rule: why it matters, with a bad and a good example
    Explain {
        /// A rule id, as `pmctl rules` lists them
        rule: String,
    },
    /// Write a new post-mortem from the template and print its path; never overwrites
    New(commands::new::NewArgs),
    /// Set up a repository: pmctl.toml, template, schema, CI workflow; prints the pre-commit entry
    Init,
    /// Print a shell completion script
    Completions(commands::completions::CompletionsArgs),
    /// Print the manual page (roff), or write one page per command with --dir
    Man(commands::man::ManArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    Human,
    Json,
}

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("`{text}` is not a date in the form YYYY-MM-DD"))
}

/// Parses arguments, runs the command, and turns errors into exit code 2.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            let style = ColorChoice::Auto.for_stderr();
            eprintln!("{}{} {error}", style.error("error"), style.bold(":"));
            ExitCode::from(2)
        }
    }
}

pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let g = &cli.global;
    // Commands that need no repository answer without touching one.
    match &cli.command {
        Command::Rules => return commands::rules::list(g.color),
        Command::Explain { rule } => return commands::rules::explain(rule, g.color),
        Command::Completions(args) => return commands::completions::run(args),
        Command::Man(args) => return commands::man::run(args),
        _ => {}
    }
    let workspace = Workspace::open(g.repo.as_deref(), g.config.as_deref(), g.today, g.color)?;
    match cli.command {
        Command::Lint(args) => commands::lint::run(&workspace, &args),
        Command::Actions(args) => commands::actions::run(&workspace, &args),
        Command::Show(args) => commands::show::run(&workspace, &args),
        Command::New(args) => commands::new::run(&workspace, &args),
        Command::Init => commands::init::run(&workspace),
        Command::Factors(args) => commands::factors::run(&workspace, &args),
        Command::Stats(args) => commands::stats::run(&workspace, &args),
        Command::Report(args) => commands::report::run(&workspace, &args),
        Command::Rules | Command::Explain { .. } | Command::Completions(_) | Command::Man(_) => Ok(ExitCode::SUCCESS),
    }
}
