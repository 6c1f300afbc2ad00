//! Structure-aware mutators: they parse an input as its format, change one thing a hostile or
//! careless file would, and write it back, so mutations reach past the first framing check.
//! Each returns `false` when the input no longer parses as its format (the caller then falls
//! back to byte-level `mutate::havoc`).

use std::io::{Cursor, Read as _, Write as _};

use automerge::ChangeHash;
use mentora_shared::sync::file::{self, Direction};
use mentora_shared::sync::wire::{self, DocPush, Limits, SyncRequest};
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId};
use serde_json::Value;

use crate::mutate;
use crate::rng::Rng;

/// Cell values that have broken importers elsewhere: huge, negative, non-numbers, odd dates.
const CELLS: [&str; 18] = [
    "99999999999999999999999999",
    "-1",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "14/0",
    "0/0",
    "16/14",
    "2023-02-30",
    "9999-12-31",
    "0000-01-01",
    "\u{202e}x",
    "ü",
    " ",
    "yes",
    "simulated",
    "mentor",
];

/// CSV: swap, duplicate, empty or replace cells; add columns; quote; BOM; rows duplicated,
/// dropped or swapped.
pub fn csv(rng: &mut Rng, data: &mut Vec<u8>) -> bool {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut rows: Vec<Vec<String>> = text
        .split('\n')
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect();
    let r = rng.below(rows.len());
    let c = rng.below(rows[r].len());
    match rng.below(11) {
        0 => {
            let (r2, c2) = (rng.below(rows.len()), 0);
            let c2 = c2 + rng.below(rows[r2].len());
            let cell = std::mem::take(&mut rows[r][c]);
            rows[r][c] = std::mem::replace(&mut rows[r2][c2], cell);
        }
        1 => {
            let cell = rows[r][c].clone();
            rows[r].insert(c, cell);
        }
        2 => rows[r][c].clear(),
        3 => rows.iter_mut().for_each(|row| row.push(format!("x{c}"))),
        4 => rows[r][c] = format!("\"{}\"", rows[r][c].replace('"', "\"\"")),
        5 => rows[r][c].insert(0, '"'),
        6 => rows[0][0].insert(0, '\u{feff}'),
        7 => rows[r][c] = (*rng.pick(&CELLS)).to_owned(),
        8 => {
            let row = rows[r].clone();
            rows.insert(r, row);
        }
        9 if rows.len() > 1 => drop(rows.remove(r)),
        _ => {
            let r2 = rng.below(rows.len());
            rows.swap(r, r2);
        }
    }
    let lines: Vec<String> = rows.iter().map(|row| row.join(",")).collect();
    *data = lines
        .join(if rng.one_in(8) { "\r\n" } else { "\n" })
        .into_bytes();
    true
}

/// JSON: one value anywhere in the tree replaced, or an array/object element dropped or
/// duplicated.
pub fn json(rng: &mut Rng, data: &mut Vec<u8>) -> bool {
    let Ok(mut value) = serde_json::from_slice::<Value>(data) else {
        return false;
    };
    let nodes = count(&value);
    let mut k = rng.below(nodes);
    mutate_nth(&mut value, &mut k, rng);
    *data = serde_json::to_vec(&value).unwrap_or_default();
    true
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

fn mutate_nth(v: &mut Value, k: &mut usize, rng: &mut Rng) {
    if *k == 0 {
        *v = match (rng.below(4), v.take()) {
            (0, Value::Array(mut items)) if !items.is_empty() => {
                let i = rng.below(items.len());
                let item = items[i].clone();
                items.insert(i, item);
                Value::Array(items)
            }
            (0, Value::Object(mut map)) => {
                let key = rng.pick(&["id", "level", "parent", "code", "name", "x"]);
                map.remove(*key);
                Value::Object(map)
            }
            _ => odd_value(rng),
        };
        return;
    }
    *k -= 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(items) => items.iter_mut().collect(),
        Value::Object(map) => map.values_mut().collect(),
        _ => return,
    };
    for child in children {
        let size = count(child);
        if *k < size {
            return mutate_nth(child, k, rng);
        }
        *k -= size;
    }
}

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(10) {
        0 => Value::Null,
        1 => Value::Bool(true),
        2 => Value::from(u64::MAX),
        3 => Value::from(-1),
        4 => Value::from(1.5e308),
        5 => Value::from(256),
        6 => Value::from("x".repeat(rng.below(600))),
        7 => Value::from(*rng.pick(&CELLS)),
        8 => serde_json::json!([]),
        _ => serde_json::json!({"id": "a", "parent": {"id": "a"}, "level": 4}),
    }
}

/// Decoder limits wide enough to read back anything a mutation produces.
pub const LOOSE: Limits = Limits {
    max_message_bytes: 64 << 20,
    max_docs: 100_000,
    max_chunk_bytes: 64 << 20,
    max_changes_per_doc: 100_000,
    max_heads: 100_000,
    max_resync: 100_000,
    max_left: 0,
};

