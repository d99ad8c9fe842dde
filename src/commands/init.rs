//! `pmctl init`: set a repository up for post-mortems, never touching a file that exists.
//!
//! Writes `pmctl.toml` (every setting at its default, commented out), the template, the
//! frontmatter schema (for editors), and a GitHub Actions workflow; then prints the
//! `.pre-commit-config.yaml` entry to add. Each file is created only if nothing has its name; the
//! output says which were created and which were skipped.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::commands::new::{write_new, Written, BUILTIN_TEMPLATE};
use crate::config::Config;
use crate::error::Error;
use crate::rules::RULES;
use crate::workspace::Workspace;

/// The workflow teams get: kept in this repository as a template (not run as its own CI).
pub const WORKFLOW: &str = include_str!("../../.github/workflow-templates/postmortems.yml");

pub fn run(workspace: &Workspace) -> Result<ExitCode, Error> {
    let root = &workspace.root;
    // Written before pmctl.toml exists, so the folders are the defaults unless a config was found.
    let corpus = workspace.config.corpus_paths.first().map_or("postmortems", String::as_str).trim_end_matches('/');
    let files: Vec<(String, String)> = vec![
        (crate::config::FILE_NAME.to_string(), default_config()),
        (format!("{corpus}/_template.md"), BUILTIN_TEMPLATE.to_string()),
        ("schema/postmortem.schema.json".to_string(), crate::schema::EMBEDDED.to_string()),
        (".github/workflows/postmortems.yml".to_string(), WORKFLOW.to_string()),
    ];
    let mut report = String::new();
    for (relative, text) in &files {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        match write_new(&path, text)? {
            Written::Created => {
                let _ = writeln!(report, "  created  {relative}");
            }
            Written::Exists => {
                let _ = writeln!(report, "  skipped  {relative} (already exists; left as it is)");
            }
        }
    }
    eprint!("pmctl init in {}\n{report}", root.display());
    if !is_git_work_tree(root) {
        eprintln!("note: this is not a git repository yet; --changed-since and history need one (`git init`)");
    }
    eprintln!("\nAdd this to .pre-commit-config.yaml to lint post-mortems before each commit:\n");
    crate::commands::lint::write_out(&mut std::io::stdout(), &pre_commit_entry(corpus))?;
    eprintln!("\nThen: `pmctl new \"Title of the incident\"` writes your first post-mortem.");
    Ok(ExitCode::SUCCESS)
}

fn is_git_work_tree(root: &Path) -> bool {
    git2::Repository::discover(root).map(|repo| !repo.is_bare()).unwrap_or(false)
}

/// A `repo: local` hook: it runs the pmctl on the developer's PATH, so it works without knowing
/// where pmctl's own repository lives (the hook pmctl ships in `.pre-commit-hooks.yaml` is the
/// other way, for teams that let pre-commit build it).
pub fn pre_commit_entry(corpus: &str) -> String {
    let folder = regex::escape(corpus);
    format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: pmctl-lint\n        name: pmctl lint\n        \
         entry: pmctl lint\n        language: system\n        types: [markdown]\n        \
         files: ^{folder}/\n        exclude: (^|/)(_[^/]*|README)\\.md$\n        require_serial: true\n"
    )
}

