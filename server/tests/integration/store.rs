//! `SqliteStore` passes the sync core's storage conformance suite.

use mentora_server::db;
use mentora_server::store::SqliteStore;
use mentora_shared::sync::storage::conformance;

use super::support::Fixture;

#[test]
fn sqlite_store_passes_the_conformance_suite() {
    let fixture = Fixture::new();
    let mut n = 0;
    conformance::run(|| {
        n += 1;
        let path = fixture.dir.path().join(format!("store-{n}.db"));
        SqliteStore::new(db::open(&path, false).expect("open"))
    });
}

#[test]
fn a_failed_apply_leaves_nothing_behind() {
    use mentora_shared::sync::{DocId, ServerStore as _, StoreOp};
    let fixture = Fixture::new();
    let mut store = SqliteStore::new(db::open(&fixture.db_path(), false).expect("open"));
    let header = super::client::header("d1", Some("f1"));
    let put = |id: u8, seq| StoreOp::PutDoc {
        doc_id: DocId([id; 16]),
        header: header.clone(),
        seq,
    };
    // Two documents at one seq break the UNIQUE index: the whole batch must roll back.
    let result = store.apply(vec![put(1, 1), put(2, 1)]);
    assert!(result.is_err());
    assert_eq!(store.last_seq().ok(), Some(0));
    assert!(store.load_doc(DocId([1; 16])).expect("load").is_none());
}
