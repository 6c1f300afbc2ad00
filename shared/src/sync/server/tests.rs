//! Scope enforcement, per-document refusals, idempotent retries and first-sync snapshots.

use automerge::{Automerge, ChangeHash, transaction::Transactable};

use super::*;
use crate::sync::client::{ClientEvent, ClientSync, Outgoing};
use crate::sync::sim::{device_id, district_access, facility_access, header};
use crate::sync::storage::MemoryStore;
use crate::sync::wire::{DocBody, DocPush};

fn changes(device: usize, n: i64) -> (Vec<Vec<u8>>, Vec<ChangeHash>) {
    let mut doc = Automerge::new().with_actor(device_id(device).actor());
    for i in 0..n {
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "n", i).expect("put");
        tx.commit();
    }
    let raw = doc
        .get_changes(&[])
        .iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    (raw, doc.get_heads())
}

pub(super) fn push(doc: u8, device: usize, district: &str, facility: &str) -> DocPush {
    let (changes, heads) = changes(device, 2);
    DocPush {
        doc_id: DocId([doc; 16]),
        header: header(district, Some(facility)),
        heads,
        changes,
    }
}

pub(super) fn ctx(device: usize, access: Access) -> DeviceContext {
    DeviceContext {
        device: device_id(device),
        access,
        actor: None,
        places: None,
        quota_left: None,
    }
}

pub(super) fn run(store: &mut MemoryStore, ctx: &DeviceContext, req: SyncRequest) -> SyncResponse {
    let handled = handle_decoded(store, &ServerConfig::default(), ctx, req).expect("handled");
    store.apply(handled.ops).expect("memory store");
    handled.response
}

/// Runs the device's sync until it has nothing more to send.
pub(super) fn sync(
    client: &mut ClientSync,
    store: &mut MemoryStore,
    who: &DeviceContext,
    now: &mut u64,
) {
    let fx = client.handle(*now, ClientEvent::SyncNow);
    settle(client, store, who, now, fx.send);
}

/// Answers `out` and every follow-up request the device sends.
pub(super) fn settle(
    client: &mut ClientSync,
    store: &mut MemoryStore,
    who: &DeviceContext,
    now: &mut u64,
    mut out: Option<Outgoing>,
) {
    for _ in 0..20 {
        let Some(sent) = out.take() else {
            return;
        };
        let handled =
            handle_request(store, &ServerConfig::default(), who, &sent.body).expect("handled");
        store.apply(handled.ops).expect("memory store");
        *now += 1;
        let body = wire::encode_response(&handled.response);
        let request_id = sent.request_id;
        out = client
            .handle(*now, ClientEvent::Response { request_id, body })
            .send;
    }
    panic!("sync did not settle");
}

pub(super) fn edit(client: &mut ClientSync, doc: u8, now: u64) {
    client
        .edit(now, DocId([doc; 16]), |d| {
            let mut tx = d.transaction();
            tx.put(automerge::ROOT, "note", "edited offline")
                .expect("put");
            tx.commit();
        })
        .expect("on the device");
}

fn outcome(resp: &SyncResponse, doc: u8) -> &PushOutcome {
    let r = resp
        .results
        .iter()
        .find(|r| r.doc_id == DocId([doc; 16]))
        .expect("result");
    &r.outcome
}

#[track_caller]
fn check_refused(resp: &SyncResponse, doc: u8, expect: Refusal) {
    match outcome(resp, doc) {
        PushOutcome::Refused { reason, .. } => assert_eq!(*reason, expect),
        other => panic!("expected refusal {expect:?}, got {other:?}"),
    }
}

#[test]
fn one_bad_document_never_blocks_the_rest() {
    let mut store = MemoryStore::default();
    let mentor = ctx(0, facility_access("f1"));
    let mut corrupt = push(3, 0, "d1", "f1");
    corrupt.changes[0][10] ^= 0xff;
    let forged = push(4, 1, "d1", "f1");
    let req = SyncRequest {
        pushes: vec![
            push(1, 0, "d1", "f1"),
            push(2, 0, "d1", "f2"),
            corrupt,
            forged,
        ],
        ..SyncRequest::default()
    };
    let resp = run(&mut store, &mentor, req);
    assert!(matches!(outcome(&resp, 1), PushOutcome::Accepted { .. }));
    check_refused(&resp, 2, Refusal::OutOfScope);
    check_refused(&resp, 3, Refusal::InvalidChanges);
    check_refused(&resp, 4, Refusal::ForeignActor);
    for doc in [2, 3, 4] {
        assert!(
            store.load_doc(DocId([doc; 16])).ok().flatten().is_none(),
            "doc {doc} not stored"
        );
    }
    // Changing a stored document's home (e.g. moving it to another facility) is refused.
    let mut moved = push(1, 0, "d1", "f1");
    moved.header.kind = crate::sync::DocKind::new("mentee").expect("kind");
    let resp = run(
        &mut store,
        &mentor,
        SyncRequest {
            pushes: vec![moved],
            ..SyncRequest::default()
        },
    );
    check_refused(&resp, 1, Refusal::HeaderMismatch);
}

