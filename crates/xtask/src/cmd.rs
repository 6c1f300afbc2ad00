//! Running child processes with the command line echoed, and failing loudly.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::Paths;

pub fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs `command` with inherited stdio; a non-zero exit is an error naming the command.
pub fn run(mut command: Command) -> anyhow::Result<()> {
    let line = describe(&command);
    println!("$ {line}");
    let status = command
        .status()
        .with_context(|| format!("cannot start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `command` and returns its stdout; `None` if it cannot start or fails.
pub fn output(mut command: Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Builds the server binary (dev profile: fast to build, and release is tuned for wasm size).
pub fn build_server(paths: &Paths) -> anyhow::Result<PathBuf> {
    let mut build = cargo();
    build
        .current_dir(&paths.root)
        .args(["build", "-p", "mentora-server"]);
    run(build)?;
    built_server(paths)
}

/// The server binary already built (by `cargo build`, or by `cargo test` for the server's
/// integration tests).
pub fn built_server(paths: &Paths) -> anyhow::Result<PathBuf> {
    let binary = paths.target.join("debug").join("mentora-server");
    anyhow::ensure!(
        binary.is_file(),
        "server binary missing at {}",
        binary.display()
    );
    Ok(binary)
}

/// Replaces this process with `command` (so Ctrl-C reaches the server directly).
#[cfg(unix)]
pub fn exec(mut command: Command) -> anyhow::Result<()> {
    use std::os::unix::process::CommandExt as _;
    let err = command.exec();
    Err(err).with_context(|| format!("cannot start `{}`", describe(&command)))
}

#[cfg(not(unix))]
pub fn exec(command: Command) -> anyhow::Result<()> {
    run(command)
}
