//! A shrinking scope takes documents off the device: said once per change, said again if the
//! answer was lost, pushed first where the user may still write, sent whole if it grows back.

use super::super::tests::{ctx, edit, push, run, settle, sync};
use super::*;
use crate::sync::client::{ClientConfig, ClientEvent, ClientSync, LeftScope};
use crate::sync::server::{ServerConfig, handle_request};
use crate::sync::sim::{device_id, district_access, facility_access};
use crate::sync::storage::MemoryStore;
use crate::sync::wire::{self, DocBody, SyncRequest, SyncResponse};

fn id(n: u8) -> DocId {
    DocId([n; 16])
}

/// A supervisor's device stores documents 1 (f1), 2 (f2) and 3 (f3), all in district d1.
fn seeded() -> MemoryStore {
    let mut store = MemoryStore::default();
    let supervisor = ctx(2, district_access("d1"));
    let req = SyncRequest {
        pushes: vec![
            push(1, 2, "d1", "f1"),
            push(2, 2, "d1", "f2"),
            push(3, 2, "d1", "f3"),
        ],
        ..SyncRequest::default()
    };
    run(&mut store, &supervisor, req);
    store
}

fn next(resp: &SyncResponse) -> SyncRequest {
    SyncRequest {
        since: resp.cursor,
        ack: resp.token,
        ..SyncRequest::default()
    }
}

#[test]
fn the_server_names_what_left_until_the_device_acknowledges_it() {
    let mut store = seeded();
    let whole = ctx(0, district_access("d1"));
    let first = run(&mut store, &whole, SyncRequest::default());
    assert_eq!(first.docs.len(), 3);
    assert!(first.left.is_empty(), "a first sync names nothing");
    let second = run(&mut store, &whole, next(&first));
    assert!(second.left.is_empty(), "same scope: nothing left");

    let narrow = ctx(0, facility_access("f1"));
    let shrunk = run(&mut store, &narrow, next(&second));
    assert_eq!(shrunk.left, vec![id(2), id(3)]);
    // That answer was lost: the device asks again with its old cursor and ack.
    let again = run(&mut store, &narrow, next(&second));
    assert_eq!(
        again.left,
        vec![id(2), id(3)],
        "said again until acknowledged"
    );
    let settled = run(&mut store, &narrow, next(&again));
    assert!(settled.left.is_empty(), "acknowledged: said once");

    // The scope grows back: what the device dropped comes back whole.
    let back = run(&mut store, &whole, next(&settled));
    assert!(back.left.is_empty());
    let mut returned: Vec<_> = back.docs.iter().map(|d| d.doc_id).collect();
    returned.sort_unstable();
    assert_eq!(returned, vec![id(2), id(3)]);
    assert!(
        back.docs
            .iter()
            .all(|d| matches!(d.body, DocBody::Snapshot(_)))
    );
}

#[test]
fn documents_delivered_but_not_yet_acknowledged_are_named_too() {
    let mut store = seeded();
    let first = run(
        &mut store,
        &ctx(0, district_access("d1")),
        SyncRequest::default(),
    );
    // The scope shrinks before the device's next request acknowledges the first answer.
    let shrunk = run(&mut store, &ctx(0, facility_access("f1")), next(&first));
    assert_eq!(shrunk.left, vec![id(2), id(3)]);
}

#[test]
fn the_device_offers_its_changes_then_drops_what_left() {
    let mut store = seeded();
    let mut now = 1_000;
    let mut client = ClientSync::new(device_id(0), ClientConfig::default(), 7);
    let whole = ctx(0, district_access("d1"));
    sync(&mut client, &mut store, &whole, &mut now);
    assert_eq!(client.doc_ids().count(), 3);

    // Offline, the mentor edits document 3; meanwhile their places shrink to f1.
    edit(&mut client, 3, now);
    let narrow = ctx(0, facility_access("f1"));
    let out = client
        .handle(now, ClientEvent::SyncNow)
        .send
        .expect("a sync starts");
    // Document 2 is edited while that request is on its way: its change was never offered.
    edit(&mut client, 2, now);
    let handled =
        handle_request(&store, &ServerConfig::default(), &narrow, &out.body).expect("handled");
    store.apply(handled.ops).expect("memory store");
    assert_eq!(handled.response.left, vec![id(2), id(3)]);
    let body = wire::encode_response(&handled.response);
    now += 1;
    let follow_up = client
        .handle(
            now,
            ClientEvent::Response {
                request_id: out.request_id,
                body,
            },
        )
        .send;
    assert_eq!(
        client.doc_ids().collect::<Vec<_>>(),
        vec![id(1), id(2)],
        "document 3 was offered and refused, so it goes; document 2 is offered first"
    );
    assert_eq!(
        client.status().left,
        LeftScope {
            removed: 1,
            unsent: 1
        }
    );
    assert!(follow_up.is_some(), "the unoffered change goes at once");
    settle(&mut client, &mut store, &narrow, &mut now, follow_up);
    assert_eq!(client.doc_ids().collect::<Vec<_>>(), vec![id(1)]);
    assert_eq!(
        client.status().left,
        LeftScope {
            removed: 2,
            unsent: 2
        },
        "the server takes no writes to a document its user may not read: both edits are lost"
    );
    assert_eq!(client.waiting_docs(), 0, "nothing left waiting forever");
}
