//! What the corpus views (factors, stats, the report) need of one post-mortem, kept instead of the
//! parsed document so that a corpus of thousands stays small in memory.

use chrono::NaiveDate;

use crate::document::digest::Digest;
use crate::document::{ActionStatus, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct DocSummary {
    /// Frontmatter `id`, else the file stem.
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub severity: Option<String>,
    pub status: Option<Status>,
    /// The document's owner (frontmatter `owner`).
    pub owner: Option<String>,
    /// The day the incident began: frontmatter `date`, else a `YYYY-MM-DD` file-name prefix.
    pub date: Option<NaiveDate>,
    pub services: Vec<String>,
    pub detection: Option<String>,
    pub minutes_to_detect: Option<i64>,
    pub minutes_to_mitigate: Option<i64>,
    pub minutes_to_resolve: Option<i64>,
    /// Frontmatter `contributing_factors`, as written.
    pub factor_tags: Vec<String>,
    /// The list items of Contributing factors, as plain text.
    pub factor_bullets: Vec<FactorBullet>,
    pub actions: Vec<ActionSummary>,
    /// From history: the day of the first commit that added the document; `None` when unknown.
    pub created_at: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorBullet {
    pub text: String,
    /// 1-based line in the document.
    pub line: usize,
}

/// One action item, as far as the corpus views need it. History fields are `None` when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSummary {
    pub status: ActionStatus,
    pub opened_at: Option<NaiveDate>,
    pub closed_at: Option<NaiveDate>,
}

impl DocSummary {
    /// What the views need of a parsed post-mortem (see [`Digest`] for how little is parsed).
    pub fn of(digest: &Digest) -> DocSummary {
        let doc = &digest.doc;
        let fm = doc.frontmatter();
        let list =
            |f: fn(&crate::document::Frontmatter) -> &Vec<String>| fm.map(|fm| f(fm).clone()).unwrap_or_default();
        DocSummary {
            id: doc.id(),
            path: doc.path.clone(),
            title: doc.title().map(str::to_string),
            severity: doc.severity().map(str::to_string),
            status: doc.status(),
            owner: fm.and_then(|fm| fm.owner.clone()),
            date: doc.date().or_else(|| date_in_file_name(&doc.path)),
            services: list(|fm| &fm.services),
            detection: fm.and_then(|fm| fm.detection.clone()),
            minutes_to_detect: doc.timeline.minutes_to_detect(),
            minutes_to_mitigate: doc.timeline.minutes_to_mitigate(),
            minutes_to_resolve: doc.timeline.minutes_to_resolve(),
            factor_tags: list(|fm| &fm.contributing_factors),
            factor_bullets: doc
                .root_cause
                .contributing_factors
                .as_ref()
                .map(|part| {
                    part.bullets
                        .iter()
                        .map(|b| FactorBullet { text: b.text.clone(), line: digest.line_of(b.span.start) })
                        .collect()
                })
                .unwrap_or_default(),
            actions: doc
                .actions
                .iter()
                .map(|a| ActionSummary { status: a.status, opened_at: None, closed_at: None })
                .collect(),
            created_at: None,
        }
    }

    /// The incident's month, `YYYY-MM`.
    pub fn month(&self) -> Option<String> {
        self.date.map(|d| d.format("%Y-%m").to_string())
    }
}

/// `2026-03-04-checkout.md` → 2026-03-04: the naming convention of SPEC §2.
pub fn date_in_file_name(path: &str) -> Option<NaiveDate> {
    let name = path.rsplit('/').next().unwrap_or(path);
    crate::document::iso_date(name.get(..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    #[test]
    fn a_summary_keeps_what_the_views_need() {
        let text =
            "---\ntitle: T\nseverity: P2\nstatus: draft\nservices: [api]\ncontributing_factors: [manual-change]\n---\n\
## Timeline\n- 2026-01-02 10:00 UTC — [start] a\n- 10:05 — [detected] b\n- 10:30 — [resolved] c\n\
## Root Cause Analysis\n### Contributing factors\n- No runbook\n- Alert went to email\n\
## Action Items\n- [ ] Write runbook — Owner: @a — Due: 2026-02-01\n- [x] Page on it — Owner: @b — Due: 2026-01-10\n";
        let doc = crate::document::parse("pm/2026-01-02-x.md".into(), text.into(), &ParseOptions::default());
        let s = DocSummary::of(&Digest::whole(doc));
        assert_eq!(s.id, "2026-01-02-x");
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2026, 1, 2));
        assert_eq!((s.minutes_to_detect, s.minutes_to_resolve), (Some(5), Some(30)));
        assert_eq!(s.factor_tags, ["manual-change"]);
        assert_eq!(
            s.factor_bullets.iter().map(|b| (b.text.as_str(), b.line)).collect::<Vec<_>>(),
            [("No runbook", 14), ("Alert went to email", 15)]
        );
        assert_eq!(s.actions.iter().map(|a| a.status).collect::<Vec<_>>(), [ActionStatus::Open, ActionStatus::Done]);
        assert_eq!(s.month().as_deref(), Some("2026-01"));
    }
}
