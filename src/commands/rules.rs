//! `pmctl rules` and `pmctl explain RULE`: read straight from the rule registry.

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::commands::lint::write_out;
use crate::error::Error;
use crate::render::style::ColorChoice;
use crate::rules::{self, RULES};

pub fn list(color: ColorChoice) -> Result<ExitCode, Error> {
    let style = color.for_stdout();
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        let level = rule.default_level;
        let _ = writeln!(
            out,
            "{}  {}  {}",
            style.bold(&format!("{:<width$}", rule.id)),
            style.level(level, &format!("{:<7}", level.as_str())),
            rule.summary
        );
    }
    let _ = writeln!(out, "\n{} rules. `pmctl explain RULE` shows why each matters, with examples.", RULES.len());
    write_out(&mut std::io::stdout(), &out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn explain(id: &str, color: ColorChoice) -> Result<ExitCode, Error> {
    let Some(rule) = rules::find(id) else {
        let hint = rules::closest(id).map(|r| format!("; did you mean `{r}`?")).unwrap_or_default();
        return Err(Error::Usage(format!("no rule has the id `{id}`{hint} (`pmctl rules` lists them)")));
    };
    let style = color.for_stdout();
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} by default)\n", style.bold(rule.id), rule.default_level);
    let _ = writeln!(out, "{}\n", rule.summary);
    let _ = writeln!(out, "{}", style.bold("Why it matters"));
    let _ = writeln!(out, "{}\n", rule.explanation);
    let _ = writeln!(out, "{}", style.error("Reported"));
    for line in rule.bad.lines() {
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(out, "\n{}", style.good("Write instead"));
    for line in rule.good.lines() {
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(
        out,
        "\nChange its level in pmctl.toml: [rules] {} = \"warning\" (error, warning, info or off).",
        rule.id
    );
    write_out(&mut std::io::stdout(), &out)?;
    Ok(ExitCode::SUCCESS)
}
