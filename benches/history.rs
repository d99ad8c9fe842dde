//! `cargo bench --bench history`: builds a git repository of 10,000 post-mortems written by 20,000
//! first-parent commits, then times `pmctl actions` (history included) against
//! `git log --name-only` over the same history, with peak memory from `/usr/bin/time` when the
//! machine has it. Figures are recorded in docs/history.md.
//!
//! The repository: 4 year folders of 2,500 post-mortems (`postmortems/2022/` … `2025/`); 10,000
//! commits each add one, the other 10,000 each edit one that exists (check an item, move a due
//! date later, hand an item to another owner, strike one through, insert one above the others).
//! Commits are 90 minutes apart from 2022-01-01 UTC and every choice comes from a fixed-seed
//! PRNG, so two runs build the same repository. It is written with `git fast-import` (seconds)
//! and kept in the target folder for later runs.
//!
//! PMCTL_BENCH_DOCS and PMCTL_BENCH_COMMITS change the shape; PMCTL_BENCH_RUNS the number of timed
//! runs; PMCTL_BENCH_LIBGIT2=1 also times the libgit2 backend (slow: about a minute).

#[path = "support/timing.rs"]
mod timing;

use std::io::{BufWriter, Write};

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use timing::{peak_memory_mb, time_runs};

const START: i64 = 1_640_995_200; // 2022-01-01T00:00:00Z
const STEP: i64 = 90 * 60;
const DAY: i64 = 86_400;

/// A small xorshift PRNG: deterministic across platforms, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SERVICES: &[&str] = &["payments-api", "checkout", "auth", "search", "cdn-edge", "ledger", "notifications"];
const VERBS: &[&str] = &["Add", "Set", "Raise", "Pin", "Rotate", "Migrate", "Remove", "Require"];
const OBJECTS: &[&str] = &[
    "the connection pool ceiling in `{svc}` from the capacity model",
    "a p99 latency alert on `{svc}` at 800 ms for 5 minutes",
    "the TLS certificate for `{svc}` to the automated renewal job",
    "retries with full jitter and a 10% budget to `{svc}` clients",
    "the `{svc}` canary stage to block on error-rate regressions",
    "a runbook entry for `{svc}` failover to the standby region",
    "an SLO burn-rate dashboard for `{svc}` with a 2-hour window",
];
const OWNERS: &[&str] = &["@ana.silva", "@ben.okafor", "@chen.wei", "@dara.nolan", "@eli.haddad", "@sre-team"];

struct Item {
    text: String,
    owner: &'static str,
    /// Days since the Unix epoch.
    due: i64,
    ticket: u64,
    checked: bool,
    struck: bool,
}

struct Doc {
    path: String,
    service: &'static str,
    index: usize,
    items: Vec<Item>,
}

fn date(days: i64) -> String {
    chrono::DateTime::from_timestamp(days * DAY, 0).map(|t| t.date_naive().to_string()).unwrap_or_default()
}

impl Doc {
    fn new(rng: &mut Rng, index: usize, now: i64) -> Doc {
        let year = 2022 + index % 4;
        let path =
            format!("postmortems/{year}/{year}-{:02}-{:02}-incident-{index:05}.md", 1 + index % 12, 1 + index % 28);
        let mut doc = Doc { path, service: rng.pick(SERVICES), index, items: Vec::new() };
        for _ in 0..4 + rng.below(5) {
            let item = doc.new_item(rng, now);
            doc.items.push(item);
        }
        doc
    }

    fn new_item(&self, rng: &mut Rng, now: i64) -> Item {
        let object = rng.pick(OBJECTS).replace("{svc}", self.service);
        Item {
            text: format!("{} {object}", rng.pick(VERBS)),
            owner: rng.pick(OWNERS),
            due: now / DAY + 7 + rng.below(84) as i64,
            ticket: 100 + rng.below(99_900),
            checked: false,
            struck: false,
        }
    }

