//! The one conformance suite every [`ServerStore`] must pass (STYLE item 3).
//!
//! Call [`run`] from the implementation's tests with a factory for empty stores. It panics
//! with a description of the first broken expectation, like any test assertion.

use automerge::{ChangeHash, ReadDoc, transaction::Transactable};

use super::{DeviceState, Pending, ServerStore, StoreOp};
use crate::sync::types::{DeviceId, DocHeader, DocId, DocKind, PlaceId, Scope, ScopeSet};

pub(crate) fn place(name: &str) -> PlaceId {
    PlaceId::new(name).expect("valid place name")
}

/// A `visit` document's header in `district` (and `facility`), for tests.
pub(crate) fn header(district: &str, facility: Option<&str>) -> DocHeader {
    DocHeader {
        kind: DocKind::new("visit").expect("valid kind"),
        schema_version: 1,
        scope: Scope {
            district: place(district),
            facility: facility.map(place),
        },
    }
}

fn change_chunks(actor: u8, n: usize) -> (Vec<Vec<u8>>, Vec<u8>, Vec<ChangeHash>) {
    let mut doc =
        automerge::Automerge::new().with_actor(automerge::ActorId::from(&[actor; 16][..]));
    for i in 0..n {
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "n", i as i64).expect("put");
        tx.commit();
    }
    let chunks = doc
        .get_changes(&[])
        .iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    (chunks, doc.save(), doc.get_heads())
}

fn check<S: ServerStore>(store: &mut S, ops: Vec<StoreOp>) {
    store
        .apply(ops)
        .unwrap_or_else(|e| panic!("apply failed: {e}"));
}

/// Runs every expectation against fresh stores from `make`.
pub fn run<S: ServerStore>(mut make: impl FnMut() -> S) {
    documents_round_trip(&mut make());
    schema_version_only_rises(&mut make());
    changed_since_filters_by_scope_and_pages(&mut make());
    device_state_round_trips(&mut make());
}

fn documents_round_trip<S: ServerStore>(store: &mut S) {
    let id = DocId([1; 16]);
    assert_eq!(
        store.last_seq().ok(),
        Some(0),
        "an empty store has last_seq 0"
    );
    assert!(
        store.load_doc(id).ok().flatten().is_none(),
        "an unknown document loads as None"
    );
    let (chunks, snapshot, heads) = change_chunks(7, 3);
    let author = DeviceId([7; 16]);
    check(
        store,
        vec![
            StoreOp::PutDoc {
                doc_id: id,
                header: header("d1", Some("f1")),
                seq: 1,
            },
            StoreOp::AppendChanges {
                doc_id: id,
                author,
                changes: chunks[..2].to_vec(),
            },
        ],
    );
    assert_eq!(
        store.doc_scope(id).ok().flatten(),
        Some(header("d1", Some("f1")).scope)
    );
    assert_eq!(store.doc_scope(DocId([9; 16])).ok().flatten(), None);
    check(
        store,
        vec![
            StoreOp::PutDoc {
                doc_id: id,
                header: header("d1", Some("f1")),
                seq: 2,
            },
            StoreOp::AppendChanges {
                doc_id: id,
                author,
                changes: chunks[2..].to_vec(),
            },
        ],
    );
    let doc = store
        .load_doc(id)
        .ok()
        .flatten()
        .expect("stored document loads");
    assert_eq!(doc.header, Some(header("d1", Some("f1"))));
    assert_eq!(doc.seq, 2, "PutDoc moves the document to the new seq");
    assert_eq!(doc.changes, chunks, "appended chunks come back in order");
    assert_eq!(store.last_seq().ok(), Some(2));

    check(
        store,
        vec![StoreOp::Compact {
            doc_id: id,
            snapshot: snapshot.clone(),
        }],
    );
    let doc = store
        .load_doc(id)
        .ok()
        .flatten()
        .expect("compacted document loads");
    assert_eq!(
        doc.snapshot.as_deref(),
        Some(&snapshot[..]),
        "compaction stores the snapshot"
    );
    assert!(
        doc.changes.is_empty(),
        "compaction replaces the appended chunks"
    );
    let loaded = automerge::Automerge::load(&snapshot).expect("snapshot loads");
    assert_eq!(loaded.get_heads(), heads);
    assert!(loaded.get(automerge::ROOT, "n").is_ok());
}

