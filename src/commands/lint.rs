//! `pmctl lint`: check documents and exit 1 on any error-level finding.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::cache::{LintCache, Settings};
use crate::diagnostic::Level;
use crate::error::Error;
use crate::render::{self, Sources};
use crate::rules::Context;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// Snippets with a caret under each finding, for people (stderr)
    Human,
    /// An array of findings (stdout)
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request (stdout)
    Github,
    /// SARIF 2.1.0, for code scanning (stdout)
    Sarif,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders to check [default: the corpus folders from config, `postmortems/`]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Report only post-mortems that changed since the merge base of REF and HEAD, including
    /// uncommitted and untracked files; the whole corpus is still read, so corpus-wide rules
    /// (duplicate-id) see every document
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Ignore `<!-- pmctl-disable… -->` comments: report everything they would silence
    #[arg(long)]
    pub no_inline_config: bool,
    /// Parse every file afresh, neither reading nor writing the lint cache
    // Any value but an empty or false-like one (`0`, `false`, `no`, `off`) turns the cache off,
    // as NO_COLOR does for colour.
    #[arg(long, env = "PMCTL_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,
    /// Where the lint cache lives [default: `.pmctl_cache` in the repository root]
    #[arg(long, env = "PMCTL_CACHE_DIR", value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

pub fn run(workspace: &Workspace, args: &LintArgs) -> Result<ExitCode, Error> {
    let schema = workspace.schema()?;
    let changed = match &args.changed_since {
        Some(reference) => Some(crate::history::changed::changed_since(&workspace.root, reference)?),
        None => None,
    };
    let found = workspace.discover(&args.paths)?;
    let changed_paths: Option<&BTreeSet<String>> = changed.as_ref().map(|c| &c.paths);
    let report = |path: &str| changed_paths.is_none_or(|paths| paths.contains(path));
    let ctx = Context { config: &workspace.config, schema: &schema, today: workspace.today };
    let options = crate::lint::Options { inline_config: !args.no_inline_config };
    let mut cache = if args.no_cache { None } else { open_cache(workspace, args, options) };
    let mut outcome =
        crate::lint::run(&found.files, &workspace.config.parse_options(), &ctx, &report, options, cache.as_mut());
    if let Some(mut cache) = cache {
        // Only a run over the whole corpus knows which files are gone.
        if args.paths.is_empty() {
            cache.retain_paths(found.files.iter().map(|f| f.display.as_str()));
        }
        // A cache is a shortcut, never a reason to fail: a read-only checkout lints without one.
        let _ = cache.save();
    }
    let mut problems = found.problems;
    problems.append(&mut outcome.problems);
    problems.retain(|p| report(&p.path));
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    let files_checked = outcome.checked;
    let diagnostics = outcome.diagnostics;
    let sources = Sources::new(&outcome.sources);
    let scope = match (&args.changed_since, &changed) {
        (Some(reference), Some(changed)) => Some(format!("changed since {reference} (merge base {})", changed.base)),
        _ => None,
    };

    match args.format {
        LintFormat::Human => {
            let style = workspace.color.for_stderr();
            let mut text = render::human::render(&diagnostics, &sources, style);
            if let Some(scope) = &scope {
                text.push_str(&format!("Checking post-mortems {scope}.\n"));
            }
            text.push_str(&render::human::summary(&diagnostics, &problems, files_checked, style));
            write_out(&mut std::io::stderr(), &text)?;
        }
        LintFormat::Json => {
            write_out(&mut std::io::stdout(), &render::json::render(&diagnostics, &sources))?;
            print_problems(workspace, &problems);
        }
        LintFormat::Github => {
            let text = render::github::render(&diagnostics, &problems, &sources, files_checked);
            write_out(&mut std::io::stdout(), &text)?;
        }
        LintFormat::Sarif => {
            let text = render::sarif::render(&diagnostics, &problems, &sources, &workspace.config);
            write_out(&mut std::io::stdout(), &text)?;
            print_problems(workspace, &problems);
        }
    }
    // The job summary is for people reading the run; machine formats feed other tools, which
    // keep their own record (code scanning for SARIF), so one workflow that runs both does not
    // get the summary twice.
    if matches!(args.format, LintFormat::Human | LintFormat::Github) {
        if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            let summary =
                render::github::step_summary(&diagnostics, &problems, &sources, files_checked, scope.as_deref());
            append(&PathBuf::from(path), &summary)?;
        }
    }
    Ok(exit_code(diagnostics.iter().any(|d| d.level == Level::Error), !problems.is_empty()))
}

fn open_cache(workspace: &Workspace, args: &LintArgs, options: crate::lint::Options) -> Option<LintCache> {
    let dir = match &args.cache_dir {
        Some(dir) => workspace.cwd.join(dir),
        None => workspace.root.join(crate::cache::DIR_NAME),
    };
    let schema_file = workspace.schema_file();
    let settings = Settings {
        config_file: workspace.config.source.as_deref(),
        schema_file: schema_file.as_deref(),
        inline_config: options.inline_config,
        today: workspace.today,
    };
    LintCache::open(&dir, &settings)
}

fn print_problems(workspace: &Workspace, problems: &[crate::discover::Problem]) {
    let style = workspace.color.for_stderr();
    for problem in problems {
        eprintln!("{}{} {}: {}", style.error("error"), style.bold(":"), problem.path, problem.message);
    }
}

fn append(path: &std::path::Path, text: &str) -> Result<(), Error> {
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))
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