    fn edit(&mut self, rng: &mut Rng, now: i64) {
        let open: Vec<usize> = (0..self.items.len()).filter(|&i| !self.items[i].checked).collect();
        let roll = rng.below(100);
        if open.is_empty() || roll >= 85 {
            let item = self.new_item(rng, now);
            self.items.insert(0, item);
            return;
        }
        let item = &mut self.items[open[rng.below(open.len() as u64) as usize]];
        match roll {
            0..45 => item.checked = true,
            45..70 => item.due += 7 + rng.below(24) as i64,
            70..80 => item.owner = rng.pick(OWNERS),
            _ => {
                item.checked = true;
                item.struck = true;
            }
        }
    }

    fn render(&self) -> String {
        let mut items = String::new();
        for item in &self.items {
            let text = if item.struck { format!("~~{}~~ won't do: superseded", item.text) } else { item.text.clone() };
            items.push_str(&format!(
                "- [{}] {text} — Owner: {} — Due: {} — OPS-{}\n",
                if item.checked { "x" } else { " " },
                item.owner,
                date(item.due),
                item.ticket
            ));
        }
        let svc = self.service;
        let n = self.index;
        format!(
            "---\ntitle: \"{svc} incident {n}\"\nseverity: P2\ndate: 2024-01-01\nstatus: completed\n\
             owner: \"@sre-team\"\nreviewers: [\"@sre-team\"]\nduration: \"1h 5m\"\n\
             customer_impact: \"Some requests to {svc} failed for about an hour\"\nservices: [\"{svc}\"]\n---\n\n\
             # {svc} incident {n}\n\n## Executive Summary\n\nRequests to {svc} failed for 65 minutes after a \
             configuration change reduced capacity below the evening peak. Roughly 4% of requests returned \
             errors. Rolling the change back mitigated the impact.\n\n## Timeline\n\n\
             - 2024-01-01 18:02 UTC — [start] Error rate on {svc} rises above 1%\n\
             - 18:09 — [detected] The error-rate alert pages the on-call engineer\n\
             - 18:15 — [declared] Incident declared, incident commander assigned\n\
             - 18:40 — [mitigated] The configuration change is rolled back\n\
             - 19:07 — [resolved] Error rate back under 0.1% for 20 minutes\n\n\
             ## Detection\n\nThe error-rate alert fired seven minutes after the start.\n\n\
             ## Root Cause Analysis\n\n### Immediate cause\n\nA configuration change lowered the connection \
             pool ceiling of {svc} below the evening peak.\n\n### Contributing factors\n\n\
             - Pool sizes were set by hand rather than from the capacity model\n\
             - The canary stage ran at off-peak traffic and could not show the shortfall\n\n\
             ### Root cause\n\nCapacity limits were not derived from measured demand.\n\n\
             ## Impact\n\n- About 4% of requests to {svc} failed for 65 minutes\n\n\
             ## What Went Well\n\n- The rollback took four minutes\n\n\
             ## What Could Be Improved\n\n- No alert watched pool saturation directly\n\n\
             ## Action Items\n\n{items}\n## Lessons Learned\n\n\
             - Limits that protect capacity must come from the capacity model, with a check in CI.\n"
        )
    }
}

