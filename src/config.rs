//! `pmctl.toml` (SPEC §3): found by walking up from the working directory; every key has a
//! default, and anything unknown or invalid is an error that names the key.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Level;
use crate::document::{ParseOptions, SectionAliases, SectionKind};
use crate::error::Error;

pub const FILE_NAME: &str = "pmctl.toml";

/// The configuration as written, every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    schema: Option<PathBuf>,
    severities: Option<Vec<String>>,
    #[serde(default)]
    corpus: RawCorpus,
    #[serde(default)]
    sections: RawSections,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    timeline: RawTimeline,
    #[serde(default)]
    language: LanguageConfig,
    #[serde(default)]
    factors: RawFactors,
    #[serde(default)]
    report: RawReport,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorpus {
    paths: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSections {
    required: Option<BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeline {
    duration_tolerance_minutes: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactors {
    #[serde(default)]
    taxonomy: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    due_soon_days: Option<i64>,
    stale_draft_days: Option<i64>,
    window_days: Option<i64>,
}

/// Blame-language settings (the `[language]` table).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// Phrases never reported (case-insensitive substrings of the matched text's sentence).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Extra phrases reported as blame, by rule id: `{ "blame-judgment" = ["cowboy"] }`.
    #[serde(default)]
    pub extra: BTreeMap<String, Vec<String>>,
    /// Names that look like people but are systems (bots, tools): `["Jenkins", "Atlantis"]`.
    #[serde(default)]
    pub system_names: Vec<String>,
    /// Whether blockquotes (usually quoted chat) are skipped. Default true.
    pub skip_blockquotes: Option<bool>,
}

/// The effective configuration: defaults with the file's values laid over them.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from, if any.
    pub source: Option<PathBuf>,
    pub schema: Option<PathBuf>,
    pub severities: Vec<String>,
    pub corpus_paths: Vec<String>,
    pub exclude: Vec<String>,
    pub required_sections: BTreeMap<String, Vec<SectionKind>>,
    pub aliases: SectionAliases,
    pub rule_levels: BTreeMap<String, Level>,
    pub duration_tolerance_minutes: i64,
    pub language: LanguageConfig,
    pub taxonomy: BTreeMap<String, Vec<String>>,
    pub due_soon_days: i64,
    pub stale_draft_days: i64,
    pub window_days: i64,
}

impl Default for Config {
    fn default() -> Self {
        use SectionKind::*;
        let all_but_five_whys = vec![
            ExecutiveSummary,
            Timeline,
            Detection,
            RootCauseAnalysis,
            Impact,
            WhatWentWell,
            WhatCouldBeImproved,
            ActionItems,
            LessonsLearned,
        ];
        let mut required = BTreeMap::new();
        required.insert("P1".to_string(), all_but_five_whys.clone());
        required.insert("P2".to_string(), all_but_five_whys);
        required.insert("P3".to_string(), vec![ExecutiveSummary, Detection, RootCauseAnalysis, ActionItems]);
        Config {
            source: None,
            schema: None,
            severities: vec!["P1".into(), "P2".into(), "P3".into()],
            corpus_paths: vec!["postmortems".into()],
            exclude: Vec::new(),
            required_sections: required,
            aliases: SectionAliases::default(),
            rule_levels: BTreeMap::new(),
            duration_tolerance_minutes: 5,
            language: LanguageConfig::default(),
            taxonomy: BTreeMap::new(),
            due_soon_days: 14,
            stale_draft_days: 30,
            window_days: 7,
        }
    }
}

impl Config {
    /// The config for a run: `explicit` if given, else the nearest `pmctl.toml` above `start`.
    pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Config, Error> {
        let path = match explicit {
            Some(path) => {
                if !path.is_file() {
                    return Err(Error::Usage(format!("config file {} does not exist", path.display())));
                }
                Some(path.to_path_buf())
            }
            None => discover(start),
        };
        match path {
            Some(path) => {
                let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                Config::from_toml(&text, Some(path))
            }
            None => Ok(Config::default()),
        }
    }

    pub fn from_toml(text: &str, source: Option<PathBuf>) -> Result<Config, Error> {
        let shown = source.as_ref().map_or_else(|| FILE_NAME.to_string(), |p| p.display().to_string());
        let config_error = |message: String| Error::Config { path: shown.clone(), message };
        let raw: RawConfig = toml::from_str(text).map_err(|e| config_error(e.to_string().trim_end().to_string()))?;
        let mut config = Config { source, ..Config::default() };

        if let Some(severities) = raw.severities {
            if severities.is_empty() {
                return Err(config_error("`severities` must name at least one severity".into()));
            }
            // Severities a team adds require the P3 sections unless `sections.required` says otherwise.
            for severity in &severities {
                if !config.required_sections.contains_key(severity) {
                    let p3 = config.required_sections.get("P3").cloned().unwrap_or_default();
                    config.required_sections.insert(severity.clone(), p3);
                }
            }
            config.required_sections.retain(|k, _| severities.contains(k));
            config.severities = severities;
        }
        if let Some(schema) = raw.schema {
            config.schema = Some(schema);
        }
        if let Some(paths) = raw.corpus.paths {
            if paths.is_empty() {
                return Err(config_error("`corpus.paths` must name at least one folder".into()));
            }
            config.corpus_paths = paths;
        }
        if let Some(exclude) = raw.corpus.exclude {
            config.exclude = exclude;
        }
        for (alias, section) in &raw.sections.aliases {
            let kind = SectionKind::from_name(section).ok_or_else(|| {
                config_error(format!(
                    "`sections.aliases.\"{alias}\"`: `{section}` is not a section (expected one of: {})",
                    section_names()
                ))
            })?;
            config.aliases.add(alias, kind);
        }
        if let Some(required) = raw.sections.required {
            for (severity, names) in required {
                if !config.severities.contains(&severity) {
                    return Err(config_error(format!(
                        "`sections.required.{severity}`: `{severity}` is not one of the configured severities ({})",
                        config.severities.join(", ")
                    )));
                }
                let kinds = names
                    .iter()
                    .map(|name| {
                        SectionKind::from_name(name).ok_or_else(|| {
                            config_error(format!(
                                "`sections.required.{severity}`: `{name}` is not a section (expected one of: {})",
                                section_names()
                            ))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                config.required_sections.insert(severity, kinds);
            }
        }
        for (rule, level) in raw.rules {
            if crate::rules::find(&rule).is_none() {
                let hint = crate::rules::closest(&rule).map(|r| format!("; did you mean `{r}`?")).unwrap_or_default();
                return Err(config_error(format!("`rules.{rule}`: no rule has the id `{rule}`{hint}")));
            }
            let level: Level = level.parse().map_err(|e| config_error(format!("`rules.{rule}`: {e}")))?;
            config.rule_levels.insert(rule, level);
        }
        for rule in raw.language.extra.keys() {
            if !rule.starts_with("blame-") || crate::rules::find(rule).is_none() {
                return Err(config_error(format!("`language.extra.{rule}`: `{rule}` is not a blame- rule")));
            }
        }
        config.language = raw.language;
        if let Some(minutes) = raw.timeline.duration_tolerance_minutes {
            if minutes < 0 {
                return Err(config_error("`timeline.duration_tolerance_minutes` must be zero or more".into()));
            }
            config.duration_tolerance_minutes = minutes;
        }
        config.taxonomy = raw.factors.taxonomy;
        for (key, value, field) in [
            ("report.due_soon_days", raw.report.due_soon_days, &mut config.due_soon_days),
            ("report.stale_draft_days", raw.report.stale_draft_days, &mut config.stale_draft_days),
            ("report.window_days", raw.report.window_days, &mut config.window_days),
        ] {
            if let Some(value) = value {
                if value < 1 {
                    return Err(config_error(format!("`{key}` must be a positive number of days")));
                }
                *field = value;
            }
        }
        Ok(config)
    }

    pub fn parse_options(&self) -> ParseOptions {
        ParseOptions { aliases: self.aliases.clone() }
    }

    /// The level a rule runs at: configured, else its default.
    pub fn level(&self, rule: &crate::rules::Rule) -> Level {
        self.rule_levels.get(rule.id).copied().unwrap_or(rule.default_level)
    }

    pub fn required_sections(&self, severity: &str) -> &[SectionKind] {
        self.required_sections.get(severity).map_or(&[], Vec::as_slice)
    }
}

fn section_names() -> String {
    SectionKind::ALL.iter().map(|k| k.title()).collect::<Vec<_>>().join(", ")
}

/// The nearest `pmctl.toml` in `start` or one of its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        match Config::from_toml(text, None) {
            Ok(_) => String::from("no error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn defaults_need_no_file() {
        let config = Config::from_toml("", None).map_err(|e| e.to_string());
        assert_eq!(config.map(|c| c.severities.len()), Ok(3));
    }

    #[test]
    fn unknown_keys_rules_and_values_name_the_key() {
        assert!(error_of("colour = true").contains("colour"));
        assert!(error_of("[rules]\nplaceholders = \"off\"").contains("did you mean `placeholder`"));
        assert!(error_of("[rules]\nplaceholder = \"loud\"").contains("rules.placeholder"));
        assert!(error_of("[sections.required]\nP9 = [\"Timeline\"]").contains("P9"));
        assert!(error_of("[sections.aliases]\n\"What happened\" = \"Timelines\"").contains("Timelines"));
    }
}
