//! The lint cache: what each file's own rules found, keyed by the file's exact bytes, so that
//! linting a corpus again costs little more than reading it.
//!
//! As with ruff's cache, it lives in the repository (`.pmctl_cache/`, which keeps itself out of
//! git) and is only ever a shortcut. Everything besides a file's bytes that could change what the
//! rules find in it goes into the cache's fingerprint: the pmctl binary itself (its size and
//! modification time, so a rebuilt or reinstalled pmctl starts afresh), the configuration file,
//! a repository schema, `--no-inline-config` and the date. A cache with another fingerprint, or
//! one that cannot be read, is set aside and rewritten; a cache that cannot be written is skipped
//! without a word, so a read-only checkout lints as before. Corpus-wide rules (duplicate-id) run
//! afresh on every run, from the ids the cache keeps.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{CorpusEntry, RuleId};
use crate::span::Span;
use crate::suppress::Suppressions;

/// The folder, under the repository root, that holds the cache unless `--cache-dir` says otherwise.
pub const DIR_NAME: &str = ".pmctl_cache";
/// Bumped whenever the stored shape changes, so an older cache is never misread.
const FILE_NAME: &str = "lint-v1.json";
/// <https://bford.info/cachedir/>: backup tools skip folders holding this file.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by pmctl.\n\
# For information about cache directory tags see https://bford.info/cachedir/\n";

/// A file's content hash: 128 bits of xxh3, so two different files never share one in practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentHash(#[serde(with = "hex128")] u128);

impl ContentHash {
    pub fn of(bytes: &[u8]) -> Self {
        ContentHash(xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

/// What the cache remembers of one file: enough to rebuild its findings and its part in the
/// corpus-wide rules without parsing it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub hash: ContentHash,
    pub id: String,
    pub id_span: Option<Span>,
    /// `None` when the file was read only for the corpus-wide rules (`--changed-since` left it
    /// out), so its own rules never ran.
    pub findings: Option<Vec<CachedFinding>>,
    pub suppressions: Option<Suppressions>,
}

impl Entry {
    pub fn new(
        hash: ContentHash,
        corpus_entry: &CorpusEntry,
        diagnostics: Option<&[Diagnostic]>,
        suppressions: Option<&Suppressions>,
    ) -> Self {
        Entry {
            hash,
            id: corpus_entry.id.clone(),
            id_span: corpus_entry.id_span,
            findings: diagnostics.map(|ds| ds.iter().map(CachedFinding::from).collect()),
            suppressions: suppressions.cloned(),
        }
    }

    pub fn corpus_entry(&self, path: &str) -> CorpusEntry {
        CorpusEntry { path: path.to_string(), id: self.id.clone(), id_span: self.id_span }
    }
}

/// A [`Diagnostic`] without its path, which is the entry's key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedFinding {
    pub span: Span,
    #[serde(with = "crate::rules::rule_id")]
    pub rule: RuleId,
    pub level: Level,
    pub message: String,
    pub suggestion: Option<String>,
}

impl From<&Diagnostic> for CachedFinding {
    fn from(d: &Diagnostic) -> Self {
        CachedFinding {
            span: d.span,
            rule: d.rule,
            level: d.level,
            message: d.message.clone(),
            suggestion: d.suggestion.clone(),
        }
    }
}

impl CachedFinding {
    pub fn to_diagnostic(&self, path: &str) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            span: self.span,
            rule: self.rule,
            level: self.level,
            message: self.message.clone(),
            suggestion: self.suggestion.clone(),
        }
    }
}

/// What went into the findings besides the files themselves.
pub struct Settings<'a> {
    pub config_file: Option<&'a Path>,
    pub schema_file: Option<&'a Path>,
    pub inline_config: bool,
    pub today: NaiveDate,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    fingerprint: String,
    entries: HashMap<String, Entry>,
}

/// The cache as one lint run sees it: loaded at the start, updated with what changed, saved at
/// the end.
#[derive(Debug)]
pub struct LintCache {
    file: PathBuf,
    fingerprint: String,
    entries: HashMap<String, Entry>,
    changed: bool,
}

impl LintCache {
    /// Opens the cache in `dir` for a run with these settings: empty when there is none yet, when
    /// it was written by another pmctl or under other settings, or when it cannot be read. `None`
    /// when the settings themselves cannot be fingerprinted (the binary or a file it depends on
    /// cannot be read), in which case the run goes without a cache.
    pub fn open(dir: &Path, settings: &Settings<'_>) -> Option<LintCache> {
        let fingerprint = fingerprint(settings)?;
        let file = dir.join(FILE_NAME);
        let entries = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.fingerprint == fingerprint)
            .map(|stored| stored.entries);
        let changed = entries.is_none();
        Some(LintCache { file, fingerprint, entries: entries.unwrap_or_default(), changed })
    }

    /// The entry for `path`, if the file still has the content it had when it was stored.
    pub fn get(&self, path: &str, hash: ContentHash) -> Option<&Entry> {
        self.entries.get(path).filter(|entry| entry.hash == hash)
    }

    pub fn insert(&mut self, path: String, entry: Entry) {
        self.entries.insert(path, entry);
        self.changed = true;
    }

    /// Forgets files that are no longer in the corpus, after a run over all of it.
    pub fn retain_paths<'p>(&mut self, paths: impl IntoIterator<Item = &'p str>) {
        let keep: std::collections::HashSet<&str> = paths.into_iter().collect();
        let before = self.entries.len();
        self.entries.retain(|path, _| keep.contains(path.as_str()));
        self.changed |= self.entries.len() != before;
    }

    /// Writes the cache if this run changed it. Errors are the caller's to ignore: a cache is
    /// never worth failing a lint for.
    pub fn save(self) -> std::io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        // The folder ignores itself, so neither `git add .` nor a corpus walk ever picks it up.
        for (name, text) in [(".gitignore", "*\n"), ("CACHEDIR.TAG", CACHEDIR_TAG)] {
            let path = dir.join(name);
            if !path.exists() {
                std::fs::write(path, text)?;
            }
        }
        let stored = Stored { fingerprint: self.fingerprint, entries: self.entries };
        let bytes = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        // Written aside and renamed, so a concurrent run reads either the old cache or the new
        // one, never half of one.
        let temporary = dir.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
        let written = std::fs::File::create(&temporary).and_then(|mut f| f.write_all(&bytes));
        match written.and_then(|()| std::fs::rename(&temporary, &self.file)) {
            Ok(()) => Ok(()),
            Err(error) => {
                let _ = std::fs::remove_file(&temporary);
                Err(error)
            }
        }
    }
}

fn fingerprint(settings: &Settings<'_>) -> Option<String> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(FILE_NAME.as_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    // The version alone would let a rebuilt pmctl (a development build, a patched install) trust
    // findings made by the old one.
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    field(exe.as_os_str().as_encoded_bytes());
    field(&meta.len().to_le_bytes());
    field(&modified.as_nanos().to_le_bytes());
    for file in [settings.config_file, settings.schema_file] {
        match file {
            Some(path) => field(&std::fs::read(path).ok()?),
            None => field(b"-"),
        }
    }
    field(&[u8::from(settings.inline_config)]);
    field(settings.today.to_string().as_bytes());
    Some(format!("{:032x}", hasher.digest128()))
}

mod hex128 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{value:032x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u128, D::Error> {
        let text = <&str>::deserialize(deserializer)?;
        u128::from_str_radix(text, 16).map_err(serde::de::Error::custom)
    }
}
