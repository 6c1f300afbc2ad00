//! Warm syncs per second on SQLite and on PostgreSQL with one and with two server processes
//! (issue 22), in one run, against the real `mentora-server` binary on loopback (not a timed
//! test). Needs a PostgreSQL: `MENTORA_TEST_DATABASE_URL`, which `cargo xtask with-postgres`
//! sets. Reproduce (see docs/benchmarks.md):
//!
//! ```sh
//! CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_OPT_LEVEL=3 CARGO_PROFILE_BENCH_CODEGEN_UNITS=16 \
//!   cargo xtask with-postgres cargo bench -p mentora-server --bench pg_scale
//! ```
//!
//! Each setup: 30 records in the mentor's facility, then [`WARM_CLIENTS`] up-to-date tablets of
//! that mentor syncing back to back for [`WARM_SECONDS`], spread round-robin over the
//! processes. A warm sync still reads the session, the device state and the changed-since
//! page, and writes the device's state and last sync time, all in the serialised sync
//! transaction; so it measures that path, not Automerge.

use mentora_shared::sync::workload;

mod support;

use support::client::{self, header};
use support::{Device, Server};

const WARM_CLIENTS: usize = 50;
const WARM_SECONDS: u64 = 10;

fn device_id(group: u8, n: u16) -> [u8; 16] {
    let mut id = [group; 16];
    id[14..].copy_from_slice(&n.to_be_bytes());
    id
}

/// A fresh schema `name` on the PostgreSQL at `url`, as a URL whose search path is it.
fn fresh_schema(url: &str, name: &str) -> String {
    let mut client = postgres::Client::connect(url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL: {e}"));
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name};"
        ))
        .expect("schema");
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{name}")
}

fn main() {
    let url = std::env::var("MENTORA_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .expect("MENTORA_TEST_DATABASE_URL: run under `cargo xtask with-postgres`");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let setups: [(&str, Option<&str>, usize); 3] = [
        ("SQLite, one process", None, 1),
        ("PostgreSQL, one process", Some("bench_pg_one"), 1),
        ("PostgreSQL, two processes", Some("bench_pg_two"), 2),
    ];
    for (name, schema, processes) in setups {
        let dir = tempfile::tempdir().expect("temp dir");
        let (data, site) = (dir.path().join("data"), dir.path().join("site"));
        std::fs::create_dir_all(&site).expect("site");
        std::fs::write(site.join("index.html"), "<title>Mentora</title>").expect("index");
        let db_url = schema.map(|s| fresh_schema(&url, s));
        let extra: Vec<&str> = match &db_url {
            Some(u) => vec!["--database-url", u.as_str()],
            None => Vec::new(),
        };
        // One after the other: the first migrates and seeds, the second finds it done.
        let servers: Vec<Server> = (0..processes)
            .map(|_| Server::start_args(None, &data, &site, &extra))
            .collect();
        let rate = runtime.block_on(warm(&servers));
        println!("{name}: warm syncs with {WARM_CLIENTS} concurrent clients: {rate:.0}/s");
    }
}

/// Warm syncs per second over `servers`.
async fn warm(servers: &[Server]) -> f64 {
    let addr = |n: usize| servers[n % servers.len()].addr;
    let mut writer = Device::login(addr(0), "mentor", device_id(0xa0, 1)).await;
    for n in 0..30 {
        let doc_id = client::doc_id(n);
        let now = writer.now;
        writer
            .sync
            .create_doc(now, doc_id, header("rw-huye", Some("rango-hc")))
            .expect("new document");
        writer
            .sync
            .edit(now, doc_id, |doc| workload::fill_record(doc, n))
            .expect("exists")
            .0
            .expect("put");
    }
    writer.sync().await;
    let mut warm = Vec::new();
    for n in 0..WARM_CLIENTS {
        let id = device_id(0xe0, u16::try_from(n).unwrap_or(0));
        let mut device = Device::login(addr(n), "mentor", id).await;
        device.sync().await;
        warm.push(device);
    }
    let (count, elapsed) = support::warm_syncs(warm, WARM_SECONDS).await;
    count as f64 / elapsed
}
