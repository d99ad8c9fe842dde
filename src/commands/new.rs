//! `pmctl new TITLE`: a new post-mortem from the template, never overwriting anything.
//!
//! The file is `<first corpus folder>/YYYY-MM-DD-slug.md`, made from that folder's
//! `_template.md` (else the template built into pmctl). The frontmatter gets `title`,
//! `severity` (`--severity`, else the last configured severity, `P3` by default: the least severe,
//! so that a new document starts with the shortest list of required sections until someone
//! decides otherwise), `date` (`--date`, else today), `owner` (`--owner`, else git's `user.name`,
//! else the template's placeholder, which `pmctl lint` then flags) and `status: draft`; the rest of
//! the template is copied as it is. The path is printed on stdout, so `$EDITOR "$(pmctl new …)"`
//! works.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use crate::error::Error;
use crate::workspace::Workspace;

/// The template built into pmctl, used when the repository has none.
pub const BUILTIN_TEMPLATE: &str = include_str!("../../postmortems/_template.md");

/// Slugs longer than this are cut at a word boundary: file names stay readable in listings.
const MAX_SLUG: usize = 60;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The incident's title, as it should read in the document
    pub title: String,
    /// Severity [default: the last configured severity, P3 unless pmctl.toml says otherwise]
    #[arg(long, value_name = "S")]
    pub severity: Option<String>,
    /// Day the incident began, UTC [default: today, or --today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub date: Option<NaiveDate>,
    /// Owner of the document [default: git's user.name, else the template's placeholder]
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
}

pub fn run(workspace: &Workspace, args: &NewArgs) -> Result<ExitCode, Error> {
    let title = args.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Error::Usage("the title is empty: `pmctl new \"Checkout errors after flag rollout\"`".into()));
    }
    let config = &workspace.config;
    let severity = match &args.severity {
        Some(severity) if config.severities.contains(severity) => severity.clone(),
        Some(severity) => {
            return Err(Error::Usage(format!(
                "--severity {severity}: not one of the configured severities ({})",
                config.severities.join(", ")
            )))
        }
        None => config.severities.last().cloned().unwrap_or_else(|| "P3".to_string()),
    };
    let date = args.date.unwrap_or(workspace.today);
    let owner = args.owner.clone().or_else(|| git_user_name(&workspace.root));
    let slug = slug(&title).ok_or_else(|| {
        Error::Usage(format!("the title `{title}` has no letters or digits to make a file name from"))
    })?;

    let corpus_folder = config.corpus_paths.first().map_or("postmortems", String::as_str);
    let folder = workspace.root.join(corpus_folder);
    let repository_template = folder.join("_template.md");
    let template = match fs::read_to_string(&repository_template) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin_template(corpus_folder),
        Err(e) => return Err(Error::io(&repository_template, e)),
    };
    let text = fill(&template, &Fields { title: &title, severity: &severity, date, owner: owner.as_deref() });
    check_filled(&text, &title)?;

    fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let path = folder.join(format!("{date}-{slug}.md"));
    match write_new(&path, &text)? {
        Written::Created => {}
        Written::Exists => {
            return Err(Error::Usage(format!(
                "{} already exists; pmctl new never overwrites a file (choose another title or --date)",
                workspace.display(&path)
            )))
        }
    }
    let shown = relative_to(&workspace.cwd, &path);
    crate::commands::lint::write_out(&mut std::io::stdout(), &format!("{}\n", shown.display()))?;
    let owner_note = match &owner {
        Some(owner) => format!("owner {owner}"),
        None => "no owner yet (pass --owner or set git's user.name)".to_string(),
    };
    let default_note = if args.severity.is_none() { " (the default; --severity to change)" } else { "" };
    eprintln!("New {severity}{default_note} post-mortem dated {date}, {owner_note}, status draft.");
    Ok(ExitCode::SUCCESS)
}

struct Fields<'a> {
    title: &'a str,
    severity: &'a str,
    date: NaiveDate,
    owner: Option<&'a str>,
}

