//! `mentora-fuzz [target] [--execs N] [--seed S]`: fuzz one target or all of them and print a
//! line per target. Exits non-zero when an input panicked (it is written to the fixtures).
//! Run it through `cargo xtask fuzz`, which builds it in the `fuzz` profile.

use std::process::ExitCode;

use mentora_fuzz::run::{self, Stats};
use mentora_fuzz::targets::{self, TARGETS, Target};

const USAGE: &str = "usage: mentora-fuzz [target] [--execs N] [--seed S]
       mentora-fuzz <target> --replay <file>   (one input, with the panic and its backtrace)
       mentora-fuzz <target> --seeds           (the outcome of each seed)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [name, flag, file] = args.as_slice()
        && flag == "--replay"
    {
        return replay(name, file);
    }
    if let [name, flag] = args.as_slice()
        && flag == "--seeds"
        && let Some(target) = targets::find(name)
    {
        for seed in (target.seeds)() {
            println!("{:?}", run::exec(target, &seed));
        }
        return ExitCode::SUCCESS;
    }
    match parse(args) {
        Ok((chosen, execs, seed)) => fuzz_all(&chosen, execs, seed),
        Err(message) => {
            eprintln!("mentora-fuzz: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: Vec<String>) -> Result<(Vec<&'static Target>, u64, u64), String> {
    let (mut execs, mut seed, mut chosen) = (1_000_000u64, 1u64, Vec::new());
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| -> Result<u64, String> {
            let value = args.next().ok_or(format!("{flag} needs a value"))?;
            value
                .replace('_', "")
                .parse()
                .map_err(|_| format!("{flag} {value}: not a number"))
        };
        match arg.as_str() {
            "--execs" => execs = number("--execs")?,
            "--seed" => seed = number("--seed")?,
            name => chosen.push(targets::find(name).ok_or_else(|| {
                let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
                format!("unknown target `{name}` (targets: {})", names.join(", "))
            })?),
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.iter().collect();
    }
    Ok((chosen, execs, seed))
}

fn fuzz_all(chosen: &[&'static Target], execs: u64, seed: u64) -> ExitCode {
    run::quiet_panics();
    let dir = mentora_fuzz::fixtures_dir();
    println!(
        "{:<14} {:>10} {:>9} {:>9} {:>7} {:>8} {:>7}",
        "target", "execs", "time s", "execs/s", "corpus", "outcomes", "crashes"
    );
    let mut crashed = false;
    for target in chosen {
        let stats: Stats = run::fuzz(target, execs, seed, &dir);
        let secs = stats.elapsed.as_secs_f64();
        println!(
            "{:<14} {:>10} {:>9.1} {:>9.0} {:>7} {:>8} {:>7}",
            target.name,
            stats.execs,
            secs,
            stats.execs as f64 / secs.max(1e-9),
            stats.corpus,
            stats.outcomes,
            stats.crashes.len()
        );
        for (path, message) in &stats.crashes {
            crashed = true;
            println!("  crash: {message}\n    kept as {}", path.display());
        }
    }
    if crashed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn replay(name: &str, file: &str) -> ExitCode {
    let (Some(target), Ok(input)) = (targets::find(name), std::fs::read(file)) else {
        eprintln!("mentora-fuzz: no target `{name}` or cannot read {file}\n{USAGE}");
        return ExitCode::FAILURE;
    };
    match run::exec(target, &input) {
        Ok(outcome) => {
            println!("{outcome}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            println!("panic: {message}");
            ExitCode::FAILURE
        }
    }
}
