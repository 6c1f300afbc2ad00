//! The one conformance suite every [`DeviceStore`] must pass (STYLE item 3).
//!
//! [`run`] takes a factory for empty stores: each case stores its batches of
//! [`ClientPersist`] effects in a fresh store, then checks what a cold start loads against the
//! expectation written out by hand (not computed by the code under test). It panics with the
//! case's name on the first broken expectation, like any test assertion. [`all_or_nothing`]
//! is for stores whose writes can fail (the simulation's disk cannot).
//!
//! The cases follow the effects: appends (`DocBytes`), compaction, server heads, the cursor,
//! forgetting a document, the resync list, and all of them mixed as a cold start sees them.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use automerge::ChangeHash;

use super::DeviceStore;
use crate::sync::client::{ClientPersist, ClientSaved, SavedDoc};
use crate::sync::storage::conformance::header as visit_header;
use crate::sync::types::{DocHeader, DocId};

/// The output of a future that is ready at once (a store that never waits); panics otherwise.
pub fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a store that never waits returned a pending future"),
    }
}

/// Runs every case against fresh stores from `make`.
pub async fn run<S: DeviceStore>(mut make: impl AsyncFnMut() -> S) {
    for case in cases() {
        let mut store = make().await;
        for (i, batch) in case.batches.iter().enumerate() {
            if let Err(e) = store.persist(batch).await {
                panic!("{}: batch {i} failed: {e}", case.name);
            }
        }
        let loaded = load(&store, case.name).await;
        assert_eq!(loaded, case.expect, "{}", case.name);
        let again = load(&store, case.name).await;
        assert_eq!(again, loaded, "{}: a second load differs", case.name);
    }
}

/// A batch that fails part-way leaves the store as it was. `break_blob_writes` must make the
/// store fail to write a blob (and nothing earlier), `mend` undo that. Takes an empty store.
pub async fn all_or_nothing<S: DeviceStore>(
    store: &mut S,
    break_blob_writes: impl FnOnce(),
    mend: impl FnOnce(),
) {
    let before = vec![
        bytes(A, 1, "a1"),
        heads(A, &[1]),
        ClientPersist::Cursor { cursor: 3, ack: 2 },
        ClientPersist::Resync { docs: vec![B] },
    ];
    if let Err(e) = store.persist(&before).await {
        panic!("all or nothing: the first batch failed: {e}");
    }
    break_blob_writes();
    let failing = [
        ClientPersist::Cursor { cursor: 9, ack: 9 },
        ClientPersist::Resync { docs: vec![] },
        heads(A, &[2]),
        ClientPersist::Forget { doc_id: B },
        compact(A, 1, "lost"),
    ];
    let failed = store.persist(&failing).await.is_err();
    mend();
    assert!(failed, "all or nothing: the broken batch reported success");
    let loaded = load(store, "all or nothing").await;
    let expect = saved(3, 2, vec![doc(A, 1, &["a1"], &[1])], vec![B]);
    assert_eq!(
        loaded, expect,
        "all or nothing: a failed batch left some of its writes"
    );
}

async fn load<S: DeviceStore>(store: &S, case: &str) -> ClientSaved {
    match store.load().await {
        Ok(saved) => saved,
        Err(e) => panic!("{case}: load failed: {e}"),
    }
}

struct Case {
    name: &'static str,
    batches: Vec<Vec<ClientPersist>>,
    expect: ClientSaved,
}

// Ids out of write order, so "documents in id order" is checked: A is written first.
const A: DocId = DocId([5; 16]);
const B: DocId = DocId([2; 16]);
const C: DocId = DocId([9; 16]);

fn header(schema_version: u32) -> DocHeader {
    DocHeader {
        schema_version,
        ..visit_header("d1", Some("f1"))
    }
}

fn hashes(of: &[u8]) -> Vec<ChangeHash> {
    of.iter().map(|n| ChangeHash([*n; 32])).collect()
}

fn bytes(doc_id: DocId, schema: u32, text: &str) -> ClientPersist {
    ClientPersist::DocBytes {
        doc_id,
        header: header(schema),
        bytes: text.as_bytes().to_vec(),
    }
}

fn compact(doc_id: DocId, schema: u32, text: &str) -> ClientPersist {
    ClientPersist::Compact {
        doc_id,
        header: header(schema),
        bytes: text.as_bytes().to_vec(),
    }
}

fn heads(doc_id: DocId, of: &[u8]) -> ClientPersist {
    ClientPersist::DocServerHeads {
        doc_id,
        heads: hashes(of),
    }
}

fn doc(doc_id: DocId, schema: u32, blobs: &[&str], heads: &[u8]) -> SavedDoc {
    SavedDoc {
        doc_id,
        header: header(schema),
        blobs: blobs.iter().map(|b| b.as_bytes().to_vec()).collect(),
        server_heads: hashes(heads),
    }
}

fn saved(cursor: u64, ack: u64, docs: Vec<SavedDoc>, resync: Vec<DocId>) -> ClientSaved {
    ClientSaved {
        cursor,
        ack,
        docs,
        resync,
    }
}

fn nothing() -> ClientSaved {
    saved(0, 0, vec![], vec![])
}

