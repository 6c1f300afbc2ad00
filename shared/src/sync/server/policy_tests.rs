//! The sync core with an actor and places: the capability policy, header checks and foreign
//! ids, without HTTP (server/tests/integration/policy.rs covers the same over the wire).

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ChangeHash};

use super::*;
use crate::policy::Role;
use crate::sync::sim::{device_id, facility_access};
use crate::sync::storage::conformance::{header, place};
use crate::sync::storage::{MemoryStore, StoredDoc};
use crate::sync::wire::DocPush;
use crate::sync::{DocKind, ScopeSet};

fn places() -> Places {
    Places {
        districts: [place("d1"), place("d2")].into(),
        facilities: [(place("f1"), place("d1")), (place("f2"), place("d1"))].into(),
    }
}

fn ctx(device: usize, role: Role, access: Access) -> DeviceContext {
    DeviceContext {
        device: device_id(device),
        access,
        actor: Some(Actor {
            role,
            username: format!("user{device}"),
        }),
        places: Some(places()),
        quota_left: None,
    }
}

/// One change by `device` putting `key` at the root.
fn push(doc: u8, device: usize, kind: &str, facility: &str, key: &str) -> DocPush {
    let mut d = Automerge::new().with_actor(device_id(device).actor());
    let mut tx = d.transaction();
    tx.put(automerge::ROOT, key, "x").expect("put");
    tx.commit();
    let mut header = header("d1", Some(facility));
    header.kind = DocKind::new(kind).expect("kind");
    DocPush {
        doc_id: DocId([doc; 16]),
        header,
        heads: d.get_heads(),
        changes: d
            .get_changes(&[])
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    }
}

fn run(store: &mut MemoryStore, ctx: &DeviceContext, pushes: Vec<DocPush>) -> Vec<PushOutcome> {
    let req = SyncRequest {
        pushes,
        ..SyncRequest::default()
    };
    let handled = handle_decoded(store, &ServerConfig::default(), ctx, req).expect("handled");
    store.apply(handled.ops).expect("memory store");
    handled
        .response
        .results
        .into_iter()
        .map(|r| r.outcome)
        .collect()
}

fn reason(outcome: &PushOutcome) -> Option<Refusal> {
    match outcome {
        PushOutcome::Accepted { .. } => None,
        PushOutcome::Refused { reason, .. } => Some(*reason),
    }
}

#[test]
fn pushes_are_judged_by_kind_version_places_and_policy() {
    let mut store = MemoryStore::default();
    let mentor = ctx(0, Role::Mentor, facility_access("f1"));
    let mut newer = push(5, 0, "visit", "f1", "note");
    newer.header.schema_version = 9;
    let mut misplaced = push(6, 0, "visit", "f1", "note");
    misplaced.header.scope.district = place("d2");
    let outcomes = run(
        &mut store,
        &mentor,
        vec![
            push(1, 0, "visit", "f1", "note"),
            push(2, 0, "comment", "f1", "text"),
            push(3, 0, "supervision", "f1", "notes"),
            push(4, 0, "catalogue", "f1", "note"),
            newer,
            misplaced,
        ],
    );
    let reasons: Vec<_> = outcomes.iter().map(reason).collect();
    assert_eq!(
        reasons,
        [
            None,
            Some(Refusal::NotPermitted),
            Some(Refusal::NotPermitted),
            Some(Refusal::Unsupported),
            Some(Refusal::Unsupported),
            Some(Refusal::OutOfScope),
        ]
    );
    for doc in 2..=6 {
        assert!(store.load_doc(DocId([doc; 16])).expect("load").is_none());
    }
    let supervisor = ctx(1, Role::Supervisor, facility_access("f1"));
    let outcomes = run(
        &mut store,
        &supervisor,
        vec![push(2, 1, "comment", "f1", "text")],
    );
    assert_eq!(reason(&outcomes[0]), None);
}

#[test]
fn someone_elses_document_answers_like_an_unused_id() {
    let mut store = MemoryStore::default();
    let everything = Access {
        read: ScopeSet {
            everything: true,
            ..ScopeSet::default()
        },
        write: ScopeSet {
            everything: true,
            ..ScopeSet::default()
        },
    };
    let admin = ctx(0, Role::Admin, everything);
    run(&mut store, &admin, vec![push(1, 0, "visit", "f2", "note")]);
    let before: Vec<ChangeHash> = stored_heads(&store, 1);
    let mentor = ctx(1, Role::Mentor, facility_access("f1"));
    let outcomes = run(
        &mut store,
        &mentor,
        vec![
            push(1, 1, "visit", "f1", "probe"),
            push(2, 1, "visit", "f1", "probe"),
        ],
    );
    assert_eq!(outcomes[0], outcomes[1]);
    assert_eq!(
        stored_heads(&store, 1),
        before,
        "the foreign document is untouched"
    );
}

fn stored_heads(store: &MemoryStore, doc: u8) -> Vec<ChangeHash> {
    let stored = store
        .load_doc(DocId([doc; 16]))
        .expect("load")
        .expect("stored");
    let mut d = Automerge::new();
    for chunk in stored.snapshot.iter().chain(&stored.changes) {
        d.load_incremental(chunk).expect("load");
    }
    d.get_heads()
}

