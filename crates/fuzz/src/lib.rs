//! A structure-aware, outcome-guided mutational fuzzer for every decoder of bytes from outside
//! (STYLE item 9): the sync request decoder, sync files, pushed Automerge changes down to the
//! stored document, and the setup importers (CSV, DHIS2 JSON, XLSX). It runs on stable Rust with
//! no instrumentation: an input joins the corpus when it produces an *outcome signature* (error
//! variant, or the shape of a success) not seen before. That is a much coarser signal than
//! edge coverage (cargo-fuzz, AFL), and docs/benchmarks.md says so next to the numbers.
//!
//! `cargo xtask fuzz` runs [`run::fuzz`] per [`targets::Target`]; a panicking input is written
//! to `fixtures/<target>/<hash>.bin`, and `tests/integration.rs` replays every fixture.
//!
//! Errors: the targets return outcome strings, never errors; the binary uses `Result<_, String>`.

pub mod mutate;
pub mod rng;
pub mod run;
mod seeds;
mod structure;
pub mod targets;

use std::path::PathBuf;

/// Where crashing (and hand-kept hostile) inputs live: `fixtures/<target>/<hash>.bin`.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// FNV-1a, 64 bits: a stable file name for an input.
pub fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
