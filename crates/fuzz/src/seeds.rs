//! Valid inputs built with the project's own encoders and templates: the starting corpus.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ChangeHash};
use mentora_shared::setup::{places, tracker};
use mentora_shared::sync::file::{self, Direction};
use mentora_shared::sync::wire::{self, DocPush, SyncRequest};
use mentora_shared::sync::{DeviceId, DocHeader, DocId, DocKind, PlaceId, Scope};

/// The device every request comes from, and the vault key its sync files are sealed with.
pub const DEVICE: DeviceId = DeviceId([7; 16]);
pub const VAULT_KEY: [u8; 32] = [42; 32];

pub fn header() -> DocHeader {
    let name = |n: &str| PlaceId::new(n).unwrap_or_else(|e| panic!("place {n}: {e}"));
    DocHeader {
        kind: DocKind::new("mentee").unwrap_or_else(|e| panic!("kind: {e}")),
        schema_version: 1,
        scope: Scope {
            district: name("rw-huye"),
            facility: Some(name("rango-hc")),
        },
    }
}

/// `n` changes by `device` to one document, as a device pushes them.
pub fn changes(
    device: DeviceId,
    n: i64,
    from: Option<&Automerge>,
) -> (Vec<Vec<u8>>, Vec<ChangeHash>) {
    let mut doc = from
        .map_or_else(Automerge::new, Automerge::clone)
        .with_actor(device.actor());
    let before = doc.get_heads();
    for i in 0..n {
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "n", i)
            .unwrap_or_else(|e| panic!("put: {e}"));
        let list = tx
            .put_object(automerge::ROOT, format!("l{i}"), automerge::ObjType::List)
            .unwrap_or_else(|e| panic!("list: {e}"));
        tx.insert(&list, 0, "text")
            .unwrap_or_else(|e| panic!("insert: {e}"));
        tx.commit();
    }
    let raw = doc
        .get_changes(&before)
        .iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    (raw, doc.get_heads())
}

pub fn push(doc: u8, n: i64) -> DocPush {
    let (changes, heads) = changes(DEVICE, n, None);
    DocPush {
        doc_id: DocId([doc; 16]),
        header: header(),
        heads,
        changes,
    }
}

pub fn requests() -> Vec<Vec<u8>> {
    let reqs = [
        SyncRequest::default(),
        SyncRequest {
            since: 300,
            ack: 2,
            resync: vec![DocId([1; 16]), DocId([2; 16])],
            pushes: Vec::new(),
        },
        SyncRequest {
            pushes: vec![push(1, 2)],
            ..SyncRequest::default()
        },
        SyncRequest {
            since: 5,
            ack: 1,
            resync: vec![DocId([3; 16])],
            pushes: vec![push(1, 1), push(2, 3)],
        },
    ];
    reqs.iter().map(wire::encode_request).collect()
}

pub fn sync_files() -> Vec<Vec<u8>> {
    requests()
        .iter()
        .enumerate()
        .map(|(i, req)| file::seal(Direction::ToServer, DEVICE, &VAULT_KEY, [i as u8; 12], req))
        .collect()
}

pub fn tracker_csv() -> Vec<Vec<u8>> {
    let header = tracker::TRACKER_TEMPLATE.lines().next().unwrap_or_default();
    vec![
        tracker::TRACKER_TEMPLATE.into(),
        format!("\u{feff}{header}\r\n\"Jean, \"\"JP\"\"\",nurse,rango-hc,,mentor,,,hbb,pre_test,2023-01-02,55,,,,\r\n").into(),
        format!("{header}\n").into(),
    ]
}

pub fn places_csv() -> Vec<Vec<u8>> {
    vec![
        places::CSV_TEMPLATE.into(),
        "code,name,level\nrw,Rwanda,country\n\nrw-x,\"X, \"\"y\"\"\",province\n".into(),
    ]
}

pub fn dhis2() -> Vec<Vec<u8>> {
    let json = r#"{"organisationUnits":[
        {"id":"a1","code":"RW","name":"Rwanda","level":1},
        {"id":"b1","name":"Southern Province","level":2,"parent":{"id":"a1"}},
        {"id":"c1","code":"HUYE","name":"Huye","level":3,"parent":{"id":"b1"}},
        {"id":"s1","name":"Ngoma sector","level":5,"parent":{"id":"c1"}},
        {"id":"d1","name":"Kabutare District Hospital","level":4,"parent":{"id":"c1"}},
        {"id":"d2","code":"RANGO","name":"CS Rango","level":4,"parent":{"id":"c1"}},
        {"id":"d3","name":"Simbi Health Post","level":6,"parent":{"id":"s1"}}]}"#;
    vec![json.into(), br#"{"organisationUnits":[]}"#.to_vec()]
}

