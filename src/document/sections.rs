//! The sections a post-mortem holds (SPEC §2.2) and the headings that name them.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    ExecutiveSummary,
    Timeline,
    Detection,
    RootCauseAnalysis,
    /// Contributing factors may stand as a level-2 section of their own.
    ContributingFactors,
    Impact,
    WhatWentWell,
    WhatCouldBeImproved,
    ActionItems,
    LessonsLearned,
    FiveWhys,
}

impl SectionKind {
    pub const ALL: [SectionKind; 11] = [
        SectionKind::ExecutiveSummary,
        SectionKind::Timeline,
        SectionKind::Detection,
        SectionKind::RootCauseAnalysis,
        SectionKind::ContributingFactors,
        SectionKind::Impact,
        SectionKind::WhatWentWell,
        SectionKind::WhatCouldBeImproved,
        SectionKind::ActionItems,
        SectionKind::LessonsLearned,
        SectionKind::FiveWhys,
    ];

    /// The canonical heading, as the template writes it.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::ExecutiveSummary => "Executive Summary",
            SectionKind::Timeline => "Timeline",
            SectionKind::Detection => "Detection",
            SectionKind::RootCauseAnalysis => "Root Cause Analysis",
            SectionKind::ContributingFactors => "Contributing Factors",
            SectionKind::Impact => "Impact",
            SectionKind::WhatWentWell => "What Went Well",
            SectionKind::WhatCouldBeImproved => "What Could Be Improved",
            SectionKind::ActionItems => "Action Items",
            SectionKind::LessonsLearned => "Lessons Learned",
            SectionKind::FiveWhys => "Five Whys",
        }
    }

    fn builtin_aliases(self) -> &'static [&'static str] {
        match self {
            SectionKind::ExecutiveSummary => &["summary"],
            SectionKind::Timeline => &["detailed timeline"],
            SectionKind::RootCauseAnalysis => &["root cause", "root causes"],
            SectionKind::ContributingFactors => &["contributing factor"],
            SectionKind::Impact => &["impact assessment"],
            SectionKind::WhatCouldBeImproved => &["what went wrong"],
            SectionKind::ActionItems => &["follow-ups", "follow-up actions"],
            _ => &[],
        }
    }

    /// The section a canonical name or built-in alias names, case-insensitively.
    pub fn from_name(name: &str) -> Option<SectionKind> {
        let key = normalize_heading(name);
        SectionKind::ALL
            .into_iter()
            .find(|kind| normalize_heading(kind.title()) == key || kind.builtin_aliases().contains(&key.as_str()))
    }
}

impl fmt::Display for SectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// Heading text → section, built-in aliases plus those a repository configures.
#[derive(Debug, Clone)]
pub struct SectionAliases {
    map: HashMap<String, SectionKind>,
}

impl Default for SectionAliases {
    fn default() -> Self {
        let mut map = HashMap::new();
        for kind in SectionKind::ALL {
            map.insert(normalize_heading(kind.title()), kind);
            for alias in kind.builtin_aliases() {
                map.insert((*alias).to_string(), kind);
            }
        }
        SectionAliases { map }
    }
}

impl SectionAliases {
    pub fn add(&mut self, heading: &str, kind: SectionKind) {
        self.map.insert(normalize_heading(heading), kind);
    }

    pub fn lookup(&self, heading: &str) -> Option<SectionKind> {
        self.map.get(&normalize_heading(heading)).copied()
    }
}

/// Lower-cased heading text without numbering ("3. Timeline"), trailing colons or extra spaces.
pub fn normalize_heading(heading: &str) -> String {
    let trimmed = heading.trim().trim_end_matches(':').trim();
    let without_number = trimmed.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')').trim_start();
    let without_number = if without_number.is_empty() { trimmed } else { without_number };
    let mut out = String::with_capacity(without_number.len());
    let mut last_space = false;
    if without_number.is_ascii() {
        // The same steps byte by byte: headings are looked up for every version history reads.
        for b in without_number.bytes() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                out.push(char::from(b.to_ascii_lowercase()));
                last_space = false;
            }
        }
        return out;
    }
    for c in without_number.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(c.to_lowercase());
            last_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_case_insensitively_with_aliases_and_numbering() {
        let aliases = SectionAliases::default();
        assert_eq!(aliases.lookup("Executive summary"), Some(SectionKind::ExecutiveSummary));
        assert_eq!(aliases.lookup("SUMMARY"), Some(SectionKind::ExecutiveSummary));
        assert_eq!(aliases.lookup("2. Root Causes"), Some(SectionKind::RootCauseAnalysis));
        assert_eq!(aliases.lookup("Follow-ups:"), Some(SectionKind::ActionItems));
        assert_eq!(aliases.lookup("Appendix"), None);
    }

    #[test]
    fn ascii_headings_normalise_as_any_other() {
        for heading in ["  3. Action\t\x0B Items: ", "FOLLOW-UPS", "Ünïcode Heading", "Résumé\u{a0} x", "1) A  b"] {
            let mut slow = String::new();
            let mut last_space = false;
            let trimmed = heading.trim().trim_end_matches(':').trim();
            let rest = trimmed.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')').trim_start();
            for c in (if rest.is_empty() { trimmed } else { rest }).chars() {
                if c.is_whitespace() {
                    if !last_space {
                        slow.push(' ');
                    }
                    last_space = true;
                } else {
                    slow.extend(c.to_lowercase());
                    last_space = false;
                }
            }
            assert_eq!(normalize_heading(heading), slow, "{heading:?}");
        }
    }
}
