//! `cargo xtask fuzz [target] [--execs N] [--seed S]`: the structure-aware fuzzer
//! (`crates/fuzz`), built in the `fuzz` profile (optimized, `panic = "unwind"` so crashing inputs
//! are caught and kept), run from the workspace root so fixtures land in `crates/fuzz/fixtures`.

use crate::{Paths, cmd};

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let paths = Paths::discover()?;
    let mut fuzz = cmd::cargo();
    fuzz.current_dir(&paths.root)
        .args([
            "run",
            "--quiet",
            "--profile",
            "fuzz",
            "-p",
            "mentora-fuzz",
            "--",
        ])
        .args(args);
    cmd::run(fuzz)
}