/// A sync request: its cursor, resync list, pushes, headers, heads and change chunks changed
/// field by field (chunk bytes through `havoc`), then encoded again.
pub fn request(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) -> bool {
    let Ok(mut req) = wire::decode_request(data, &LOOSE) else {
        return false;
    };
    mutate_request(rng, &mut req, corpus);
    *data = wire::encode_request(&req);
    true
}

/// The fields of a decoded request; pushed change bytes most often.
pub fn mutate_request(rng: &mut Rng, req: &mut SyncRequest, corpus: &[Vec<u8>]) {
    let n = req.pushes.len();
    let p = rng.below(n);
    match rng.below(12) {
        0 => req.since = rng.next_u64() >> rng.below(64),
        1 => req.ack = u64::MAX >> rng.below(64),
        2 => req.resync.push(DocId([rng.next_u64() as u8; 16])),
        3 if n > 0 => {
            let push = req.pushes[p].clone();
            req.pushes.push(push);
        }
        4 if n > 0 => drop(req.pushes.remove(p)),
        5 if n > 0 => req.pushes[p]
            .heads
            .push(ChangeHash([rng.next_u64() as u8; 32])),
        6 if n > 0 => req.pushes[p].heads.clear(),
        7 if n > 0 => req.pushes[p].header = odd_header(rng, &req.pushes[p].header),
        8 if n > 0 => req.pushes[p].doc_id = DocId([rng.next_u64() as u8 & 3; 16]),
        9 if n > 0 && !req.pushes[p].changes.is_empty() => {
            let changes = &mut req.pushes[p].changes;
            let (i, j) = (rng.below(changes.len()), rng.below(changes.len()));
            match rng.below(3) {
                0 => changes.swap(i, j),
                1 => drop(changes.remove(i)),
                _ => {
                    let chunk = changes[i].clone();
                    changes.insert(j, chunk);
                }
            }
        }
        _ if n > 0 && !req.pushes[p].changes.is_empty() => {
            let changes = &mut req.pushes[p].changes;
            let i = rng.below(changes.len());
            mutate::havoc(rng, &mut changes[i], corpus, &[], 1 << 16);
        }
        _ => req.pushes.push(DocPush {
            doc_id: DocId([9; 16]),
            header: odd_header(rng, &crate::seeds::header()),
            heads: Vec::new(),
            changes: vec![vec![0x85, 0x6f, 0x4a, 0x83]],
        }),
    }
}

fn odd_header(rng: &mut Rng, header: &DocHeader) -> DocHeader {
    let mut header = header.clone();
    let name = *rng.pick(&[
        "rw-huye",
        "rw-south",
        "rango-hc",
        "x",
        "mentee",
        "catalogue",
    ]);
    match rng.below(4) {
        0 => header.schema_version = u32::MAX >> rng.below(32),
        1 => header.kind = DocKind::new(name).unwrap_or(header.kind),
        2 => header.scope.district = PlaceId::new(name).unwrap_or(header.scope.district),
        _ => header.scope.facility = PlaceId::new(name).ok().filter(|_| rng.one_in(2)),
    }
    header
}

/// An XLSX workbook: one part's bytes (XML, mostly) mutated, the archive written again, so the
/// change is not stopped by the zip reader's checksums.
pub fn xlsx(rng: &mut Rng, data: &mut Vec<u8>, dict: &[&[u8]]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(data.as_slice())) else {
        return false;
    };
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let Ok(mut part) = archive.by_index(i) else {
            return false;
        };
        let mut bytes = Vec::new();
        if part.read_to_end(&mut bytes).is_err() {
            return false;
        }
        let Ok(name) = part.name().map(|n| n.into_owned()) else {
            return false;
        };
        parts.push((name, bytes));
    }
    if parts.is_empty() {
        return false;
    }
    let sheet = parts.iter().position(|(name, _)| name.contains("sheet1"));
    let i = sheet
        .filter(|_| rng.one_in(2))
        .unwrap_or(rng.below(parts.len()));
    mutate::havoc(rng, &mut parts[i].1, &[], dict, 1 << 20);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in &parts {
        if out.start_file(name, options).is_err() || out.write_all(bytes).is_err() {
            return false;
        }
    }
    match out.finish() {
        Ok(cursor) => *data = cursor.into_inner(),
        Err(_) => return false,
    }
    true
}

/// A sync file: the message inside opened with the test key, mutated (a request field by
/// field, an answer as bytes), and sealed again, so the decoder behind the decryption is
/// reached.
pub fn sync_file(
    rng: &mut Rng,
    data: &mut Vec<u8>,
    corpus: &[Vec<u8>],
    direction: Direction,
) -> bool {
    let (device, key) = (crate::seeds::DEVICE, crate::seeds::VAULT_KEY);
    let Ok(mut message) = file::open(data, direction, device, &key) else {
        return false;
    };
    if direction == Direction::ToDevice || !request(rng, &mut message, &[]) {
        mutate::havoc(rng, &mut message, corpus, &[], 1 << 16);
    }
    let nonce = rng.next_u64().to_le_bytes();
    let mut full = [0u8; 12];
    full[..8].copy_from_slice(&nonce);
    *data = file::seal(direction, device, &key, full, &message);
    true
}
