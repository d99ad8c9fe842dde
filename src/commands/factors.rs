//! `pmctl factors`: contributing factors that recur across post-mortems, worded differently or not.

use std::process::ExitCode;

use clap::Args;

use crate::aggregate::factors;
use crate::commands::collect::{collect, warn};
use crate::commands::lint::write_out;
use crate::commands::stats::{finish, InsightFormat};
use crate::error::Error;
use crate::render;
use crate::workspace::Workspace;

#[derive(Debug, Args)]
pub struct FactorsArgs {
    /// Only factors found in at least N post-mortems (1 lists every factor)
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_count: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = InsightFormat::Table)]
    pub format: InsightFormat,
}

pub fn run(workspace: &Workspace, args: &FactorsArgs) -> Result<ExitCode, Error> {
    let collected = collect(workspace, None)?;
    warn(workspace, &collected);
    let (docs, problems) = (collected.docs, collected.problems);
    let mut groups = factors::group(&docs, &workspace.config.taxonomy);
    groups.retain(|g| g.count >= args.min_count);
    let text = match args.format {
        InsightFormat::Table => render::factors::table(&groups, workspace.color.for_stdout()),
        InsightFormat::Json => render::factors::json(&groups),
        InsightFormat::Md => render::factors::markdown(&groups),
    };
    write_out(&mut std::io::stdout(), &text)?;
    Ok(finish(workspace, &problems))
}
