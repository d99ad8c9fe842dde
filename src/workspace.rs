//! What every command starts from: the repository root, its configuration and "today".

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::corpus::{self, Blob, Corpus};
use crate::discover::{self, CorpusFile, Problem};
use crate::document;
use crate::error::Error;
use crate::render::style::ColorChoice;
use crate::schema::FrontmatterSchema;

pub struct Workspace {
    /// The repository root: `--repo`, else the enclosing git work tree, else the working directory.
    pub root: PathBuf,
    pub cwd: PathBuf,
    pub config: Config,
    pub today: NaiveDate,
    pub color: ColorChoice,
}

impl Workspace {
    pub fn open(
        repo: Option<&Path>,
        config: Option<&Path>,
        today: Option<NaiveDate>,
        color: ColorChoice,
    ) -> Result<Workspace, Error> {
        let cwd =
            std::env::current_dir().map_err(|e| Error::Other(format!("cannot read the working directory: {e}")))?;
        let root = match repo {
            Some(dir) => {
                if !dir.is_dir() {
                    return Err(Error::Usage(format!("--repo {}: no such folder", dir.display())));
                }
                absolute(&cwd, dir)
            }
            None => enclosing_work_tree(&cwd).unwrap_or_else(|| cwd.clone()),
        };
        let config_start = if repo.is_some() { root.clone() } else { cwd.clone() };
        let config = Config::load(config.map(|c| absolute(&cwd, c)).as_deref(), &config_start)?;
        let today = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
        Ok(Workspace { root, cwd, config, today, color })
    }

    pub fn schema(&self) -> Result<FrontmatterSchema, Error> {
        match self.schema_file() {
            Some(path) => FrontmatterSchema::from_file(&path),
            None => FrontmatterSchema::embedded(&self.config.severities),
        }
    }

    /// The repository's own schema file, when config names one (relative to the config file).
    pub fn schema_file(&self) -> Option<PathBuf> {
        let path = self.config.schema.as_ref()?;
        let base = self.config.source.as_deref().and_then(Path::parent).unwrap_or(&self.root);
        Some(base.join(path))
    }

    /// The post-mortems under the corpus folders, or under the named paths (relative to the
    /// working directory).
    pub fn discover(&self, targets: &[PathBuf]) -> Result<discover::Discovered, Error> {
        let targets: Vec<PathBuf> = targets.iter().map(|t| absolute(&self.cwd, t)).collect();
        discover::discover(&self.root, &targets, &self.config)
    }

    /// Discovers and parses the corpus (or the named paths, relative to the working directory).
    pub fn load(&self, targets: &[PathBuf]) -> Result<(Corpus, usize), Error> {
        let options = self.config.parse_options();
        let (documents, problems, files) = self.read_with(targets, |file, text| {
            let mut doc = document::parse(file.display.clone(), text, &options);
            doc.fs_path = Some(file.path.clone());
            doc
        })?;
        Ok((Corpus { documents, problems }, files))
    }

    /// Discovers the corpus (or the named paths) and hands each file's text to `parse`, so that
    /// a command keeps only what it needs of each document. Returns what `parse` made, the files
    /// that could not be read (sorted by path) and how many files were found.
    pub fn read_with<T: Send>(
        &self,
        targets: &[PathBuf],
        parse: impl Fn(&CorpusFile, String) -> T + Sync,
    ) -> Result<(Vec<T>, Vec<Problem>, usize), Error> {
        let found = self.discover(targets)?;
        let (documents, mut unread) = corpus::read_with(&found.files, parse);
        let mut problems: Vec<Problem> = found.problems;
        problems.append(&mut unread);
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok((documents, problems, found.files.len()))
    }

    /// The corpus as it stood in a past commit, from its files' bytes (see
    /// [`crate::history::Repo::corpus_blobs`]), each file's path and text handed to `parse`.
    pub fn read_blobs_with<T: Send>(
        &self,
        blobs: Vec<Blob>,
        parse: impl Fn(String, String) -> T + Sync,
    ) -> (Vec<T>, Vec<Problem>) {
        let (documents, mut problems) = corpus::read_blobs_with(blobs, parse);
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        (documents, problems)
    }

    /// The path shown for a file the user named.
    pub fn display(&self, path: &Path) -> String {
        discover::display_path(&self.root, &absolute(&self.cwd, path))
    }
}

fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// The nearest ancestor holding `.git` (a folder, or a file for worktrees and submodules).
fn enclosing_work_tree(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| dir.join(".git").exists()).map(Path::to_path_buf)
}
