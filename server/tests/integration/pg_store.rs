//! `PgStore` (issue 22) against the test PostgreSQL: the storage conformance suite, a failed
//! apply, migrations run twice, and two stores (two server processes) syncing at once.
//! Each test works in a schema of its own (`support::postgres_schema`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

use mentora_server::store::StoreError;
use mentora_server::store::postgres::{MIGRATIONS, PgStore};
use mentora_shared::sync::storage::conformance;
use mentora_shared::sync::{DocId, ScopeSet, ServerStore as _, StoreOp};

use super::client::header;
use super::support::postgres_schema;

fn connect(url: &str) -> PgStore {
    PgStore::connect(url).unwrap_or_else(|e| panic!("connect to {url}: {e}"))
}

#[test]
fn pg_store_passes_the_conformance_suite() {
    let mut n = 0;
    let mut urls = Vec::new();
    for i in 1..=4 {
        match postgres_schema(&format!("pg_conformance_{i}")) {
            Some(url) => urls.push(url),
            None => return,
        }
    }
    conformance::run(|| {
        n += 1;
        connect(&urls[n - 1])
    });
}

#[test]
fn pg_a_failed_apply_leaves_nothing_behind() {
    let Some(url) = postgres_schema("pg_failed_apply") else {
        return;
    };
    let mut store = connect(&url);
    let put = |id: u8, seq| StoreOp::PutDoc {
        doc_id: DocId([id; 16]),
        header: header("d1", Some("f1")),
        seq,
    };
    // Two documents at one seq break the UNIQUE index: the whole batch must roll back.
    assert!(store.apply(vec![put(1, 1), put(2, 1)]).is_err());
    assert_eq!(store.last_seq().ok(), Some(0));
    assert!(store.load_doc(DocId([1; 16])).expect("load").is_none());
    // The store is usable after the error.
    store
        .apply(vec![put(1, 1)])
        .expect("apply after a failed one");
    assert_eq!(store.last_seq().ok(), Some(1));
}

#[test]
fn pg_migrations_run_once() {
    let Some(url) = postgres_schema("pg_migrations") else {
        return;
    };
    let first = connect(&url);
    let second = connect(&url);
    let expected = i64::try_from(MIGRATIONS.len()).expect("count");
    assert_eq!(first.schema_version().ok(), Some(expected));
    assert_eq!(second.schema_version().ok(), Some(expected));
}

/// Two stores on one database (as two server processes would have) each run sync transactions
/// that read `last_seq` and put a new document at the next seq, as the sync core does, while a
/// third pages `changed_since` with a cursor, as a device does. Every seq must be used once,
/// without gaps, and the reader must see every document: a document committed after the reader
/// passed its seq would be lost to it.
#[test]
fn pg_two_stores_assign_seqs_without_gaps_or_overtaking() {
    const PER_WRITER: u8 = 100;
    let Some(url) = postgres_schema("pg_two_writers") else {
        return;
    };
    connect(&url); // migrate before the race
    let start = Arc::new(Barrier::new(3));
    let done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = [1u8, 2]
        .into_iter()
        .map(|writer| {
            let (url, start) = (url.clone(), start.clone());
            std::thread::spawn(move || {
                let mut store = connect(&url);
                start.wait();
                for i in 0..PER_WRITER {
                    store
                        .transaction(|tx| {
                            let seq = tx.last_seq()? + 1;
                            // Widen the window between reading last_seq and committing.
                            std::thread::sleep(std::time::Duration::from_micros(300));
                            let mut id = [writer; 16];
                            id[15] = i;
                            tx.apply(vec![StoreOp::PutDoc {
                                doc_id: DocId(id),
                                header: header("d1", Some("f1")),
                                seq,
                            }])?;
                            Ok::<_, StoreError>(())
                        })
                        .unwrap_or_else(|e| panic!("writer {writer}: {e}"));
                }
            })
        })
        .collect();
    let reader = {
        let (url, start, done) = (url.clone(), start.clone(), done.clone());
        std::thread::spawn(move || {
            let store = connect(&url);
            let all = ScopeSet {
                everything: true,
                ..ScopeSet::default()
            };
            let mut cursor = 0;
            let mut seen = Vec::new();
            start.wait();
            loop {
                // Read `done` before paging: the last page after it was set sees everything.
                let finished = done.load(Ordering::SeqCst);
                let page = store.changed_since(&all, cursor, 7).expect("page");
                if let Some((_, last)) = page.docs.last() {
                    cursor = *last;
                }
                seen.extend(page.docs.iter().map(|(id, _)| *id));
                if finished && page.docs.is_empty() {
                    return seen;
                }
            }
        })
    };
    for writer in writers {
        writer.join().expect("writer thread");
    }
    done.store(true, Ordering::SeqCst);
    let seen = reader.join().expect("reader thread");

    let total = 2 * u64::from(PER_WRITER);
    let store = connect(&url);
    let all = ScopeSet {
        everything: true,
        ..ScopeSet::default()
    };
    let page = store.changed_since(&all, 0, 1000).expect("all");
    let seqs: Vec<u64> = page.docs.iter().map(|(_, seq)| *seq).collect();
    assert_eq!(seqs, (1..=total).collect::<Vec<_>>(), "seqs 1..=n, no gap");
    assert_eq!(
        seen.len(),
        usize::try_from(total).expect("small"),
        "a cursor reader saw every document once (none committed behind its cursor)"
    );
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len());
}

