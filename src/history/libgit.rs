//! The backend for machines without a `git` executable: libgit2 walks the first-parent commits,
//! diffs each commit's corpus folders against its parent's and reads the changed blobs.
//!
//! It reads the same history as the `git` backend, only slower on large folders (libgit2 parses
//! a whole folder's tree for every diff): commits that leave the corpus folders alone are skipped
//! by comparing the folders' tree ids before diffing.

use std::path::Path;

use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Tree};

use super::items::ItemReader;
use super::track::{History, Tracker};
use super::walk::{plan, RawChange, Scope};

pub(super) fn read(git_dir: &Path, tip: Oid, scope: &Scope<'_>) -> Result<History, git2::Error> {
    let repo = Repository::open(git_dir)?;
    let options = scope.config.parse_options();
    let folders = scope.folders();
    let mut walk = repo.revwalk()?;
    walk.push(tip)?;
    walk.simplify_first_parent()?;
    let mut ids: Vec<Oid> = walk.collect::<Result<_, _>>()?;
    ids.reverse();

    let mut tracker = Tracker::new();
    let mut reader = ItemReader::new(&options);
    let mut previous: Option<(Oid, Tree<'_>)> = None;
    for id in ids {
        let commit = repo.find_commit(id)?;
        let tree = commit.tree()?;
        let parent_tree = match (commit.parent_id(0).ok(), previous.take()) {
            (Some(parent), Some((previous_id, previous_tree))) if parent == previous_id => Some(previous_tree),
            (Some(parent), _) => Some(repo.find_commit(parent)?.tree()?),
            (None, _) => None,
        };
        if parent_tree.as_ref().is_some_and(|old| same_folders(old, &tree, &folders)) {
            previous = Some((id, tree));
            continue;
        }
        let mut diff_options = DiffOptions::new();
        for folder in folders.iter().filter(|f| !f.is_empty()) {
            diff_options.pathspec(folder);
        }
        let mut diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut diff_options))?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
        let mut started = false;
        for delta in diff.deltas() {
            let status = match delta.status() {
                Delta::Added => b'A',
                Delta::Deleted => b'D',
                Delta::Modified => b'M',
                Delta::Renamed => b'R',
                Delta::Copied => b'C',
                Delta::Typechange => b'T',
                _ => continue,
            };
            let path = |file: git2::DiffFile<'_>| file.path().and_then(Path::to_str).map(|p| p.replace('\\', "/"));
            let (Some(from), Some(to)) = (path(delta.old_file()), path(delta.new_file())) else { continue };
            let (old_blob, new_blob) = (delta.old_file().id().to_string(), delta.new_file().id().to_string());
            let raw = RawChange {
                status,
                from: &from,
                to: &to,
                old_blob: &old_blob,
                new_blob: &new_blob,
                new_mode: u32::from(delta.new_file().mode()),
            };
            let Some(planned) = plan(scope, &raw) else { continue };
            if !started {
                tracker.commit(id.to_string(), commit.time().seconds());
                started = true;
            }
            let items = match planned.blob {
                Some(_) => {
                    repo.find_blob(delta.new_file().id()).ok().and_then(|b| reader.item_versions(b.content().to_vec()))
                }
                None => None,
            };
            tracker.apply(planned.into_change(items));
        }
        previous = Some((id, tree));
    }
    Ok(tracker.finish())
}

/// True when every corpus folder has the same tree id in both trees (nothing to diff).
fn same_folders(old: &Tree<'_>, new: &Tree<'_>, folders: &[String]) -> bool {
    folders.iter().all(|folder| {
        if folder.is_empty() {
            return old.id() == new.id();
        }
        let id = |tree: &Tree<'_>| tree.get_path(Path::new(folder)).ok().map(|e| e.id());
        id(old) == id(new)
    })
}
