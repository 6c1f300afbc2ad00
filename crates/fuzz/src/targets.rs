//! The fuzz targets: each runs one input through a real entry point and names its outcome.
//! A target panics only where the code under test does (or where an invariant the server
//! relies on is broken, e.g. an accepted push that no longer loads).

use std::fmt::Debug;
use std::sync::OnceLock;

use automerge::Automerge;
use mentora_server::setup::tracker::xlsx;
use mentora_shared::catalogue::Catalogue;
use mentora_shared::domain::Date;
use mentora_shared::setup::{csv, places, tracker};
use mentora_shared::sync::file::{self, Direction};
use mentora_shared::sync::server::ServerError;
use mentora_shared::sync::wire::{self, Limits, PushOutcome, SyncRequest};
use mentora_shared::sync::{
    Access, DeviceContext, MemoryStore, ScopeSet, ServerConfig, ServerStore as _, handle_request,
};

use crate::seeds;

/// Which structure-aware mutator suits a target's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
    Csv,
    Json,
    Request,
    SyncFile,
    Xlsx,
}

#[derive(Debug)]
pub struct Target {
    pub name: &'static str,
    pub seeds: fn() -> Vec<Vec<u8>>,
    /// Runs one input; its outcome signature (what guides the corpus).
    pub exec: fn(&[u8]) -> String,
    pub structure: Structure,
    /// Tokens the byte mutators insert.
    pub dict: &'static [&'static [u8]],
    pub max_len: usize,
}

const CSV_DICT: &[&[u8]] = &[
    b",",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xef\xbb\xbf",
    b"\0",
    b"%",
    b"1e309",
    b"99999999999999999999",
    b"-",
    b"/",
    b"score",
    b"date",
    b"\xc3\xa9",
    b"\xe2\x80\xae",
];
const JSON_DICT: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"\"",
    b"null",
    b"true",
    b"-1",
    b"1e999",
    b"\\u0000",
    b"\\ud800",
    b"\"level\":",
    b"\"parent\":{\"id\":\"a1\"}",
    b"\"id\":",
    b"0.5",
];
const WIRE_DICT: &[&[u8]] = &[b"MSYN", b"\x01", b"\x85\x6f\x4a\x83", b"\0\0\0\0"];
const XML_DICT: &[&[u8]] = &[
    b"<",
    b">",
    b"/>",
    b"\"",
    b"&amp;",
    b"&#0;",
    b"<c r=\"A1\" t=\"s\"><v>999999</v></c>",
    b"<v>1e308</v>",
    b"t=\"d\"",
    b"t=\"e\"",
    b"s=\"1\"",
    b"r=\"XFD1048576\"",
    b"date1904=\"1\"",
    b"<row r=\"4294967295\">",
    b"<dimension ref=\"A1:XFD1048576\"/>",
];

pub const TARGETS: &[Target] = &[
    Target {
        name: "wire_request",
        seeds: seeds::requests,
        exec: wire_request,
        structure: Structure::Request,
        dict: WIRE_DICT,
        max_len: 1 << 16,
    },
    Target {
        name: "sync_file",
        seeds: seeds::sync_files,
        exec: sync_file,
        structure: Structure::SyncFile,
        dict: WIRE_DICT,
        max_len: 1 << 16,
    },
    Target {
        name: "push_to_store",
        seeds: seeds::requests,
        exec: push_to_store,
        structure: Structure::Request,
        dict: WIRE_DICT,
        max_len: 1 << 16,
    },
    Target {
        name: "csv",
        seeds: seeds::tracker_csv,
        exec: csv_read,
        structure: Structure::Csv,
        dict: CSV_DICT,
        max_len: 1 << 14,
    },
    Target {
        name: "places_csv",
        seeds: seeds::places_csv,
        exec: places_csv,
        structure: Structure::Csv,
        dict: CSV_DICT,
        max_len: 1 << 14,
    },
    Target {
        name: "places_dhis2",
        seeds: seeds::dhis2,
        exec: places_dhis2,
        structure: Structure::Json,
        dict: JSON_DICT,
        max_len: 1 << 14,
    },
    Target {
        name: "tracker_csv",
        seeds: seeds::tracker_csv,
        exec: tracker_csv,
        structure: Structure::Csv,
        dict: CSV_DICT,
        max_len: 1 << 14,
    },
    Target {
        name: "tracker_xlsx",
        seeds: seeds::xlsx,
        exec: tracker_xlsx,
        structure: Structure::Xlsx,
        dict: XML_DICT,
        max_len: 1 << 17,
    },
];

