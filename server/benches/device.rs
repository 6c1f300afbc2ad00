//! Issue 18's device-scale benchmark: a district supervisor's tablet holding 1,000, 10,000 or
//! 50,000 mentee records, in Chromium at 4× CPU slowdown. A measurement, not a test: nothing
//! asserts on the times (STYLE item 14). Run by `cargo xtask bench-device` (docs/benchmarks.md,
//! "Device scale"), which passes `--records`, the site to serve (`MENTORA_SITE_DIR`) and the
//! browser (`MENTORA_CHROMIUM`).
//!
//! For each size, a fresh `mentora-server` (this build's, or `--server-bin`) with the demo places
//! and accounts; a `ClientSync` device of the Huye supervisor pushes that many real mentee
//! documents, spread evenly over the district's three facilities, each a copy of a demo mentee
//! (`mentora_shared::demo`) under a numbered name with that mentee's scored assessments, written
//! by the same `documents::mentee` writers as the app. Then `e2e/bench/device.mjs` signs the
//! supervisor in on a new browser and measures the initial sync, an offline cold start to the
//! first usable list of one facility, search, the dashboard, renderer memory and IndexedDB size;
//! it prints one `DEVICE {json}` line, and this prints them all as one table.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use mentora_shared::demo;
use mentora_shared::documents::mentee::{self, AssessmentEntry, MenteeRecord};
use mentora_shared::domain::{AssessmentId, Dataset, MenteeId};
use mentora_shared::sync::types::{DocHeader, DocId, DocKind, PlaceId, Scope};

#[allow(dead_code, reason = "this benchmark reads no server memory")]
mod support;

use support::{Device, Server};

const DISTRICT: &str = "rw-huye";
/// The district's facilities (codes, display names); record `n` goes to `FACILITIES[n % 3]`.
const FACILITIES: [(&str, &str); 3] = [
    ("kabutare-dh", "Kabutare District Hospital"),
    ("rango-hc", "Rango Health Centre"),
    ("simbi-hc", "Simbi Health Centre"),
];
/// The facility whose list the browser opens.
const LISTED: usize = 1;

struct Options {
    records: Vec<u64>,
    server_bin: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        records: vec![1_000, 10_000],
        server_bin: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            // What `cargo test`/`cargo bench` add for a harness-less target.
            "--bench" | "--nocapture" => {}
            "--records" => {
                let list = args
                    .next()
                    .ok_or("--records needs a list, e.g. 1000,10000")?;
                options.records = list
                    .split(',')
                    .map(|n| n.trim().replace('_', "").parse::<u64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("--records {list}: not a list of numbers"))?;
                if options.records.iter().any(|&n| n < 3) {
                    return Err("--records: each size must be at least 3".into());
                }
            }
            "--server-bin" => {
                options.server_bin = Some(args.next().ok_or("--server-bin needs a path")?.into());
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(err) => {
            eprintln!("bench-device: {err}");
            return ExitCode::FAILURE;
        }
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let site = match support::built_site() {
        Ok(site) => site,
        Err(why) => {
            eprintln!("bench-device: {why}");
            return ExitCode::FAILURE;
        }
    };
    let dataset = demo::dataset().expect("the demo dataset builds");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut results = Vec::new();
    for &records in &options.records {
        let data = tempfile::tempdir().expect("temp dir");
        let server = Server::start_with(options.server_bin.as_deref(), data.path(), &site);
        let started = Instant::now();
        let pushed = runtime.block_on(seed(&server, &dataset, records));
        println!(
            "{records} records: seeded in {:.1} s ({pushed:?})",
            started.elapsed().as_secs_f64()
        );
        match measure(&root, &server, records) {
            Some(line) => results.push((records, line)),
            None => return ExitCode::FAILURE,
        }
    }
    print_table(&results);
    ExitCode::SUCCESS
}

/// Runs the browser side for one size; its `DEVICE {…}` line, parsed.
fn measure(root: &std::path::Path, server: &Server, records: u64) -> Option<serde_json::Value> {
    let per_facility = records.div_ceil(3);
    let mut child = Command::new("node")
        .arg(root.join("e2e/bench/device.mjs"))
        .env("MENTORA_BENCH_URL", format!("http://{}", server.addr))
        .env("MENTORA_BENCH_RECORDS", records.to_string())
        .env("MENTORA_BENCH_LISTED", per_facility.to_string())
        .env("MENTORA_BENCH_FACILITY", FACILITIES[LISTED].1)
        .env("MENTORA_BENCH_SEARCH", search_terms(records).join("\n"))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| eprintln!("cannot start node: {err}"))
        .ok()?;
    let mut found = None;
    for line in BufReader::new(child.stdout.take()?).lines() {
        let line = line.ok()?;
        match line.strip_prefix("DEVICE ") {
            Some(json) => found = serde_json::from_str(json).ok(),
            None => println!("  {line}"),
        }
    }
    let status = child.wait().ok()?;
    if !status.success() {
        eprintln!("e2e/bench/device.mjs failed ({status}) at {records} records");
        return None;
    }
    found
}