#[test]
fn the_quota_refuses_what_would_exceed_it() {
    let mut store = MemoryStore::default();
    let mut mentor = ctx(0, Role::Mentor, facility_access("f1"));
    mentor.quota_left = Some(10);
    let outcomes = run(&mut store, &mentor, vec![push(1, 0, "visit", "f1", "note")]);
    assert_eq!(reason(&outcomes[0]), Some(Refusal::TooLarge));
    mentor.quota_left = Some(10_000);
    let outcomes = run(&mut store, &mentor, vec![push(1, 0, "visit", "f1", "note")]);
    assert_eq!(reason(&outcomes[0]), None);
}

/// A change by `device` on top of what `stored` holds.
fn change_on(stored: &StoredDoc, device: usize, doc: u8, key: &str) -> (DocPush, ChangeHash) {
    let mut d = Automerge::new().with_actor(device_id(device).actor());
    for chunk in stored.snapshot.iter().chain(&stored.changes) {
        d.load_incremental(chunk).expect("load");
    }
    let before = d.get_heads();
    let mut tx = d.transaction();
    tx.put(automerge::ROOT, key, "y").expect("put");
    let hash = tx.commit().0.expect("a change");
    let push = DocPush {
        doc_id: DocId([doc; 16]),
        header: header("d1", Some("f1")),
        heads: d.get_heads(),
        changes: d
            .get_changes(&before)
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    };
    (push, hash)
}

#[test]
fn a_preloaded_copy_is_used_only_while_the_document_is_unchanged() {
    let mut store = MemoryStore::default();
    let mentor = ctx(0, Role::Mentor, facility_access("f1"));
    run(&mut store, &mentor, vec![push(1, 0, "visit", "f1", "note")]);
    let read_early = store
        .load_doc(DocId([1; 16]))
        .expect("load")
        .expect("stored");
    // Another tablet updates the document after the adapter's read...
    let (theirs, their_hash) = change_on(&read_early, 1, 1, "theirs");
    run(
        &mut store,
        &ctx(1, Role::Mentor, facility_access("f1")),
        vec![theirs],
    );
    // ...so the stale preloaded copy must not be used.
    let (mine, my_hash) = change_on(&read_early, 0, 1, "mine");
    let cfg = ServerConfig::default();
    let req = SyncRequest {
        pushes: vec![mine],
        ..SyncRequest::default()
    };
    let mut prepared = prepare_decoded(req, &cfg);
    assert_eq!(prepared.pushed_docs(), vec![DocId([1; 16])]);
    prepared.preload(vec![(DocId([1; 16]), read_early)]);
    let handled = handle_prepared(&store, &cfg, &mentor, prepared).expect("handled");
    let mut expect = vec![their_hash, my_hash];
    expect.sort_unstable();
    assert_eq!(
        handled.response.results[0].outcome,
        PushOutcome::Accepted {
            heads: expect.clone()
        },
        "the server's heads include the other tablet's update"
    );
    store.apply(handled.ops).expect("memory store");
    let mut heads = stored_heads(&store, 1);
    heads.sort_unstable();
    assert_eq!(heads, expect, "both updates are kept");

    // A fresh preload is used as is, with the same outcome as loading inside.
    let fresh = store
        .load_doc(DocId([1; 16]))
        .expect("load")
        .expect("stored");
    let (again, again_hash) = change_on(&fresh, 0, 1, "again");
    let req = SyncRequest {
        pushes: vec![again],
        ..SyncRequest::default()
    };
    let mut prepared = prepare_decoded(req, &cfg);
    prepared.preload(vec![(DocId([1; 16]), fresh)]);
    let handled = handle_prepared(&store, &cfg, &mentor, prepared).expect("handled");
    store.apply(handled.ops).expect("memory store");
    assert_eq!(stored_heads(&store, 1), vec![again_hash]);
}

#[test]
fn a_document_may_not_grow_beyond_its_op_cap() {
    let mut store = MemoryStore::default();
    let mentor = ctx(0, Role::Mentor, facility_access("f1"));
    let cfg = ServerConfig {
        max_doc_ops: 3,
        ..ServerConfig::default()
    };
    let mut d = Automerge::new().with_actor(device_id(0).actor());
    let mut tx = d.transaction();
    for key in ["a", "b", "c", "d"] {
        tx.put(automerge::ROOT, key, "x").expect("put");
    }
    tx.commit();
    let big = DocPush {
        doc_id: DocId([1; 16]),
        header: header("d1", Some("f1")),
        heads: d.get_heads(),
        changes: d
            .get_changes(&[])
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    };
    let req = SyncRequest {
        pushes: vec![big, push(2, 0, "visit", "f1", "note")],
        ..SyncRequest::default()
    };
    let handled = handle_decoded(&store, &cfg, &mentor, req).expect("handled");
    store.apply(handled.ops).expect("memory store");
    let reasons: Vec<_> = handled
        .response
        .results
        .iter()
        .map(|r| reason(&r.outcome))
        .collect();
    assert_eq!(reasons, [Some(Refusal::TooLarge), None]);
    assert!(store.load_doc(DocId([1; 16])).expect("load").is_none());
}
