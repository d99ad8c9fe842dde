//! The corpus with what git history knows about it, for the corpus views (`stats`, `factors`,
//! `report`): one summary per post-mortem and one row per action item.
//!
//! History is read on its own thread while the corpus is parsed (the same arrangement as
//! `pmctl actions`); outside a repository or in a shallow clone the history fields stay `None`
//! and `warning` says why.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::aggregate::actions::{self, ActionRow, DocumentActions};
use crate::aggregate::summary::{ActionSummary, DocSummary};
use crate::discover::Problem;
use crate::document::digest::Digest;
use crate::error::Error;
use crate::history::{self, AsOf, DocumentFacts, History, PointInTime};
use crate::workspace::Workspace;

pub struct Collected {
    pub docs: Vec<DocSummary>,
    /// Every action item, whatever its status, with its history facts.
    pub rows: Vec<ActionRow>,
    /// The day overdue was judged against: `--today` (or the clock), or the `--as-of` date.
    pub today: NaiveDate,
    pub as_of: Option<PointInTime>,
    /// True when history facts are known.
    pub history: bool,
    pub problems: Vec<Problem>,
    /// Why history facts are unknown this run, as the one warning to print.
    pub warning: Option<String>,
}

/// The corpus (the working tree, or the `--as-of` commit's tree) with each document reduced by
/// `reduce` from its path and text, and the git history of the corpus, read on its own thread
/// (mostly waiting on git) while the documents are parsed. Shared by every command that needs
/// history, so they all degrade the same way.
pub struct Gathered<T> {
    pub documents: Vec<T>,
    pub history: Option<History>,
    /// The day overdue is judged against: `--today` (or the clock), or the `--as-of` date.
    pub today: NaiveDate,
    pub as_of: Option<PointInTime>,
    pub problems: Vec<Problem>,
    /// Why history facts are unknown this run, as the one warning to print.
    pub warning: Option<String>,
}

pub fn gather<T: Send>(
    workspace: &Workspace,
    as_of: Option<&AsOf>,
    reduce: impl Fn(String, String) -> T + Sync,
) -> Result<Gathered<T>, Error> {
    let located = history::locate(&workspace.root);
    let point = match (as_of, &located) {
        (None, _) => None,
        (Some(spec), Ok(repo)) => Some(repo.resolve(spec)?),
        (Some(_), Err(_)) => {
            return Err(Error::Usage(format!(
                "--as-of reads the corpus from git history, but {} is not inside a git repository",
                workspace.root.display()
            )));
        }
    };
    let today = point.as_ref().map_or(workspace.today, |p| p.date);
    let mut warning = None;
    let source = match &located {
        Err(why) => {
            warning = Some(why.warning().to_string());
            None
        }
        Ok(repo) if repo.shallow => {
            warning = Some(history::Unavailable::Shallow.warning().to_string());
            None
        }
        Ok(repo) => point
            .as_ref()
            .map(|p| p.commit)
            .or_else(|| repo.head())
            .map(|tip| (repo.git_dir.clone(), repo.prefix.clone(), tip)),
    };

    let config = &workspace.config;
    let (history, loaded) = std::thread::scope(|s| {
        let reader =
            source.map(|(git_dir, prefix, tip)| s.spawn(move || history::read(&git_dir, &prefix, tip, config)));
        let blobs = match (&point, &located) {
            (Some(point), Ok(repo)) => Some(repo.corpus_blobs(point.commit, config)),
            _ => None,
        };
        let reduce = &reduce;
        let parse = move || match blobs {
            Some(blobs) => blobs.map(|blobs| workspace.read_blobs_with(blobs, reduce)),
            None => workspace
                .read_with(&[], |file, text| reduce(file.display.clone(), text))
                .map(|(docs, problems, _)| (docs, problems)),
        };
        // Beside the history reader, the corpus is parsed on threads that give way to it.
        let loaded = match reader.as_ref().and_then(|_| beside_git()) {
            Some(pool) => pool.install(parse),
            None => parse(),
        };
        let history =
            reader.map(|r| r.join().unwrap_or_else(|_| Err(Error::Other("the history reader stopped".into()))));
        (history, loaded)
    });
    let (documents, problems) = loaded?;
    let history = match history {
        Some(Ok(history)) => Some(history),
        Some(Err(error)) => {
            warning = Some(format!("{error}; dates that come from history are unknown"));
            None
        }
        None => None,
    };
    Ok(Gathered { documents, history, today, as_of: point, problems, warning })
}

/// Threads for work done while history is read. Git's walk of the history is most of a run and
/// the history reader follows it, while the corpus parse finishes far sooner: on Linux these
/// threads lower their own priority, so that the kernel runs git first and fits the parse in
/// around it. `None` when the pool cannot be built (the caller's pool is used then).
fn beside_git() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new().num_threads(rayon::current_num_threads()).start_handler(|_| give_way()).build().ok()
}

#[cfg(target_os = "linux")]
fn give_way() {
    use rustix::process::{getpriority_process, setpriority_process};
    // On Linux a priority belongs to one thread: git and pmctl's other threads keep theirs. Best
    // effort: a failure only leaves the thread as it was.
    if let Ok(nice) = getpriority_process(None) {
        let _ = setpriority_process(None, (nice + 10).min(19));
    }
}

#[cfg(not(target_os = "linux"))]
fn give_way() {}

pub fn collect(workspace: &Workspace, as_of: Option<&AsOf>) -> Result<Collected, Error> {
    let options = workspace.config.parse_options();
    let gathered = gather(workspace, as_of, |path, text| {
        let digest = Digest::read(path, text, &options);
        (DocSummary::of(&digest), DocumentActions::of_digest(digest))
    })?;
    let Gathered { documents: loaded, history, today, as_of: point, problems, warning } = gathered;
    // History is complete only now, so this runs after the history thread, with both cores free:
    // each document's facts and rows are independent of the others'.
    let per_doc: Vec<(DocSummary, Vec<ActionRow>)> = loaded
        .into_par_iter()
        .map(|(mut summary, items)| {
            let (facts, doc_rows) = rows_with_facts(&items, history.as_ref(), today);
            summary.created_at = facts.created_at.as_ref().and_then(|c| c.date());
            summary.actions = doc_rows
                .iter()
                .map(|r| ActionSummary { status: r.status, opened_at: r.opened_at, closed_at: r.closed_at })
                .collect();
            (summary, doc_rows)
        })
        .collect();
    let mut docs = Vec::with_capacity(per_doc.len());
    let mut rows = Vec::with_capacity(per_doc.iter().map(|(_, r)| r.len()).sum());
    for (summary, doc_rows) in per_doc {
        docs.push(summary);
        rows.extend(doc_rows);
    }
    Ok(Collected { docs, rows, today, as_of: point, history: history.is_some(), problems, warning })
}

/// One document's history facts (unknown without history) and its action rows.
pub fn rows_with_facts(
    doc: &DocumentActions,
    history: Option<&History>,
    today: NaiveDate,
) -> (DocumentFacts, Vec<ActionRow>) {
    let facts = match history {
        Some(history) => history.facts_with_keys(&doc.path, &doc.items, &doc.keys),
        None => DocumentFacts::unknown(doc.items.len()),
    };
    let rows = actions::rows(doc, &facts, today);
    (facts, rows)
}

/// The warning, if any, on stderr.
pub fn warn(workspace: &Workspace, collected: &Collected) {
    if let Some(warning) = &collected.warning {
        let style = workspace.color.for_stderr();
        eprintln!("{}{} {warning}", style.warning("warning"), style.bold(":"));
    }
}
