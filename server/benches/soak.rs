//! Crash soak (issue 21): several devices sync with the real `mentora-server` binary while it is
//! SIGKILLed and restarted on the same data folder and port, `--kills` times; then, with the
//! server up, every change any device saw acknowledged must be stored, and each device's
//! documents must equal the server's after a final push. Exits non-zero on any loss. Not a timed
//! test; see docs/benchmarks.md. A debug build is enough (and builds fastest):
//!
//! ```sh
//! cargo test -p mentora-server --bench soak -- --kills 200 --devices 4 --seed 1
//! ```

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "../tests/integration/client.rs"]
mod client;
#[path = "../tests/integration/crash_harness.rs"]
mod crash_harness;

use crash_harness::{Device, Server, missing, pull_all};

/// How long a restarted server may go without acknowledging anything before the soak fails.
const STALL: Duration = Duration::from_secs(30);

struct Options {
    kills: usize,
    devices: u8,
    seed: u64,
}

impl Options {
    fn parse() -> Self {
        let mut options = Self {
            kills: 200,
            devices: 4,
            seed: 1,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or_else(|| usage(&format!("{arg} needs a number")))
            };
            match arg.as_str() {
                "--kills" => options.kills = usize::try_from(value()).unwrap_or(usize::MAX),
                "--devices" => {
                    options.devices = u8::try_from(value())
                        .ok()
                        .filter(|d| (1..=60).contains(d))
                        .unwrap_or_else(|| usage("--devices is 1 to 60"));
                }
                "--seed" => options.seed = value(),
                // `cargo bench` passes `--bench` to a harness-less benchmark.
                "--bench" => {}
                other => usage(&format!("unknown argument {other}")),
            }
        }
        options
    }
}

fn usage(problem: &str) -> ! {
    eprintln!("error: {problem}\nusage: soak [--kills N] [--devices N] [--seed N]");
    std::process::exit(2)
}

/// splitmix64: the kill timings follow from `--seed` (the interleaving with the devices does not).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n.max(1)
    }
}

#[derive(Default)]
struct Counters {
    attempted: AtomicUsize,
    acknowledged: AtomicUsize,
    failed: AtomicUsize,
    /// Failures other than a refused connection: mostly a request the kill cut short.
    cut: AtomicUsize,
    /// Pushes the server answered with anything but `Accepted`: a failure of the soak.
    refused_pushes: AtomicUsize,
    changes: AtomicUsize,
}

fn main() {
    let options = Options::parse();
    let dir = tempfile::tempdir().expect("temp dir");
    let (data, site) = (dir.path().join("data"), dir.path().join("site"));
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(site.join("index.html"), "<title>Mentora</title>").expect("index");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let failures = runtime.block_on(soak(&options, &data, &site));
    if failures.is_empty() {
        println!("PASS");
    } else {
        for failure in &failures {
            eprintln!("FAIL: {failure}");
        }
        std::process::exit(1);
    }
}

