//! The fast backend: `git log --raw` for what changed, `git cat-file --batch` for the blobs.
//!
//! Three things run at once: `git log` walks and diffs the trees, a thread reads its output and
//! asks `git cat-file` for each changed corpus blob, and the calling thread reads the blobs,
//! parses their action items and feeds the tracker. Nothing is re-run per file or per commit.

use std::fmt;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;

use git2::Oid;

use super::items::ItemReader;
use super::track::{History, Tracker};
use super::walk::{plan, Planned, RawChange, Scope};

/// Why this backend could not read history.
#[derive(Debug)]
pub(super) enum Failure {
    /// No `git` executable.
    Missing,
    Failed(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Missing => f.write_str("no git executable found"),
            Failure::Failed(why) => f.write_str(why),
        }
    }
}

enum Event {
    Commit { id: String, time: i64 },
    Change(Planned),
}

fn git(git_dir: &Path) -> Command {
    let mut command = Command::new("git");
    // An explicit --git-dir: no discovery, and GIT_DIR from a hook cannot point elsewhere.
    command.arg("--git-dir").arg(git_dir).env_remove("GIT_INDEX_FILE").env("GIT_TERMINAL_PROMPT", "0");
    command
}

fn spawn(command: &mut Command) -> Result<Child, Failure> {
    command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Failure::Missing,
        _ => Failure::Failed(format!("cannot run git: {e}")),
    })
}

