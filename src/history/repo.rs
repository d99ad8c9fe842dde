//! The repository around the corpus: where it is, which commit `--as-of` names, and the corpus
//! as it stood in a commit's tree (read without a checkout).

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::Unavailable;
use crate::config::Config;
use crate::corpus::Blob;
use crate::discover;
use crate::error::Error;

/// The repository holding the corpus root.
pub struct Repo {
    repo: Repository,
    /// The `.git` folder (or the bare repository), for running `git` and reopening.
    pub git_dir: PathBuf,
    /// The corpus root relative to the work tree, `/`-terminated, or empty when they are the
    /// same: paths in git are this prefix followed by the paths documents show.
    pub prefix: String,
    /// A shallow clone: history stops at a graft, so history facts are unknown (see
    /// [`super::Unavailable::Shallow`]); trees of the commits it has can still be read.
    pub shallow: bool,
}

/// What `--as-of` names: a day, or a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AsOf {
    Date(NaiveDate),
    Ref(String),
}

impl AsOf {
    /// `YYYY-MM-DD` is a date; anything else is a revision (`v1.2`, `main~3`, a commit id).
    pub fn parse(text: &str) -> Result<AsOf, Error> {
        let looks_like_date = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if looks_like_date {
            return NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(AsOf::Date)
                .map_err(|_| Error::Usage(format!("--as-of {text}: not a calendar date")));
        }
        if text.trim().is_empty() {
            return Err(Error::Usage("--as-of needs a date (YYYY-MM-DD) or a git revision".into()));
        }
        Ok(AsOf::Ref(text.to_string()))
    }
}

/// The commit `--as-of` resolved to, and the day "overdue" is judged against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointInTime {
    pub commit: Oid,
    /// The date given, or for a revision the day (UTC) of its commit.
    pub date: NaiveDate,
}

/// Finds the repository holding `root`, or says why there is none.
pub fn locate(root: &Path) -> Result<Repo, Unavailable> {
    let repo = super::discover(root)?;
    let prefix = match repo.workdir() {
        Some(workdir) => prefix_of(workdir, root),
        None => String::new(),
    };
    Ok(Repo { git_dir: repo.path().to_path_buf(), shallow: repo.is_shallow(), prefix, repo })
}

/// `root` relative to `workdir` as a `/`-terminated prefix ("" when they are the same folder).
fn prefix_of(workdir: &Path, root: &Path) -> String {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (workdir, root) = (canonical(workdir), canonical(root));
    match root.strip_prefix(&workdir) {
        Ok(rel) if !rel.as_os_str().is_empty() => format!("{}/", rel.to_string_lossy().replace('\\', "/")),
        _ => String::new(),
    }
}

impl Repo {
    /// The commit HEAD points at, or `None` in a repository without commits.
    pub fn head(&self) -> Option<Oid> {
        self.repo.head().ok().and_then(|h| h.peel_to_commit().ok()).map(|c| c.id())
    }

    /// The commit `--as-of` names: for a date, the last first-parent commit of HEAD committed at
    /// or before the end of that day (UTC); for a revision, that commit.
    pub fn resolve(&self, as_of: &AsOf) -> Result<PointInTime, Error> {
        match as_of {
            AsOf::Ref(spec) => {
                let object = self
                    .repo
                    .revparse_single(spec)
                    .map_err(|_| Error::Usage(format!("--as-of {spec}: no such commit, branch or tag")))?;
                let commit = object
                    .peel_to_commit()
                    .map_err(|_| Error::Usage(format!("--as-of {spec}: does not name a commit")))?;
                let date = DateTime::from_timestamp(commit.time().seconds(), 0)
                    .map(|t| t.date_naive())
                    .ok_or_else(|| Error::Git(format!("--as-of {spec}: the commit's date is out of range")))?;
                Ok(PointInTime { commit: commit.id(), date })
            }
            AsOf::Date(date) => {
                let head = self
                    .head()
                    .ok_or_else(|| Error::Usage(format!("--as-of {date}: the repository has no commits yet")))?;
                let end_of_day = date.and_hms_opt(23, 59, 59).map(|t| t.and_utc().timestamp()).unwrap_or(i64::MAX);
                let git = |e: git2::Error| Error::Git(format!("reading history: {}", e.message()));
                let mut walk = self.repo.revwalk().map_err(git)?;
                walk.push(head).map_err(git)?;
                walk.simplify_first_parent().map_err(git)?;
                for id in walk {
                    let commit = self.repo.find_commit(id.map_err(git)?).map_err(git)?;
                    if commit.time().seconds() <= end_of_day {
                        return Ok(PointInTime { commit: commit.id(), date: *date });
                    }
                }
                let hint = if self.shallow {
                    " in the history this shallow clone has (fetch it all, e.g. `fetch-depth: 0`)"
                } else {
                    ""
                };
                Err(Error::Usage(format!("--as-of {date}: no commit of this branch is that old{hint}")))
            }
        }
    }

