//! The fuzz targets: each runs one input through a real entry point and names its outcome.
//! A target panics only where the code under test does (or where an invariant the server
//! relies on is broken, e.g. an accepted push that no longer loads).

use std::fmt::Debug;
use std::sync::OnceLock;

use mentora_server::setup::tracker::xlsx;
use mentora_shared::catalogue::Catalogue;
use mentora_shared::domain::Date;
use mentora_shared::setup::{csv, places, tracker};

mod sync;

use self::sync::{
    answer_file, push_as_mentor, push_to_store, sync_file, wire_request, wire_response,
};
use crate::seeds;

/// Which structure-aware mutator suits a target's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
    Csv,
    Json,
    Request,
    SyncFile,
    AnswerFile,
    /// Byte-level mutations only.
    Bytes,
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
        name: "wire_response",
        seeds: seeds::responses,
        exec: wire_response,
        structure: Structure::Bytes,
        dict: WIRE_DICT,
        max_len: 1 << 16,
    },
    Target {
        name: "answer_file",
        seeds: seeds::answer_files,
        exec: answer_file,
        structure: Structure::AnswerFile,
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
        name: "push_as_mentor",
        seeds: seeds::mentee_requests,
        exec: push_as_mentor,
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
