//! Timing helpers shared by the benchmarks: median wall time of repeated runs of a command, and
//! its peak memory through GNU time.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

pub fn time_runs(runs: usize, mut make: impl FnMut() -> Command) -> Duration {
    let _ = make().stdout(Stdio::null()).stderr(Stdio::null()).status(); // warm the page cache
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let _ = make().stdout(Stdio::null()).stderr(Stdio::null()).status();
            start.elapsed()
        })
        .collect();
    median(samples)
}

/// Peak resident memory of one run in MB, via GNU time, if installed.
pub fn peak_memory_mb(program: &str, args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Option<f64> {
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-f").arg("%M").arg(program).args(args).current_dir(dir).stdout(Stdio::null());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let output = cmd.output().ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    let kb: f64 = text.lines().last()?.trim().parse().ok()?;
    Some(kb / 1024.0)
}
