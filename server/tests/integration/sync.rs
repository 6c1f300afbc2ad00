//! `/api/sync` end to end over HTTP: scope enforcement for reads and writes, authorship,
//! compression both ways.

use mentora_shared::sync::DocId;
use mentora_shared::sync::wire::{DocBody, PushOutcome, Refusal, SyncRequest, SyncResponse};

use super::client::{Conn, LocalDoc, doc_id, header};
use super::support::{Fixture, Running};

struct Device {
    id: [u8; 16],
    token: String,
    conn: Conn,
}

impl Device {
    async fn login(server: &Running, username: &str, n: u8) -> Self {
        let id = [n; 16];
        let mut conn = server.conn().await;
        let token = conn.login(username, id).await.expect("login");
        Self { id, token, conn }
    }

    async fn sync(&mut self, request: SyncRequest) -> SyncResponse {
        self.conn
            .sync(&self.token, &request, false)
            .await
            .expect("sync")
            .0
    }

    /// Pushes a one-change visit document; returns the outcome.
    async fn create(&mut self, n: u64, district: &str, facility: Option<&str>) -> PushOutcome {
        self.create_kind("visit", n, district, facility).await
    }

    /// Pushes a one-change document of `kind`; returns the outcome.
    async fn create_kind(
        &mut self,
        kind: &str,
        n: u64,
        district: &str,
        facility: Option<&str>,
    ) -> PushOutcome {
        let mut header = header(district, facility);
        header.kind = mentora_shared::sync::DocKind::new(kind).expect("kind");
        let mut doc = LocalDoc::new(self.id, doc_id(n), header);
        doc.edit("title", &format!("record {n}"));
        let response = self
            .sync(SyncRequest {
                pushes: vec![doc.push()],
                ..SyncRequest::default()
            })
            .await;
        response.results[0].outcome.clone()
    }

    /// Everything readable, from scratch.
    async fn pull_all(&mut self) -> Vec<DocId> {
        let response = self.sync(SyncRequest::default()).await;
        assert_eq!(response.remaining, 0);
        let mut ids: Vec<DocId> = response.docs.iter().map(|d| d.doc_id).collect();
        ids.sort();
        ids
    }
}

fn accepted(outcome: &PushOutcome) -> bool {
    matches!(outcome, PushOutcome::Accepted { .. })
}

async fn mentors_read_and_write_only_their_facility_supervisors_their_district(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut admin = Device::login(&server, "admin", 1).await;
    let mut mentor = Device::login(&server, "mentor", 2).await;
    let mut supervisor = Device::login(&server, "supervisor", 3).await;

    // The admin writes anywhere.
    assert!(accepted(
        &admin.create(1, "rw-huye", Some("rango-hc")).await
    ));
    assert!(accepted(
        &admin.create(2, "rw-huye", Some("simbi-hc")).await
    ));
    assert!(accepted(
        &admin.create(3, "rw-nyanza", Some("nyanza-dh")).await
    ));
    assert!(accepted(&admin.create(4, "rw-huye", None).await));

    // The mentor writes at rango-hc, and nowhere else.
    assert!(accepted(
        &mentor.create(10, "rw-huye", Some("rango-hc")).await
    ));
    for (n, district, facility) in [
        (11, "rw-huye", Some("simbi-hc")),
        (12, "rw-nyanza", Some("busoro-hp")),
        (13, "rw-huye", None),
    ] {
        let outcome = mentor.create(n, district, facility).await;
        assert!(
            matches!(
                outcome,
                PushOutcome::Refused {
                    reason: Refusal::OutOfScope,
                    ..
                }
            ),
            "{n}: {outcome:?}"
        );
    }
    // Nor can the mentor add changes to another facility's existing document by lying about it:
    // it answers as an unused id would (policy.rs checks that) and stores nothing.
    let mut sneaky = LocalDoc::new(mentor.id, doc_id(2), header("rw-huye", Some("rango-hc")));
    sneaky.edit("title", "overwritten");
    let response = mentor
        .sync(SyncRequest {
            pushes: vec![sneaky.push()],
            ..SyncRequest::default()
        })
        .await;
    assert!(accepted(&response.results[0].outcome));
    assert_eq!(
        server
            .count_bytes(
                "SELECT COUNT(*) FROM sync_change WHERE substr(doc_id, 1, 8) = ?1",
                &[&doc_id(2).0[..8]],
            )
            .await,
        1,
        "only the admin's change"
    );
    let refused_stored = server
        .count_bytes(
            "SELECT COUNT(*) FROM sync_doc WHERE substr(doc_id, 1, 8) IN (?1, ?2, ?3)",
            &[&doc_id(11).0[..8], &doc_id(12).0[..8], &doc_id(13).0[..8]],
        )
        .await;
    assert_eq!(refused_stored, 0, "nothing of a refused push is stored");

    // Reads: the mentor sees rango-hc only; the supervisor all of rw-huye; the admin all.
    assert_eq!(mentor.pull_all().await, vec![doc_id(1), doc_id(10)]);
    assert_eq!(
        supervisor.pull_all().await,
        vec![doc_id(1), doc_id(2), doc_id(4), doc_id(10)]
    );
    assert_eq!(admin.pull_all().await.len(), 5);
    // A supervisor writes anywhere in the district (their joint supervision visits), not
    // outside it.
    assert!(accepted(
        &supervisor
            .create_kind("supervision", 20, "rw-huye", Some("kabutare-dh"))
            .await
    ));
    assert!(!accepted(
        &supervisor
            .create_kind("supervision", 21, "rw-nyanza", Some("nyanza-dh"))
            .await
    ));
}

