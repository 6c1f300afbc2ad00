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

use std::time::Instant;

use mentora_shared::sync::{DocId, workload};

mod support;

use support::client::{self, header};
use support::{Device, Server, Stats, add_user};

const WARM_CLIENTS: usize = 50;
const WARM_SECONDS: u64 = 10;
const RECORDS: u64 = 10_000;

impl Device {
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
    let (count, elapsed) = support::warm_syncs(warm, WARM_SECONDS).await;
    println!(
        "warm syncs with {WARM_CLIENTS} concurrent clients: {count} in {elapsed:.1} s = {:.0}/s",
        count as f64 / elapsed
    );
    memory("the warm syncs");
}
