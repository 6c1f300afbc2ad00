//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::cmd::{self, cargo};
use crate::tools::{self, WASM_TARGET};
use crate::{Paths, postgres, site, specs};

/// Crates that must never appear in `mentora-shared`'s dependency tree (it does no IO).
const FORBIDDEN_IN_SHARED: [&str; 6] = [
    "tokio",
    "rusqlite",
    "libsqlite3-sys",
    "axum",
    "web-sys",
    "hyper",
];

/// Wall-clock time of each step, printed at the end (also when a step fails), so the test
/// budget (35 minutes on 2 cores once tools are installed) can be watched.
struct Timings {
    started: Instant,
    steps: Vec<(String, Duration)>,
}

impl Timings {
    fn new() -> Self {
        Self {
            started: Instant::now(),
            steps: Vec::new(),
        }
    }

    fn time<T>(
        &mut self,
        name: &str,
        work: impl FnOnce() -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let start = Instant::now();
        let result = work();
        self.steps.push((name.to_owned(), start.elapsed()));
        result
    }

    fn print(&self) {
        println!("\nxtask: time per step");
        for (name, took) in &self.steps {
            println!("  {:>7.1} s  {name}", took.as_secs_f64());
        }
        println!("  {:>7.1} s  total", self.started.elapsed().as_secs_f64());
    }
}

pub fn run() -> anyhow::Result<()> {
    let mut timings = Timings::new();
    let result = run_steps(&mut timings);
    timings.print();
    result?;
    println!("xtask test: all checks passed");
    Ok(())
}

fn run_steps(timings: &mut Timings) -> anyhow::Result<()> {
    let paths = Paths::discover()?;
    timings.time("tools", || {
        tools::ensure_build_tools(&paths)?;
        tools::ensure_chromium()
    })?;
    timings.time("fmt", || step(&paths, &["fmt", "--all", "--check"]))?;
    timings.time("clippy (native)", || {
        step(
            &paths,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    timings.time("clippy (wasm)", || {
        // The app's tests are wasm-only (headless Chromium), so it is linted with all targets.
        step(
            &paths,
            &[
                "clippy",
                "-p",
                "mentora-app",
                "--target",
                WASM_TARGET,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )?;
        step(
            &paths,
            &[
                "clippy",
                "-p",
                "mentora-shared",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    // The server's PostgreSQL tests (issue 22) run against a throwaway cluster, stopped and
    // removed right after (the guard also does it if starting the tests fails).
    let postgres = timings.time("test PostgreSQL start", postgres::TestPostgres::start)?;
    let tested = timings.time("unit and integration tests", || {
        let mut command = cargo();
        command
            .current_dir(&paths.root)
            .args(["test", "--workspace"]);
        postgres.export_to(&mut command);
        cmd::run(command)
    });
    let stopped = timings.time("test PostgreSQL stop", || postgres.stop());
    tested?;
    stopped?;
    timings.time("device store in Chromium", || {
        device_store_in_chromium(&paths)
    })?;
    // `shared` building for wasm is proven by the app's release build below, which compiles it.
    timings.time("shared stays pure", || check_shared_is_pure(&paths))?;
    // `cargo test` built the server binary for its integration tests, with the same features:
    // building it again with `cargo build -p` would recompile its dependencies (minutes).
    let server = timings.time("site build", || {
        site::build(&paths)?.print();
        cmd::built_server(&paths)
    })?;
    timings.time("end-to-end specs", || {
        specs::run(&paths, &server, spec_files(&paths)?)
    })
}

/// `cargo xtask e2e [spec…]`: the site, the server, and only the named specs (or all).
pub fn e2e_only(names: &[String]) -> anyhow::Result<()> {
    let paths = Paths::discover()?;
    tools::ensure_build_tools(&paths)?;
    tools::ensure_chromium()?;
    let mut timings = Timings::new();
    let result = (|| {
        let server = timings.time("site and server build", || build_for_e2e(&paths))?;
        let specs = if names.is_empty() {
            spec_files(&paths)?
        } else {
            names
                .iter()
                .map(|name| format!("specs/{}", name.trim_start_matches("specs/")))
                .collect()
        };
        timings.time("end-to-end specs", || specs::run(&paths, &server, specs))
    })();
    timings.print();
    result
}

fn build_for_e2e(paths: &Paths) -> anyhow::Result<PathBuf> {
    let report = site::build(paths)?;
    report.print();
    cmd::build_server(paths)
}

/// Node 20's test runner takes files, not folders: every `specs/*.spec.mjs`, sorted.
fn spec_files(paths: &Paths) -> anyhow::Result<Vec<String>> {
    let mut specs: Vec<String> = std::fs::read_dir(paths.e2e.join("specs"))
        .context("cannot read e2e/specs")?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".spec.mjs"))
        .map(|name| format!("specs/{name}"))
        .collect();
    specs.sort();
    anyhow::ensure!(!specs.is_empty(), "no e2e specs found in e2e/specs");
    Ok(specs)
}

/// The device store conformance suite against IndexedDB (`app/tests/device_store.rs`), run by
/// `wasm-bindgen-test-runner` (the wasm32 runner in `.cargo/config.toml`) in headless Chromium
/// through chromedriver, with the flags in `app/webdriver.json`.
fn device_store_in_chromium(paths: &Paths) -> anyhow::Result<()> {
    let mut command = cargo();
    command
        .current_dir(&paths.root)
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .args([
            "test",
            "-p",
            "mentora-app",
            "--target",
            WASM_TARGET,
            "--test",
            "device_store",
        ]);
    cmd::run(command)
}

fn step(paths: &Paths, args: &[&str]) -> anyhow::Result<()> {
    let mut command = cargo();
    command.current_dir(&paths.root).args(args);
    cmd::run(command)
}

fn check_shared_is_pure(paths: &Paths) -> anyhow::Result<()> {
    let mut tree = cargo();
    tree.current_dir(&paths.root).args([
        "tree",
        "-p",
        "mentora-shared",
        "-e",
        "normal,build",
        "--target",
        "all",
        "--prefix",
        "none",
        "--format",
        "{p}",
    ]);
    let listing = cmd::output(tree).context("`cargo tree -p mentora-shared` failed")?;
    let found: Vec<&str> = listing
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| FORBIDDEN_IN_SHARED.contains(name))
        .collect();
    if !found.is_empty() {
        bail!(
            "mentora-shared must stay pure but depends on: {}",
            found.join(", ")
        );
    }
    println!(
        "mentora-shared dependency tree is pure (no {})",
        FORBIDDEN_IN_SHARED.join(", ")
    );
    Ok(())
}
