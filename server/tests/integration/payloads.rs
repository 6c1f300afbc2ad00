//! Bytes from outside: malformed, oversized, garbage or bombs get a 4xx JSON error, nothing is
//! stored and the server keeps serving.

use mentora_shared::sync::wire::{self, PushOutcome, Refusal, SyncRequest};

use super::client::{Conn, LocalDoc, doc_id, gzip_bytes, header};
use super::support::{Fixture, Running, check_error};

async fn post(
    conn: &mut Conn,
    token: &str,
    extra: &[(&str, &str)],
    body: Vec<u8>,
) -> super::client::Reply {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("authorization", auth.as_str())];
    headers.extend_from_slice(extra);
    conn.send("POST", "/api/sync", &headers, body)
        .await
        .expect("send")
}

const BINARY: (&str, &str) = ("content-type", "application/octet-stream");

async fn malformed_payloads_are_refused_whole_and_nothing_is_stored(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let device = [9u8; 16];
    let mut conn = server.conn().await;
    let token = conn.login("admin", device).await.expect("login");

    let mut doc = LocalDoc::new(device, doc_id(1), header("rw-huye", Some("rango-hc")));
    doc.edit("title", "x");
    let valid = wire::encode_request(&SyncRequest {
        pushes: vec![doc.push()],
        ..SyncRequest::default()
    });
    let mut bad_version = valid.clone();
    bad_version[4] = 9;
    let mut trailing = valid.clone();
    trailing.push(0);
    let mut huge_count = b"MSYN\x01\x01\x00\x00".to_vec();
    huge_count.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("empty", Vec::new(), 400, "bad_request"),
        ("garbage", b"hello, world".to_vec(), 400, "bad_request"),
        (
            "truncated",
            valid[..valid.len() - 3].to_vec(),
            400,
            "bad_request",
        ),
        ("cut in the header", valid[..5].to_vec(), 400, "bad_request"),
        ("bad version", bad_version, 400, "bad_request"),
        ("trailing bytes", trailing, 400, "bad_request"),
        ("absurd count", huge_count, 413, "too_large"),
        (
            "a response sent back",
            wire::encode_response(&Default::default()),
            400,
            "bad_request",
        ),
        ("oversized", vec![0u8; (8 << 20) + 1], 413, "too_large"),
    ];
    for (name, body, status, code) in cases {
        let reply = post(&mut conn, &token, &[BINARY], body).await;
        assert_eq!(
            reply.status.as_u16(),
            status,
            "{name}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        check_error(&reply, status, code);
    }
    // A body declared too large is answered without being read, so the server closes that
    // connection: continue on a new one.
    let mut conn = server.conn().await;

    let gzip = ("content-encoding", "gzip");
    check_error(
        &post(&mut conn, &token, &[BINARY, gzip], b"not gzip".to_vec()).await,
        400,
        "bad_request",
    );
    let bomb = gzip_bytes(&vec![0u8; 9 << 20]);
    assert!(bomb.len() < 64 * 1024);
    check_error(
        &post(&mut conn, &token, &[BINARY, gzip], bomb).await,
        413,
        "too_large",
    );
    check_error(
        &post(
            &mut conn,
            &token,
            &[BINARY, ("content-encoding", "br")],
            valid.clone(),
        )
        .await,
        415,
        "unsupported_media_type",
    );
    check_error(
        &post(
            &mut conn,
            &token,
            &[("content-type", "text/plain")],
            valid.clone(),
        )
        .await,
        415,
        "unsupported_media_type",
    );
    check_error(
        &post(&mut conn, &token, &[], valid.clone()).await,
        415,
        "unsupported_media_type",
    );

    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_change").await, 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_device").await, 0);

    // Still serving: the valid request goes through, gzip-compressed too.
    let reply = post(&mut conn, &token, &[BINARY, gzip], gzip_bytes(&valid)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 1);
}

async fn a_corrupt_document_is_refused_alone_and_the_rest_stored(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let device = [4u8; 16];
    let mut conn = server.conn().await;
    let token = conn.login("admin", device).await.expect("login");
    let mut good = LocalDoc::new(device, doc_id(1), header("rw-huye", Some("rango-hc")));
    good.edit("title", "fine");
    let mut bad = LocalDoc::new(device, doc_id(2), header("rw-huye", Some("rango-hc")));
    bad.edit("title", "about to be mangled");
    let mut bad_push = bad.push();
    bad_push.changes[0] = b"\x85\x6f\x4a\x83 definitely not a change".to_vec();
    let request = SyncRequest {
        pushes: vec![good.push(), bad_push],
        ..SyncRequest::default()
    };
    let (response, _, _) = conn.sync(&token, &request, false).await.expect("sync");
    assert!(matches!(
        response.results[0].outcome,
        PushOutcome::Accepted { .. }
    ));
    assert!(matches!(
        response.results[1].outcome,
        PushOutcome::Refused {
            reason: Refusal::InvalidChanges,
            ..
        }
    ));
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 1);
}

super::support::on_both!(
    malformed_payloads_are_refused_whole_and_nothing_is_stored,
    a_corrupt_document_is_refused_alone_and_the_rest_stored,
);
