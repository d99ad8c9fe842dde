//! Everything pmctl learns from Git lives behind this module, and comes out as plain data:
//! the rest of pmctl (rules, aggregation, rendering) never sees a repository.
//!
//! Outside a git repository, or in a shallow clone (where history stops at a graft and the
//! boundary commit looks like a root, so dates would be wrong rather than missing), history
//! facts are unknown: callers get `None` and one warning that says why.

pub mod changed;
mod git_cli;
pub mod identity;
mod items;
mod libgit;
pub mod repo;
pub mod track;
mod walk;

use std::path::Path;

pub use repo::{locate, AsOf, PointInTime, Repo};
pub use track::{CommitRef, DocumentFacts, History, ItemFacts};
pub use walk::read;

/// Why history is unavailable for this run, as the one-line warning to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    NotARepository,
    /// The repository belongs to another user and git's `safe.directory` does not list it.
    NotOwned,
    Shallow,
}

impl Unavailable {
    pub fn warning(&self) -> &'static str {
        match self {
            Unavailable::NotARepository => {
                "not inside a git repository: dates that come from history (created, opened, closed) are unknown"
            }
            Unavailable::NotOwned => {
                "git refuses to read this repository because another user owns it (add it with `git config --global --add safe.directory <path>`): dates that come from history are unknown"
            }
            Unavailable::Shallow => {
                "this is a shallow clone: dates that come from history are unknown; fetch full history (in GitHub Actions: `fetch-depth: 0`)"
            }
        }
    }
}

/// Opens the repository whose work tree is `root`, or says why history is unavailable.
pub fn open(root: &Path) -> Result<git2::Repository, Unavailable> {
    let repo = discover(root)?;
    if repo.is_shallow() {
        return Err(Unavailable::Shallow);
    }
    Ok(repo)
}

/// The repository enclosing `root`, telling "not a repository" apart from "not ours to read".
pub(crate) fn discover(root: &Path) -> Result<git2::Repository, Unavailable> {
    git2::Repository::discover(root).map_err(|error| match error.code() {
        git2::ErrorCode::Owner => Unavailable::NotOwned,
        _ => Unavailable::NotARepository,
    })
}
