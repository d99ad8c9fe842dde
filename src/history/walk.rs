//! Reading history once per run: every first-parent commit up to a tip, oldest first, the corpus
//! files each one changed, and only those files' new blobs.
//!
//! Two backends feed the same [`Tracker`]. Where a `git` executable exists, `git log --raw`
//! streams the changed paths and blob ids and `git cat-file --batch` streams the blobs: git's own
//! tree diff is several times faster than libgit2's on large folders. Without one (or when it
//! fails, e.g. too old for `--diff-merges`), libgit2 walks and diffs the trees itself.
//!
//! Only first-parent commits are read, and a merge counts as the change it brought to the branch:
//! dates are when a change landed on the branch being reported on, the same line `--as-of` walks.

use std::path::Path;

use git2::Oid;

use super::track::{Change, History, ItemVersion};
use super::{git_cli, libgit};
use crate::config::Config;
use crate::discover;
use crate::error::Error;

/// Reads history up to `tip`. `git_dir` and `prefix` come from [`super::repo::Repo`]; they are
/// plain values so that history can be read on its own thread while the corpus is parsed.
///
/// `PMCTL_HISTORY_BACKEND=git` or `=libgit2` picks a backend (for tests and measurements); by
/// default the `git` executable is used when it exists and libgit2 otherwise.
pub fn read(git_dir: &Path, prefix: &str, tip: Oid, config: &Config) -> Result<History, Error> {
    let scope = Scope { prefix, config };
    let backend = std::env::var("PMCTL_HISTORY_BACKEND").unwrap_or_default();
    if backend != "libgit2" {
        match git_cli::read(git_dir, tip, &scope) {
            Ok(history) => return Ok(history),
            Err(failure) if backend == "git" => {
                return Err(Error::Git(format!("reading history with git: {failure}")));
            }
            // Any other failure: libgit2 reads the same history, and reports its own error if the
            // repository itself is the problem.
            Err(_) => {}
        }
    }
    libgit::read(git_dir, tip, &scope).map_err(|e| Error::Git(format!("reading history: {}", e.message())))
}

/// Which paths in git are the corpus, and the paths documents show for them.
pub(super) struct Scope<'a> {
    pub prefix: &'a str,
    pub config: &'a Config,
}

impl Scope<'_> {
    /// The path a document shows for `git_path`, when it is a post-mortem under a corpus folder.
    /// Excludes are not applied: a document moved out of an excluded folder keeps its history.
    pub fn display<'p>(&self, git_path: &'p str) -> Option<&'p str> {
        let path = git_path.strip_prefix(self.prefix)?;
        let name = path.rsplit('/').next().unwrap_or(path);
        (discover::is_postmortem_name(name) && discover::in_corpus_folder(path, self.config)).then_some(path)
    }

    /// The corpus folders as git paths, for limiting a tree diff.
    pub fn folders(&self) -> Vec<String> {
        self.config
            .corpus_paths
            .iter()
            .map(|folder| {
                let folder = folder.trim_start_matches("./").trim_end_matches('/');
                let folder = if folder == "." { "" } else { folder };
                format!("{}{folder}", self.prefix).trim_end_matches('/').to_string()
            })
            .collect()
    }
}

/// One changed path of a commit as a backend reports it.
pub(super) struct RawChange<'a> {
    /// `A`, `C`, `D`, `M`, `R` or `T` (git's letters).
    pub status: u8,
    pub from: &'a str,
    pub to: &'a str,
    pub old_blob: &'a str,
    pub new_blob: &'a str,
    /// The new file's mode (0 when deleted).
    pub new_mode: u32,
}

/// What the tracker will be told, once the new blob (if any) is read.
pub(super) struct Planned {
    kind: Kind,
    path: String,
    /// The blob whose items the change needs, or `None` when the content did not change.
    pub blob: Option<String>,
}

enum Kind {
    Added,
    Modified,
    Renamed(String),
    Deleted,
}

const REGULAR: u32 = 0o100000;

/// Turns a changed path into a tracker change, or `None` when it is not about the corpus.
pub(super) fn plan(scope: &Scope<'_>, raw: &RawChange<'_>) -> Option<Planned> {
    // Symbolic links and submodules hold no post-mortem text.
    let regular = raw.new_mode & 0o170000 == REGULAR;
    let content = |path: &str, kind: Kind| Planned { kind, path: path.to_string(), blob: Some(raw.new_blob.into()) };
    match raw.status {
        b'A' | b'C' => scope.display(raw.to).filter(|_| regular).map(|p| content(p, Kind::Added)),
        b'M' | b'T' => match scope.display(raw.to) {
            Some(p) if regular => {
                let blob = (raw.old_blob != raw.new_blob).then(|| raw.new_blob.to_string());
                Some(Planned { kind: Kind::Modified, path: p.to_string(), blob })
            }
            Some(p) => Some(Planned { kind: Kind::Deleted, path: p.to_string(), blob: None }),
            None => None,
        },
        b'D' => scope.display(raw.from).map(|p| Planned { kind: Kind::Deleted, path: p.to_string(), blob: None }),
        b'R' => match (scope.display(raw.from), scope.display(raw.to).filter(|_| regular)) {
            (Some(from), Some(to)) => {
                let blob = (raw.old_blob != raw.new_blob).then(|| raw.new_blob.to_string());
                Some(Planned { kind: Kind::Renamed(from.to_string()), path: to.to_string(), blob })
            }
            (None, Some(to)) => Some(content(to, Kind::Added)),
            (Some(from), None) => Some(Planned { kind: Kind::Deleted, path: from.to_string(), blob: None }),
            (None, None) => None,
        },
        _ => None,
    }
}

impl Planned {
    pub fn into_change(self, items: Option<Vec<ItemVersion>>) -> Change {
        let Planned { kind, path, .. } = self;
        match kind {
            Kind::Added => Change::Added { path, items },
            Kind::Modified => Change::Modified { path, items },
            Kind::Renamed(from) => Change::Renamed { from, to: path, items },
            Kind::Deleted => Change::Deleted { path },
        }
    }
}
