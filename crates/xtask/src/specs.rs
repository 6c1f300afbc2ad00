//! Running the end-to-end specs: each spec file in its own `node --test` process, a few at a time.
//!
//! Specs are independent by construction (each starts its own server on a free port with a fresh
//! data directory, and its own Chromium profile), so they run in parallel: `MENTORA_E2E_JOBS`
//! (default 2) at once. A spec's output is printed as one block when it ends, so parallel specs do
//! not interleave. Each spec's wall time is kept in `target/e2e-durations.tsv`; the next run starts
//! the longest first (the pool then ends evenly) and the summary lists the slowest. A fresh clone
//! (CI) has no such file yet: it orders by `e2e/spec-durations.tsv`, a measured run committed
//! for that.

use std::collections::{HashMap, VecDeque};
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::{Paths, tools};

const DEFAULT_JOBS: usize = 2;
const DURATIONS_FILE: &str = "e2e-durations.tsv";
/// Durations of a measured run, committed, for a checkout that has not run the specs yet.
const BASELINE_FILE: &str = "spec-durations.tsv";
/// How many of the slowest specs the summary names.
const SLOWEST_SHOWN: usize = 8;

/// One spec's run: its file, whether it passed, how long it took.
struct Outcome {
    spec: String,
    passed: bool,
    took: Duration,
}

/// Runs `specs` (paths relative to `e2e/`, e.g. `specs/cycle.spec.mjs`) against the built site and
/// `server`; fails naming every spec that failed.
pub fn run(paths: &Paths, server: &Path, specs: Vec<String>) -> anyhow::Result<()> {
    let jobs = jobs()?.min(specs.len()).max(1);
    let known = read_durations(paths);
    let queue = Mutex::new(longest_first(specs, &known));
    let outcomes = Mutex::new(Vec::new());
    let xtask = std::env::current_exe().context("cannot find the xtask binary")?;
    println!("$ node --test (one process per spec, {jobs} at a time)");
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                while let Some(spec) = next(&queue) {
                    let outcome = run_one(paths, server, &xtask, &spec);
                    outcomes
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(outcome);
                }
            });
        }
    });
    let outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    write_durations(paths, &known, &outcomes);
    print_summary(&outcomes);
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| o.spec.as_str())
        .collect();
    if !failed.is_empty() {
        bail!("end-to-end specs failed: {}", failed.join(", "));
    }
    Ok(())
}

fn jobs() -> anyhow::Result<usize> {
    match std::env::var("MENTORA_E2E_JOBS") {
        Ok(value) => value
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .with_context(|| format!("MENTORA_E2E_JOBS must be a positive number, not {value:?}")),
        Err(_) => Ok(DEFAULT_JOBS),
    }
}

fn next(queue: &Mutex<VecDeque<String>>) -> Option<String> {
    queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front()
}

/// The specs ordered by their last known duration, longest first; unknown ones (new specs) first
/// of all, since they may be long.
fn longest_first(mut specs: Vec<String>, known: &HashMap<String, f64>) -> VecDeque<String> {
    specs.sort_by(|a, b| {
        let (ta, tb) = (known.get(a), known.get(b));
        match (ta, tb) {
            (None, None) => a.cmp(b),
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => y.total_cmp(x).then_with(|| a.cmp(b)),
        }
    });
    specs.into()
}

fn run_one(paths: &Paths, server: &Path, xtask: &Path, spec: &str) -> Outcome {
    let start = Instant::now();
    let mut node = Command::new("node");
    node.current_dir(&paths.e2e)
        .args(["--test", "--test-reporter=spec", spec])
        .env("MENTORA_SERVER_BIN", server)
        .env("MENTORA_SITE_STAGING", &paths.staging)
        .env("MENTORA_SITE_DIR", &paths.site)
        .env("MENTORA_XTASK_BIN", xtask)
        .env("MENTORA_CHROMIUM", tools::CHROMIUM);
    let result = node.output();
    let took = start.elapsed();
    let passed = matches!(&result, Ok(out) if out.status.success());
    // One block per spec, written under the stdout lock so parallel specs do not interleave.
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let verdict = if passed { "passed" } else { "FAILED" };
    let _ = writeln!(
        out,
        "\n=== {spec}: {verdict} in {:.1} s",
        took.as_secs_f64()
    );
    match result {
        Ok(output) => {
            let _ = out.write_all(&output.stdout);
            let _ = out.write_all(&output.stderr);
        }
        Err(err) => {
            let _ = writeln!(out, "cannot start node: {err}");
        }
    }
    let _ = out.flush();
    Outcome {
        spec: spec.to_owned(),
        passed,
        took,
    }
}

/// The committed baseline, overridden by what this checkout measured.
fn read_durations(paths: &Paths) -> HashMap<String, f64> {
    let mut known = durations_in(&paths.e2e.join(BASELINE_FILE));
    known.extend(durations_in(&paths.target.join(DURATIONS_FILE)));
    known
}

fn durations_in(file: &Path) -> HashMap<String, f64> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|line| {
            let (spec, secs) = line.split_once('\t')?;
            Some((spec.to_owned(), secs.parse().ok()?))
        })
        .collect()
}

/// Keeps the durations just measured, and the older ones of specs not run this time.
fn write_durations(paths: &Paths, known: &HashMap<String, f64>, outcomes: &[Outcome]) {
    let mut all = known.clone();
    for outcome in outcomes {
        all.insert(outcome.spec.clone(), outcome.took.as_secs_f64());
    }
    let mut lines: Vec<String> = all
        .iter()
        .map(|(spec, secs)| format!("{spec}\t{secs:.1}"))
        .collect();
    lines.sort();
    // Best effort: the file only orders the next run.
    let _ = std::fs::create_dir_all(&paths.target);
    let _ = std::fs::write(paths.target.join(DURATIONS_FILE), lines.join("\n") + "\n");
}

fn print_summary(outcomes: &[Outcome]) {
    let mut sorted: Vec<&Outcome> = outcomes.iter().collect();
    sorted.sort_by_key(|o| std::cmp::Reverse(o.took));
    let sum: Duration = outcomes.iter().map(|o| o.took).sum();
    println!(
        "\ne2e: {} specs, {} failed; {:.1} s of spec time; slowest:",
        outcomes.len(),
        outcomes.iter().filter(|o| !o.passed).count(),
        sum.as_secs_f64()
    );
    for outcome in sorted.iter().take(SLOWEST_SHOWN) {
        println!("  {:>7.1} s  {}", outcome.took.as_secs_f64(), outcome.spec);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_specs_come_first_then_the_longest() {
        let known = HashMap::from([
            ("specs/a.spec.mjs".to_owned(), 10.0),
            ("specs/b.spec.mjs".to_owned(), 90.0),
        ]);
        let specs = vec![
            "specs/a.spec.mjs".to_owned(),
            "specs/b.spec.mjs".to_owned(),
            "specs/new.spec.mjs".to_owned(),
        ];
        let order: Vec<String> = longest_first(specs, &known).into();
        assert_eq!(
            order,
            ["specs/new.spec.mjs", "specs/b.spec.mjs", "specs/a.spec.mjs"]
        );
    }
}