/// The file-name part of a title: ASCII letters and digits in lowercase, runs of anything else
/// as one `-`. Non-ASCII letters are transliterated (`Zürich` → `zurich`), and what has no
/// transliteration is dropped, so the slug can never hold a path separator or `..`.
pub fn slug(title: &str) -> Option<String> {
    let ascii = deunicode::deunicode(title).replace(['\'', '’'], "");
    let mut slug = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > MAX_SLUG {
        let cut = slug[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    (!slug.is_empty()).then_some(slug)
}

/// The built-in template, with its editor schema link (`../schema/…`, written for a corpus one
/// folder below the root, where `pmctl init` puts the schema) pointing from `corpus_folder`.
fn builtin_template(corpus_folder: &str) -> String {
    let components: Vec<Component<'_>> =
        Path::new(corpus_folder).components().filter(|c| !matches!(c, Component::CurDir)).collect();
    let depth = components.len();
    if depth == 1 || components.iter().any(|c| !matches!(c, Component::Normal(_))) {
        return BUILTIN_TEMPLATE.to_string();
    }
    let link = format!("$schema={}schema/", "../".repeat(depth));
    BUILTIN_TEMPLATE.replacen("$schema=../schema/", &link, 1)
}

/// The template with its frontmatter filled in. Only the five keys pmctl sets are rewritten, line
/// by line, so comments, key order and the rest of the template stay as the team wrote them.
fn fill(template: &str, fields: &Fields<'_>) -> String {
    let newline = if template.contains("\r\n") { "\r\n" } else { "\n" };
    let template = template.strip_prefix('\u{feff}').unwrap_or(template);
    let values: Vec<(&str, Option<String>)> = vec![
        ("title", Some(quote(fields.title))),
        ("severity", Some(quote(fields.severity))),
        ("date", Some(fields.date.to_string())),
        ("status", Some("draft".to_string())),
        ("owner", fields.owner.map(quote)),
    ];
    let lines: Vec<&str> = template.lines().collect();
    let has_frontmatter = lines.first().is_some_and(|l| l.trim_end() == "---")
        && lines.iter().skip(1).any(|l| matches!(l.trim_end(), "---" | "..."));
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 8);
    let mut body_from = 0;
    let mut set: Vec<&str> = Vec::new();
    if has_frontmatter {
        out.push("---".to_string());
        let mut i = 1;
        while i < lines.len() && !matches!(lines[i].trim_end(), "---" | "...") {
            let line = lines[i];
            let key = top_level_key(line);
            match values.iter().find(|(k, _)| Some(*k) == key) {
                Some((key, Some(value))) => {
                    out.push(format!("{key}: {value}"));
                    set.push(key);
                    // Drop the old value's continuation lines (a folded title, a list).
                    while i + 1 < lines.len() && is_continuation(lines[i + 1]) {
                        i += 1;
                    }
                }
                _ => out.push(line.to_string()),
            }
            i += 1;
        }
        for (key, value) in &values {
            if let (false, Some(value)) = (set.contains(key), value) {
                out.push(format!("{key}: {value}"));
            }
        }
        out.push(lines.get(i).map_or("---", |l| l.trim_end()).to_string());
        body_from = i + 1;
    } else {
        out.push("---".to_string());
        for (key, value) in &values {
            if let Some(value) = value {
                out.push(format!("{key}: {value}"));
            }
        }
        out.push("---".to_string());
        out.push(String::new());
    }
    let mut titled = false;
    for line in &lines[body_from.min(lines.len())..] {
        if !titled && line.starts_with("# ") && line.contains("[Incident title]") {
            out.push(line.replace("[Incident title]", fields.title));
            titled = true;
        } else {
            out.push((*line).to_string());
        }
    }
    let mut text = out.join(newline);
    text.push_str(newline);
    text
}

/// `key` when `line` is `key: …` at the top level of the YAML mapping.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

fn is_continuation(line: &str) -> bool {
    line.starts_with([' ', '\t']) || line.starts_with("- ")
}

/// A YAML double-quoted scalar: safe for any title (colons, quotes, `#`, leading `@`).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The filled template must read back with the title it was given; anything else is a bug in
/// [`fill`] or a template pmctl cannot fill, and is better refused than written.
fn check_filled(text: &str, title: &str) -> Result<(), Error> {
    let doc = crate::document::parse("new.md".into(), text.to_string(), &Default::default());
    if doc.title() == Some(title) && doc.status() == Some(crate::document::Status::Draft) {
        Ok(())
    } else {
        Err(Error::Other(
            "the template's frontmatter could not be filled in (is its YAML valid? `pmctl show` on a copy tells)"
                .to_string(),
        ))
    }
}

fn git_user_name(root: &Path) -> Option<String> {
    let config = match git2::Repository::discover(root) {
        Ok(repo) => repo.config().ok()?,
        Err(_) => git2::Config::open_default().ok()?,
    };
    config.get_string("user.name").ok().map(|name| name.trim().to_string()).filter(|name| !name.is_empty())
}

/// What [`write_new`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Created,
    /// Something already had that name; it was left alone.
    Exists,
}

