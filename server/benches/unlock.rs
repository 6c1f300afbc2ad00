//! Unlocking and opening the app with 1,000 mentee records, and saving a form until it is
//! durable, in Chromium at 4× CPU slowdown: issue 14's budgets (1.5 s; 100 ms). A measurement,
//! not a test: nothing asserts on the times (STYLE item 14).
//!
//! The records are real mentee documents (`documents::mentee::write_new`) written by a
//! `ClientSync` device of the demo mentor at Rango and pushed to the real server binary; the
//! browser then signs in as that mentor on a new device, syncs them all, and
//! `e2e/bench/unlock.mjs` times each step. Needs the built site (`cargo xtask build`, or
//! `MENTORA_SITE_DIR`) and `npm ci` in `e2e/`. Reproduce (see docs/benchmarks.md):
//!
//! ```sh
//! cargo xtask build
//! CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_OPT_LEVEL=3 CARGO_PROFILE_BENCH_CODEGEN_UNITS=16 \
//!   cargo bench -p mentora-server --bench unlock
//! ```

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

use mentora_shared::documents::mentee::{self, MenteeRecord};
use mentora_shared::domain::people::Cadre;
use mentora_shared::sync::types::{DocHeader, DocKind, PlaceId, Scope};

mod support;

use support::{Device, Server, client};

const RECORDS: u64 = 1_000;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let site = match support::built_site() {
        Ok(site) => site,
        Err(why) => {
            eprintln!("{why}");
            return ExitCode::FAILURE;
        }
    };
    let data = tempfile::tempdir().expect("temp dir");
    let server = Server::start(data.path(), &site);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(seed(&server));
    let status = Command::new("node")
        .arg(root.join("e2e/bench/unlock.mjs"))
        .env("MENTORA_BENCH_URL", format!("http://{}", server.addr))
        .env("MENTORA_BENCH_RECORDS", RECORDS.to_string())
        .status()
        .expect("node");
    if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Pushes `RECORDS` mentees at Rango Health Centre, as the demo mentor's other tablet would.
async fn seed(server: &Server) {
    let mut writer = Device::login(server.addr, "mentor", [0xb1; 16]).await;
    let header = DocHeader {
        kind: DocKind::new(mentee::KIND).expect("kind"),
        schema_version: mentee::SCHEMA_VERSION,
        scope: Scope {
            district: PlaceId::new("rw-huye").expect("district"),
            facility: Some(PlaceId::new("rango-hc").expect("facility")),
        },
    };
    let now = writer.now;
    for n in 0..RECORDS {
        let record = MenteeRecord {
            name: format!("Bench Mentee {n:04}"),
            cadre: if n % 3 == 0 {
                Cadre::Midwife
            } else {
                Cadre::Nurse
            },
            facility: "rango-hc".to_owned(),
            phone: Some(format!("+250 788 {n:06}")),
            association: None,
            competencies: BTreeSet::new(),
        };
        let doc_id = client::doc_id(n);
        writer
            .sync
            .create_doc(now, doc_id, header.clone())
            .expect("new document");
        writer
            .sync
            .edit(now, doc_id, |doc| mentee::write_new(doc, &record))
            .expect("exists")
            .0
            .expect("written");
    }
    let pushed = writer.sync().await;
    println!("seeded {RECORDS} mentee records in {pushed:?}");
}
