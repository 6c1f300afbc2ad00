//! The capability policy over HTTP (`mentora_shared::policy`): forged supervisor notes,
//! acknowledgements and validation deletions; helpers shared with `policy_table.rs`.

use automerge::transaction::Transactable as _;
use automerge::{ActorId, Automerge, ObjType, ROOT, ReadDoc as _};
use mentora_shared::documents::comment::{self, Acknowledgement, Comment, Target, TargetKind};
use mentora_shared::domain::Date;
use mentora_shared::sync::wire::{DocPush, PushOutcome, Refusal, SyncRequest};
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId, Scope};

use super::client::{Conn, doc_id};
use super::support::{Fixture, Running};

pub(super) struct Device {
    id: [u8; 16],
    token: String,
    conn: Conn,
}

impl Device {
    pub(super) async fn login(server: &Running, username: &str, n: u8) -> Self {
        let id = [n; 16];
        let mut conn = server.conn().await;
        let token = conn.login(username, id).await.expect("login");
        Self { id, token, conn }
    }

    /// A new, empty document written with this device's actor.
    pub(super) fn new_doc(&self) -> Automerge {
        Automerge::new().with_actor(ActorId::from(&self.id[..]))
    }

    /// `doc` as this device holds it after receiving it: a copy writing with its own actor.
    pub(super) fn receive(&self, doc: &Automerge) -> Automerge {
        doc.fork().with_actor(ActorId::from(&self.id[..]))
    }

    /// Pushes what `doc` has beyond `since`; returns the outcome.
    pub(super) async fn push(
        &mut self,
        id: DocId,
        header: DocHeader,
        doc: &Automerge,
        since: &Automerge,
    ) -> PushOutcome {
        let mut heads = doc.get_heads();
        heads.sort_unstable();
        let push = DocPush {
            doc_id: id,
            header,
            heads,
            changes: doc
                .get_changes(&since.get_heads())
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect(),
        };
        let request = SyncRequest {
            pushes: vec![push],
            ..SyncRequest::default()
        };
        let (response, _, _) = self
            .conn
            .sync(&self.token, &request, false)
            .await
            .expect("sync");
        response.results[0].outcome.clone()
    }
}

pub(super) fn header(
    kind: &str,
    version: u32,
    district: &str,
    facility: Option<&str>,
) -> DocHeader {
    DocHeader {
        kind: DocKind::new(kind).expect("kind"),
        schema_version: version,
        scope: Scope {
            district: PlaceId::new(district).expect("district"),
            facility: facility.map(|f| PlaceId::new(f).expect("facility")),
        },
    }
}

/// The demo mentor's facility: every role below may write there.
pub(super) fn at_rango(kind: &str) -> DocHeader {
    header(kind, 1, "rw-huye", Some("rango-hc"))
}

#[track_caller]
pub(super) fn check(outcome: &PushOutcome, expect: Result<(), Refusal>) {
    match (outcome, expect) {
        (PushOutcome::Accepted { .. }, Ok(())) => {}
        (PushOutcome::Refused { reason, detail }, Err(want)) => {
            assert_eq!(*reason, want, "{detail}");
            assert!(!detail.is_empty());
        }
        (got, want) => panic!("expected {want:?}, got {got:?}"),
    }
}

pub(super) fn put(doc: &mut Automerge, key: &str, value: &str) {
    let mut tx = doc.transaction();
    tx.put(ROOT, key, value).expect("put");
    tx.commit();
}

fn date() -> Date {
    Date::parse("2026-05-02").expect("date")
}

fn supervisor_comment(doc: &mut Automerge) {
    comment::write_new(
        doc,
        &Comment {
            target: Target {
                kind: TargetKind::Visit,
                doc: "00112233445566778899aabbccddeeff".to_owned(),
                assessment: None,
            },
            author: "supervisor".to_owned(),
            author_name: "Demo Supervisor".to_owned(),
            text: "Please re-observe this case".to_owned(),
            created_on: date(),
        },
    )
    .expect("comment");
}

/// Change chunks stored for document `n`.
pub(super) async fn stored_changes(server: &Running, n: u64) -> i64 {
    let key = doc_id(n).0.to_vec();
    server
        .state
        .with_db(move |conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM sync_change WHERE doc_id = ?1",
                [key],
                |r| r.get::<_, i64>(0),
            )
        })
        .await
        .expect("count")
}

