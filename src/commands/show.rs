//! `pmctl show ID|PATH`: one document as the model sees it.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use serde_json::Value;

use crate::cli::DataFormat;
use crate::commands::lint::write_out;
use crate::document::{self, Document, RootCausePart};
use crate::error::Error;
use crate::workspace::Workspace;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A post-mortem's id (its file name without `.md`, or frontmatter `id`) or its path
    pub target: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = DataFormat::Human)]
    pub format: DataFormat,
}

#[derive(Serialize)]
struct ShowView<'a> {
    id: String,
    path: &'a str,
    frontmatter: Value,
    frontmatter_state: &'static str,
    sections: Vec<SectionView<'a>>,
    timeline: TimelineView,
    root_cause: RootCauseView,
    actions: Vec<ActionView<'a>>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    section: Option<&'static str>,
    heading: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct TimelineView {
    entries: Vec<EntryView>,
    unparsed_lines: Vec<usize>,
    minutes_to_detect: Option<i64>,
    minutes_to_mitigate: Option<i64>,
    minutes_to_resolve: Option<i64>,
}

#[derive(Serialize)]
struct EntryView {
    line: usize,
    at: String,
    milestone: Option<&'static str>,
    event: String,
}

#[derive(Serialize)]
struct RootCauseView {
    immediate_cause: Option<String>,
    contributing_factors: Vec<String>,
    root_cause: Option<String>,
}

#[derive(Serialize)]
struct ActionView<'a> {
    line: usize,
    text: &'a str,
    description: &'a str,
    status: &'static str,
    owner: Option<&'a str>,
    due: Option<String>,
    ticket: Option<&'a str>,
}

pub fn run(workspace: &Workspace, args: &ShowArgs) -> Result<ExitCode, Error> {
    let as_path = workspace.cwd.join(&args.target);
    let doc = if as_path.is_file() {
        let (mut corpus, _) = workspace.load(&[PathBuf::from(&args.target)])?;
        if let Some(problem) = corpus.problems.first() {
            return Err(Error::Other(format!("{}: {}", problem.path, problem.message)));
        }
        corpus.documents.pop().ok_or_else(|| Error::Usage(format!("{}: not a post-mortem", args.target)))?
    } else {
        let (corpus, _) = workspace.load(&[])?;
        let wanted = args.target.trim_end_matches(".md");
        let found = corpus.documents.into_iter().find(|d| d.id() == wanted || d.path == args.target);
        found.ok_or_else(|| {
            Error::Usage(format!(
                "no post-mortem has the id or path `{}` (ids are file names without .md)",
                args.target
            ))
        })?
    };
    let view = view(&doc);
    let text = match args.format {
        DataFormat::Json => {
            let mut json = serde_json::to_string_pretty(&view).map_err(|e| Error::Other(e.to_string()))?;
            json.push('\n');
            json
        }
        DataFormat::Human => human(&view, &doc),
    };
    write_out(&mut std::io::stdout(), &text)?;
    Ok(ExitCode::SUCCESS)
}

fn part_text(doc: &Document, part: &Option<RootCausePart>) -> Option<String> {
    part.as_ref().map(|p| doc.text(p.body_span).trim().to_string()).filter(|t| !t.is_empty())
}