/// Runs the soak; returns what failed.
async fn soak(options: &Options, data: &Path, site: &Path) -> Vec<String> {
    let started = Instant::now();
    let mut rng = Rng(options.seed);
    let mut server = Server::start(data, site, 0);
    let addr = server.addr;
    let counters = Arc::new(Counters::default());
    let stop = Arc::new(AtomicBool::new(false));
    let devices: Vec<_> = (0..options.devices)
        .map(|n| {
            let (counters, stop) = (Arc::clone(&counters), Arc::clone(&stop));
            tokio::spawn(async move {
                let mut device = Device::new(n);
                while !stop.load(Ordering::Relaxed) {
                    counters.attempted.fetch_add(1, Ordering::Relaxed);
                    match device.edit_and_push(addr).await {
                        Ok(changes) => {
                            counters.acknowledged.fetch_add(1, Ordering::Relaxed);
                            counters.changes.fetch_add(changes, Ordering::Relaxed);
                        }
                        Err(e) => {
                            // The server is dead or restarting: retry shortly, as the app does.
                            match e.kind() {
                                std::io::ErrorKind::ConnectionRefused => {}
                                std::io::ErrorKind::InvalidData => {
                                    counters.refused_pushes.fetch_add(1, Ordering::Relaxed);
                                }
                                _ => {
                                    counters.cut.fetch_add(1, Ordering::Relaxed);
                                }
                            }
                            counters.failed.fetch_add(1, Ordering::Relaxed);
                            tokio::time::sleep(Duration::from_millis(10)).await;
                        }
                    }
                }
                device
            })
        })
        .collect();

    let mut failures = Vec::new();
    let mut kills = 0;
    while kills < options.kills {
        // Let this server acknowledge something, then kill it at a random moment mid-stream.
        let before = counters.acknowledged.load(Ordering::Relaxed);
        let waiting = Instant::now();
        while counters.acknowledged.load(Ordering::Relaxed) == before {
            if waiting.elapsed() > STALL {
                failures.push(format!(
                    "no sync acknowledged for {STALL:?} after kill {kills}"
                ));
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        if !failures.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(rng.below(200))).await;
        server.kill();
        kills += 1;
        tokio::time::sleep(Duration::from_millis(rng.below(20))).await;
        server = match restart(data, site, addr.port()).await {
            Ok(server) => server,
            Err(e) => {
                failures.push(e);
                break;
            }
        };
    }
    stop.store(true, Ordering::Relaxed);
    let mut devices_back = Vec::new();
    for device in devices {
        devices_back.push(device.await.expect("device task"));
    }
    let refused_pushes = counters.refused_pushes.load(Ordering::Relaxed);
    if refused_pushes > 0 {
        failures.push(format!("{refused_pushes} pushes answered but not accepted"));
    }
    let verified = if failures.is_empty() {
        check(&mut devices_back, addr, &mut failures).await
    } else {
        0
    };
    let acked: usize = devices_back.iter().map(|d| d.acked.len()).sum();
    println!("seed {}, {} devices", options.seed, options.devices);
    println!("kills: {kills}");
    println!(
        "syncs attempted: {}, acknowledged: {}, failed: {} ({} cut off mid-request, the rest \
         refused while the server was down)",
        counters.attempted.load(Ordering::Relaxed),
        counters.acknowledged.load(Ordering::Relaxed),
        counters.failed.load(Ordering::Relaxed),
        counters.cut.load(Ordering::Relaxed)
    );
    println!(
        "changes acknowledged: {} during the kills, {acked} including the final push",
        counters.changes.load(Ordering::Relaxed)
    );
    println!("changes verified on the server: {verified}");
    println!("time: {:.1} s", started.elapsed().as_secs_f64());
    drop(server);
    failures
}

/// The server restarted on the same folder and port; a just-freed port may take a few tries.
async fn restart(data: &Path, site: &Path, port: u16) -> Result<Server, String> {
    let mut last = String::new();
    for _ in 0..50 {
        match Server::try_start(data, site, port) {
            Ok(server) => return Ok(server),
            Err(e) => last = e,
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Err(format!("cannot restart: {last}"))
}

/// With the server up: each device pushes what is still pending; every acknowledged change is
/// stored, and the server's copy of each document has the device's heads. Returns how many
/// acknowledged changes were found.
async fn check(
    devices: &mut [Device],
    addr: std::net::SocketAddr,
    failures: &mut Vec<String>,
) -> usize {
    for device in devices.iter_mut() {
        let mut result = device.push_pending(addr).await;
        for _ in 0..20 {
            if result.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            result = device.push_pending(addr).await;
        }
        if let Err(e) = result {
            failures.push(format!(
                "device {:02x}: final push failed: {e}",
                device.id[0]
            ));
        }
    }
    let held = match pull_all(addr, [0x7f; 16]).await {
        Ok(held) => held,
        Err(e) => {
            failures.push(format!("final pull failed: {e}"));
            return 0;
        }
    };
    let mut verified = 0;
    for device in devices.iter() {
        let lost = missing(&device.acked, &held);
        verified += device.acked.len() - lost.len();
        if !lost.is_empty() {
            failures.push(format!(
                "device {:02x}: {} of {} acknowledged changes missing on the server, first {}",
                device.id[0],
                lost.len(),
                device.acked.len(),
                lost[0]
            ));
        }
        for local in &device.docs {
            let mut mine = local.doc.get_heads();
            mine.sort_unstable();
            let theirs = held
                .iter()
                .find(|(id, _)| *id == local.doc_id)
                .map(|(_, doc)| {
                    let mut heads = doc.get_heads();
                    heads.sort_unstable();
                    heads
                });
            if theirs.as_ref() != Some(&mine) {
                failures.push(format!(
                    "device {:02x}: document {:?} differs from the server's after the final push",
                    device.id[0], local.doc_id
                ));
            }
        }
    }
    verified
}