    /// The corpus files as they stood in `commit`'s tree, with the paths documents show: the
    /// same files discovery would find on disk (corpus folders, post-mortem names, excludes).
    pub fn corpus_blobs(&self, commit: Oid, config: &Config) -> Result<Vec<Blob>, Error> {
        let git = |e: git2::Error| Error::Git(format!("reading commit {commit}: {}", e.message()));
        let tree = self.repo.find_commit(commit).and_then(|c| c.tree()).map_err(git)?;
        let mut found: Vec<(String, Oid)> = Vec::new();
        for folder in &config.corpus_paths {
            let folder = folder.trim_start_matches("./").trim_end_matches('/');
            let folder = if folder == "." { "" } else { folder };
            let in_git = format!("{}{folder}", self.prefix);
            let in_git = in_git.trim_end_matches('/');
            let (subtree, base) = if in_git.is_empty() {
                (tree.clone(), String::new())
            } else {
                let Ok(entry) = tree.get_path(Path::new(in_git)) else { continue };
                match entry.kind() {
                    Some(ObjectType::Blob) if entry.filemode() != 0o120000 => {
                        // A corpus path naming one file is read whatever its name, as on disk.
                        found.push((folder.to_string(), entry.id()));
                        continue;
                    }
                    Some(ObjectType::Tree) => {
                        let subtree = self.repo.find_tree(entry.id()).map_err(git)?;
                        (subtree, format!("{folder}/"))
                    }
                    _ => continue,
                }
            };
            subtree
                .walk(TreeWalkMode::PreOrder, |dir, entry| {
                    let name = entry.name().unwrap_or("");
                    match entry.kind() {
                        Some(ObjectType::Tree) if discover::is_skipped_folder(name) => TreeWalkResult::Skip,
                        Some(ObjectType::Blob) if entry.filemode() != 0o120000 => {
                            let path = format!("{base}{dir}{name}");
                            if discover::is_corpus_path(&path, config) {
                                found.push((path, entry.id()));
                            }
                            TreeWalkResult::Ok
                        }
                        _ => TreeWalkResult::Ok,
                    }
                })
                .map_err(git)?;
        }
        found.sort();
        found.dedup();
        found
            .into_iter()
            .map(|(path, id)| {
                let blob = self.repo.find_blob(id).map_err(git)?;
                Ok(Blob { path, bytes: blob.content().to_vec() })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_tells_dates_from_revisions() {
        let date = NaiveDate::from_ymd_opt(2026, 6, 30);
        assert_eq!(AsOf::parse("2026-06-30").ok(), date.map(AsOf::Date));
        assert_eq!(AsOf::parse("v1.2").ok(), Some(AsOf::Ref("v1.2".into())));
        assert_eq!(AsOf::parse("HEAD~3").ok(), Some(AsOf::Ref("HEAD~3".into())));
        assert!(matches!(AsOf::parse("2026-02-30"), Err(Error::Usage(_))));
    }
}
