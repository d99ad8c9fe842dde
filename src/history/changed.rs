//! `pmctl lint --changed-since REF`: which files differ between the merge base of REF and HEAD
//! and the working tree.
//!
//! "Changed" means what a reviewer of the pull request would see, plus what is not committed yet:
//! committed since the merge base, staged, unstaged, and untracked files that git does not
//! ignore. A renamed file counts under its new name; deleted files are not listed (there is
//! nothing left to check).
//!
//! Unlike history dates, this works in a shallow clone as long as REF and the merge base were
//! fetched; only when they were not does the error ask for full history.

use std::collections::BTreeSet;
use std::path::Path;

use git2::{Delta, DiffOptions};

use crate::error::Error;

/// The files that changed, and the commit they are compared against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Paths relative to `root` (the directory passed in), `/`-separated. Files outside `root`
    /// are left out.
    pub paths: BTreeSet<String>,
    /// The merge base's commit id, abbreviated, for messages.
    pub base: String,
}

const FETCH_HINT: &str = "this is a shallow clone: fetch full history (in GitHub Actions: `actions/checkout` with \
`fetch-depth: 0`) or at least the base branch and the merge base";

/// Files under `root` that differ between the merge base of `reference` and HEAD, and the
/// working tree.
pub fn changed_since(root: &Path, reference: &str) -> Result<Changed, Error> {
    let repo = super::discover(root).map_err(|why| match why {
        super::Unavailable::NotOwned => Error::Git(format!("--changed-since: {}", why.warning())),
        _ => Error::Usage(format!("--changed-since needs a git repository, and {} is not inside one", root.display())),
    })?;
    let shallow = repo.is_shallow();
    let workdir = repo
        .workdir()
        .ok_or_else(|| Error::Usage("--changed-since needs a work tree; this is a bare repository".into()))?
        .to_path_buf();

    let target = repo.revparse_single(reference).and_then(|object| object.peel_to_commit()).map_err(|_| {
        if shallow {
            Error::Git(format!("--changed-since {reference}: no commit by that name here; {FETCH_HINT}"))
        } else {
            Error::Git(format!(
                "--changed-since {reference}: no branch, tag or commit by that name (is it fetched? for a remote \
                 branch write `origin/main`)"
            ))
        }
    })?;
    let head = repo
        .head()
        .and_then(|head| head.peel_to_commit())
        .map_err(|e| Error::Git(format!("--changed-since: HEAD does not point at a commit yet ({})", e.message())))?;
    let base_id = repo.merge_base(target.id(), head.id()).map_err(|_| {
        if shallow {
            Error::Git(format!(
                "--changed-since {reference}: the merge base of {reference} and HEAD is not in this clone; {FETCH_HINT}"
            ))
        } else {
            Error::Git(format!("--changed-since {reference}: {reference} and HEAD have no commit in common"))
        }
    })?;
    let base_tree = repo
        .find_commit(base_id)
        .and_then(|commit| commit.tree())
        .map_err(|e| Error::Git(format!("--changed-since {reference}: cannot read the merge base: {}", e.message())))?;

    let mut options = DiffOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false).ignore_submodules(true);
    // Without rename detection a rename is a deletion plus an addition: the new name is listed
    // either way, and skipping similarity search keeps this fast on large trees.
    let diff = repo.diff_tree_to_workdir_with_index(Some(&base_tree), Some(&mut options)).map_err(|e| {
        Error::Git(format!("--changed-since {reference}: cannot compare with the work tree: {}", e.message()))
    })?;

    let prefix = relative_prefix(&workdir, root);
    let mut paths = BTreeSet::new();
    for delta in diff.deltas() {
        if delta.status() == Delta::Deleted {
            continue;
        }
        let Some(path) = delta.new_file().path() else { continue };
        let path = path.to_string_lossy().replace('\\', "/");
        let relative = match &prefix {
            None => continue,
            Some(prefix) if prefix.is_empty() => path,
            Some(prefix) => match path.strip_prefix(prefix.as_str()).and_then(|p| p.strip_prefix('/')) {
                Some(rest) => rest.to_string(),
                None => continue,
            },
        };
        paths.insert(relative);
    }
    let base = base_id.to_string().chars().take(10).collect();
    Ok(Changed { paths, base })
}

/// Where `root` lies inside the work tree, `/`-separated (`""` when it is the work tree itself),
/// or `None` when it lies outside.
fn relative_prefix(workdir: &Path, root: &Path) -> Option<String> {
    let workdir = workdir.canonicalize().unwrap_or_else(|_| workdir.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let inside = root.strip_prefix(&workdir).ok()?;
    Some(inside.to_string_lossy().replace('\\', "/").trim_matches('/').to_string())
}
