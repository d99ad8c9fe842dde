//! Running the rules: each file is read, parsed and checked on a worker thread, and only what the
//! output needs survives (the findings, and the text of files that have any), so memory stays
//! flat however large the corpus is.

use rayon::prelude::*;

use crate::cache::{self, ContentHash, LintCache};
use crate::corpus;
use crate::diagnostic::{Diagnostic, Finding, Level};
use crate::discover::{CorpusFile, Problem};
use crate::document::{self, Document, ParseOptions};
use crate::render::SourceFile;
use crate::rules::{Check, Context, CorpusEntry, Rule, INLINE_CONFIG_INVALID, RULES};
use crate::span::LineIndex;
use crate::suppress::Suppressions;

/// How a lint run treats the documents beyond the rules themselves.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Honour `<!-- pmctl-disable… -->` comments (off with `--no-inline-config`).
    pub inline_config: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { inline_config: true }
    }
}

/// What a lint run found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file with a finding, for renderers to quote.
    pub sources: Vec<SourceFile>,
    /// Files that could not be read at all.
    pub problems: Vec<Problem>,
    /// How many post-mortems were read and reported on.
    pub checked: usize,
}

/// Checks `files`. Findings are reported only for files whose path `report` accepts (all of them
/// for a plain `pmctl lint`), while corpus-wide rules (duplicate-id) still see every file. With a
/// `cache`, files it knows by content are not parsed again, and what was parsed is added to it.
pub fn run(
    files: &[CorpusFile],
    parse_options: &ParseOptions,
    ctx: &Context<'_>,
    report: &(dyn Fn(&str) -> bool + Sync),
    options: Options,
    mut cache: Option<&mut LintCache>,
) -> Outcome {
    let enabled = enabled_rules(ctx, options);
    let known = cache.as_deref();
    let checked: Vec<Result<Checked, Problem>> = files
        .par_iter()
        .map(|file| {
            let bytes = corpus::read_bytes(file)?;
            let wanted = report(&file.display);
            let hash = known.map(|_| ContentHash::of(&bytes));
            if let Some(hit) = known
                .zip(hash)
                .and_then(|(cache, hash)| cache.get(&file.display, hash))
                .filter(|hit| !wanted || hit.findings.is_some())
            {
                return Ok(Checked::cached(file, hit, bytes, wanted));
            }
            let text = corpus::decode(bytes).map_err(|message| Problem { path: file.display.clone(), message })?;
            let mut doc = document::parse(file.display.clone(), text, parse_options);
            doc.fs_path = Some(file.path.clone());
            let entry = CorpusEntry::of(&doc);
            if !wanted {
                let fresh = hash.map(|hash| cache::Entry::new(hash, &entry, None, None));
                return Ok(Checked { entry, diagnostics: Vec::new(), source: None, suppressions: None, fresh });
            }
            let mut diagnostics = check_document(&doc, ctx, &enabled);
            let suppressions = options.inline_config.then(|| Suppressions::of(&doc).0).filter(|s| !s.is_empty());
            if let Some(suppressions) = &suppressions {
                diagnostics.retain(|d| !suppressions.suppresses_diagnostic(&doc, d));
            }
            let fresh = hash.map(|hash| cache::Entry::new(hash, &entry, Some(&diagnostics), suppressions.as_ref()));
            let source = (!diagnostics.is_empty()).then(|| SourceFile::from(doc));
            Ok(Checked { entry, diagnostics, source, suppressions, fresh })
        })
        .collect();

    let mut outcome = Outcome::default();
    let mut entries = Vec::with_capacity(checked.len());
    let mut suppressions = Vec::with_capacity(checked.len());
    for result in checked {
        match result {
            Ok(file) => {
                if let (Some(cache), Some(fresh)) = (cache.as_deref_mut(), file.fresh) {
                    cache.insert(file.entry.path.clone(), fresh);
                }
                outcome.diagnostics.extend(file.diagnostics);
                outcome.sources.extend(file.source);
                entries.push(file.entry);
                suppressions.push(file.suppressions);
            }
            Err(problem) => outcome.problems.push(problem),
        }
    }
    outcome.checked = entries.iter().filter(|e| report(&e.path)).count();

    for (rule, level) in &enabled {
        let Check::Corpus(check) = rule.check else { continue };
        let mut findings = Vec::new();
        check(&entries, ctx, &mut findings);
        for (index, finding) in findings {
            let entry = &entries[index];
            // Corpus findings point into the frontmatter, above every comment, so only a
            // file-wide directive can reach them: line 0 matches no line-scoped one.
            let silenced = suppressions[index].as_ref().is_some_and(|s| s.suppresses(rule.id, finding.span.start, 0));
            if !report(&entry.path) || silenced {
                continue;
            }
            if !outcome.sources.iter().any(|s| s.path == entry.path) {
                if let Some(source) = reread(files, &entry.path, parse_options) {
                    outcome.sources.push(source);
                }
            }
            outcome.diagnostics.push(diagnostic(&entry.path, rule, *level, finding));
        }
    }
    sort(&mut outcome.diagnostics);
    outcome
}

