//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use std::process::Command;

use anyhow::{Context as _, bail};

use crate::cmd::{self, cargo};
use crate::tools::{self, WASM_TARGET};
use crate::{Paths, site};

/// Crates that must never appear in `mentora-shared`'s dependency tree (it does no IO).
const FORBIDDEN_IN_SHARED: [&str; 6] = [
    "tokio",
    "rusqlite",
    "libsqlite3-sys",
    "axum",
    "web-sys",
    "hyper",
];

pub fn run() -> anyhow::Result<()> {
    let paths = Paths::discover()?;
    tools::ensure_build_tools(&paths)?;
    tools::ensure_chromium()?;

    step(&paths, &["fmt", "--all", "--check"])?;
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
    )?;
    step(
        &paths,
        &[
            "clippy",
            "-p",
            "mentora-app",
            "-p",
            "mentora-shared",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ],
    )?;
    step(&paths, &["test", "--workspace"])?;
    step(
        &paths,
        &["build", "-p", "mentora-shared", "--target", WASM_TARGET],
    )?;
    check_shared_is_pure(&paths)?;

    let report = site::build(&paths)?;
    report.print();
    let server = cmd::build_server(&paths)?;

    let mut e2e = Command::new("node");
    e2e.current_dir(&paths.e2e)
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(spec_files(&paths)?)
        .env("MENTORA_SERVER_BIN", &server)
        .env("MENTORA_SITE_STAGING", &paths.staging)
        .env("MENTORA_SITE_DIR", &paths.site)
        .env("MENTORA_XTASK_BIN", std::env::current_exe()?)
        .env("MENTORA_CHROMIUM", tools::CHROMIUM);
    cmd::run(e2e)?;
    println!("xtask test: all checks passed");
    Ok(())
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
