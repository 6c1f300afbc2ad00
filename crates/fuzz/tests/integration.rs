//! Replays every kept input under `fixtures/<target>/` (crashes found by `cargo xtask fuzz`, and
//! hand-made hostile inputs) and each target's seeds: none may panic or overrun; a typed error is
//! the expected answer.

use mentora_fuzz::run;
use mentora_fuzz::targets::TARGETS;

#[test]
fn every_fixture_replays_without_a_panic() {
    let dir = mentora_fuzz::fixtures_dir();
    let mut replayed = 0;
    let mut failures = Vec::new();
    for target in TARGETS {
        for (path, input) in run::fixtures(&dir, target) {
            replayed += 1;
            if let Err(message) = run::exec(target, &input) {
                failures.push(format!("{}: {message}", path.display()));
            }
        }
    }
    assert!(
        replayed >= TARGETS.len(),
        "only {replayed} fixtures found under {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "fixtures that panic:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_target_has_fixtures_and_seeds_that_run() {
    let dir = mentora_fuzz::fixtures_dir();
    for target in TARGETS {
        assert!(
            !run::fixtures(&dir, target).is_empty(),
            "no fixtures for {}",
            target.name
        );
        for seed in (target.seeds)() {
            let outcome = run::exec(target, &seed);
            assert!(
                outcome.is_ok(),
                "{}: seed panicked: {outcome:?}",
                target.name
            );
        }
    }
}

#[test]
fn a_short_run_is_deterministic() {
    let dir = std::env::temp_dir().join(format!("mentora-fuzz-{}", std::process::id()));
    let target = mentora_fuzz::targets::find("wire_request").expect("target");
    let a = run::fuzz(target, 2_000, 7, &dir);
    let b = run::fuzz(target, 2_000, 7, &dir);
    assert_eq!((a.corpus, a.outcomes), (b.corpus, b.outcomes));
    assert!(
        a.outcomes > 3,
        "the mutators reach only {} outcomes",
        a.outcomes
    );
    assert!(a.crashes.is_empty(), "{:?}", a.crashes);
}
