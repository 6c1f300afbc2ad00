//! A server restored from a backup loses what devices pushed after it was taken; the devices
//! still hold it and believe the server does too. The first device to sync after the restore
//! is told (`restored`), pushes everything again, and the server ends up with all of it.

use automerge::ReadDoc as _;

use super::tests::{ctx, edit, sync};
use super::*;
use crate::sync::client::{ClientConfig, ClientSync};
use crate::sync::sim::{device_id, district_access, header};
use crate::sync::storage::MemoryStore;

fn note_on_server(store: &MemoryStore, doc: DocId) -> Option<String> {
    let stored = store.load_doc(doc).ok().flatten()?;
    let mut loaded = Automerge::new();
    if let Some(snapshot) = &stored.snapshot {
        loaded.load_incremental(snapshot).ok()?;
    }
    for chunk in &stored.changes {
        loaded.load_incremental(chunk).ok()?;
    }
    let (value, _) = loaded.get(automerge::ROOT, "note").ok().flatten()?;
    Some(value.as_str()?.to_owned())
}

#[test]
fn after_a_restore_devices_push_again_what_the_backup_lacks() {
    let access = district_access("d1");
    let mut now = 1_000;
    let mut a = ClientSync::new(device_id(0), ClientConfig::default(), 1);
    let mut b = ClientSync::new(device_id(1), ClientConfig::default(), 2);
    let a_ctx = ctx(0, access.clone());
    let b_ctx = ctx(1, access);
    let mut store = MemoryStore::default();
    let (one, two, three) = (DocId([1; 16]), DocId([2; 16]), DocId([3; 16]));
    // Both devices start idle (a new device syncs at once).
    sync(&mut a, &mut store, &a_ctx, &mut now);
    sync(&mut b, &mut store, &b_ctx, &mut now);
    a.create_doc(now, one, header("d1", Some("f1")))
        .expect("new");
    edit(&mut a, 1, now);
    sync(&mut a, &mut store, &a_ctx, &mut now);
    let backup = store.clone();

    // After the backup: A edits document 1 again and creates document 2; B creates document 3,
    // so the sequence numbers move on past A's cursor once the backup is back.
    a.edit(now, one, |d| {
        use automerge::transaction::Transactable as _;
        let mut tx = d.transaction();
        tx.put(automerge::ROOT, "note", "after the backup")
            .expect("put");
        tx.commit();
    })
    .expect("on A");
    a.create_doc(now, two, header("d1", Some("f2")))
        .expect("new");
    edit(&mut a, 2, now);
    sync(&mut a, &mut store, &a_ctx, &mut now);
    assert_eq!(a.waiting_docs(), 0, "A believes the server has everything");

    store = backup;
    b.create_doc(now, three, header("d1", Some("f1")))
        .expect("new");
    edit(&mut b, 3, now);
    sync(&mut b, &mut store, &b_ctx, &mut now);
    sync(&mut b, &mut store, &b_ctx, &mut now);
    assert_eq!(note_on_server(&store, two), None, "lost with the restore");

    sync(&mut a, &mut store, &a_ctx, &mut now);
    assert_eq!(
        note_on_server(&store, one).as_deref(),
        Some("after the backup")
    );
    assert_eq!(
        note_on_server(&store, two).as_deref(),
        Some("edited offline")
    );
    assert_eq!(a.waiting_docs(), 0);
    assert!(a.doc(three).is_some(), "and A receives what B pushed since");
}
