//! The fuzz loop: mutate a corpus input, run it under `catch_unwind`, keep it if its outcome is
//! new, and write it to the fixtures if it panicked.

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mentora_shared::sync::file::Direction::{ToDevice, ToServer};

use crate::rng::Rng;
use crate::targets::{Structure, Target};
use crate::{hash, mutate, structure};

/// An input slower than this counts as a crash (a hang, as far as a server thread is concerned).
pub const SLOW: Duration = Duration::from_secs(2);
/// The corpus stops growing here; new outcomes are still counted.
const MAX_CORPUS: usize = 4_096;

#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub execs: u64,
    pub elapsed: Duration,
    pub corpus: usize,
    pub outcomes: usize,
    /// Crashing inputs written, as `(fixture path, panic message)`.
    pub crashes: Vec<(PathBuf, String)>,
}

thread_local! {
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces the panic hook with one that only records where a panic happened (so a fuzz run
/// does not print a message per crashing input; [`exec`] reports it once).
pub fn quiet_panics() {
    panic::set_hook(Box::new(|info| {
        let at = info.location().map(ToString::to_string);
        PANIC_AT.with(|cell| *cell.borrow_mut() = at);
    }));
}

/// What one input did: its outcome, or the panic (or overrun) that stopped it.
pub fn exec(target: &Target, input: &[u8]) -> Result<String, String> {
    let started = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| (target.exec)(input)));
    let took = started.elapsed();
    match result {
        Ok(_) if took > SLOW => Err(format!("slow input: {} ms", took.as_millis())),
        Ok(outcome) => Ok(outcome),
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "panic with a non-text payload".to_owned());
            let at = PANIC_AT.with(|cell| cell.borrow_mut().take());
            Err(format!("{} | {message}", at.as_deref().unwrap_or("?")))
        }
    }
}

/// Every fixture of `target` under `dir` (sorted, so runs are reproducible).
pub fn fixtures(dir: &Path, target: &Target) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir.join(target.name)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read(p).ok()?)))
        .collect()
}

fn mutated(target: &Target, rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut input = rng.pick(corpus).clone();
    let structured = rng.below(3) > 0
        && match target.structure {
            Structure::Csv => structure::csv(rng, &mut input),
            Structure::Json => structure::json(rng, &mut input),
            Structure::Request => structure::request(rng, &mut input, corpus),
            Structure::SyncFile => structure::sync_file(rng, &mut input, corpus, ToServer),
            Structure::AnswerFile => structure::sync_file(rng, &mut input, corpus, ToDevice),
            Structure::Bytes => false,
            Structure::Xlsx => structure::xlsx(rng, &mut input, target.dict),
        };
    if !structured || rng.one_in(4) {
        mutate::havoc(rng, &mut input, corpus, target.dict, target.max_len);
    }
    input
}

/// Runs `target` for `execs` mutated inputs from `seed`; crashes go to `fixtures/<target>/`.
pub fn fuzz(target: &Target, execs: u64, seed: u64, fixtures_dir: &Path) -> Stats {
    let started = Instant::now();
    let mut rng = Rng::new(seed);
    let mut stats = Stats::default();
    let mut outcomes = HashSet::new();
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    let mut crashed = HashSet::new();
    let starting = (target.seeds)()
        .into_iter()
        .chain(fixtures(fixtures_dir, target).into_iter().map(|(_, b)| b));
    let mut run_one = |input: Vec<u8>, corpus: &mut Vec<Vec<u8>>, stats: &mut Stats| {
        stats.execs += 1;
        match exec(target, &input) {
            Ok(outcome) => {
                if outcomes.insert(outcome) && corpus.len() < MAX_CORPUS {
                    corpus.push(input);
                }
            }
            Err(message) => {
                // one fixture per panic location (or per kind of overrun)
                let key = message.split(" | ").next().unwrap_or_default().to_owned();
                let dir = fixtures_dir.join(target.name);
                let path = dir.join(format!("crash-{:016x}.bin", hash(&input)));
                if crashed.insert(key) && std::fs::create_dir_all(&dir).is_ok() {
                    let _ = std::fs::write(&path, &input);
                    stats.crashes.push((path, message));
                }
            }
        }
    };
    for input in starting {
        run_one(input, &mut corpus, &mut stats);
    }
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    while stats.execs < execs {
        let input = mutated(target, &mut rng, &corpus);
        run_one(input, &mut corpus, &mut stats);
    }
    stats.elapsed = started.elapsed();
    stats.corpus = corpus.len();
    stats.outcomes = outcomes.len();
    stats
}