pub(super) fn read(git_dir: &Path, tip: Oid, scope: &Scope<'_>) -> Result<History, Failure> {
    let options = scope.config.parse_options();
    let mut log = spawn(
        git(git_dir)
            .args([
                "log",
                "--first-parent",
                "--diff-merges=first-parent",
                "--reverse",
                "--raw",
                "--no-abbrev",
                "-z",
                "-M",
                "--root",
                "--no-color",
                "--no-show-signature",
                "--no-ext-diff",
                "--format=C %H %ct",
            ])
            .arg(tip.to_string())
            .arg("--")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    )?;
    let mut cat = match spawn(
        // --buffer: no flush per object; the reader below never waits for an answer it has not
        // asked for, and closing stdin flushes the rest.
        git(git_dir)
            .args(["cat-file", "--batch", "--buffer"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
    ) {
        Ok(cat) => cat,
        Err(failure) => {
            let _ = log.kill();
            let _ = log.wait();
            return Err(failure);
        }
    };
    let (Some(log_out), Some(mut log_err), Some(cat_in), Some(cat_out)) =
        (log.stdout.take(), log.stderr.take(), cat.stdin.take(), cat.stdout.take())
    else {
        return Err(Failure::Failed("cannot talk to git".into()));
    };

    let (events, received) = mpsc::channel::<Event>();
    let (fed, stderr) = std::thread::scope(|s| {
        let reader = s.spawn(move || stream_log(log_out, cat_in, scope, &events));
        let errors = s.spawn(move || {
            let mut text = String::new();
            let _ = log_err.read_to_string(&mut text);
            text
        });
        let fed = feed(received, cat_out, &options);
        let read_log = reader.join().unwrap_or_else(|_| Err("the git log reader stopped".into()));
        (fed.and_then(|history| read_log.map(|()| history)), errors.join().unwrap_or_default())
    });
    let log_status = log.wait().map_err(|e| Failure::Failed(format!("git log: {e}")))?;
    let _ = cat.wait();
    // Our own failure first: it is what made git stop, if git stopped.
    let history = fed.map_err(Failure::Failed)?;
    if !log_status.success() {
        let why = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("git log failed").trim().to_string();
        return Err(Failure::Failed(why));
    }
    Ok(history)
}

/// Reads `git log -z --raw` output and sends each corpus change on, asking `cat-file` for its
/// blob just after. The order matters: whoever reads the blobs knows of every request before it
/// is made, so it keeps reading while this thread writes (a commit that adds thousands of files
/// cannot stall the pipes), and it never waits for anything but git.
fn stream_log(
    out: ChildStdout,
    cat_in: std::process::ChildStdin,
    scope: &Scope<'_>,
    events: &mpsc::Sender<Event>,
) -> Result<(), String> {
    let mut records = BufReader::with_capacity(1 << 16, out);
    let mut requests = BufWriter::new(cat_in);
    let mut commit: Option<(String, i64)> = None;
    let mut record = Vec::new();
    let mut paths = (Vec::new(), Vec::new());

    loop {
        record.clear();
        if records.read_until(0, &mut record).map_err(|e| format!("git log: {e}"))? == 0 {
            break;
        }
        let text = trim_record(&record);
        if text.is_empty() {
            continue;
        }
        if let Some(header) = text.strip_prefix(b"C ") {
            commit = Some(parse_header(header)?);
            continue;
        }
        if text.first() != Some(&b':') {
            return Err(format!("git log: unexpected output `{}`", String::from_utf8_lossy(text)));
        }
        // `:old_mode new_mode old_blob new_blob status` then one path, or two for R and C.
        let fields: Vec<&[u8]> = text[1..].split(|&b| b == b' ').collect();
        let [_, new_mode, old_blob, new_blob, status] = fields[..] else {
            return Err(format!("git log: unexpected change `{}`", String::from_utf8_lossy(text)));
        };
        let status = status.first().copied().unwrap_or(b'M');
        read_path(&mut records, &mut paths.0)?;
        if matches!(status, b'R' | b'C') {
            read_path(&mut records, &mut paths.1)?;
        } else {
            paths.1.clone_from(&paths.0);
        }
        let (Ok(from), Ok(to)) = (std::str::from_utf8(&paths.0), std::str::from_utf8(&paths.1)) else {
            continue; // Not a UTF-8 path: not a file pmctl could have found on disk either.
        };
        let raw = RawChange {
            status,
            from,
            to,
            old_blob: std::str::from_utf8(old_blob).unwrap_or(""),
            new_blob: std::str::from_utf8(new_blob).unwrap_or(""),
            new_mode: std::str::from_utf8(new_mode).ok().and_then(|m| u32::from_str_radix(m, 8).ok()).unwrap_or(0),
        };
        if let Some(planned) = plan(scope, &raw) {
            // The commit is announced with its first corpus change.
            if let Some((id, time)) = commit.take() {
                let _ = events.send(Event::Commit { id, time });
            }
            let blob = planned.blob.clone();
            let _ = events.send(Event::Change(planned));
            if let Some(blob) = blob {
                writeln!(requests, "{blob}").map_err(|e| format!("git cat-file: {e}"))?;
            }
        }
    }
    requests.flush().map_err(|e| format!("git cat-file: {e}"))
}

fn trim_record(record: &[u8]) -> &[u8] {
    let record = record.strip_suffix(&[0]).unwrap_or(record);
    let start = record.iter().position(|&b| b != b'\n').unwrap_or(record.len());
    &record[start..]
}

fn read_path(records: &mut impl BufRead, into: &mut Vec<u8>) -> Result<(), String> {
    into.clear();
    records.read_until(0, into).map_err(|e| format!("git log: {e}"))?;
    if into.pop() != Some(0) {
        return Err("git log: output ends inside a change".into());
    }
    Ok(())
}

fn parse_header(header: &[u8]) -> Result<(String, i64), String> {
    let text = std::str::from_utf8(header).map_err(|_| "git log: unreadable commit line".to_string())?;
    let mut parts = text.split_whitespace();
    match (parts.next(), parts.next().and_then(|t| t.parse::<i64>().ok())) {
        (Some(id), Some(time)) => Ok((id.to_string(), time)),
        _ => Err(format!("git log: unexpected commit line `{text}`")),
    }
}

/// Reads the blobs in the order they were requested, parses their action items and feeds the
/// tracker.
fn feed(
    events: mpsc::Receiver<Event>,
    cat_out: ChildStdout,
    options: &crate::document::ParseOptions,
) -> Result<History, String> {
    let mut blobs = BufReader::with_capacity(1 << 16, cat_out);
    let mut tracker = Tracker::new();
    let mut reader = ItemReader::new(options);
    let mut header = Vec::new();
    for event in events {
        match event {
            Event::Commit { id, time } => tracker.commit(id, time),
            Event::Change(planned) => {
                let items = match &planned.blob {
                    Some(_) => read_blob(&mut blobs, &mut header)?.and_then(|bytes| reader.item_versions(bytes)),
                    None => None,
                };
                tracker.apply(planned.into_change(items));
            }
        }
    }
    Ok(tracker.finish())
}

/// One `cat-file --batch` answer: `<id> blob <size>\n<content>\n`, or `<id> missing\n`.
fn read_blob(blobs: &mut impl BufRead, header: &mut Vec<u8>) -> Result<Option<Vec<u8>>, String> {
    header.clear();
    if blobs.read_until(b'\n', header).map_err(|e| format!("git cat-file: {e}"))? == 0 {
        return Err("git cat-file stopped early".into());
    }
    let line = String::from_utf8_lossy(header);
    let mut fields = line.split_whitespace();
    let (_, kind, size) = (fields.next(), fields.next(), fields.next().and_then(|s| s.parse::<usize>().ok()));
    let Some(size) = size.filter(|_| kind.is_some()) else {
        return Ok(None); // missing (a partial clone) or not a blob: unknown, not empty
    };
    let mut content = vec![0; size + 1];
    blobs.read_exact(&mut content).map_err(|e| format!("git cat-file: {e}"))?;
    content.pop();
    Ok((kind == Some("blob")).then_some(content))
}
