//! The compaction decision: when a write becomes a snapshot, that counts restored from storage
//! are respected, that nothing unchanged is rewritten, and that what is stored loads back.

use automerge::{ROOT, transaction::Transactable};

use crate::sync::client::{
    ClientConfig, ClientEvent, ClientPersist, ClientSaved, ClientSync, SavedDoc,
};
use crate::sync::sim::{Disk, content, device_id, header};
use crate::sync::types::DocId;
use crate::sync::wire::{self, DocBody, DocUpdate, SyncResponse};

const ID: DocId = DocId([7; 16]);

fn offline(c: &mut ClientSync) {
    let _ = c.handle(0, ClientEvent::Offline);
}

fn new_doc() -> ClientSync {
    let mut c = ClientSync::new(device_id(0), ClientConfig::default(), 1);
    offline(&mut c);
    c.create_doc(0, ID, header("d1", Some("f1"))).expect("new");
    c
}

fn restored(disk: &Disk) -> ClientSync {
    let (mut c, errors) =
        ClientSync::restore(device_id(0), ClientConfig::default(), 1, disk.saved());
    assert!(errors.is_empty(), "{errors:?}");
    offline(&mut c);
    c
}

/// Sets `phone` like the mentee form does; returns the writes asked for.
fn save_phone(c: &mut ClientSync, value: &str) -> Vec<ClientPersist> {
    let (_, fx) = c
        .edit(0, ID, |doc| {
            let mut tx = doc.transaction();
            tx.put(ROOT, "phone", value).expect("put");
            tx.commit();
        })
        .expect("exists");
    fx.persist
}

/// Indices of the edits (of `n`, from `first`) that were written as a snapshot.
fn compactions(c: &mut ClientSync, disk: &mut Disk, first: usize, n: usize) -> Vec<usize> {
    (first..first + n)
        .filter(|i| {
            let persist = save_phone(c, &format!("+255 {i:06}"));
            disk.apply(&persist);
            match persist[..] {
                [ClientPersist::Compact { .. }] => true,
                [ClientPersist::DocBytes { .. }] => false,
                _ => panic!("edit {i}: unexpected writes {persist:?}"),
            }
        })
        .collect()
}

#[test]
fn a_write_reaching_32_blobs_becomes_one_snapshot() {
    let mut c = new_doc();
    let mut disk = Disk::default();
    let at = compactions(&mut c, &mut disk, 0, 70);
    // The first write is a snapshot; then 30 appends; the 32nd blob would be one too many.
    assert_eq!(at, vec![0, 31, 62]);
    assert_eq!(disk.blobs[&ID].len(), 8, "snapshot + 7 appends");
    let back = restored(&disk);
    let (mine, theirs) = (c.doc(ID).expect("doc"), back.doc(ID).expect("stored"));
    assert_eq!(theirs.get_heads(), mine.get_heads());
    assert_eq!(content(theirs), content(mine));
}

#[test]
fn counts_restored_from_storage_are_respected() {
    let mut c = new_doc();
    let mut disk = Disk::default();
    compactions(&mut c, &mut disk, 0, 20);
    assert_eq!(disk.blobs[&ID].len(), 20);
    let mut back = restored(&disk);
    // 11 more appends make 31 blobs; the next write compacts.
    assert_eq!(compactions(&mut back, &mut disk, 20, 13), vec![31]);
}

/// A device from before compaction existed: one blob per edit, however many.
fn legacy_disk(edits: usize) -> ClientSaved {
    let mut doc = automerge::Automerge::new().with_actor(device_id(0).actor());
    let mut blobs = Vec::new();
    for i in 0..edits {
        let before = doc.get_heads();
        let mut tx = doc.transaction();
        tx.put(ROOT, "phone", i as i64).expect("put");
        tx.commit();
        blobs.push(doc.save_after(&before));
    }
    ClientSaved {
        docs: vec![SavedDoc {
            doc_id: ID,
            header: header("d1", Some("f1")),
            blobs,
            server_heads: Vec::new(),
        }],
        ..ClientSaved::default()
    }
}

