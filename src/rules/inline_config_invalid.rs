use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::Document;
use crate::suppress::Suppressions;

pub static RULE: Rule = Rule {
    id: super::INLINE_CONFIG_INVALID,
    default_level: Level::Warning,
    summary: "An inline `<!-- pmctl-… -->` comment names an unknown rule or directive.",
    explanation: "Inline comments silence rules where a finding is deliberate: \
`<!-- pmctl-disable-next-line RULE[, RULE] -->`, `<!-- pmctl-disable-line RULE -->`, \
`<!-- pmctl-disable RULE -->` … `<!-- pmctl-enable RULE -->` and `<!-- pmctl-disable-file RULE -->`, \
optionally followed by `-- reason`. A directive with no rule id applies to every rule. A misspelt \
rule id or directive silences nothing, so the finding it was meant for still shows up and the \
comment misleads the next reader; this rule points at the typo. Its own findings cannot be \
silenced inline (set its level in pmctl.toml instead), and `pmctl lint --no-inline-config` ignores \
every inline comment.",
    bad: "<!-- pmctl-disable-next-line blame-persn -- quoting the customer's ticket -->\n> Alice's team should have told us.",
    good: "<!-- pmctl-disable-next-line blame-person -- quoting the customer's ticket -->\n> Alice's team should have told us.",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    let (_, findings) = Suppressions::of(doc);
    out.extend(findings);
}