/// Every enabled rule's findings for one document, before inline suppression.
pub fn check_document(doc: &Document, ctx: &Context<'_>, enabled: &[(&'static Rule, Level)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for (rule, level) in enabled {
        if let Check::Document(check) = rule.check {
            check(doc, ctx, &mut findings);
            out.extend(findings.drain(..).map(|f| diagnostic(&doc.path, rule, *level, f)));
        }
    }
    out
}

/// The rules that run, at the level configuration gives them.
pub fn enabled_rules(ctx: &Context<'_>, options: Options) -> Vec<(&'static Rule, Level)> {
    RULES
        .iter()
        .map(|rule| (*rule, ctx.config.level(rule)))
        .filter(|(_, level)| *level != Level::Off)
        .filter(|(rule, _)| options.inline_config || rule.id != INLINE_CONFIG_INVALID)
        .collect()
}

struct Checked {
    entry: CorpusEntry,
    diagnostics: Vec<Diagnostic>,
    source: Option<SourceFile>,
    suppressions: Option<Suppressions>,
    /// What the cache should now hold for this file, when it was parsed rather than found there.
    fresh: Option<cache::Entry>,
}

impl Checked {
    /// A file the cache knows by its content: its findings as they were, with its text kept only
    /// when there is a finding to quote.
    fn cached(file: &CorpusFile, hit: &cache::Entry, bytes: Vec<u8>, wanted: bool) -> Checked {
        let diagnostics: Vec<Diagnostic> = match (&hit.findings, wanted) {
            (Some(findings), true) => findings.iter().map(|f| f.to_diagnostic(&file.display)).collect(),
            _ => Vec::new(),
        };
        // The bytes were valid UTF-8 when this entry was made from them, and they are unchanged.
        let source = if diagnostics.is_empty() {
            None
        } else {
            corpus::decode(bytes).ok().map(|text| {
                let text = document::without_bom(text);
                SourceFile { path: file.display.clone(), lines: LineIndex::new(&text), text }
            })
        };
        Checked {
            entry: hit.corpus_entry(&file.display),
            diagnostics,
            source,
            suppressions: hit.suppressions.clone(),
            fresh: None,
        }
    }
}

/// A file clean of its own findings but named by a corpus-wide one is read again for its text.
fn reread(files: &[CorpusFile], path: &str, options: &ParseOptions) -> Option<SourceFile> {
    let file = files.iter().find(|f| f.display == path)?;
    corpus::read(file, options).ok().map(SourceFile::from)
}

fn diagnostic(path: &str, rule: &Rule, level: Level, finding: Finding) -> Diagnostic {
    Diagnostic {
        path: path.to_string(),
        span: finding.span,
        rule: rule.id,
        level,
        message: finding.message,
        suggestion: finding.suggestion,
    }
}

/// By path, then position: the order a reader goes through a file. Findings at the same place
/// come in registry order, which puts the structural ones (frontmatter, sections) first.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let rank = |rule: &str| RULES.iter().position(|r| r.id == rule).unwrap_or(usize::MAX);
    diagnostics.sort_by(|a, b| {
        (a.path.as_str(), a.span.start, rank(a.rule), a.span.end).cmp(&(
            b.path.as_str(),
            b.span.start,
            rank(b.rule),
            b.span.end,
        ))
    });
}
