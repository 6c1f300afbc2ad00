//! `cargo xtask`: the project's build entry point (an alias in `.cargo/config.toml`).
//!
//! - `cargo xtask serve [--port 8080] [--data-dir ./data]`: install missing tools, build the app and
//!   the server, and serve the demo at http://127.0.0.1:8080.
//! - `cargo xtask test`: every check CI runs, end-to-end tests in headless Chromium included.
//! - `cargo xtask e2e [spec…]`: build the site and the server, then run the named end-to-end specs
//!   (file names under `e2e/specs`, e.g. `cycle.spec.mjs`), or all of them.
//! - `cargo xtask fuzz [target] [--execs N] [--seed S]`: run the fuzz targets (`crates/fuzz`),
//!   1,000,000 inputs each by default; crashing inputs are kept as fixtures the tests replay.
//! - `cargo xtask with-postgres <command> [args…]`: run one command (e.g. `cargo test -p
//!   mentora-server pg_`) with a throwaway PostgreSQL, its URL in `MENTORA_TEST_DATABASE_URL`.
//! - `cargo xtask bench-device [--records 1000,10000] [--site DIR] [--server-bin PATH]`:
//!   issue 18's device-scale benchmark (a supervisor's tablet with that many records, Chromium at
//!   4× CPU slowdown); prints a table for docs/benchmarks.md. Not part of `test`.
//! - `cargo xtask build`: only build the site into `target/site`.
//! - `cargo xtask stamp <staging> <site>`: hash, rewrite and compress a staged site, keeping the
//!   previous site's last releases and writing deltas against them (the e2e upgrade test uses it
//!   to deploy a changed asset).
//!
//! Errors: `anyhow` throughout (this is a binary).

mod bench;
mod cmd;
mod fuzz;
mod postgres;
mod site;
mod specs;
mod test;
mod tools;

use std::path::PathBuf;

use anyhow::{Context as _, bail};

fn main() {
    if let Err(err) = run() {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "serve" => serve(&rest),
        "test" => test::run(),
        "e2e" => test::e2e_only(&rest),
        "fuzz" => fuzz::run(&rest),
        "with-postgres" => postgres::with_postgres(&rest),
        "bench-device" => bench::device(&rest),
        "build" => {
            let paths = Paths::discover()?;
            tools::ensure_build_tools(&paths)?;
            site::build(&paths).map(|report| report.print())
        }
        "stamp" => match rest.as_slice() {
            [staging, out] => site::stamp(&PathBuf::from(staging), &PathBuf::from(out))
                .map(|report| report.print()),
            _ => bail!("usage: cargo xtask stamp <staging-dir> <site-dir>"),
        },
        "" | "help" | "--help" | "-h" => {
            println!("{}", HELP.trim());
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{}", HELP.trim()),
    }
}

const HELP: &str = "
usage: cargo xtask <command>

commands:
  serve [--port 8080] [--data-dir ./data]   build everything and serve the demo on 127.0.0.1
  test                                      run every check and test, end-to-end included
  e2e [spec.spec.mjs ...]                   build, then run only these end-to-end specs (or all)
  fuzz [target] [--execs N] [--seed S]      fuzz every decoder of outside bytes (or one target)
  with-postgres <command> [args...]         run one command with a throwaway test PostgreSQL
  bench-device [--records 1000,10000] [--site DIR] [--server-bin PATH]
                                            measure a supervisor's tablet at scale (Chromium, 4x slowdown)
  build                                     build the app into target/site
  stamp <staging-dir> <site-dir>            hash, rewrite and compress a staged site, with deltas
";

fn serve(args: &[String]) -> anyhow::Result<()> {
    let mut port = String::from("8080");
    let mut data_dir = String::from("./data");
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?
            .clone();
        match flag.as_str() {
            "--port" => port = value,
            "--data-dir" => data_dir = value,
            other => bail!("unknown option `{other}` (expected --port or --data-dir)"),
        }
    }
    let port: u16 = port
        .parse()
        .with_context(|| format!("--port {port} is not a port number"))?;
    let paths = Paths::discover()?;
    tools::ensure_build_tools(&paths)?;
    site::build(&paths)?.print();
    let server = cmd::build_server(&paths)?;
    let mut command = std::process::Command::new(server);
    command
        .current_dir(&paths.root)
        .args([
            "serve",
            "--demo",
            "--demo-records",
            "--port",
            &port.to_string(),
            "--data-dir",
            &data_dir,
        ])
        .arg("--site-dir")
        .arg(&paths.site);
    println!("serving Mentora at http://127.0.0.1:{port} (Ctrl-C to stop)");
    cmd::exec(command)
}

/// Where things live, from the workspace root.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub target: PathBuf,
    /// The assembled but not yet hashed site (wasm-bindgen output + public/).
    pub staging: PathBuf,
    /// What the server serves.
    pub site: PathBuf,
    pub e2e: PathBuf,
}

impl Paths {
    fn discover() -> anyhow::Result<Self> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .nth(2)
            .context("xtask is not inside the workspace")?
            .to_path_buf();
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map_or_else(|| root.join("target"), |dir| root.join(dir));
        Ok(Self {
            staging: target.join("site-staging"),
            site: target.join("site"),
            e2e: root.join("e2e"),
            target,
            root,
        })
    }
}
