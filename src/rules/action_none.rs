use super::{Check, Context, Rule};
use crate::diagnostic::{Finding, Level};
use crate::document::{BlockKind, Document, SectionKind};

pub static RULE: Rule = Rule {
    id: "action-none",
    default_level: Level::Error,
    summary: "The Action Items section has no task-list items.",
    explanation: "Action items are what make a post-mortem change anything. pmctl tracks them across \
the corpus (open, done, overdue) from task-list items: `- [ ]` for open, `- [x]` for done. Plain \
bullets or prose are not tracked.",
    bad: "## Action Items\n- Add an alert on certificate expiry (Dana)",
    good: "## Action Items\n- [ ] Add an alert on certificate expiry at 21 days — Owner: @dana — Due: 2026-12-15",
    check: Check::Document(check),
};

fn check(doc: &Document, _: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(index) = doc.sections.iter().position(|s| s.kind == Some(SectionKind::ActionItems)) else { return };
    let section = &doc.sections[index];
    if !doc.actions.is_empty() || section.empty {
        return;
    }
    let plain_bullets = doc
        .prose
        .iter()
        .filter(|b| b.section == Some(index) && b.kind == BlockKind::ListItem && b.task.is_none())
        .count();
    let message = if plain_bullets > 0 {
        format!("the Action Items section has {plain_bullets} plain bullet(s) but no task-list items, so nothing is tracked")
    } else {
        "the Action Items section has no task-list items".to_string()
    };
    out.push(
        Finding::new(section.heading_span, message)
            .with_suggestion("write each action as `- [ ] What — Owner: @who — Due: YYYY-MM-DD`"),
    );
}
