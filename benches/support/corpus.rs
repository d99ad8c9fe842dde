//! Generates realistic post-mortems for benchmarks: deterministic (a fixed-seed PRNG), varied in
//! severity, status, length and wording, and about 3.5 KB each like the documents teams write.

use std::fmt::Write as _;
use std::path::Path;

/// A small xorshift PRNG: deterministic across platforms, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SERVICES: &[&str] = &[
    "checkout-api",
    "payments-api",
    "auth-api",
    "search-api",
    "ledger",
    "notifications",
    "cdn-edge",
    "kafka-prod",
    "postgres-main",
    "redis-sessions",
    "image-resizer",
    "billing-worker",
];
const TRIGGERS: &[&str] = &[
    "a configuration change to the connection pool",
    "an expired TLS certificate on the public load balancer",
    "a schema migration that locked the orders table",
    "a feature flag rolled out to all traffic at once",
    "a node pool upgrade that evicted every replica together",
    "disk exhaustion on a broker after retention was raised",
    "a retry storm from mobile clients after a timeout change",
];
const FACTORS: &[&str] = &[
    "No monitoring of certificate expiry for certificates outside cert-manager",
    "The pool size was sized for last year's peak traffic",
    "Config changes applied by hand bypassed the deploy pipeline",
    "The runbook did not cover failing over the session store",
    "Alert thresholds were tuned for daytime traffic only",
    "The staging dataset had no rows shaped like production's",
    "Retries had no jitter and no budget",
];
const ACTIONS: &[&str] = &[
    "Add a `probe_ssl_earliest_cert_expiry` alert at 21 days for every public hostname",
    "Raise `max_client_conn` on pgbouncer from 600 to 1200 and alert at 80% use",
    "Require flag changes above 25% to go through the `flags-as-code` canary stage",
    "Add a PodDisruptionBudget with `maxUnavailable: 1` to the `{svc}` deployment",
    "Set retention on `ledger.events` in Terraform and remove manual `kafka-configs` access",
    "Add exponential backoff with full jitter to the `{svc}` client, capped at 30 s",
    "Write runbook `runbooks/{svc}/failover.md` and rehearse it in the March game day",
];
const OWNERS: &[&str] = &["@dana", "@marco", "@priya", "@kenji", "@noor", "@sam", "@platform-team"];

/// One document; `index` decides everything about it.
pub fn document(index: usize) -> (String, String) {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15 ^ (index as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let year = 2021 + (index % 6);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let date = format!("{year}-{month:02}-{day:02}");
    let severity = ["P1", "P2", "P2", "P3", "P3"][rng.below(5) as usize];
    let status = ["completed", "completed", "completed", "in-review", "draft"][rng.below(5) as usize];
    let service = rng.pick(SERVICES);
    let trigger = rng.pick(TRIGGERS);
    let start_h = rng.below(20);
    let start_m = rng.below(60);
    let detect = 3 + rng.below(40);
    let resolve = detect + 20 + rng.below(150);
    let slug = format!("{date}-{service}-incident-{index}");
    let mut d = String::with_capacity(4096);
    let _ = writeln!(d, "---\ntitle: {service} degraded after {trigger}\nseverity: {severity}\ndate: {date}");
    let _ = writeln!(d, "status: {status}\nowner: \"{}\"", rng.pick(OWNERS));
    let _ = writeln!(d, "reviewers: [\"{}\", \"@sre-leads\"]", rng.pick(OWNERS));
    let _ = writeln!(d, "duration: {}h {}m", resolve / 60, resolve % 60);
    let _ =
        writeln!(d, "customer_impact: About {}% of requests to {service} failed or took over 5 s.", 5 + rng.below(60));
    let _ =
        writeln!(d, "services: [{service}]\ndetection: monitoring\ncontributing_factors: [capacity-planning]\n---\n");
    let _ = writeln!(
        d,
        "## Executive Summary\n\nOn {date}, {service} returned errors for {resolve} minutes after {trigger}. \
We detected it through monitoring {detect} minutes after it began and restored service by rolling back. \
Customers retried most failed requests; a small share of orders needed manual reconciliation by the \
support team the following morning, which took about two hours.\n"
    );
    let _ = writeln!(d, "## Timeline\n");
    let at = |m: u64| format!("{:02}:{:02}", (start_h + (start_m + m) / 60) % 24, (start_m + m) % 60);
    let _ = writeln!(d, "- {date} {} UTC — [start] Error rate on {service} rose above 2%", at(0));
    let _ = writeln!(d, "- {} — [detected] `{}ErrorRateHigh` paged the on-call", at(detect), service.replace('-', ""));
    for step in 1..=(2 + rng.below(4)) {
        let _ = writeln!(
            d,
            "- {} — Responders compared dashboards for {service} and its dependencies (step {step})",
            at(detect + step)
        );
    }
    let _ = writeln!(d, "- {} — [mitigated] Rolled back the change; errors fell under 1%", at(resolve - 10));
    let _ = writeln!(d, "- {} — [resolved] Error rate at baseline for 30 minutes\n", at(resolve));
    let _ = writeln!(d, "## Detection\n\nThe `{service}` error-rate alert fired after {detect} minutes; the threshold is 2% over 5 minutes.\n");
    let _ = writeln!(d, "## Root Cause Analysis\n\n### Immediate cause\n\nThe incident was triggered by {trigger}.\n");
    let _ = writeln!(d, "### Contributing factors\n");
    for _ in 0..(2 + rng.below(3)) {
        let _ = writeln!(d, "- {}", rng.pick(FACTORS));
    }
    let _ = writeln!(d, "\n### Root cause\n\nNothing in the deploy path checked {service}'s capacity against the change before it reached production.\n");
    let _ = writeln!(
        d,
        "## Impact\n\nRoughly {} customers saw failed requests; {} orders were retried later.\n",
        100 + rng.below(9000),
        rng.below(500)
    );
    let _ = writeln!(d, "## What Went Well\n\n- The rollback took under five minutes once started.\n- The on-call had the right dashboards bookmarked.\n");
    let _ = writeln!(
        d,
        "## What Could Be Improved\n\n- The alert named a symptom, not the component that changed.\n\
- The change record did not link to the dashboards that would show its effect, so responders spent \
the first minutes finding the right graphs.\n- Status page updates lagged the incident channel by \
about twenty minutes because one person held both roles.\n"
    );
    let _ = writeln!(d, "## Action Items\n");
    for _ in 0..(2 + rng.below(4)) {
        let done = if rng.below(3) == 0 { "x" } else { " " };
        let action = rng.pick(ACTIONS).replace("{svc}", service);
        let _ = writeln!(
            d,
            "- [{done}] {action} — Owner: {} — Due: {year}-{:02}-{:02} — PLAT-{}",
            rng.pick(OWNERS),
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(9999)
        );
    }
    let _ = writeln!(d, "\n## Lessons Learned\n\n- Changes to shared capacity settings need the same canary as code.");
    (format!("{slug}.md"), d)
}

/// Writes `count` documents into `dir/postmortems/` in folders of 2,500; returns total bytes.
pub fn write_corpus(dir: &Path, count: usize) -> std::io::Result<u64> {
    let mut bytes = 0;
    for index in 0..count {
        let folder = dir.join("postmortems").join(format!("batch-{}", index / 2500));
        if index % 2500 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let (name, text) = document(index);
        bytes += text.len() as u64;
        std::fs::write(folder.join(name), text)?;
    }
    Ok(bytes)
}