pub fn find(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// An error's variant name, without its fields (line numbers and names would make every
/// input look new).
fn variant(value: &impl Debug) -> String {
    let text = format!("{value:?}");
    let end = text.find([' ', '(', '{']).unwrap_or(text.len());
    text[..end].to_owned()
}

/// Counts in powers of two, so "three rows" and "four rows" are one outcome.
fn bucket(n: usize) -> u32 {
    usize::BITS - n.leading_zeros()
}

fn wire_outcome(result: &Result<SyncRequest, wire::WireError>) -> String {
    match result {
        Ok(req) => {
            let changes: usize = req.pushes.iter().map(|p| p.changes.len()).sum();
            let heads: usize = req.pushes.iter().map(|p| p.heads.len()).sum();
            format!(
                "ok resync={} pushes={} changes={} heads={}",
                bucket(req.resync.len()),
                bucket(req.pushes.len()),
                bucket(changes),
                bucket(heads)
            )
        }
        Err(wire::WireError::TooLarge { what, .. }) => format!("too large: {what}"),
        Err(err) => variant(err),
    }
}

fn wire_request(data: &[u8]) -> String {
    wire_outcome(&wire::decode_request(data, &Limits::REQUEST))
}

fn sync_file(data: &[u8]) -> String {
    match file::device_of(data, Direction::ToServer) {
        Err(err) => format!("device_of: {}", variant(&err)),
        Ok(device) if device != seeds::DEVICE => "other device".to_owned(),
        Ok(device) => match file::open(data, Direction::ToServer, device, &seeds::VAULT_KEY) {
            Err(err) => format!("open: {}", variant(&err)),
            Ok(message) => format!(
                "opened: {}",
                wire_outcome(&wire::decode_request(&message, &Limits::REQUEST))
            ),
        },
    }
}

fn config() -> ServerConfig {
    ServerConfig {
        compact_after_chunks: 3,
        ..ServerConfig::default()
    }
}

fn everything() -> Access {
    let all = ScopeSet {
        everything: true,
        ..ScopeSet::default()
    };
    Access {
        read: all.clone(),
        write: all,
    }
}

fn context(device: mentora_shared::sync::DeviceId, access: Access) -> DeviceContext {
    DeviceContext {
        device,
        access,
        actor: None,
        places: None,
        quota_left: Some(1 << 20),
    }
}

/// A store already holding document 1 (so pushes to it take the incremental path).
fn base_store() -> &'static MemoryStore {
    static BASE: OnceLock<MemoryStore> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut store = MemoryStore::default();
        let req = SyncRequest {
            pushes: vec![seeds::push(1, 1)],
            ..SyncRequest::default()
        };
        let ctx = context(seeds::DEVICE, everything());
        let handled = handle_request(&store, &config(), &ctx, &wire::encode_request(&req))
            .unwrap_or_else(|e| panic!("base store: {e}"));
        store.apply(handled.ops).unwrap_or_else(|e| match e {});
        store
    })
}

