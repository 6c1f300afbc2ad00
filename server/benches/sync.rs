//! Sync benchmark on loopback against the real `mentora-server` binary (not a timed test).
//!
//! Reports bytes each way (gzip, as on the wire) and round trips for a day's work (200
//! changes across 30 documents) and for a new device's initial sync of 10,000 records; warm
//! syncs per second with 50 concurrent clients; the server's peak RSS. Devices are the real
//! `ClientSync` state machine from `mentora-shared`. Reproduce (see docs/benchmarks.md):
//!
//! ```sh
//! CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_OPT_LEVEL=3 CARGO_PROFILE_BENCH_CODEGEN_UNITS=16 \
//!   cargo bench -p mentora-server --bench sync
//! ```

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use mentora_shared::sync::{ClientConfig, ClientEvent, ClientSync, DeviceId, DocId, workload};

#[path = "../tests/integration/client.rs"]
mod client;

use client::{Conn, header};

const WARM_CLIENTS: usize = 50;
const WARM_SECONDS: u64 = 10;
const RECORDS: u64 = 10_000;

#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    round_trips: usize,
    up: usize,
    down: usize,
}

struct Device {
    sync: ClientSync,
    conn: Conn,
    token: String,
    now: u64,
}

impl Device {
    async fn login(addr: SocketAddr, username: &str, id: [u8; 16]) -> Self {
        let mut conn = Conn::open(addr).await.expect("connect");
        let token = conn.login(username, id).await.expect("login");
        let mut sync = ClientSync::new(DeviceId(id), ClientConfig::default(), u64::from(id[0]));
        // Offline between syncs, so edits queue up instead of starting requests on their own.
        let _nothing_to_send = sync.handle(1_000, ClientEvent::Offline);
        Self {
            sync,
            conn,
            token,
            now: 1_000,
        }
    }

    /// Syncs until the state machine has nothing more to send.
    async fn sync(&mut self) -> Stats {
        let mut stats = Stats::default();
        self.now += 1;
        let mut fx = self.sync.handle(self.now, ClientEvent::Online);
        while let Some(out) = fx.send.take() {
            let (body, up, down) = self
                .conn
                .sync_raw(&self.token, out.body, true)
                .await
                .expect("sync");
            stats.round_trips += 1;
            stats.up += up;
            stats.down += down;
            fx = self.sync.handle(
                self.now,
                ClientEvent::Response {
                    request_id: out.request_id,
                    body,
                },
            );
        }
        let _offline = self.sync.handle(self.now, ClientEvent::Offline);
        stats
    }

    /// A record as a mentor fills it in: a dozen short fields.
    fn create_record(&mut self, doc_id: DocId, facility: (&str, &str), n: u64) {
        let now = self.now;
        self.sync
            .create_doc(now, doc_id, header(facility.0, Some(facility.1)))
            .expect("new document");
        self.sync
            .edit(now, doc_id, |doc| workload::fill_record(doc, n))
            .expect("exists")
            .0
            .expect("put");
    }

    /// One saved form: a score and a note.
    fn save_form(&mut self, doc_id: DocId, i: u64) {
        let now = self.now;
        self.sync
            .edit(now, doc_id, |doc| workload::save_form(doc, i))
            .expect("exists")
            .0
            .expect("put");
    }
}

fn doc(n: u64) -> DocId {
    client::doc_id(n)
}

fn device_id(group: u8, n: u16) -> [u8; 16] {
    let mut id = [group; 16];
    id[14..].copy_from_slice(&n.to_be_bytes());
    id
}

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(data: &std::path::Path, site: &std::path::Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(["serve", "--demo", "--port", "0", "--data-dir"])
            .arg(data)
            .arg("--site-dir")
            .arg(site)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read");
        let addr = line
            .trim()
            .strip_prefix("mentora listening on http://")
            .and_then(|a| a.parse().ok())
            .expect("listening line");
        Self { child, addr }
    }

    fn status(&self, field: &str) -> String {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .map(|l| l[field.len()..].trim().to_owned())
            .unwrap_or_else(|| "?".to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _dead = self.child.kill();
        let _reaped = self.child.wait();
    }
}