/// Writes `text` to `path` only if nothing is there, atomically: the text goes to a temporary file
/// in the same folder, which is then hard-linked to `path` (a link never replaces an existing
/// name, unlike a rename). A reader never sees a half-written file. On file systems without hard
/// links it falls back to creating `path` exclusively and writing it in place.
pub fn write_new(path: &Path, text: &str) -> Result<Written, Error> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = temp_path(folder, &name)?;
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp).map_err(|e| Error::io(&temp, e))?;
        file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| Error::io(&temp, e))?;
        drop(file);
        match fs::hard_link(&temp, path) {
            Ok(()) => Ok(Written::Created),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Written::Exists),
            Err(_) => write_in_place(path, text),
        }
    })();
    let _ = fs::remove_file(&temp);
    result
}

fn write_in_place(path: &Path, text: &str) -> Result<Written, Error> {
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => {
            file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| Error::io(path, e))?;
            Ok(Written::Created)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Written::Exists),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// A hidden name next to the target that no other run is using (discovery skips dot files).
fn temp_path(folder: &Path, name: &str) -> Result<PathBuf, Error> {
    for attempt in 0..100 {
        let candidate = folder.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        if !candidate.exists() {
            return Ok(candidate);
        }
    }
    Err(Error::Other(format!("cannot find a free temporary file name in {}", folder.display())))
}

/// `path` relative to `cwd` when it lies inside it, else as it is.
fn relative_to(cwd: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(cwd).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_stay_inside_the_folder() {
        assert_eq!(slug("Checkout errors: tax flag @ 100%").as_deref(), Some("checkout-errors-tax-flag-100"));
        assert_eq!(slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slug("Zürich DC — Ölkühlung failed").as_deref(), Some("zurich-dc-olkuhlung-failed"));
        assert_eq!(slug("Don't page on-call twice").as_deref(), Some("dont-page-on-call-twice"));
        assert_eq!(slug("... / \\"), None);
        let long = slug(&"word ".repeat(30)).unwrap_or_default();
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn fills_the_builtin_template() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default();
        let fields = Fields { title: "Checkout \"500s\": tax flag", severity: "P2", date, owner: Some("@payments") };
        let text = fill(BUILTIN_TEMPLATE, &fields);
        assert!(text.starts_with("---\n# yaml-language-server"), "{text}");
        assert!(text.contains("\ntitle: \"Checkout \\\"500s\\\": tax flag\"\nseverity: \"P2\"\ndate: 2026-03-04\nstatus: draft\nowner: \"@payments\"\n"));
        assert!(text.contains("\n# Checkout \"500s\": tax flag\n"));
        assert!(check_filled(&text, fields.title).is_ok());
        // Every other line of the template is kept.
        assert_eq!(text.lines().count(), BUILTIN_TEMPLATE.lines().count());
    }

    #[test]
    fn fills_templates_that_lack_keys_or_frontmatter() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default();
        let fields = Fields { title: "T", severity: "P3", date, owner: None };
        let text = fill("---\r\ntitle: >\r\n  folded\r\n  title\r\ncustom: kept\r\n---\r\n\r\n## Summary\r\n", &fields);
        assert_eq!(
            text,
            "---\r\ntitle: \"T\"\r\ncustom: kept\r\nseverity: \"P3\"\r\ndate: 2026-03-04\r\nstatus: draft\r\n---\r\n\r\n## Summary\r\n"
        );
        let text = fill("# Notes\n", &fields);
        assert!(
            text.starts_with("---\ntitle: \"T\"\nseverity: \"P3\"\ndate: 2026-03-04\nstatus: draft\n---\n\n# Notes\n")
        );
    }
}
