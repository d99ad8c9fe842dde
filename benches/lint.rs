//! `cargo bench --bench lint`: generates 10,000 post-mortems (≈35 MB) and times `pmctl lint` on
//! them against `grep -r` reading the same files, with peak memory from `/usr/bin/time` when the
//! machine has it: once parsing every file (`--no-cache`, as on a fresh clone) and once with the
//! lint cache filled and nothing changed (as on a second run). Figures are recorded in
//! docs/performance.md.
//!
//! PMCTL_BENCH_DOCS changes the document count; PMCTL_BENCH_RUNS the number of timed runs.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::Command;

use timing::{peak_memory_mb, time_runs};

fn main() {
    let docs: usize = std::env::var("PMCTL_BENCH_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let runs: usize = std::env::var("PMCTL_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-corpus-{docs}"));
    if !dir.join("postmortems").is_dir() {
        let bytes = match corpus::write_corpus(&dir, docs) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("cannot write the benchmark corpus in {}: {e}", dir.display());
                std::process::exit(2);
            }
        };
        println!("generated {docs} post-mortems, {:.1} MB, in {}", bytes as f64 / 1e6, dir.display());
    }
    let pmctl = env!("CARGO_BIN_EXE_pmctl");
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-cache-{docs}"));
    let lint = |extra: &'static [&'static str]| {
        let (dir, cache) = (dir.clone(), cache.clone());
        move || {
            let mut cmd = Command::new(pmctl);
            cmd.args(["lint", "--format", "json", "--repo"]).arg(&dir).arg("--cache-dir").arg(&cache).args(extra);
            cmd.current_dir(&dir).env("PMCTL_TODAY", "2026-11-26");
            cmd
        }
    };
    let fresh = time_runs(runs, lint(&["--no-cache"]));
    // time_runs' untimed first run fills the cache; the timed runs then find every file unchanged.
    let cached = time_runs(runs, lint(&[]));
    let grep = time_runs(runs, || {
        let mut cmd = Command::new("grep");
        cmd.args(["-rc", "Owner:", "postmortems"]).current_dir(&dir);
        cmd
    });
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let ratio = |d: std::time::Duration| d.as_secs_f64() / grep.as_secs_f64();
    println!("{docs} documents, median of {runs} runs:");
    println!("  pmctl lint --no-cache:     {:>8.1} ms  {:>5.2}x grep", ms(fresh), ratio(fresh));
    println!("  pmctl lint, cache filled:  {:>8.1} ms  {:>5.2}x grep", ms(cached), ratio(cached));
    println!("  grep -rc, same files:      {:>8.1} ms", ms(grep));
    let cache_dir = cache.display().to_string();
    for (label, extra) in [("--no-cache", Some("--no-cache")), ("cache filled", None)] {
        let mut args = vec!["lint", "--format", "json", "--repo", ".", "--cache-dir", &cache_dir];
        args.extend(extra);
        // The same date as the timed runs: the cache's fingerprint holds it.
        match peak_memory_mb(pmctl, &args, &dir, &[("PMCTL_TODAY", "2026-11-26")]) {
            Some(mb) => println!("  peak memory, {label:<13} {mb:>8.1} MB"),
            None => println!("  peak memory: /usr/bin/time is not installed (apt-get install time)"),
        }
    }
}