fn add_user(data: &std::path::Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
        .args(["user", "add", "--data-dir"])
        .arg(data)
        .args(args)
        .env("MENTORA_PASSWORD", "mentora-demo")
        .status()
        .expect("user add");
    assert!(status.success());
}

/// Seconds to move `stats` over a link of `kbit` kbit/s with `rtt_ms` round-trip time.
fn link_seconds(stats: Stats, kbit: f64, rtt_ms: f64) -> f64 {
    (stats.up + stats.down) as f64 * 8.0 / (kbit * 1000.0)
        + stats.round_trips as f64 * rtt_ms / 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (data, site) = (dir.path().join("data"), dir.path().join("site"));
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(site.join("index.html"), "<title>Mentora</title>").expect("index");
    let server = Server::start(&data, &site);
    add_user(
        &data,
        &[
            "--username",
            "nyanza-sup",
            "--role",
            "supervisor",
            "--district",
            "rw-nyanza",
        ],
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(&server));
    println!("server RSS now (VmRSS): {}", server.status("VmRSS:"));
}

async fn run(server: &Server) {
    let addr = server.addr;
    let memory = |phase: &str| {
        println!(
            "  server peak RSS after {phase}: {}",
            server.status("VmHWM:")
        )
    };
    // A day's work: tablet A creates 30 records (synced), tablet B has them; A saves 200 forms.
    let mut tablet_a = Device::login(addr, "mentor", device_id(0xa0, 1)).await;
    let mut tablet_b = Device::login(addr, "mentor", device_id(0xb0, 1)).await;
    for n in 0..30 {
        tablet_a.create_record(doc(n), ("rw-huye", "rango-hc"), n);
    }
    let first_push = tablet_a.sync().await;
    let first_pull = tablet_b.sync().await;
    for i in 0..200 {
        tablet_a.save_form(doc(i % 30), i);
    }
    let day_push = tablet_a.sync().await;
    let day_pull = tablet_b.sync().await;
    println!("30 records, first push: {first_push:?}");
    println!("30 records, initial pull by a second tablet: {first_pull:?}");
    println!("day's work push (200 changes / 30 documents): {day_push:?}");
    println!("day's work pull by the other tablet: {day_pull:?}");
    memory("the day's work");

    // 10,000 records in Nyanza, written by an admin device, then a new supervisor device.
    let mut writer = Device::login(addr, "admin", device_id(0xc0, 1)).await;
    let started = Instant::now();
    for n in 0..RECORDS {
        writer.create_record(doc(100_000 + n), ("rw-nyanza", "nyanza-dh"), n);
    }
    let upload = writer.sync().await;
    println!(
        "upload of {RECORDS} records by one device: {upload:?} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    memory("the upload");
    let mut fresh = Device::login(addr, "nyanza-sup", device_id(0xd0, 1)).await;
    let started = Instant::now();
    let initial = fresh.sync().await;
    let held = fresh.sync.doc_ids().count();
    println!(
        "initial sync of {held} records (new device): {initial:?} in {:.1} s on loopback; \
         at 700 kbit/s and 300 ms RTT: {:.1} s",
        started.elapsed().as_secs_f64(),
        link_seconds(initial, 700.0, 300.0)
    );

    memory("the initial sync");

    // Warm syncs: 50 up-to-date tablets syncing back to back.
    let mut warm = Vec::new();
    for n in 0..WARM_CLIENTS {
        let id = device_id(0xe0, u16::try_from(n).unwrap_or(0));
        let mut device = Device::login(addr, "mentor", id).await;
        device.sync().await;
        warm.push(device);
    }
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = warm
        .into_iter()
        .map(|mut device| {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let stats = device.sync().await;
                    done.fetch_add(stats.round_trips as u64, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(WARM_SECONDS)).await;
    let count = done.load(Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.expect("warm client");
    }
    println!(
        "warm syncs with {WARM_CLIENTS} concurrent clients: {count} in {elapsed:.1} s = {:.0}/s",
        count as f64 / elapsed
    );
    memory("the warm syncs");
}