fn cases() -> Vec<Case> {
    use ClientPersist::{Cursor, Forget, Resync};
    vec![
        Case {
            name: "an empty store loads as nothing",
            batches: vec![],
            expect: nothing(),
        },
        Case {
            name: "an empty batch writes nothing",
            batches: vec![vec![]],
            expect: nothing(),
        },
        Case {
            name: "appended blobs come back in order, documents in id order, newest schema",
            batches: vec![
                vec![bytes(A, 1, "a1")],
                vec![bytes(A, 3, "a2"), bytes(B, 1, "b1")],
                vec![bytes(A, 2, "a3")],
            ],
            expect: saved(
                0,
                0,
                vec![doc(B, 1, &["b1"], &[]), doc(A, 3, &["a1", "a2", "a3"], &[])],
                vec![],
            ),
        },
        Case {
            name: "compaction replaces every blob, also those appended in its batch",
            batches: vec![
                vec![bytes(A, 1, "a1"), bytes(B, 1, "b1")],
                vec![bytes(A, 1, "a2"), compact(A, 2, "snapshot")],
                vec![bytes(A, 2, "a3")],
                vec![compact(C, 1, "first")],
            ],
            expect: saved(
                0,
                0,
                vec![
                    doc(B, 1, &["b1"], &[]),
                    doc(A, 2, &["snapshot", "a3"], &[]),
                    doc(C, 1, &["first"], &[]),
                ],
                vec![],
            ),
        },
        Case {
            name: "server heads are put, overwritten, and kept by a compaction",
            batches: vec![
                vec![bytes(A, 1, "a1"), heads(A, &[1])],
                vec![heads(A, &[2, 3]), bytes(B, 1, "b1"), heads(B, &[4])],
                vec![compact(A, 1, "snapshot")],
            ],
            expect: saved(
                0,
                0,
                vec![doc(B, 1, &["b1"], &[4]), doc(A, 1, &["snapshot"], &[2, 3])],
                vec![],
            ),
        },
        Case {
            name: "heads of a document without blobs wait for its blobs",
            batches: vec![
                vec![heads(A, &[1])],
                vec![heads(B, &[2])],
                vec![bytes(B, 1, "b1")],
            ],
            expect: saved(0, 0, vec![doc(B, 1, &["b1"], &[2])], vec![]),
        },
        Case {
            name: "the last cursor and ack written win",
            batches: vec![
                vec![Cursor { cursor: 3, ack: 1 }],
                vec![Cursor { cursor: 7, ack: 2 }, Cursor { cursor: 9, ack: 4 }],
            ],
            expect: saved(9, 4, vec![], vec![]),
        },
        Case {
            name: "forget removes the blobs and heads in one batch, and nothing else",
            batches: vec![
                vec![
                    bytes(A, 1, "a1"),
                    bytes(A, 1, "a2"),
                    heads(A, &[1]),
                    bytes(B, 1, "b1"),
                    heads(B, &[2]),
                    Cursor { cursor: 5, ack: 5 },
                    Resync { docs: vec![A] },
                ],
                vec![Forget { doc_id: A }],
            ],
            expect: saved(5, 5, vec![doc(B, 1, &["b1"], &[2])], vec![A]),
        },
        Case {
            name: "a document forgotten and stored again in one batch starts afresh",
            batches: vec![
                vec![bytes(A, 2, "old"), heads(A, &[1])],
                vec![Forget { doc_id: A }, bytes(A, 1, "new")],
            ],
            expect: saved(0, 0, vec![doc(A, 1, &["new"], &[])], vec![]),
        },
        Case {
            name: "forgetting an unknown document is harmless",
            batches: vec![vec![Forget { doc_id: C }], vec![bytes(A, 1, "a1")]],
            expect: saved(0, 0, vec![doc(A, 1, &["a1"], &[])], vec![]),
        },
        Case {
            name: "the resync list is replaced, and emptied",
            batches: vec![
                vec![Resync { docs: vec![A, B] }],
                vec![Resync { docs: vec![C, A] }],
                vec![bytes(A, 1, "a1"), Resync { docs: vec![] }],
            ],
            expect: saved(0, 0, vec![doc(A, 1, &["a1"], &[])], vec![]),
        },
        Case {
            name: "a resync list keeps its order",
            batches: vec![vec![Resync { docs: vec![C, A] }]],
            expect: saved(0, 0, vec![], vec![C, A]),
        },
        Case {
            name: "a cold start loads exactly what a session wrote",
            batches: vec![
                vec![compact(A, 1, "a-snapshot")],
                vec![bytes(A, 1, "a-edit"), bytes(B, 1, "b-first")],
                vec![
                    heads(A, &[1]),
                    heads(B, &[2]),
                    Cursor { cursor: 4, ack: 1 },
                    Resync { docs: vec![C] },
                ],
                vec![
                    compact(C, 2, "c-whole"),
                    heads(C, &[3, 4]),
                    Cursor { cursor: 8, ack: 2 },
                    Resync { docs: vec![] },
                ],
                vec![bytes(B, 2, "b-edit"), Forget { doc_id: A }],
                vec![compact(B, 2, "b-snapshot"), bytes(B, 2, "b-after")],
            ],
            expect: saved(
                8,
                2,
                vec![
                    doc(B, 2, &["b-snapshot", "b-after"], &[2]),
                    doc(C, 2, &["c-whole"], &[3, 4]),
                ],
                vec![],
            ),
        },
    ]
}