/// Names to search for in the listed facility: each matches exactly one record there.
fn search_terms(records: u64) -> Vec<String> {
    (0..5)
        .map(|k| records * (2 * k + 1) / 10)
        .map(|n| n - n % 3 + LISTED as u64)
        .filter(|&n| n < records)
        .map(number)
        .collect()
}

/// A record's number as it ends its name: unique among the names, and no number's text is
/// inside another's (fixed width).
fn number(n: u64) -> String {
    format!("#{n:05}")
}

/// Pushes `records` mentee documents into the Huye district, as the supervisor's other tablet.
async fn seed(server: &Server, dataset: &Dataset, records: u64) -> support::Stats {
    let mut writer = Device::login(server.addr, "supervisor", [0xb2; 16]).await;
    let kind = DocKind::new(mentee::KIND).expect("kind");
    let mentor_name = |id| {
        dataset
            .mentors
            .iter()
            .find(|m| m.id == id)
            .map(|m| (m.name.clone(), Some(m.affiliation)))
            .unwrap_or_default()
    };
    let now = writer.now;
    for n in 0..records {
        let template = &dataset.mentees[(n as usize) % dataset.mentees.len()];
        let (facility, _) = FACILITIES[(n % 3) as usize];
        let doc_id = doc_id(n);
        let id = MenteeId(uuid::Uuid::from_bytes(doc_id.0));
        let record = MenteeRecord {
            name: format!("{} {}", template.name, number(n)),
            cadre: template.cadre,
            facility: facility.to_owned(),
            phone: (n % 2 == 0).then(|| format!("+250 788 {:06}", n % 1_000_000)),
            association: None,
            competencies: Default::default(),
        };
        let entries: Vec<AssessmentEntry> = dataset
            .assessments
            .iter()
            .filter(|a| a.mentee == template.id)
            .enumerate()
            .map(|(k, a)| {
                let mut assessment = a.clone();
                assessment.mentee = id;
                assessment.id = AssessmentId::from_u128((u128::from(n) << 16) | k as u128);
                let (assessor_name, association) = mentor_name(a.assessor);
                AssessmentEntry {
                    assessment,
                    assessor_name,
                    feedback: None,
                    association,
                }
            })
            .collect();
        let header = DocHeader {
            kind: kind.clone(),
            schema_version: mentee::SCHEMA_VERSION,
            scope: Scope {
                district: PlaceId::new(DISTRICT).expect("district"),
                facility: Some(PlaceId::new(facility).expect("facility")),
            },
        };
        writer
            .sync
            .create_doc(now, doc_id, header)
            .expect("new document");
        writer
            .sync
            .edit(now, doc_id, |doc| {
                mentee::write_new(doc, &record)?;
                entries
                    .iter()
                    .try_for_each(|entry| mentee::add_assessment(doc, entry))
            })
            .expect("exists")
            .0
            .expect("written");
    }
    writer.sync().await
}

fn doc_id(n: u64) -> DocId {
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&n.to_be_bytes());
    id[8] = 0xbe;
    DocId(id)
}

/// The measures, one row each, one column per size.
fn print_table(results: &[(u64, serde_json::Value)]) {
    const ROWS: [(&str, &str, &str); 14] = [
        ("initial sync (to the Synced badge)", "sync_ms", "ms"),
        (
            "initial sync durable (IndexedDB stops growing)",
            "sync_durable_ms",
            "ms",
        ),
        ("initial sync requests", "sync_requests", ""),
        ("initial sync bytes received", "sync_bytes_down", "B"),
        ("initial sync bytes sent", "sync_bytes_up", "B"),
        (
            "offline cold start to first usable list (median)",
            "cold_start_ms",
            "ms",
        ),
        ("  of which: reload to the lock screen", "to_lock_ms", "ms"),
        (
            "  of which: PIN to first list card",
            "unlock_to_list_ms",
            "ms",
        ),
        ("list cards in the DOM", "cards", ""),
        ("search, one name (median)", "search_ms", "ms"),
        ("dashboard (median)", "dashboard_ms", "ms"),
        (
            "renderer private memory (max sampled)",
            "renderer_mib",
            "MiB",
        ),
        ("JS heap used", "js_heap_mib", "MiB"),
        ("IndexedDB size", "indexeddb_mib", "MiB"),
    ];
    let mut by_size: BTreeMap<u64, &serde_json::Value> = BTreeMap::new();
    for (n, value) in results {
        by_size.insert(*n, value);
    }
    let sizes: Vec<String> = by_size.keys().map(|n| format!("{n} records")).collect();
    println!(
        "\n| measure (4× CPU slowdown but the sync) | {} |",
        sizes.join(" | ")
    );
    println!("|---|{}", "---|".repeat(sizes.len()));
    for (label, key, unit) in ROWS {
        let cells: Vec<String> = by_size
            .values()
            .map(|v| match &v[key] {
                serde_json::Value::Null => "–".to_owned(),
                value => format!("{value} {unit}").trim().to_owned(),
            })
            .collect();
        println!("| {label} | {} |", cells.join(" | "));
    }
}
