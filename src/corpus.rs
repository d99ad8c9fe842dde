//! Reading the discovered files into documents, in parallel.

use std::io::Read;

use rayon::prelude::*;

use crate::discover::{CorpusFile, Problem};
use crate::document::{self, Document, ParseOptions};

/// Post-mortems are a few kilobytes; anything this large is not one, and is skipped rather than
/// parsed so that memory stays bounded.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
}

impl Corpus {
    pub fn find(&self, path: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.path == path)
    }
}

pub fn load(files: &[CorpusFile], options: &ParseOptions) -> Corpus {
    let (documents, problems) = read_with(files, |file, text| {
        let mut doc = document::parse(file.display.clone(), text, options);
        doc.fs_path = Some(file.path.clone());
        doc
    });
    Corpus { documents, problems }
}

/// Reads and parses one file, or says why it cannot be read as a post-mortem.
pub fn read(file: &CorpusFile, options: &ParseOptions) -> Result<Document, Problem> {
    let text = read_text(file)?;
    let mut doc = document::parse(file.display.clone(), text, options);
    doc.fs_path = Some(file.path.clone());
    Ok(doc)
}

/// Reads `files` in parallel and hands each one's text to `parse`, so that a command can parse
/// only what it needs and keep only what it uses. Files that cannot be read come back as
/// problems, as they do from [`load`].
pub fn read_with<T: Send>(
    files: &[CorpusFile],
    parse: impl Fn(&CorpusFile, String) -> T + Sync,
) -> (Vec<T>, Vec<Problem>) {
    let results: Vec<Result<T, Problem>> =
        files.par_iter().map(|file| read_text(file).map(|text| parse(file, text))).collect();
    split(results)
}

/// A file's content taken from somewhere other than the disk (a git tree), with the path every
/// output shows for it.
#[derive(Debug, Clone)]
pub struct Blob {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Parses files given as bytes (a past commit's tree) exactly as [`load`] parses files on disk.
pub fn load_blobs(blobs: Vec<Blob>, options: &ParseOptions) -> Corpus {
    let (documents, problems) = read_blobs_with(blobs, |path, text| document::parse(path, text, options));
    Corpus { documents, problems }
}

/// [`read_with`] for files given as bytes: `parse` gets each one's path and text.
pub fn read_blobs_with<T: Send>(
    blobs: Vec<Blob>,
    parse: impl Fn(String, String) -> T + Sync,
) -> (Vec<T>, Vec<Problem>) {
    let results: Vec<Result<T, Problem>> = blobs
        .into_par_iter()
        .map(|blob| {
            let problem = |message: String| Problem { path: blob.path.clone(), message };
            if blob.bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(problem(too_large(blob.bytes.len() as u64)));
            }
            let text = decode(blob.bytes).map_err(problem)?;
            Ok(parse(blob.path, text))
        })
        .collect();
    split(results)
}

fn split<T>(results: Vec<Result<T, Problem>>) -> (Vec<T>, Vec<Problem>) {
    let mut done = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(value) => done.push(value),
            Err(problem) => problems.push(problem),
        }
    }
    (done, problems)
}

fn too_large(bytes: u64) -> String {
    format!(
        "skipped: {:.1} MB is larger than the {} MB a post-mortem may be",
        bytes as f64 / 1_048_576.0,
        MAX_FILE_BYTES / 1_048_576
    )
}

/// The text of one file, or why it cannot be read as a post-mortem.
fn read_text(file: &CorpusFile) -> Result<String, Problem> {
    let bytes = read_bytes(file)?;
    decode(bytes).map_err(|message| Problem { path: file.display.clone(), message })
}

/// The bytes of one file, or why it cannot be read (or is too large to be a post-mortem).
pub fn read_bytes(file: &CorpusFile) -> Result<Vec<u8>, Problem> {
    let problem = |message: String| Problem { path: file.display.clone(), message };
    let mut handle = std::fs::File::open(&file.path).map_err(|e| problem(format!("cannot read: {e}")))?;
    let meta = handle.metadata().map_err(|e| problem(format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(problem(too_large(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // Through `take`, not `File::read_to_end`, which asks for the size again (a second statx and
    // an lseek for every file); the capacity already holds it. The limit also keeps a file that
    // grew after `metadata` from being read whole.
    (&mut handle).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| problem(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// The text of a file or blob, or why it is not a UTF-8 text file (with the line where it stops
/// being one).
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err("skipped: this is a binary file, not Markdown".to_string());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let bytes = error.as_bytes();
            let error = error.utf8_error();
            let valid = error.valid_up_to();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid - bytes[..valid].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
            Err(format!(
                "line {line}, column {column}: not valid UTF-8 (byte 0x{:02x}); save the file as UTF-8",
                bytes[valid]
            ))
        }
    }
}
