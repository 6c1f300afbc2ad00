//! Installs what the build needs, idempotently: the wasm32 target, the wasm-bindgen CLI matching the
//! `wasm-bindgen` crate in Cargo.lock, and npm packages (binaryen's wasm-opt, playwright-core).
//! Nothing here downloads a browser or a toolchain.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::Paths;
use crate::cmd::{self, cargo};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

pub fn ensure_build_tools(paths: &Paths) -> anyhow::Result<()> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen(paths)?;
    ensure_npm_packages(paths)?;
    Ok(())
}

fn ensure_wasm_target() -> anyhow::Result<()> {
    let mut list = Command::new("rustup");
    list.args(["target", "list", "--installed"]);
    let installed = cmd::output(list).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    let mut add = Command::new("rustup");
    add.args(["target", "add", WASM_TARGET]);
    cmd::run(add).context("the wasm32 target is required to build the app")
}

/// The `wasm-bindgen` crate version locked in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(root: &Path) -> anyhow::Result<String> {
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

pub fn wasm_bindgen_binary() -> PathBuf {
    cargo_bin_dir().join("wasm-bindgen")
}

fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

fn ensure_wasm_bindgen(paths: &Paths) -> anyhow::Result<()> {
    let wanted = locked_wasm_bindgen_version(&paths.root)?;
    let mut probe = Command::new(wasm_bindgen_binary());
    probe.arg("--version");
    let current = cmd::output(probe).unwrap_or_default();
    if current.split_whitespace().nth(1) == Some(wanted.as_str()) {
        return Ok(());
    }
    // Without --locked: one of the CLI's locked dependencies is missing from the registry mirror.
    let mut install = cargo();
    install.args(["install", "wasm-bindgen-cli", "--version", &wanted]);
    cmd::run(install).context("cannot install wasm-bindgen-cli")
}

pub fn wasm_opt_binary(paths: &Paths) -> PathBuf {
    paths.e2e.join("node_modules").join(".bin").join("wasm-opt")
}

/// `npm ci` in e2e/ when node_modules is missing or older than the lock file.
pub fn ensure_npm_packages(paths: &Paths) -> anyhow::Result<()> {
    let lock = paths.e2e.join("package-lock.json");
    let marker = paths.e2e.join("node_modules").join(".package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&marker), modified(&lock)), (Some(m), Some(l)) if m >= l);
    if fresh && wasm_opt_binary(paths).is_file() {
        return Ok(());
    }
    let mut npm = Command::new("npm");
    npm.current_dir(&paths.e2e)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    cmd::run(npm).context("cannot install the npm packages in e2e/ (is Node.js installed?)")
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's `chromium-driver`: `wasm-bindgen-test-runner` drives Chromium through it.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian's Chromium drives the e2e tests (and, with its driver, the wasm tests); as root with
/// apt we install both, otherwise we explain.
pub fn ensure_chromium() -> anyhow::Result<()> {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        return Ok(());
    }
    let is_root = cmd::output({
        let mut id = Command::new("id");
        id.arg("-u");
        id
    })
    .is_some_and(|uid| uid.trim() == "0");
    if !is_root || !Path::new("/usr/bin/apt-get").is_file() {
        bail!(
            "{CHROMIUM} or {CHROMEDRIVER} is missing: install them with `apt-get install -y chromium chromium-driver`"
        );
    }
    let install = || {
        let mut apt = Command::new("apt-get");
        apt.env("DEBIAN_FRONTEND", "noninteractive").args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ]);
        cmd::run(apt)
    };
    if install().is_err() {
        // A fresh machine may have no package lists yet.
        let mut update = Command::new("apt-get");
        update.arg("update");
        cmd::run(update)?;
        install()?;
    }
    Ok(())
}