/// A pushed request handled by the server logic and stored; every accepted document must then
/// load from what was stored, and a fresh device's first sync must be answerable.
fn push_to_store(data: &[u8]) -> String {
    let mut store = base_store().clone();
    let cfg = config();
    let mut facility = ScopeSet::default();
    facility.facilities.insert(
        seeds::header()
            .scope
            .facility
            .unwrap_or_else(|| unreachable!()),
    );
    let access = Access {
        read: facility.clone(),
        write: facility,
    };
    let handled = match handle_request(&store, &cfg, &context(seeds::DEVICE, access), data) {
        Ok(handled) => handled,
        Err(ServerError::BadRequest(err)) => return format!("bad request: {}", variant(&err)),
        Err(ServerError::Store(never)) => match never {},
    };
    let mut outcomes: Vec<String> = handled
        .response
        .results
        .iter()
        .map(|r| match &r.outcome {
            PushOutcome::Accepted { .. } => "accepted".to_owned(),
            PushOutcome::Refused { reason, .. } => format!("{reason:?}"),
        })
        .collect();
    outcomes.sort_unstable();
    outcomes.dedup();
    let accepted: Vec<_> = handled.response.results.iter().map(|r| r.doc_id).collect();
    store.apply(handled.ops).unwrap_or_else(|e| match e {});
    for doc_id in accepted {
        let Some(stored) = store.load_doc(doc_id).unwrap_or_else(|e| match e {}) else {
            continue;
        };
        let mut doc = match &stored.snapshot {
            Some(bytes) => Automerge::load(bytes)
                .unwrap_or_else(|e| panic!("stored snapshot of {doc_id:?} does not load: {e}")),
            None => Automerge::new(),
        };
        for chunk in &stored.changes {
            doc.load_incremental(chunk)
                .unwrap_or_else(|e| panic!("stored change of {doc_id:?} does not load: {e}"));
        }
    }
    let fresh = context(mentora_shared::sync::DeviceId([8; 16]), everything());
    let first = wire::encode_request(&SyncRequest::default());
    let served = handle_request(&store, &cfg, &fresh, &first)
        .unwrap_or_else(|e| panic!("first sync after a push failed: {e}"));
    format!(
        "{} warnings={} served={}",
        outcomes.join(","),
        bucket(handled.warnings.len() + served.warnings.len()),
        bucket(served.response.docs.len())
    )
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn csv_read(data: &[u8]) -> String {
    match csv::read(&text(data), tracker::LIMITS) {
        Ok(records) => format!("ok records={}", bucket(records.len())),
        Err(err) => variant(&err),
    }
}

fn places_outcome(incoming: Vec<places::Incoming>) -> String {
    let n = incoming.len();
    let plan = places::plan(incoming, &[]);
    let mut problems: Vec<String> = plan.errors.iter().map(|e| variant(&e.problem)).collect();
    problems.sort_unstable();
    problems.dedup();
    format!("ok rows={} problems={}", bucket(n), problems.join(","))
}

fn places_csv(data: &[u8]) -> String {
    match places::read_csv(&text(data)) {
        Ok(incoming) => places_outcome(incoming),
        Err(err) => variant(&err),
    }
}

fn places_dhis2(data: &[u8]) -> String {
    match places::read_dhis2(&text(data), &places::Dhis2Levels::default()) {
        Ok((incoming, skipped)) => {
            format!("{} skipped={}", places_outcome(incoming), skipped.len())
        }
        Err(err) => variant(&err),
    }
}

fn tracker_plan(rows: &[tracker::TrackerRow]) -> String {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    let catalogue = CATALOGUE.get_or_init(|| {
        Catalogue::load_builtin().unwrap_or_else(|e| panic!("builtin catalogue: {e}"))
    });
    let known = tracker::Known {
        facilities: vec![tracker::KnownFacility {
            id: "rango-hc".to_owned(),
            name: "Rango Health Centre".to_owned(),
            district: "rw-huye".to_owned(),
        }],
        users: vec![tracker::KnownUser {
            username: "mentor".to_owned(),
            display_name: "Demo Mentor".to_owned(),
            association: None,
        }],
        mentees: Vec::new(),
    };
    let plan = tracker::plan(rows, &known, catalogue, Date::literal(2024, 1, 1));
    let mut problems: Vec<String> = plan.errors.iter().map(|e| variant(&e.problem)).collect();
    problems.sort_unstable();
    problems.dedup();
    format!(
        "ok rows={} mentees={} problems={}",
        bucket(rows.len()),
        bucket(plan.mentees.len()),
        problems.join(",")
    )
}

fn tracker_csv(data: &[u8]) -> String {
    match tracker::read_csv(&text(data)) {
        Ok(rows) => tracker_plan(&rows),
        Err(err) => variant(&err),
    }
}

fn tracker_xlsx(data: &[u8]) -> String {
    match xlsx::records(data).and_then(tracker::read_records) {
        Ok(rows) => format!("xlsx {}", tracker_plan(&rows)),
        Err(err) => format!("xlsx {}", variant(&err)),
    }
}