/// The sync core itself on two stores (two server processes): two devices push new documents
/// through `handle_request`, each to its own store, while a third device pulls through a third,
/// always from the cursor of its last response. It must receive every document.
#[test]
fn pg_two_servers_deliver_every_pushed_document_to_a_puller() {
    use mentora_shared::sync::server::{DeviceContext, ServerConfig, ServerError, handle_request};
    use mentora_shared::sync::wire::{self, SyncRequest, SyncResponse};
    use mentora_shared::sync::{Access, DeviceId};

    const PER_DEVICE: u64 = 25;
    let Some(url) = postgres_schema("pg_two_servers") else {
        return;
    };
    connect(&url);
    let everything = ScopeSet {
        everything: true,
        ..ScopeSet::default()
    };
    let context = |device: u8| DeviceContext {
        device: DeviceId([device; 16]),
        access: Access {
            read: everything.clone(),
            write: everything.clone(),
        },
        actor: None,
        places: None,
        quota_left: None,
    };
    // One sync, as `sync_api` runs it: the core's reads and its ops in one sync transaction.
    let sync = |store: &mut PgStore, ctx: &DeviceContext, request: &SyncRequest| {
        let body = wire::encode_request(request);
        store
            .transaction(|tx| {
                let handled = match handle_request(&*tx, &ServerConfig::default(), ctx, &body) {
                    Ok(handled) => handled,
                    Err(ServerError::Store(err)) => return Err(err),
                    Err(err) => panic!("sync refused: {err}"),
                };
                tx.apply(handled.ops)?;
                Ok::<SyncResponse, StoreError>(handled.response)
            })
            .unwrap_or_else(|e| panic!("sync: {e}"))
    };
    let start = Arc::new(Barrier::new(3));
    let done = Arc::new(AtomicBool::new(false));
    let pushers: Vec<_> = [1u8, 2]
        .into_iter()
        .map(|device| {
            let (url, start, ctx) = (url.clone(), start.clone(), context(device));
            std::thread::spawn(move || {
                let mut store = connect(&url);
                start.wait();
                for n in 0..PER_DEVICE {
                    let id = super::client::doc_id(u64::from(device) * 1000 + n);
                    let mut doc =
                        super::client::LocalDoc::new([device; 16], id, header("d1", None));
                    doc.edit("k", "v");
                    let request = SyncRequest {
                        since: 0,
                        ack: 0,
                        resync: Vec::new(),
                        pushes: vec![doc.push()],
                    };
                    let response = sync(&mut store, &ctx, &request);
                    assert_eq!(response.results.len(), 1, "one push result");
                }
            })
        })
        .collect();
    let puller = {
        let (url, start, done, ctx) = (url.clone(), start.clone(), done.clone(), context(9));
        std::thread::spawn(move || {
            let mut store = connect(&url);
            let mut request = SyncRequest {
                since: 0,
                ack: 0,
                resync: Vec::new(),
                pushes: Vec::new(),
            };
            let mut received = std::collections::BTreeSet::new();
            start.wait();
            loop {
                let finished = done.load(Ordering::SeqCst);
                let response = sync(&mut store, &ctx, &request);
                received.extend(response.docs.iter().map(|d| d.doc_id));
                request.since = response.cursor;
                request.ack = response.token;
                if finished && response.docs.is_empty() && response.remaining == 0 {
                    return received;
                }
            }
        })
    };
    for pusher in pushers {
        pusher.join().expect("pusher thread");
    }
    done.store(true, Ordering::SeqCst);
    let received = puller.join().expect("puller thread");
    assert_eq!(
        received.len(),
        usize::try_from(2 * PER_DEVICE).expect("small"),
        "the puller received every pushed document"
    );
    let store = connect(&url);
    assert_eq!(store.last_seq().ok(), Some(2 * PER_DEVICE));
}