/// The tracker template as a workbook, dates as date-formatted numbers (as Excel saves them).
pub fn xlsx() -> Vec<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let records = mentora_shared::setup::csv::read(tracker::TRACKER_TEMPLATE, tracker::LIMITS)
        .unwrap_or_else(|e| panic!("template: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let dated = Format::new().set_num_format("yyyy-mm-dd");
    for (r, (_, fields)) in records.iter().enumerate() {
        for (c, value) in fields.iter().enumerate() {
            let (row, col) = (r as u32, c as u16);
            let written = match value.parse::<f64>() {
                Ok(number) if r > 0 => sheet.write_number(row, col, number).map(drop),
                _ if r > 0 && c == 9 => sheet
                    .write_number_with_format(row, col, 44_963.0 + r as f64, &dated)
                    .map(drop),
                _ => sheet.write_string(row, col, value).map(drop),
            };
            written.unwrap_or_else(|e| panic!("cell: {e}"));
        }
    }
    vec![
        book.save_to_buffer()
            .unwrap_or_else(|e| panic!("workbook: {e}")),
    ]
}

/// A mentee record made with the app's own document writer, then edited: pushes the capability
/// policy accepts for a mentor of the facility.
pub fn mentee_requests() -> Vec<Vec<u8>> {
    use mentora_shared::documents::mentee::{self, MenteeRecord};
    let record = MenteeRecord {
        name: "Marie Uwase".to_owned(),
        cadre: mentora_shared::domain::Cadre::Midwife,
        facility: "rango-hc".to_owned(),
        phone: None,
        association: None,
        competencies: ["hbb".to_owned()].into(),
    };
    let mut doc = Automerge::new().with_actor(DEVICE.actor());
    mentee::write_new(&mut doc, &record).unwrap_or_else(|e| panic!("mentee: {e}"));
    let created = doc.get_heads();
    let mut edited = record.clone();
    edited.phone = Some("+250 788 000 001".to_owned());
    edited.competencies.insert("kmc".to_owned());
    mentee::update(&mut doc, &edited).unwrap_or_else(|e| panic!("mentee update: {e}"));
    let raw = |from: &[ChangeHash]| -> Vec<Vec<u8>> {
        doc.get_changes(from)
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect()
    };
    let push = |doc_id: u8, changes: Vec<Vec<u8>>, heads: Vec<ChangeHash>| DocPush {
        doc_id: DocId([doc_id; 16]),
        header: DocHeader {
            kind: DocKind::new(mentee::KIND).unwrap_or_else(|e| panic!("kind: {e}")),
            ..header()
        },
        heads,
        changes,
    };
    let reqs = [
        SyncRequest {
            pushes: vec![push(4, raw(&[]), doc.get_heads())],
            ..SyncRequest::default()
        },
        SyncRequest {
            pushes: vec![
                push(5, raw(&[]), doc.get_heads()),
                push(1, raw(&created), Vec::new()),
            ],
            ..SyncRequest::default()
        },
    ];
    reqs.iter().map(wire::encode_request).collect()
}

/// Server answers (snapshot and changes bodies, refusals, documents that left the scope), as
/// the device reads them from the network or from an answer file.
pub fn responses() -> Vec<Vec<u8>> {
    use mentora_shared::sync::wire::{DocBody, DocUpdate, PushOutcome, PushResult, Refusal};
    let (changes, heads) = changes(DEVICE, 2, None);
    let mut doc = Automerge::new();
    for chunk in &changes {
        doc.load_incremental(chunk)
            .unwrap_or_else(|e| panic!("load: {e}"));
    }
    let update = |id: u8, body: DocBody| DocUpdate {
        doc_id: DocId([id; 16]),
        header: header(),
        heads: heads.clone(),
        body,
    };
    let full = wire::SyncResponse {
        token: 7,
        cursor: 12,
        remaining: 1,
        results: vec![
            PushResult {
                doc_id: DocId([1; 16]),
                outcome: PushOutcome::Accepted {
                    heads: heads.clone(),
                },
            },
            PushResult {
                doc_id: DocId([2; 16]),
                outcome: PushOutcome::Refused {
                    reason: Refusal::InvalidChanges,
                    detail: "bad".to_owned(),
                },
            },
        ],
        docs: vec![
            update(1, DocBody::Snapshot(doc.save())),
            update(2, DocBody::Changes(changes.clone())),
        ],
        left: vec![DocId([3; 16])],
        restored: true,
    };
    [wire::SyncResponse::default(), full]
        .iter()
        .map(wire::encode_response)
        .collect()
}

pub fn answer_files() -> Vec<Vec<u8>> {
    responses()
        .iter()
        .enumerate()
        .map(|(i, r)| file::seal(Direction::ToDevice, DEVICE, &VAULT_KEY, [i as u8; 12], r))
        .collect()
}
