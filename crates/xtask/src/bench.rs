//! `cargo xtask bench-device`: issue 18's device-scale benchmark, a measurement kept out of
//! `cargo xtask test` (it takes minutes per size and asserts nothing; STYLE item 14).
//!
//! Builds the site (or takes `--site DIR`, e.g. an older build kept for a "before" run), then runs
//! `server/benches/device.rs` in the test profile (`cargo test --bench device`, as the load
//! benchmark's quick run: the server and the seeding device build in a minute; `--server-bin`
//! measures another server build). That benchmark seeds each size into the Huye supervisor's
//! scope, drives Chromium through `e2e/bench/device.mjs` and prints the table that
//! docs/benchmarks.md ("Device scale") records by hand.

use std::path::PathBuf;

use anyhow::{Context as _, bail};

use crate::{Paths, cmd, site, tools};

struct Options {
    records: String,
    site: Option<PathBuf>,
    server_bin: Option<String>,
}

fn options(args: &[String]) -> anyhow::Result<Options> {
    let mut options = Options {
        // 50,000 is asked for by issue 18 but its seeding device runs out of memory
        // (docs/benchmarks.md, "Device scale"): pass it explicitly once seeding is fixed.
        records: "1000,10000".to_owned(),
        site: None,
        server_bin: None,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?
            .clone();
        match flag.as_str() {
            "--records" => options.records = value,
            "--site" => options.site = Some(PathBuf::from(value)),
            "--server-bin" => options.server_bin = Some(value),
            other => bail!("unknown option `{other}` (expected --records, --site or --server-bin)"),
        }
    }
    let sizes: Result<Vec<u64>, _> = options
        .records
        .split(',')
        .map(|n| n.trim().replace('_', "").parse::<u64>())
        .collect();
    match sizes {
        Ok(sizes) if !sizes.is_empty() && sizes.iter().all(|&n| n >= 3) => Ok(options),
        _ => bail!(
            "--records {}: expected sizes of at least 3, e.g. 1000,10000",
            options.records
        ),
    }
}

pub fn device(args: &[String]) -> anyhow::Result<()> {
    let options = options(args)?;
    let paths = Paths::discover()?;
    tools::ensure_build_tools(&paths)?;
    tools::ensure_chromium()?;
    let site = match options.site {
        Some(site) => site,
        None => {
            site::build(&paths)?.print();
            paths.site.clone()
        }
    };
    anyhow::ensure!(
        site.join("index.html").is_file(),
        "no built site at {}",
        site.display()
    );
    let mut bench = cmd::cargo();
    bench
        .current_dir(&paths.root)
        .args(["test", "-p", "mentora-server", "--bench", "device", "--"])
        .args(["--records", &options.records])
        .env("MENTORA_SITE_DIR", &site)
        .env("MENTORA_CHROMIUM", tools::CHROMIUM);
    if let Some(bin) = &options.server_bin {
        bench.args(["--server-bin", bin]);
    }
    cmd::run(bench)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn sizes_must_be_numbers_of_at_least_three() {
        assert!(options(&args(&["--records", "1000,10_000"])).is_ok());
        assert!(options(&args(&["--records", "1000,ten"])).is_err());
        assert!(options(&args(&["--records", "2"])).is_err());
        assert!(options(&args(&["--records"])).is_err());
        assert!(options(&args(&["--sizes", "1000"])).is_err());
    }
}
