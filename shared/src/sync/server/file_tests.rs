//! A tablet with no network syncs by file: its request carried to the server, the answer
//! carried back. Loading the answer twice changes nothing; an old answer moves nothing back.

use super::tests::{ctx, edit, sync};
use super::*;
use crate::sync::client::{ClientConfig, ClientEvent, ClientSync};
use crate::sync::sim::{device_id, district_access, header};
use crate::sync::storage::MemoryStore;

/// What the server does with an uploaded request file: the sync, as for the network.
fn answer(store: &mut MemoryStore, who: &DeviceContext, request: &[u8]) -> Vec<u8> {
    let handled = handle_request(store, &ServerConfig::default(), who, request).expect("handled");
    store.apply(handled.ops).expect("memory store");
    wire::encode_response(&handled.response)
}

#[test]
fn a_request_file_and_its_answer_sync_a_tablet_that_never_goes_online() {
    let mut store = MemoryStore::default();
    let mut now = 1_000;
    let who = ctx(0, district_access("d1"));
    let mut tablet = ClientSync::new(device_id(0), ClientConfig::default(), 1);
    // Signed in once online (a first sign-in needs the network), then offline for good.
    sync(&mut tablet, &mut store, &who, &mut now);
    tablet.handle(now, ClientEvent::Offline);
    // A supervisor's device adds a record the tablet should receive.
    let mut other = ClientSync::new(device_id(1), ClientConfig::default(), 2);
    let other_ctx = ctx(1, district_access("d1"));
    sync(&mut other, &mut store, &other_ctx, &mut now);
    other
        .create_doc(now, DocId([9; 16]), header("d1", Some("f1")))
        .expect("new");
    edit(&mut other, 9, now);
    sync(&mut other, &mut store, &other_ctx, &mut now);

    for n in [1, 2] {
        tablet
            .create_doc(now, DocId([n; 16]), header("d1", Some("f1")))
            .expect("new");
        edit(&mut tablet, n, now);
    }
    let (request, docs) = tablet.file_request();
    assert_eq!(docs, 2);
    assert_eq!(tablet.waiting_docs(), 2, "saving a file sends nothing yet");
    let (again, _) = tablet.file_request();
    assert_eq!(again, request, "the same until an answer comes back");

    let first = answer(&mut store, &who, &request);
    // The same file uploaded twice stores nothing twice.
    let seq = store.last_seq().expect("memory");
    let second = answer(&mut store, &who, &request);
    assert_eq!(store.last_seq().expect("memory"), seq);

    now += 1;
    let (_, loaded) = tablet.load_file_answer(now, &first).expect("an answer");
    assert_eq!((loaded.accepted, loaded.stale), (2, false));
    assert_eq!(loaded.received, 1, "the supervisor's record");
    assert_eq!(tablet.waiting_docs(), 0);
    assert!(tablet.doc(DocId([9; 16])).is_some());

    let docs_before: Vec<_> = tablet.doc_ids().collect();
    let (_, again) = tablet.load_file_answer(now, &first).expect("an answer");
    assert!(again.stale, "loaded twice");
    assert_eq!(tablet.doc_ids().collect::<Vec<_>>(), docs_before);
    assert_eq!(tablet.waiting_docs(), 0);

    // The answer to the second upload is newer; then the first, older one moves nothing back.
    let (_, newer) = tablet.load_file_answer(now, &second).expect("an answer");
    assert!(!newer.stale);
    let (_, older) = tablet.load_file_answer(now, &first).expect("an answer");
    assert!(older.stale);
    let (next, _) = tablet.file_request();
    let next = wire::decode_request(&next, &Limits::REQUEST).expect("a request");
    let second = wire::decode_response(&second, &Limits::RESPONSE).expect("a response");
    assert_eq!(
        (next.since, next.ack),
        (second.cursor, second.token),
        "the cursor stays at the newest answer"
    );
    assert!(
        tablet.load_file_answer(now, b"not an answer").is_err(),
        "bytes that are not an answer are refused"
    );
}
