//! `pmctl report`: the weekly report a team reads on Monday.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::aggregate::report::{self, Settings};
use crate::commands::collect::{collect, warn};
use crate::commands::stats::finish;
use crate::error::Error;
use crate::history::AsOf;
use crate::render;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report as it stood on DATE (the branch's last commit at or before that day, UTC) or at
    /// a git revision, read from history without a checkout; overdue is judged against that date
    #[arg(long, value_name = "DATE|REF")]
    pub as_of: Option<String>,
    /// Days the report looks back on (closed items, changes in the metrics) [default: config
    /// `report.window_days`, 7]
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub window: Option<u32>,
    /// Output format: md (pasteable into chat or a wiki), html (one self-contained file), json
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically: readers never see half a report) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when any action item is overdue, for teams that gate on it
    #[arg(long)]
    pub fail_on_overdue: bool,
}

/// How many recurring factors the report lists.
const TOP_FACTORS: usize = 10;

pub fn run(workspace: &Workspace, args: &ReportArgs) -> Result<ExitCode, Error> {
    let as_of = args.as_of.as_deref().map(AsOf::parse).transpose()?;
    let collected = collect(workspace, as_of.as_ref())?;
    warn(workspace, &collected);
    let config = &workspace.config;
    let settings = Settings {
        as_of: collected.today,
        commit: collected.as_of.as_ref().map(|p| p.commit.to_string()),
        window_days: args.window.map_or(config.window_days, i64::from),
        due_soon_days: config.due_soon_days,
        stale_draft_days: config.stale_draft_days,
        history: collected.history,
        top_factors: TOP_FACTORS,
    };
    let report = report::build(&settings, &collected.docs, collected.rows, &config.taxonomy);
    let emit = |out: &mut dyn Write| match args.format {
        ReportFormat::Md => out.write_all(render::report::markdown(&report).as_bytes()),
        ReportFormat::Html => out.write_all(render::report::html(&report).as_bytes()),
        ReportFormat::Json => render::report::write_json(&report, out),
    };
    match &args.output {
        Some(path) => write_atomically(&workspace.cwd.join(path), emit)?,
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match emit(&mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(Error::Other(format!("cannot write output: {e}")));
                }
                _ => {}
            }
        }
    }
    let code = finish(workspace, &collected.problems);
    if code == ExitCode::SUCCESS && args.fail_on_overdue && !report.overdue.is_empty() {
        let style = workspace.color.for_stderr();
        eprintln!(
            "{}{} {} action items are overdue (--fail-on-overdue)",
            style.error("error"),
            style.bold(":"),
            report.overdue.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(code)
}

/// Writes what `write` writes to a temporary file beside `path`, then renames it over `path`: a
/// reader (a web server, a chat bot) sees the old report or the new one, never half of one.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let temp = dir.join(format!(".{name}.pmctl-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|file| {
            let mut out = BufWriter::with_capacity(1 << 16, file);
            write(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })
}