/// `pmctl.toml` with every setting at its default and commented out. Lines starting `# ` are
/// settings (uncomment to change); lines starting `## ` are explanations. Rules and required
/// sections come from the registry and the defaults, so the file never lags behind the code.
pub fn default_config() -> String {
    let defaults = Config::default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## pmctl configuration. Every setting is shown at its default and commented out:\n\
         ## uncomment a line to change it. Unknown keys are an error, so typos do not go unnoticed.\n\
         ## `pmctl rules` lists the rules; `pmctl explain RULE` says why each one matters.\n"
    );
    let _ = writeln!(
        out,
        "## The frontmatter schema pmctl enforces is built in (schema/postmortem.schema.json is a copy\n\
         ## for editors). To enforce a schema of your own that extends it, name it here:\n\
         ## schema = \"schema/postmortem.schema.json\"\n"
    );
    let _ = writeln!(out, "## Severities, most severe first.\n# severities = {}\n", toml_list(&defaults.severities));
    let _ = writeln!(
        out,
        "# [corpus]\n## Folders that hold post-mortems (recursive, *.md; README.md and _*.md are skipped).\n\
         # paths = {}\n## Folder prefixes or globs (`*` within a folder, `**` across folders) to leave out.\n\
         # exclude = {}\n",
        toml_list(&defaults.corpus_paths),
        toml_list(&defaults.exclude)
    );
    let _ = writeln!(out, "## Sections each severity requires (level-2 headings, matched case-insensitively).");
    let _ = writeln!(out, "# [sections.required]");
    for (severity, kinds) in &defaults.required_sections {
        let names: Vec<String> = kinds.iter().map(|k| k.title().to_string()).collect();
        let _ = writeln!(out, "# {severity} = {}", toml_list(&names));
    }
    let _ = writeln!(
        out,
        "\n## Your own headings for pmctl's sections, for example:\n\
         ## [sections.aliases]\n## \"What happened\" = \"Executive Summary\"\n"
    );
    let _ = writeln!(out, "## Rule levels: \"error\" (fails lint), \"warning\", \"info\" or \"off\".\n# [rules]");
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in RULES {
        let _ = writeln!(out, "# {:<width$} = \"{}\"", rule.id, rule.default_level);
    }
    let _ = writeln!(
        out,
        "\n# [timeline]\n## How far `duration` may differ from the timeline's start-to-resolved, in minutes.\n\
         # duration_tolerance_minutes = {}\n",
        defaults.duration_tolerance_minutes
    );
    let _ = writeln!(
        out,
        "# [language]\n## Phrases never reported as blame language (case-insensitive).\n# allow = []\n\
         ## Names that look like people but are systems (bots, tools).\n# system_names = []\n\
         ## Whether quoted text (blockquotes, usually chat logs) is skipped.\n# skip_blockquotes = true\n\
         ## Extra phrases to report, by blame- rule, for example:\n\
         ## extra = {{ \"blame-judgment\" = [\"cowboy\"] }}\n"
    );
    let _ = writeln!(
        out,
        "## Contributing-factor taxonomy: slug = [synonyms]. Tag documents with `contributing_factors`.\n\
         ## [factors.taxonomy]\n## config-change = [\"configuration change\", \"config push\"]\n"
    );
    let _ = writeln!(
        out,
        "# [report]\n## Action items due within this many days count as due soon.\n# due_soon_days = {}\n\
         ## Drafts untouched this many days count as stale.\n# stale_draft_days = {}\n\
         ## The report's window, in days.\n# window_days = {}",
        defaults.due_soon_days, defaults.stale_draft_days, defaults.window_days
    );
    out
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> =
        items.iter().map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\""))).collect();
    format!("[{}]", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file with every `# ` setting uncommented.
    fn uncommented() -> String {
        default_config()
            .lines()
            .map(|line| if line.starts_with("## ") { "" } else { line.strip_prefix("# ").unwrap_or(line) })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_commented_file_parses_to_the_defaults() {
        let commented = Config::from_toml(&default_config(), None).map_err(|e| e.to_string());
        assert!(commented.is_ok(), "{commented:?}");
        let config = Config::from_toml(&uncommented(), None).map_err(|e| e.to_string());
        let config = match config {
            Ok(config) => config,
            Err(e) => panic!("uncommented pmctl.toml does not parse: {e}\n{}", uncommented()),
        };
        let defaults = Config::default();
        assert_eq!(config.severities, defaults.severities);
        assert_eq!(config.corpus_paths, defaults.corpus_paths);
        assert_eq!(config.exclude, defaults.exclude);
        assert_eq!(config.required_sections, defaults.required_sections);
        assert_eq!(config.duration_tolerance_minutes, defaults.duration_tolerance_minutes);
        assert_eq!(
            (config.due_soon_days, config.stale_draft_days, config.window_days),
            (defaults.due_soon_days, defaults.stale_draft_days, defaults.window_days)
        );
        for rule in RULES {
            assert_eq!(config.level(rule), rule.default_level, "{}", rule.id);
            assert!(config.rule_levels.contains_key(rule.id), "{} is listed", rule.id);
        }
    }

    #[test]
    fn workflow_pins_this_version_and_does_what_the_docs_say() {
        let workflow: serde_yaml::Value = serde_yaml::from_str(WORKFLOW).unwrap_or(serde_yaml::Value::Null);
        assert!(workflow.get("jobs").is_some(), "the workflow is YAML with jobs");
        assert!(WORKFLOW.contains(&format!("PMCTL_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))));
        for needle in [
            "--changed-since",
            "--format github",
            "--format sarif",
            "upload-sarif",
            "fetch-depth: 0",
            "GITHUB_STEP_SUMMARY",
            "schedule:",
            "upload-artifact",
            "security-events: write",
        ] {
            assert!(WORKFLOW.contains(needle), "{needle}");
        }
    }
}
