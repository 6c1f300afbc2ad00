//! Bounded work on `/api/sync`: a change that inflates without end is refused while the server
//! keeps answering, a stranger's endless upload gets a prompt 401, and a user past their storage
//! quota is told so.

use std::time::Duration;

use automerge::transaction::Transactable as _;
use automerge::{ActorId, Automerge};
use mentora_shared::sync::wire::{self, DocPush, PushOutcome, Refusal, SyncRequest};

use super::client::{Conn, doc_id, gzip_bytes, header};
use super::support::{Fixture, Running};

fn uleb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A compressed Automerge change chunk (type 2) whose DEFLATE body inflates to about 1 GiB:
/// one 1 MiB block of zeros, compressed once and repeated (each ends with a full flush, so
/// the copies concatenate), then an empty final block. Only ~1 MB is ever held here.
fn inflation_bomb() -> Vec<u8> {
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    let zeros = vec![0u8; 1 << 20];
    let mut segment = Vec::with_capacity(8 << 10);
    deflate
        .compress_vec(&zeros, &mut segment, flate2::FlushCompress::Full)
        .expect("deflate");
    assert_eq!(
        deflate.total_in(),
        1 << 20,
        "one call takes the whole block"
    );
    let copies = ((1 << 20) - 64) / segment.len();
    let mut data = Vec::with_capacity(copies * segment.len() + 2);
    for _ in 0..copies {
        data.extend_from_slice(&segment);
    }
    data.extend_from_slice(&[0x03, 0x00]);
    assert!(copies >= 900, "inflates to {copies} MiB");
    let mut chunk = vec![0x85, 0x6f, 0x4a, 0x83, 1, 2, 3, 4, 2];
    uleb(&mut chunk, data.len() as u64);
    chunk.extend_from_slice(&data);
    chunk
}

async fn healthz_time(server: &Running) -> Duration {
    let mut conn = server.conn().await;
    let start = std::time::Instant::now();
    let reply = conn
        .send("GET", "/healthz", &[], Vec::new())
        .await
        .expect("healthz");
    assert_eq!(reply.status.as_u16(), 200);
    start.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_inflating_to_a_gibibyte_is_refused_while_the_server_answers() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let device = [2u8; 16];
    let token = conn.login("mentor", device).await.expect("login");
    let mut doc = Automerge::new().with_actor(ActorId::from(&device[..]));
    let mut tx = doc.transaction();
    tx.put(automerge::ROOT, "note", "fine").expect("put");
    tx.commit();
    let fine = doc.get_changes(&[])[0].raw_bytes().to_vec();
    let request = SyncRequest {
        pushes: vec![
            DocPush {
                doc_id: doc_id(1),
                header: header("rw-huye", Some("rango-hc")),
                heads: Vec::new(),
                changes: vec![inflation_bomb()],
            },
            DocPush {
                doc_id: doc_id(2),
                header: header("rw-huye", Some("rango-hc")),
                heads: doc.get_heads(),
                changes: vec![fine],
            },
        ],
        ..SyncRequest::default()
    };
    let body = wire::encode_request(&request);
    let on_the_wire = gzip_bytes(&body).len();
    assert!(on_the_wire < 64 << 10, "{on_the_wire} bytes gzipped");

    let sync = tokio::spawn(async move {
        tokio::time::timeout(Duration::from_secs(60), conn.sync(&token, &request, true)).await
    });
    // The server keeps answering while it deals with the bomb.
    let mut slowest = Duration::ZERO;
    loop {
        slowest = slowest.max(healthz_time(&server).await);
        if sync.is_finished() {
            break;
        }
    }
    let (response, _, _) = sync
        .await
        .expect("task")
        .expect("answered in time")
        .expect("sync");
    assert!(slowest < Duration::from_secs(1), "healthz took {slowest:?}");
    match &response.results[0].outcome {
        PushOutcome::Refused { reason, detail } => {
            assert_eq!(*reason, Refusal::TooLarge, "{detail}");
            assert!(detail.contains("inflates beyond"), "{detail}");
        }
        other => panic!("accepted a bomb: {other:?}"),
    }
    assert!(
        matches!(response.results[1].outcome, PushOutcome::Accepted { .. }),
        "the rest of the batch is stored"
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 1);
}

#[tokio::test]
async fn a_strangers_endless_upload_gets_a_prompt_401() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let addr = server.addr;
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read as _, Write as _};
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let head = format!(
            "POST /api/sync HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer {}\r\n\
             content-type: application/octet-stream\r\ntransfer-encoding: chunked\r\n\r\n",
            "ab".repeat(32)
        );
        // The start of a 64 KiB chunk of a body that never ends, in one write: the server may
        // answer and close at once, so a later write could fail.
        let mut start = head.into_bytes();
        start.extend_from_slice(b"10000\r\n");
        start.extend_from_slice(&[7u8; 1024]);
        stream.write_all(&start).expect("head");
        let mut answer = [0u8; 12];
        // Times out (an error) if the server waits for the end of the body.
        stream.read_exact(&mut answer).map(|()| answer)
    })
    .await
    .expect("task")
    .expect("answered before the body ended");
    assert_eq!(&answer, b"HTTP/1.1 401");
}

#[tokio::test]
async fn a_user_past_their_storage_quota_is_refused_with_a_reason() {
    let fixture = Fixture::new();
    let configured = fixture.state().with_user_quota_bytes(5 << 20);
    assert_eq!(
        configured.sync_config.user_quota_bytes,
        5 << 20,
        "serve --user-quota-mib"
    );
    drop(configured);
    let server = Running::start(&fixture).await;
    let mut conn: Conn = server.conn().await;
    let device = [2u8; 16];
    let token = conn.login("mentor", device).await.expect("login");
    let push = |n: u64, note: &str| {
        let mut doc = Automerge::new().with_actor(ActorId::from(&device[..]));
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "note", note).expect("put");
        tx.commit();
        DocPush {
            doc_id: doc_id(n),
            header: header("rw-huye", Some("rango-hc")),
            heads: doc.get_heads(),
            changes: doc
                .get_changes(&[])
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect(),
        }
    };
    let request = SyncRequest {
        pushes: vec![push(1, "first")],
        ..SyncRequest::default()
    };
    let (response, _, _) = conn.sync(&token, &request, false).await.expect("sync");
    assert!(matches!(
        response.results[0].outcome,
        PushOutcome::Accepted { .. }
    ));
    let used = server
        .count("SELECT stored_bytes FROM user_usage JOIN user_account ON id = user_id WHERE username = 'mentor'")
        .await;
    assert!(used > 0, "the first change is counted");

    // Bring the mentor to 10 bytes short of the default 200 MiB.
    server
        .state
        .with_db(|conn| {
            conn.execute(
                "UPDATE user_usage SET stored_bytes = 200 * 1024 * 1024 - 10",
                [],
            )
        })
        .await
        .expect("update");
    let request = SyncRequest {
        pushes: vec![push(2, "one more")],
        ..SyncRequest::default()
    };
    let (response, _, _) = conn.sync(&token, &request, false).await.expect("sync");
    match &response.results[0].outcome {
        PushOutcome::Refused { reason, detail } => {
            assert_eq!(*reason, Refusal::TooLarge);
            assert!(detail.contains("quota of 200 MiB"), "{detail}");
        }
        other => panic!("stored past the quota: {other:?}"),
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 1);
}
