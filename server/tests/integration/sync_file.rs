//! Sync by file: a tablet's sealed request brought to the server by its user on another
//! computer (or by an admin, or the operator's command) is synced as the tablet's own; the
//! answer opens only for that tablet. Twice changes nothing; tampered or foreign files are refused.

use std::path::Path;
use std::process::Command;

use axum::http::StatusCode;
use mentora_shared::sync::DeviceId;
use mentora_shared::sync::file::{self, Direction};
use mentora_shared::sync::wire::{self, Limits, PushOutcome, SyncRequest, SyncResponse};

use super::client::{Conn, LocalDoc, Reply, doc_id, gzip_bytes, header};
use super::support::{Fixture, Running, json};

const TABLET: [u8; 16] = [0x5f; 16];

async fn upload(conn: &mut Conn, token: &str, bytes: Vec<u8>) -> Reply {
    let auth = format!("Bearer {token}");
    conn.send(
        "POST",
        "/api/sync-file",
        &[
            ("authorization", auth.as_str()),
            ("content-type", "application/octet-stream"),
        ],
        bytes,
    )
    .await
    .expect("upload")
}

/// A 422 with `code` (what the app says in the person's language) and `words` in the message.
fn refused(reply: &Reply, code: &str, words: &str) {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(&reply.body);
    assert_eq!(body["error"]["code"], code, "{body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(words), "{message}");
}

fn open_answer(bytes: &[u8], key: &[u8; 32]) -> SyncResponse {
    let message = file::open(bytes, Direction::ToDevice, DeviceId(TABLET), key).expect("opens");
    wire::decode_response(&message, &Limits::RESPONSE).expect("an answer")
}

/// The tablet signs in once, online (its vault key is what seals its files), then, offline,
/// saves record `n` in a sync file: the file and the key.
async fn tablet_file(server: &Running, conn: &mut Conn, n: u64, note: &str) -> (Vec<u8>, [u8; 32]) {
    conn.login("mentor", TABLET).await.expect("tablet");
    let key = server
        .state
        .with_db(|conn| mentora_server::accounts::vault::device_vault_key(conn, DeviceId(TABLET)))
        .await
        .expect("vault key");
    let mut record = LocalDoc::new(TABLET, doc_id(n), header("rw-huye", Some("rango-hc")));
    record.edit("a", note);
    let request = SyncRequest {
        pushes: vec![record.push()],
        ..SyncRequest::default()
    };
    let nonce = [u8::try_from(n).unwrap_or(0); 12];
    let request = wire::encode_request(&request);
    (
        file::seal(Direction::ToServer, DeviceId(TABLET), &key, nonce, &request),
        key,
    )
}

async fn a_tablets_file_is_synced_as_the_tablet_and_answered_for_it_alone(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let (sealed, key) = tablet_file(&server, &mut conn, 1, "registered offline").await;

    // The mentor, signed in on the district office's computer, brings it.
    let office = conn.login("mentor", [0x60; 16]).await.expect("office");
    let reply = upload(&mut conn, &office, sealed.clone()).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let answer = open_answer(&reply.body, &key);
    assert!(matches!(
        answer.results[0].outcome,
        PushOutcome::Accepted { .. }
    ));
    assert!(
        file::open(&reply.body, Direction::ToDevice, DeviceId([0x60; 16]), &key).is_err(),
        "the answer is for the tablet only"
    );
    // Brought twice (gzipped, as the app sends a large upload): stored once.
    let auth = format!("Bearer {office}");
    let again = conn
        .send(
            "POST",
            "/api/sync-file",
            &[
                ("authorization", auth.as_str()),
                ("content-type", "application/octet-stream"),
                ("content-encoding", "gzip"),
            ],
            gzip_bytes(&sealed),
        )
        .await
        .expect("upload");
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 1);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM sync_change").await,
        1,
        "no change stored twice"
    );

    let mut tampered = sealed.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    refused(
        &upload(&mut conn, &office, tampered).await,
        "sync_file_tampered",
        "changed or damaged",
    );
    refused(
        &upload(&mut conn, &office, b"PK zip".to_vec()).await,
        "sync_file_not_one",
        "not a Mentora sync file",
    );
    let supervisor = conn
        .login("supervisor", [0x61; 16])
        .await
        .expect("supervisor");
    refused(
        &upload(&mut conn, &supervisor, sealed.clone()).await,
        "sync_file_other_user",
        "belongs to mentor",
    );
    let admin = conn.login("admin", [0x62; 16]).await.expect("admin");
    assert_eq!(
        upload(&mut conn, &admin, sealed.clone()).await.status,
        StatusCode::OK
    );
    let reply = upload(&mut conn, "not-a-token", sealed).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_command_syncs_a_file_and_writes_the_answer() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let (sealed, key) = tablet_file(&server, &mut conn, 2, "from the health post").await;
    drop(server);
    let dir = fixture
        .db_path()
        .parent()
        .map(Path::to_path_buf)
        .expect("dir");
    let input = dir.join("tablet.msync");
    let output = dir.join("answer.msync");
    std::fs::write(&input, sealed).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
        .args(["sync-file", "import"])
        .arg(&input)
        .arg("--out")
        .arg(&output)
        .arg("--data-dir")
        .arg(&dir)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("synced mentor's tablet"));
    let answer = open_answer(&std::fs::read(&output).expect("answer"), &key);
    assert!(matches!(
        answer.results[0].outcome,
        PushOutcome::Accepted { .. }
    ));
}

super::support::on_both!(a_tablets_file_is_synced_as_the_tablet_and_answered_for_it_alone,);
