//! Measurements for docs/sync-protocol.md: bytes each way and round trips for a day's work and
//! for an initial sync. Printed, never asserted on timing (STYLE item 14); run with
//! `cargo test -p mentora-shared measure -- --nocapture`.

use std::io::Write as _;

use super::{World, district_access, header};
use crate::sync::server::ServerConfig;
use crate::sync::types::DocId;
use crate::sync::workload;

#[derive(Debug, Default)]
struct Stats {
    up: usize,
    down: usize,
    up_gzip: usize,
    down_gzip: usize,
    round_trips: usize,
}

fn gzip(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory gzip").len()
}

fn measured_sync(w: &mut World, device: usize) -> Stats {
    w.captured = Some(Vec::new());
    w.sync(device);
    let mut s = Stats::default();
    for (up, body) in w.captured.take().unwrap_or_default() {
        if up {
            s.up += body.len();
            s.up_gzip += gzip(&body);
            s.round_trips += 1;
        } else {
            s.down += body.len();
            s.down_gzip += gzip(&body);
        }
    }
    s
}

/// A record as a mentor fills it in: a dozen short fields.
fn fill_record(w: &mut World, device: usize, id: DocId, n: usize) {
    let h = header("d1", Some("f1"));
    let now = w.now;
    let fx = w.clients[device].create_doc(now, id, h).expect("new");
    w.take(device, fx);
    let (filled, fx) = w.clients[device]
        .edit(now, id, |doc| workload::fill_record(doc, n as u64))
        .expect("exists");
    filled.expect("put");
    w.take(device, fx);
}

fn doc_id(i: usize) -> DocId {
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&(i as u64).to_be_bytes());
    DocId(id)
}

#[test]
fn measure_days_work_and_initial_sync() {
    let mut w = World::new(
        vec![district_access("d1"), district_access("d1")],
        ServerConfig::default(),
    );
    for i in 0..30 {
        fill_record(&mut w, 0, doc_id(i), i);
    }
    let first_push = measured_sync(&mut w, 0);
    let first_pull = measured_sync(&mut w, 1);
    // A day's work: 200 changes (each a saved form: a score and a note) across 30 documents.
    for i in 0..200 {
        let now = w.now + i as u64;
        let (saved, fx) = w.clients[0]
            .edit(now, doc_id(i % 30), |doc| {
                workload::save_form(doc, i as u64)
            })
            .expect("exists");
        saved.expect("put");
        w.take(0, fx);
    }
    let day_push = measured_sync(&mut w, 0);
    let day_pull = measured_sync(&mut w, 1);
    println!("30 docs first push: {first_push:?}");
    println!("30 docs initial pull by a second device: {first_pull:?}");
    println!("day's work push (200 changes / 30 docs): {day_push:?}");
    println!("day's work pull by the other device: {day_pull:?}");
    for (name, s) in [("push", &day_push), ("pull", &day_pull)] {
        assert!(
            s.round_trips <= 2,
            "day's work {name} took {} round trips",
            s.round_trips
        );
    }

    // Initial sync of N records for a new device.
    let n = 2_000;
    let mut w = World::new(
        vec![district_access("d1"), district_access("d1")],
        ServerConfig::default(),
    );
    for i in 0..n {
        fill_record(&mut w, 0, doc_id(i), i);
    }
    measured_sync(&mut w, 0);
    let initial = measured_sync(&mut w, 1);
    println!("initial sync of {n} records: {initial:?}");
    assert_eq!(
        w.clients[1].doc_ids().count(),
        n,
        "the new device received every record"
    );
}
