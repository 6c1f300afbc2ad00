//! The pure half of the load benchmark (`benches/load.rs`): the seeded open-loop arrival
//! schedule and exact latency percentiles. Unit-tested from the integration-test binary
//! (`tests/integration.rs` includes this file), since a `harness = false` bench runs no tests.

#![allow(dead_code, reason = "the integration tests use only a part")]

/// What a simulated device (or supervisor) does at one arrival.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An up-to-date tablet's periodic sync: little or nothing to push, neighbours' changes to pull.
    Warm,
    /// A day's work pushed: a new mentee, a visit with its activities, an existing mentee edited.
    DayWork,
    /// A new tablet of an existing user pulls its whole scope.
    Initial,
    /// `POST /api/login` again on a tablet (argon2id on the server).
    Login,
    /// A supervisor downloads an export (CSV or the workbook).
    Export,
}

impl Kind {
    pub const ALL: [Self; 5] = [
        Self::Warm,
        Self::DayWork,
        Self::Initial,
        Self::Login,
        Self::Export,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Warm => "warm_sync",
            Self::DayWork => "day_push",
            Self::Initial => "initial_sync",
            Self::Login => "login",
            Self::Export => "export",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Self::Warm => 0,
            Self::DayWork => 1,
            Self::Initial => 2,
            Self::Login => 3,
            Self::Export => 4,
        }
    }
}

/// Arrivals per device per five minutes, by kind (`Kind::index` order). Exports are counted
/// per device too (supervisors download more often where there are more devices) but are made
/// by supervisor accounts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mix(pub [f64; 5]);

impl Mix {
    /// One warm sync per device per five minutes on average; per 100 warm syncs, 10 day's-work
    /// pushes, 5 new tablets, 2 sign-ins and 1 export.
    pub const REALISTIC: Self = Self([1.0, 0.10, 0.05, 0.02, 0.01]);

    fn total(&self) -> f64 {
        self.0.iter().sum()
    }
}

/// One arrival: at `at_ms` after the start, `kind` by `actor` (a device index, or a supervisor
/// index for [`Kind::Export`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    pub at_ms: u64,
    pub kind: Kind,
    pub actor: usize,
}

/// splitmix64: small, seeded, good enough for arrival times.
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// The open-loop schedule: a Poisson process of rate `devices × mix / 300 s`, each arrival's
/// kind drawn by the mix's weights and its actor uniformly (`supervisors` for exports).
/// Arrivals do not wait for earlier ones to finish: latency is measured from `at_ms`.
pub fn schedule(
    devices: usize,
    supervisors: usize,
    duration_ms: u64,
    mix: Mix,
    seed: u64,
) -> Vec<Event> {
    let mut rng = Rng(seed);
    let per_ms = devices as f64 * mix.total() / 300_000.0;
    let mut events = Vec::new();
    if per_ms <= 0.0 || devices == 0 {
        return events;
    }
    let mut t = 0.0f64;
    loop {
        // Exponential gaps; `1 - unit` is in (0, 1], so the logarithm is finite.
        t += -(1.0 - rng.unit()).ln() / per_ms;
        if t >= duration_ms as f64 {
            return events;
        }
        let mut pick = rng.unit() * mix.total();
        let mut kind = Kind::Warm;
        for k in Kind::ALL {
            if pick < mix.0[k.index()] {
                kind = k;
                break;
            }
            pick -= mix.0[k.index()];
        }
        let actor = if kind == Kind::Export {
            if supervisors == 0 {
                continue;
            }
            rng.below(supervisors)
        } else {
            rng.below(devices)
        };
        events.push(Event {
            at_ms: t as u64,
            kind,
            actor,
        });
    }
}

/// The nearest-rank percentile `p` (0–100) of ascending `sorted` samples; 0 for none.
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    #[allow(
        unused_imports,
        reason = "a harness-less bench compiles this module without its tests"
    )]
    use super::{Kind, Mix, percentile, schedule};

    #[test]
    fn schedule_is_deterministic_sorted_and_within_the_run() {
        let a = schedule(500, 5, 60_000, Mix::REALISTIC, 7);
        assert_eq!(a, schedule(500, 5, 60_000, Mix::REALISTIC, 7));
        assert_ne!(a, schedule(500, 5, 60_000, Mix::REALISTIC, 8));
        assert!(a.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
        assert!(a.iter().all(|e| e.at_ms < 60_000));
        assert!(a.iter().all(|e| match e.kind {
            Kind::Export => e.actor < 5,
            _ => e.actor < 500,
        }));
    }

    #[test]
    fn warm_syncs_average_one_per_device_per_five_minutes() {
        // 2,000 devices for 10 minutes: 4,000 warm syncs expected (σ ≈ 63 for a Poisson count).
        let events = schedule(2_000, 20, 600_000, Mix::REALISTIC, 1);
        let count = |k: Kind| events.iter().filter(|e| e.kind == k).count() as f64;
        assert!(
            (count(Kind::Warm) - 4_000.0).abs() < 300.0,
            "{}",
            count(Kind::Warm)
        );
        assert!((count(Kind::DayWork) - 400.0).abs() < 100.0);
        assert!((count(Kind::Initial) - 200.0).abs() < 75.0);
        assert!(count(Kind::Export) > 10.0);
        // Gaps are exponential: about as many under the mean gap × ln 2 as over it.
        let mean_gap = 600_000.0 / events.len() as f64;
        let short = events
            .windows(2)
            .filter(|w| ((w[1].at_ms - w[0].at_ms) as f64) < mean_gap * std::f64::consts::LN_2)
            .count() as f64;
        let share = short / (events.len() - 1) as f64;
        assert!((0.45..0.55).contains(&share), "{share}");
        // Devices are picked across the whole range.
        let mut seen = std::collections::HashSet::new();
        seen.extend(
            events
                .iter()
                .filter(|e| e.kind == Kind::Warm)
                .map(|e| e.actor),
        );
        assert!(seen.len() > 1_500, "{}", seen.len());
    }

    #[test]
    fn an_empty_run_has_no_arrivals() {
        assert!(schedule(0, 0, 60_000, Mix::REALISTIC, 1).is_empty());
        assert!(schedule(10, 1, 0, Mix::REALISTIC, 1).is_empty());
        assert!(
            schedule(10, 0, 600_000, Mix::REALISTIC, 1)
                .iter()
                .all(|e| e.kind != Kind::Export)
        );
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let samples: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&samples, 50.0), 50);
        assert_eq!(percentile(&samples, 90.0), 90);
        assert_eq!(percentile(&samples, 99.0), 99);
        assert_eq!(percentile(&samples, 100.0), 100);
        assert_eq!(percentile(&samples, 0.0), 1);
        assert_eq!(percentile(&[7], 99.0), 7);
        assert_eq!(percentile(&[], 50.0), 0);
        // 1,000 samples, one slow one: p99 does not see it, max does.
        let mut many = vec![10u64; 999];
        many.push(5_000);
        assert_eq!(percentile(&many, 99.0), 10);
        assert_eq!(percentile(&many, 100.0), 5_000);
        assert_eq!(percentile(&[1, 2, 3], 50.0), 2);
    }
}