async fn a_mentors_forged_supervisor_notes_are_refused_and_a_supervisors_accepted(
    fixture: Fixture,
) {
    let server = Running::start(&fixture).await;
    let mut mentor = Device::login(&server, "mentor", 2).await;
    let mut supervisor = Device::login(&server, "supervisor", 3).await;
    let empty = Automerge::new();

    // A comment written on the mentor's tablet in the supervisor's name.
    let mut forged = mentor.new_doc();
    supervisor_comment(&mut forged);
    let outcome = mentor
        .push(doc_id(1), at_rango("comment"), &forged, &empty)
        .await;
    check(&outcome, Err(Refusal::NotPermitted));
    // A joint supervision visit recorded by the mentor.
    let mut visit = mentor.new_doc();
    let mut tx = visit.transaction();
    tx.put_object(ROOT, "issues", ObjType::Map).expect("issues");
    tx.put(ROOT, "progress", "all good").expect("progress");
    tx.commit();
    let outcome = mentor
        .push(doc_id(2), at_rango("supervision"), &visit, &empty)
        .await;
    check(&outcome, Err(Refusal::NotPermitted));
    assert_eq!(
        stored_changes(&server, 1).await + stored_changes(&server, 2).await,
        0
    );

    // The supervisor's own comment and visit are stored.
    let mut real = supervisor.new_doc();
    supervisor_comment(&mut real);
    check(
        &supervisor
            .push(doc_id(3), at_rango("comment"), &real, &empty)
            .await,
        Ok(()),
    );
    let mut joint = supervisor.new_doc();
    put(&mut joint, "progress", "reviewed");
    check(
        &supervisor
            .push(doc_id(4), at_rango("supervision"), &joint, &empty)
            .await,
        Ok(()),
    );

    // The mentor acknowledges it (their own entry): accepted. Rewriting its text: refused.
    let mut held = mentor.receive(&real);
    let ack = Acknowledgement {
        name: "Demo Mentor".to_owned(),
        on: date(),
        reply: "will do".to_owned(),
    };
    comment::acknowledge(&mut held, "mentor", &ack).expect("ack");
    check(
        &mentor
            .push(doc_id(3), at_rango("comment"), &held, &real)
            .await,
        Ok(()),
    );
    let before = held.fork();
    put(&mut held, "text", "nothing to re-observe");
    check(
        &mentor
            .push(doc_id(3), at_rango("comment"), &held, &before)
            .await,
        Err(Refusal::NotPermitted),
    );
    // Acknowledging in someone else's name: refused.
    let mut other = mentor.receive(&before);
    comment::acknowledge(&mut other, "supervisor", &ack).expect("ack");
    check(
        &mentor
            .push(doc_id(3), at_rango("comment"), &other, &before)
            .await,
        Err(Refusal::NotPermitted),
    );
    assert_eq!(
        stored_changes(&server, 3).await,
        2,
        "the comment and one acknowledgement"
    );

    // The supervisor corrects their own text: accepted.
    let mut corrected = supervisor.receive(&before);
    put(&mut corrected, "text", "Please re-observe the second case");
    check(
        &supervisor
            .push(doc_id(3), at_rango("comment"), &corrected, &before)
            .await,
        Ok(()),
    );
}

/// A mentee document with one validation, made by the mentor's device.
fn validated(mentor: &Device) -> Automerge {
    let mut doc = mentor.new_doc();
    let mut tx = doc.transaction();
    tx.put(ROOT, "name", "Aline Uwase").expect("name");
    let validations = tx
        .put_object(ROOT, "validations", ObjType::Map)
        .expect("map");
    tx.put(&validations, "hbb", "{}").expect("validation");
    tx.commit();
    doc
}

async fn a_validation_is_deleted_by_a_supervisor_not_by_a_mentor(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut mentor = Device::login(&server, "mentor", 2).await;
    let mut supervisor = Device::login(&server, "supervisor", 3).await;
    let stored = validated(&mentor);
    check(
        &mentor
            .push(doc_id(5), at_rango("mentee"), &stored, &Automerge::new())
            .await,
        Ok(()),
    );

    let delete = |doc: &mut Automerge| {
        let (_, validations) = doc.get(ROOT, "validations").expect("get").expect("map");
        let mut tx = doc.transaction();
        tx.delete(&validations, "hbb").expect("delete");
        tx.commit();
    };
    let mut mine = mentor.receive(&stored);
    delete(&mut mine);
    check(
        &mentor
            .push(doc_id(5), at_rango("mentee"), &mine, &stored)
            .await,
        Err(Refusal::NotPermitted),
    );
    // Other edits of the record still go through.
    let mut renamed = mentor.receive(&stored);
    put(&mut renamed, "name", "Aline Uwase M.");
    check(
        &mentor
            .push(doc_id(5), at_rango("mentee"), &renamed, &stored)
            .await,
        Ok(()),
    );

    let mut theirs = supervisor.receive(&renamed);
    delete(&mut theirs);
    check(
        &supervisor
            .push(doc_id(5), at_rango("mentee"), &theirs, &renamed)
            .await,
        Ok(()),
    );
}

super::support::on_both!(
    a_mentors_forged_supervisor_notes_are_refused_and_a_supervisors_accepted,
    a_validation_is_deleted_by_a_supervisor_not_by_a_mentor,
);