async fn changes_are_stored_with_their_author_and_delivered_incrementally(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut tablet_a = Device::login(&server, "mentor", 5).await;
    let mut tablet_b = Device::login(&server, "mentor", 6).await;
    let mut doc = LocalDoc::new(tablet_a.id, doc_id(1), header("rw-huye", Some("rango-hc")));
    doc.edit("title", "first");
    let first = tablet_a
        .sync(SyncRequest {
            pushes: vec![doc.push()],
            ..SyncRequest::default()
        })
        .await;
    let PushOutcome::Accepted { heads } = &first.results[0].outcome else {
        panic!("refused: {first:?}");
    };
    doc.server_heads = heads.clone();
    let authors = server
        .count_bytes(
            "SELECT COUNT(*) FROM sync_change WHERE author = ?1",
            &[&[5; 16]],
        )
        .await;
    assert_eq!(authors, 1, "the change is stored with its author");

    // B starts from nothing: a snapshot. Then A edits again: B gets only the new change.
    let pulled = tablet_b.sync(SyncRequest::default()).await;
    assert!(matches!(pulled.docs[0].body, DocBody::Snapshot(_)));
    doc.edit("score", "3");
    tablet_a
        .sync(SyncRequest {
            since: first.cursor,
            ack: first.token,
            pushes: vec![doc.push()],
            ..SyncRequest::default()
        })
        .await;
    let next = tablet_b
        .sync(SyncRequest {
            since: pulled.cursor,
            ack: pulled.token,
            ..SyncRequest::default()
        })
        .await;
    match &next.docs[0].body {
        DocBody::Changes(changes) => assert_eq!(changes.len(), 1),
        other => panic!("expected changes, got {other:?}"),
    }
}

async fn gzip_requests_are_accepted_and_responses_compressed(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut device = Device::login(&server, "admin", 7).await;
    let mut pushes = Vec::new();
    for n in 0..20 {
        let mut doc = LocalDoc::new(device.id, doc_id(n), header("rw-huye", Some("rango-hc")));
        doc.edit(
            "title",
            "a fairly repetitive note, repeated, repeated, repeated",
        );
        pushes.push(doc.push());
    }
    let request = SyncRequest {
        pushes,
        ..SyncRequest::default()
    };
    let (response, up, _) = device
        .conn
        .sync(&device.token, &request, true)
        .await
        .expect("sync");
    assert!(response.results.iter().all(|r| accepted(&r.outcome)));
    assert!(up < mentora_shared::sync::wire::encode_request(&request).len());
    let mut fresh = Device::login(&server, "admin", 8).await;
    let reply = fresh
        .conn
        .send(
            "POST",
            "/api/sync",
            &[
                ("authorization", &format!("Bearer {}", fresh.token)),
                ("content-type", "application/octet-stream"),
                ("accept-encoding", "gzip"),
            ],
            mentora_shared::sync::wire::encode_request(&SyncRequest::default()),
        )
        .await
        .expect("send");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_encoding.as_deref(), Some("gzip"));
    let _ = fresh.pull_all().await;
}

super::support::on_both!(
    mentors_read_and_write_only_their_facility_supervisors_their_district,
    changes_are_stored_with_their_author_and_delivered_incrementally,
    gzip_requests_are_accepted_and_responses_compressed,
);
