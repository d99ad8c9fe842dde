//! Finding the post-mortems: corpus folders from config, or the paths the user named.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::error::Error;

/// A file to read, and the path every output shows for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CorpusFile {
    /// Relative to the repository root with `/` separators when inside it; as given otherwise.
    pub display: String,
    pub path: PathBuf,
}

/// Something in the corpus that could not be read at all (a symlink loop, a folder without
/// permission). Reported, then skipped: the rest of the corpus is still checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<CorpusFile>,
    pub problems: Vec<Problem>,
}

/// True for a file name that is a post-mortem (not `README.md`, not `_template.md`).
pub fn is_postmortem_name(name: &str) -> bool {
    name.ends_with(".md") && !name.starts_with('_') && !name.eq_ignore_ascii_case("README.md")
}

/// The path shown for `path`: relative to `root` when inside it.
pub fn display_path(root: &Path, path: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let shown = shown.strip_prefix(".").unwrap_or(shown);
    shown.to_string_lossy().replace('\\', "/")
}

/// The files to check: every post-mortem under `targets` (or the configured corpus folders).
///
/// A target that does not exist is a usage error; a configured corpus folder that does not exist
/// is simply empty, so that a fresh repository lints cleanly.
pub fn discover(root: &Path, targets: &[PathBuf], config: &Config) -> Result<Discovered, Error> {
    let mut found = Discovered::default();
    let explicit = !targets.is_empty();
    let roots: Vec<PathBuf> =
        if explicit { targets.to_vec() } else { config.corpus_paths.iter().map(|p| root.join(p)).collect() };
    for target in &roots {
        let meta = match std::fs::metadata(target) {
            Ok(meta) => meta,
            Err(_) if !explicit => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Usage(format!("{}: no such file or folder", target.display())));
            }
            Err(e) => return Err(Error::io(target, e)),
        };
        if meta.is_file() {
            // A file named explicitly is checked whatever its name.
            found.files.push(CorpusFile { display: display_path(root, target), path: target.clone() });
            continue;
        }
        walk(root, target, config, &mut found);
    }
    found.files.sort();
    found.files.dedup();
    Ok(found)
}

fn walk(root: &Path, folder: &Path, config: &Config, found: &mut Discovered) {
    // By name, as `sort_by_file_name` orders them, but cheaply: siblings share their parent's
    // path, so whole paths compare as their names do, without taking each apart into components
    // (twice per comparison) to find the name.
    let by_name = |a: &walkdir::DirEntry, b: &walkdir::DirEntry| a.path().as_os_str().cmp(b.path().as_os_str());
    let walker = WalkDir::new(folder).follow_links(true).sort_by(by_name).into_iter();
    let walker = walker.filter_entry(|entry| {
        let name = entry.file_name().to_string_lossy();
        entry.depth() == 0 || !is_skipped_folder(&name)
    });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().map_or_else(|| folder.to_path_buf(), Path::to_path_buf);
                let message = if error.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_string()
                } else {
                    match error.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => error.to_string(),
                    }
                };
                found.problems.push(Problem { path: display_path(root, &path), message });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if !is_postmortem_name(&name) {
            continue;
        }
        let display = display_path(root, entry.path());
        if is_excluded(&display, &config.exclude) {
            continue;
        }
        found.files.push(CorpusFile { display, path: entry.into_path() });
    }
}

/// Folders never searched for post-mortems: hidden ones, dependencies and build output.
pub fn is_skipped_folder(name: &str) -> bool {
    name.starts_with('.') || name == "node_modules" || name == "target"
}

/// True when `path` (relative to the repository root, `/`-separated) is a post-mortem of the
/// configured corpus: under a corpus folder, named like a post-mortem, and not excluded. This is
/// the rule [`discover`] applies on disk, for paths that come from a git tree instead.
pub fn is_corpus_path(path: &str, config: &Config) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !name.starts_with('.')
        && is_postmortem_name(name)
        && in_corpus_folder(path, config)
        && !is_excluded(path, &config.exclude)
}

/// True when `path` lies under one of the configured corpus folders (excludes not applied).
pub fn in_corpus_folder(path: &str, config: &Config) -> bool {
    config.corpus_paths.iter().any(|folder| {
        let folder = folder.trim_start_matches("./").trim_end_matches('/');
        folder.is_empty() || folder == "." || path == folder || path.starts_with(&format!("{folder}/"))
    })
}

/// `exclude` entries are folder prefixes (`postmortems/archive`) or `*` globs over the path.
fn is_excluded(path: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|pattern| {
        let pattern = pattern.trim_end_matches('/');
        if pattern.contains('*') {
            glob_match(pattern, path)
        } else {
            path == pattern || path.starts_with(&format!("{pattern}/"))
        }
    })
}

/// `*` matches within one path segment, `**` across segments.
fn glob_match(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
                (0..=t.len()).any(|i| go(rest, &t[i..]))
            }
            Some(b'*') => (0..=t.len()).take_while(|&i| i == 0 || t[i - 1] != b'/').any(|i| go(&p[1..], &t[i..])),
            Some(&c) => t.first() == Some(&c) && go(&p[1..], &t[1..]),
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_prefixes() {
        let patterns = vec!["postmortems/archive".to_string(), "**/drafts/*.md".to_string()];
        assert!(is_excluded("postmortems/archive/2019/a.md", &patterns));
        assert!(is_excluded("postmortems/team/drafts/b.md", &patterns));
        assert!(!is_excluded("postmortems/archived.md", &patterns));
        assert!(!is_excluded("postmortems/drafts/sub/c.md", &patterns));
    }

    #[test]
    fn readme_and_underscore_files_are_not_postmortems() {
        assert!(is_postmortem_name("2026-01-01-x.md"));
        assert!(!is_postmortem_name("README.md"));
        assert!(!is_postmortem_name("_template.md"));
        assert!(!is_postmortem_name("notes.txt"));
    }
}