#[test]
fn reads_are_scoped_and_first_sync_gets_snapshots() {
    let mut store = MemoryStore::default();
    let supervisor = ctx(2, district_access("d1"));
    let req = SyncRequest {
        pushes: vec![push(1, 2, "d1", "f1"), push(2, 2, "d1", "f2")],
        ..SyncRequest::default()
    };
    run(&mut store, &supervisor, req);
    let mentor = ctx(0, facility_access("f1"));
    let resp = run(&mut store, &mentor, SyncRequest::default());
    let ids: Vec<_> = resp.docs.iter().map(|d| d.doc_id).collect();
    assert_eq!(
        ids,
        vec![DocId([1; 16])],
        "the f1 mentor gets only the f1 document"
    );
    assert!(
        matches!(resp.docs[0].body, DocBody::Snapshot(_)),
        "first sync: compacted save"
    );
    let outsider = ctx(3, facility_access("f3"));
    assert!(
        run(&mut store, &outsider, SyncRequest::default())
            .docs
            .is_empty()
    );
}

#[test]
fn retried_requests_store_nothing_twice() {
    let mut store = MemoryStore::default();
    let mentor = ctx(0, facility_access("f1"));
    let req = SyncRequest {
        pushes: vec![push(1, 0, "d1", "f1")],
        ..SyncRequest::default()
    };
    let first = run(&mut store, &mentor, req.clone());
    let seq = store.last_seq().ok();
    let handled = handle_decoded(&store, &ServerConfig::default(), &mentor, req).expect("handled");
    assert!(
        !handled
            .ops
            .iter()
            .any(|op| matches!(op, StoreOp::AppendChanges { .. } | StoreOp::PutDoc { .. })),
        "a retried push appends nothing"
    );
    store.apply(handled.ops).expect("memory store");
    assert_eq!(
        store.last_seq().ok(),
        seq,
        "and does not move the document's seq"
    );
    assert_eq!(outcome(&handled.response, 1), outcome(&first, 1));
    assert!(
        handled.response.docs.is_empty(),
        "the device's own changes are not echoed back"
    );
}

#[test]
fn acked_responses_make_the_next_one_a_delta() {
    let mut store = MemoryStore::default();
    let (a, b) = (ctx(0, facility_access("f1")), ctx(1, facility_access("f1")));
    run(
        &mut store,
        &a,
        SyncRequest {
            pushes: vec![push(1, 0, "d1", "f1")],
            ..SyncRequest::default()
        },
    );
    let lost = run(&mut store, &b, SyncRequest::default());
    assert!(matches!(lost.docs[0].body, DocBody::Snapshot(_)));
    // That response was lost: unacknowledged, it proves nothing, so the retry is whole again.
    let first = run(&mut store, &b, SyncRequest::default());
    assert!(matches!(first.docs[0].body, DocBody::Snapshot(_)));
    // a edits again (its own doc, more changes).
    let (changes, heads) = changes(0, 3);
    let more = DocPush {
        doc_id: DocId([1; 16]),
        header: header("d1", Some("f1")),
        heads,
        changes,
    };
    run(
        &mut store,
        &a,
        SyncRequest {
            since: 1,
            ack: 1,
            pushes: vec![more],
            ..SyncRequest::default()
        },
    );
    let next = SyncRequest {
        since: first.cursor,
        ack: first.token,
        ..SyncRequest::default()
    };
    let resp = run(&mut store, &b, next);
    match &resp.docs[0].body {
        DocBody::Changes(c) => assert_eq!(c.len(), 1, "only the change b lacks"),
        other => panic!("expected a delta, got {other:?}"),
    }
}

#[test]
fn malformed_bodies_are_bad_requests() {
    let store = MemoryStore::default();
    let err = handle_request(
        &store,
        &ServerConfig::default(),
        &ctx(0, facility_access("f1")),
        b"junk",
    );
    assert!(matches!(
        err,
        Err(ServerError::BadRequest(
            WireError::Truncated | WireError::BadMagic
        ))
    ));
}

/// A push from a device whose app upgraded the document's body raises the stored schema
/// version; a later push from a device that has not seen the upgrade never lowers it, and its
/// changes are still kept.
#[test]
fn schema_version_only_rises() {
    let mut store = MemoryStore::default();
    let mentor = ctx(0, facility_access("f1"));
    let doc = DocId([1; 16]);
    let mut doc_a = Automerge::new().with_actor(device_id(0).actor());
    let mut send = |doc_a: &mut Automerge, version: u32, n: i64| {
        let before = doc_a.get_heads();
        let mut tx = doc_a.transaction();
        tx.put(automerge::ROOT, "n", n).expect("put");
        tx.commit();
        let mut header = header("d1", Some("f1"));
        header.schema_version = version;
        let changes = doc_a
            .get_changes(&before)
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect();
        let req = SyncRequest {
            pushes: vec![DocPush {
                doc_id: doc,
                header,
                heads: doc_a.get_heads(),
                changes,
            }],
            ..SyncRequest::default()
        };
        let resp = run(&mut store, &mentor, req);
        assert!(matches!(outcome(&resp, 1), PushOutcome::Accepted { .. }));
        store
            .load_doc(doc)
            .expect("load")
            .expect("stored")
            .header
            .map_or(0, |h| h.schema_version)
    };
    assert_eq!(send(&mut doc_a, 1, 1), 1);
    assert_eq!(send(&mut doc_a, 3, 2), 3, "an upgrade raises it");
    assert_eq!(send(&mut doc_a, 1, 3), 3, "an older writer never lowers it");
    // Devices reading it get the raised header.
    let resp = run(
        &mut store,
        &ctx(2, district_access("d1")),
        SyncRequest::default(),
    );
    assert_eq!(resp.docs[0].header.schema_version, 3);
}