/// Writes the repository with `git fast-import` and checks it out.
fn generate(dir: &Path, docs: usize, commits: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let git = |args: &[&str]| Command::new("git").current_dir(dir).args(args).status();
    git(&["init", "-q", "-b", "main"])?;
    let mut importer =
        Command::new("git").current_dir(dir).args(["fast-import", "--quiet"]).stdin(Stdio::piped()).spawn()?;
    let mut out = BufWriter::new(importer.stdin.take().ok_or(std::io::ErrorKind::BrokenPipe)?);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut all: Vec<Doc> = Vec::with_capacity(docs);
    for n in 0..commits {
        let now = START + n as i64 * STEP;
        // Additions spread evenly through the history, so that edits interleave with them.
        let adding =
            all.len() < docs && (all.is_empty() || rng.below((commits - n) as u64) < (docs - all.len()) as u64);
        let (doc, message) = if adding {
            let doc = Doc::new(&mut rng, all.len(), now);
            let message = format!("Add post-mortem {}", doc.index);
            all.push(doc);
            (all.len() - 1, message)
        } else {
            let index = rng.below(all.len() as u64) as usize;
            all[index].edit(&mut rng, now);
            (index, format!("Update the action items of post-mortem {index}"))
        };
        let data = all[doc].render();
        write!(out, "commit refs/heads/main\ncommitter Bench <bench@example.com> {now} +0000\n")?;
        write!(
            out,
            "data {}\n{message}\nM 100644 inline {}\ndata {}\n{data}\n",
            message.len(),
            all[doc].path,
            data.len()
        )?;
    }
    out.flush()?;
    drop(out);
    if !importer.wait()?.success() {
        return Err(std::io::Error::other("git fast-import failed"));
    }
    git(&["reset", "-q", "--hard", "main"])?;
    Ok(())
}

fn main() {
    let number = |name: &str, default: usize| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let docs = number("PMCTL_BENCH_DOCS", 10_000);
    let commits = number("PMCTL_BENCH_COMMITS", 20_000).max(docs);
    let runs = number("PMCTL_BENCH_RUNS", 5);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-history-{docs}-{commits}"));
    if !dir.join(".git").is_dir() || !dir.join("postmortems").is_dir() {
        let _ = std::fs::remove_dir_all(&dir);
        let start = Instant::now();
        if let Err(e) = generate(&dir, docs, commits) {
            eprintln!("cannot build the benchmark repository in {}: {e}", dir.display());
            std::process::exit(2);
        }
        println!(
            "generated {docs} post-mortems in {commits} commits in {:.1} s: {}",
            start.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    let pmctl = env!("CARGO_BIN_EXE_pmctl");
    const ACTIONS: &[&str] = &["--today", "2026-01-01", "actions"];
    const ALL_JSON: &[&str] = &["--today", "2026-01-01", "actions", "--status", "all", "--format", "json"];
    let repo = dir.as_path();
    let run = |args: &'static [&'static str], backend: &'static str| {
        move || {
            let mut cmd = Command::new(pmctl);
            cmd.args(args).current_dir(repo).env("PMCTL_HISTORY_BACKEND", backend);
            cmd
        }
    };
    let git_log = time_runs(runs, || {
        let mut cmd = Command::new("git");
        cmd.args(["log", "--name-only"]).current_dir(&dir);
        cmd
    });
    let table = time_runs(runs, run(ACTIONS, "git"));
    let json = time_runs(runs, run(ALL_JSON, "git"));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let ratio = |d: Duration| d.as_secs_f64() / git_log.as_secs_f64();
    println!("git log --name-only, {commits} commits:        {:>8.0} ms (median of {runs})", ms(git_log));
    println!("pmctl actions (table, open items):        {:>8.0} ms  {:.2}x", ms(table), ratio(table));
    println!("pmctl actions --status all --format json: {:>8.0} ms  {:.2}x", ms(json), ratio(json));
    if std::env::var_os("PMCTL_BENCH_LIBGIT2").is_some() {
        let libgit2 = time_runs(1, run(ACTIONS, "libgit2"));
        println!("pmctl actions, libgit2 backend:           {:>8.0} ms  {:.2}x", ms(libgit2), ratio(libgit2));
    }
    let memory = |program: &str, args: &[&str], env: &[(&str, &str)]| {
        peak_memory_mb(program, args, &dir, env).map_or_else(|| "n/a".to_string(), |mb| format!("{mb:.0} MB"))
    };
    println!(
        "peak memory: git log {}, pmctl actions {}, with --status all --format json {}",
        memory("git", &["log", "--name-only"], &[]),
        memory(pmctl, ACTIONS, &[]),
        memory(pmctl, ALL_JSON, &[])
    );
}