fn view(doc: &Document) -> ShowView<'_> {
    let (frontmatter, state) = match &doc.frontmatter {
        document::FrontmatterState::Parsed(fm) => (fm.raw.clone(), "parsed"),
        document::FrontmatterState::Missing => (Value::Null, "missing"),
        document::FrontmatterState::Unterminated { .. } => (Value::Null, "unterminated"),
        document::FrontmatterState::Invalid { .. } => (Value::Null, "invalid"),
    };
    let timeline = &doc.timeline;
    ShowView {
        id: doc.id(),
        path: &doc.path,
        frontmatter,
        frontmatter_state: state,
        sections: doc
            .sections
            .iter()
            .map(|s| SectionView {
                section: s.kind.map(|k| k.title()),
                heading: &s.heading,
                line: doc.line_of(s.heading_span.start),
            })
            .collect(),
        timeline: TimelineView {
            entries: timeline
                .entries
                .iter()
                .map(|e| EntryView {
                    line: doc.line_of(e.span.start),
                    at: e.at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    milestone: e.milestone.map(|m| m.as_str()),
                    event: e.event.clone(),
                })
                .collect(),
            unparsed_lines: timeline.unparsed.iter().map(|u| doc.line_of(u.span.start)).collect(),
            minutes_to_detect: timeline.minutes_to_detect(),
            minutes_to_mitigate: timeline.minutes_to_mitigate(),
            minutes_to_resolve: timeline.minutes_to_resolve(),
        },
        root_cause: RootCauseView {
            immediate_cause: part_text(doc, &doc.root_cause.immediate_cause),
            contributing_factors: doc
                .root_cause
                .contributing_factors
                .as_ref()
                .map(|p| p.bullets.iter().map(|b| b.text.clone()).collect())
                .unwrap_or_default(),
            root_cause: part_text(doc, &doc.root_cause.root_cause),
        },
        actions: doc
            .actions
            .iter()
            .map(|a| ActionView {
                line: doc.line_of(a.span.start),
                text: &a.text,
                description: &a.description,
                status: a.status.as_str(),
                owner: a.owner.as_ref().map(|o| o.value.as_str()),
                due: a.due.map(|d| d.to_string()).or_else(|| a.due_text.as_ref().map(|d| d.value.clone())),
                ticket: a.ticket.as_deref(),
            })
            .collect(),
    }
}

fn minutes(value: Option<i64>) -> String {
    value.map_or_else(|| "—".to_string(), |m| format!("{m} min"))
}

fn human(view: &ShowView<'_>, doc: &Document) -> String {
    let mut out = String::new();
    let fm = doc.frontmatter();
    let field = |value: Option<&str>| value.unwrap_or("—").to_string();
    let _ = writeln!(out, "{}  ({})", field(fm.and_then(|f| f.title.as_deref())), view.path);
    let _ = writeln!(
        out,
        "id {} · {} · {} · {} · owner {}",
        view.id,
        field(fm.and_then(|f| f.severity.as_deref())),
        fm.and_then(|f| f.status).map_or("—", |s| s.as_str()),
        fm.and_then(|f| f.date).map_or_else(|| "—".to_string(), |d| d.to_string()),
        field(fm.and_then(|f| f.owner.as_deref())),
    );
    if view.frontmatter_state != "parsed" {
        let _ = writeln!(out, "frontmatter: {}", view.frontmatter_state);
    }
    let _ = writeln!(out, "\nSections");
    for s in &view.sections {
        let mapped = match s.section {
            Some(kind) if kind == s.heading => String::new(),
            Some(kind) => format!("  → {kind}"),
            None => "  (not a template section)".to_string(),
        };
        let _ = writeln!(out, "  {:>4}  {}{mapped}", s.line, s.heading);
    }
    let t = &view.timeline;
    let _ = writeln!(
        out,
        "\nTimeline: {} entries · detect {} · mitigate {} · resolve {}",
        t.entries.len(),
        minutes(t.minutes_to_detect),
        minutes(t.minutes_to_mitigate),
        minutes(t.minutes_to_resolve)
    );
    for e in t.entries.iter().filter(|e| e.milestone.is_some()) {
        let _ = writeln!(out, "  {:>4}  {}  [{}] {}", e.line, e.at, e.milestone.unwrap_or(""), e.event);
    }
    let rc = &view.root_cause;
    let _ = writeln!(out, "\nRoot cause analysis");
    let _ = writeln!(out, "  immediate cause: {}", if rc.immediate_cause.is_some() { "yes" } else { "missing" });
    let _ = writeln!(out, "  contributing factors: {}", rc.contributing_factors.len());
    for factor in &rc.contributing_factors {
        let _ = writeln!(out, "    - {factor}");
    }
    let _ = writeln!(out, "  root cause: {}", if rc.root_cause.is_some() { "yes" } else { "missing" });
    let _ = writeln!(out, "\nAction items: {}", view.actions.len());
    for a in &view.actions {
        let _ = writeln!(
            out,
            "  {:>4}  {:<7} {}  (owner {}, due {}{})",
            a.line,
            a.status,
            a.description,
            a.owner.unwrap_or("—"),
            a.due.as_deref().unwrap_or("—"),
            a.ticket.map(|t| format!(", {t}")).unwrap_or_default()
        );
    }
    out
}