fn changed_since_filters_by_scope_and_pages<S: ServerStore>(store: &mut S) {
    let docs = [
        (DocId([1; 16]), header("d1", Some("f1"))),
        (DocId([2; 16]), header("d1", Some("f2"))),
        (DocId([3; 16]), header("d2", Some("f3"))),
        (DocId([4; 16]), header("d1", None)),
    ];
    let ops = docs
        .iter()
        .enumerate()
        .map(|(i, (id, h))| StoreOp::PutDoc {
            doc_id: *id,
            header: h.clone(),
            seq: i as u64 + 1,
        })
        .collect();
    check(store, ops);
    // Document 1 is updated again: it now sorts last.
    check(
        store,
        vec![StoreOp::PutDoc {
            doc_id: docs[0].0,
            header: docs[0].1.clone(),
            seq: 5,
        }],
    );

    let f1 = ScopeSet {
        facilities: [place("f1")].into(),
        ..ScopeSet::default()
    };
    let d1 = ScopeSet {
        districts: [place("d1")].into(),
        ..ScopeSet::default()
    };
    let all = ScopeSet {
        everything: true,
        ..ScopeSet::default()
    };
    let page = |s: &S, scope: &ScopeSet, since, limit| {
        s.changed_since(scope, since, limit)
            .unwrap_or_else(|e| panic!("changed_since: {e}"))
    };
    let p = page(store, &f1, 0, 10);
    assert_eq!(
        p.docs,
        vec![(docs[0].0, 5)],
        "a facility scope sees only its facility"
    );
    let p = page(store, &d1, 0, 10);
    let ids: Vec<_> = p.docs.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        vec![docs[1].0, docs[3].0, docs[0].0],
        "district scope, ascending seq"
    );
    let p = page(store, &all, 2, 2);
    assert_eq!(
        p.docs,
        vec![(docs[2].0, 3), (docs[3].0, 4)],
        "since is exclusive"
    );
    assert_eq!(p.remaining, 1, "remaining counts matches beyond the limit");
    assert!(
        page(store, &all, 5, 10).docs.is_empty(),
        "nothing after the last seq"
    );
    assert_eq!(store.last_seq().ok(), Some(5));
}

fn device_state_round_trips<S: ServerStore>(store: &mut S) {
    let dev = DeviceId([9; 16]);
    let other = DeviceId([8; 16]);
    let (a, b) = (DocId([1; 16]), DocId([2; 16]));
    assert!(
        store.device(dev).ok().flatten().is_none(),
        "unknown device has no state"
    );
    let (_, _, heads) = change_chunks(1, 2);
    let state = DeviceState {
        read_scope: ScopeSet {
            districts: [place("d1")].into(),
            ..ScopeSet::default()
        },
        last_token: 3,
        pending: Some(Pending {
            token: 3,
            docs: vec![(a, heads.clone())],
            left: vec![DocId([5; 16]), DocId([6; 16])],
        }),
    };
    check(
        store,
        vec![
            StoreOp::PutDevice {
                device: dev,
                state: state.clone(),
            },
            StoreOp::PutDeviceDocHeads {
                device: dev,
                doc_id: a,
                heads: heads.clone(),
            },
            StoreOp::PutDeviceDocHeads {
                device: dev,
                doc_id: b,
                heads: heads.clone(),
            },
            StoreOp::PutDeviceDocHeads {
                device: other,
                doc_id: a,
                heads: heads.clone(),
            },
        ],
    );
    assert_eq!(store.device(dev).ok().flatten(), Some(state));
    assert_eq!(
        store.device_doc_heads(dev, a).ok().flatten(),
        Some(heads.clone())
    );
    assert_eq!(store.device_doc_ids(dev).ok(), Some(vec![a, b]));
    assert_eq!(store.device_doc_ids(other).ok(), Some(vec![a]));
    check(
        store,
        vec![StoreOp::DropDeviceDocHeads {
            device: dev,
            doc_id: a,
        }],
    );
    assert_eq!(
        store.device_doc_heads(dev, a).ok().flatten(),
        None,
        "drop forgets one doc"
    );
    assert!(store.device_doc_heads(dev, b).ok().flatten().is_some());
    check(store, vec![StoreOp::ClearDeviceDocHeads { device: dev }]);
    assert_eq!(
        store.device_doc_heads(dev, b).ok().flatten(),
        None,
        "clear forgets all"
    );
    assert_eq!(
        store.device_doc_heads(other, a).ok().flatten(),
        Some(heads),
        "clearing one device leaves others alone"
    );
}

fn schema_version_only_rises<S: ServerStore>(store: &mut S) {
    let id = DocId([2; 16]);
    let with_version = |schema_version| DocHeader {
        schema_version,
        ..header("d1", Some("f1"))
    };
    for (seq, version, expect) in [(1, 1, 1), (2, 3, 3), (3, 2, 3)] {
        check(
            store,
            vec![StoreOp::PutDoc {
                doc_id: id,
                header: with_version(version),
                seq,
            }],
        );
        let stored = store.load_doc(id).ok().flatten().expect("stored document");
        assert_eq!(
            stored.header.map(|h| h.schema_version),
            Some(expect),
            "after PutDoc with schema {version} the header keeps the highest version"
        );
    }
}
