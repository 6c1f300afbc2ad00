//! The database's disk fills up in the middle of a sync (`SQLITE_FULL`, made real with
//! `PRAGMA max_page_count` on the server's own connection): the device gets a clear 503 with
//! `Retry-After`, nothing is half-stored, the database stays sound, and the same push is taken
//! once there is room again.

use mentora_shared::sync::wire::{self, PushOutcome, SyncRequest};

use super::client::{LocalDoc, doc_id, header};
use super::support::{Fixture, Running, check_error};

/// A note that does not compress: a push much larger than the free pages left.
fn bulky_note() -> String {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(b'a' + u8::try_from(state % 26).unwrap_or(0))
        })
        .collect()
}

#[tokio::test]
async fn a_full_disk_answers_503_stores_nothing_and_recovers() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let device = [7; 16];
    let mut conn = server.conn().await;
    let token = conn.login("mentor", device).await.expect("login");

    let mut doc = LocalDoc::new(device, doc_id(1), header("rw-huye", Some("rango-hc")));
    doc.edit("note", &bulky_note());
    let raw = wire::encode_request(&SyncRequest {
        pushes: vec![doc.push()],
        ..SyncRequest::default()
    });
    let docs_before = server.count("SELECT COUNT(*) FROM sync_doc").await;

    // No room to grow: the database may not use more pages than it has now.
    server
        .state
        .with_db(|conn| {
            let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
            conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
        })
        .await
        .expect("limit the database");
    let auth = format!("Bearer {token}");
    let headers = [
        ("content-type", "application/octet-stream"),
        ("authorization", auth.as_str()),
    ];
    let reply = conn
        .send("POST", "/api/sync", &headers, raw.clone())
        .await
        .expect("send");
    check_error(&reply, 503, "storage_full");
    assert_eq!(reply.retry_after.as_deref(), Some("300"));
    assert_eq!(
        server.count("SELECT COUNT(*) FROM sync_doc").await,
        docs_before,
        "nothing half-stored"
    );
    let sound: String = server
        .state
        .with_db(|conn| conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
        .await
        .expect("integrity check");
    assert_eq!(sound, "ok");

    // Room again: the same push is taken.
    server
        .state
        .with_db(|conn| conn.query_row("PRAGMA max_page_count = 1073741823", [], |_| Ok(())))
        .await
        .expect("lift the limit");
    let (plain, _, _) = conn.sync_raw(&token, raw, false).await.expect("sync");
    let response = wire::decode_response(&plain, &wire::Limits::RESPONSE).expect("response");
    assert!(
        matches!(response.results[0].outcome, PushOutcome::Accepted { .. }),
        "{:?}",
        response.results[0].outcome
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM sync_doc").await,
        docs_before + 1
    );
}