#[test]
fn a_legacy_document_is_compacted_on_its_next_edit() {
    let (mut c, errors) =
        ClientSync::restore(device_id(0), ClientConfig::default(), 1, legacy_disk(500));
    assert!(errors.is_empty());
    offline(&mut c);
    let persist = save_phone(&mut c, "last");
    let [ClientPersist::Compact { bytes, .. }] = &persist[..] else {
        panic!("expected a snapshot, got {persist:?}");
    };
    let mut back = automerge::Automerge::new();
    back.load_incremental(bytes).expect("snapshot loads");
    assert_eq!(back.get_heads(), c.doc(ID).expect("doc").get_heads());
}

#[test]
fn unchanged_documents_are_never_compacted() {
    let (mut c, _) =
        ClientSync::restore(device_id(0), ClientConfig::default(), 1, legacy_disk(100));
    let mut writes = Vec::new();
    for event in [ClientEvent::Tick, ClientEvent::Online, ClientEvent::SyncNow] {
        writes.extend(c.handle(0, event).persist);
    }
    // The server answers with the document the device already holds.
    let doc = c.doc(ID).expect("doc");
    let update = DocUpdate {
        doc_id: ID,
        header: header("d1", Some("f1")),
        heads: doc.get_heads(),
        body: DocBody::Changes(Vec::new()),
    };
    let resp = SyncResponse {
        token: 1,
        cursor: 1,
        docs: vec![update],
        ..SyncResponse::default()
    };
    let request_id = 1;
    writes.extend(
        c.handle(
            1,
            ClientEvent::Response {
                request_id,
                body: wire::encode_response(&resp),
            },
        )
        .persist,
    );
    let (_, fx) = c.edit(2, ID, |_| ()).expect("exists");
    writes.extend(fx.persist);
    assert!(
        writes.iter().all(|w| !matches!(
            w,
            ClientPersist::Compact { .. } | ClientPersist::DocBytes { .. }
        )),
        "no document bytes written: {writes:?}"
    );
}

#[test]
fn large_appends_compact_by_bytes() {
    let mut c = new_doc();
    assert!(matches!(
        save_phone(&mut c, "1")[..],
        [ClientPersist::Compact { .. }]
    ));
    let note: String = (0..9_000u32)
        .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
        .collect();
    assert!(
        matches!(
            save_phone(&mut c, &note)[..],
            [ClientPersist::Compact { .. }]
        ),
        "a 9 KB append exceeds both the snapshot and the 8 KiB floor"
    );
    assert!(matches!(
        save_phone(&mut c, "2")[..],
        [ClientPersist::DocBytes { .. }]
    ));
}

#[test]
fn a_document_received_whole_replaces_what_was_stored() {
    let mut other = automerge::Automerge::new().with_actor(device_id(1).actor());
    let mut tx = other.transaction();
    tx.put(ROOT, "phone", "1").expect("put");
    tx.commit();
    let mut c = ClientSync::new(device_id(0), ClientConfig::default(), 1);
    let out = c.handle(0, ClientEvent::Tick).send.expect("sent");
    let resp = SyncResponse {
        token: 1,
        cursor: 1,
        docs: vec![DocUpdate {
            doc_id: ID,
            header: header("d1", Some("f1")),
            heads: other.get_heads(),
            body: DocBody::Snapshot(other.save()),
        }],
        ..SyncResponse::default()
    };
    let fx = c.handle(
        1,
        ClientEvent::Response {
            request_id: out.request_id,
            body: wire::encode_response(&resp),
        },
    );
    assert!(
        matches!(fx.persist[0], ClientPersist::Compact { doc_id, .. } if doc_id == ID),
        "{:?}",
        fx.persist
    );
}

#[test]
fn a_failing_closure_still_returns_the_changes_it_committed() {
    let mut c = new_doc();
    let (written, fx) = c
        .edit(0, ID, |doc| {
            let mut tx = doc.transaction();
            tx.put(ROOT, "phone", "1").expect("put");
            tx.commit();
            Err::<(), _>("the second step failed")
        })
        .expect("exists");
    assert!(written.is_err());
    assert_eq!(
        fx.persist.len(),
        1,
        "the committed step must still be stored"
    );
}
