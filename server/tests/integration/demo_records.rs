//! `serve --demo-records`: the demo dataset's mentees, with their assessments and validations,
//! and its CHW group session, written as documents through the sync store into a database seeded with `--demo`; the
//! supervisor's tablet receives the Huye ones at its first sync; a second call, or a database
//! that already has documents or lacks the demo places, gets nothing.

use automerge::Automerge;
use mentora_server::demo::{RecordsSeeded, seed_records};
use mentora_server::error::ApiError;
use mentora_shared::demo;
use mentora_shared::documents::{chw_session, mentee};
use mentora_shared::domain::{CompetencyId, MentorAffiliation};
use mentora_shared::setup::tracker::IMPORT_DEVICE;
use mentora_shared::sync::wire::{DocBody, DocPush, PushOutcome, SyncRequest, SyncResponse};
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId, Scope};

use super::client::Conn;
use super::support::{Fixture, Running};

/// 1 March 2021, 12:00 UTC: when the demo's changes say they were made.
const NOW: i64 = 1_614_600_000;

const DOCS: &str = "SELECT COUNT(*) FROM sync_doc";
const MENTEE_DOCS: &str = "SELECT COUNT(*) FROM sync_doc WHERE kind = 'mentee'";
const SEQ: &str = "SELECT COALESCE(MAX(seq), 0) FROM sync_doc";
const HUYE_DOCS: &str = "SELECT COUNT(*) FROM sync_doc WHERE district = 'rw-huye'";

async fn seed(server: &Running) -> RecordsSeeded {
    server
        .state
        .with_db(|c| Ok::<_, ApiError>(seed_records(c, NOW)))
        .await
        .expect("database")
        .expect("seeded")
}

/// Every document the device receives from a first sync, following `remaining`.
async fn receive_all(conn: &mut Conn, token: &str) -> Vec<(DocId, DocHeader, Automerge)> {
    let mut request = SyncRequest::default();
    let mut docs = Vec::new();
    loop {
        let response: SyncResponse = conn.sync(token, &request, false).await.expect("sync").0;
        for update in &response.docs {
            let DocBody::Snapshot(bytes) = &update.body else {
                panic!("a new document comes whole");
            };
            let doc = Automerge::load(bytes).expect("loads");
            docs.push((update.doc_id, update.header.clone(), doc));
        }
        if response.remaining == 0 {
            return docs;
        }
        request = SyncRequest {
            since: response.cursor,
            ack: response.token,
            ..SyncRequest::default()
        };
    }
}

async fn demo_records_reach_the_supervisor_once(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let dataset = demo::dataset().expect("demo builds");

    // Fourteen mentees: Jean Bosco, Diane and Olivier at Kabutare DH, Solange and the six CHWs
    // at Rango HC, Theogene and Chantal at Simbi HC (Huye: 12); Grace and Emmanuel at Nyanza DH.
    assert_eq!(dataset.mentees.len(), 14);
    // And the ICCM group session at Rango that assessed the six CHWs (the CBMNH one assessed
    // nobody, so it has no document).
    assert_eq!(
        seed(&server).await,
        RecordsSeeded::Written {
            mentees: 14,
            chw_sessions: 1
        }
    );
    assert_eq!(server.count(MENTEE_DOCS).await, 14);
    assert_eq!(server.count(DOCS).await, 15);
    assert_eq!(server.count(HUYE_DOCS).await, 13);

    // A second call writes nothing.
    let seq = server.count(SEQ).await;
    assert_eq!(seed(&server).await, RecordsSeeded::HasDocuments);
    assert_eq!(server.count(SEQ).await, seq);
    assert_eq!(server.count(DOCS).await, 15);

    // The supervisor of Huye receives the twelve Huye records, with every assessment and
    // validation of theirs in the dataset, and the CHW session.
    let mut conn = server.conn().await;
    let supervisor = conn.login("supervisor", [0xd1; 16]).await.expect("login");
    let mut received = receive_all(&mut conn, &supervisor).await;
    assert_eq!(received.len(), 13);
    assert!(
        received
            .iter()
            .all(|(_, h, _)| h.scope.district.as_str() == "rw-huye")
    );
    let at = received
        .iter()
        .position(|(_, h, _)| h.kind.as_str() == chw_session::KIND)
        .expect("the CHW session");
    let (session_id, header, doc) = received.remove(at);
    assert_eq!(session_id.as_uuid(), demo::ids::ICCM_SESSION.0);
    assert_eq!(
        header.scope.facility.as_ref().map(PlaceId::as_str),
        Some("rango-hc")
    );
    let session = chw_session::read(&doc).expect("session");
    assert_eq!(session.facilitator_name, "Vestine Ingabire");
    assert_eq!(session.date, mentora_shared::date!(2021, 3, 18));
    // Each of the six CHWs, with the assessment their record holds.
    assert_eq!(session.participants.len(), 6);
    for chw in demo::ids::CHWS {
        assert!(
            session
                .participants
                .contains_key(&DocId(*chw.0.as_bytes()).to_string())
        );
    }
    let (mut assessments, mut validations) = (0, 0);
    for (id, header, doc) in &received {
        assert_eq!(header.kind.as_str(), mentee::KIND);
        let record = mentee::read(doc).expect("record");
        let history = mentee::read_history(doc).expect("history");
        let person = dataset
            .mentees
            .iter()
            .find(|m| m.id.0 == id.as_uuid())
            .expect("a demo mentee");
        assert_eq!(record.name, person.name);
        assert_eq!(
            Some(record.facility.as_str()),
            demo::place_code(person.facility)
        );
        assert_eq!(
            header.scope.facility.as_ref().map(PlaceId::as_str),
            Some(record.facility.as_str())
        );
        assert!(
            doc.get_changes(&[])
                .iter()
                .all(|c| c.actor_id() == &IMPORT_DEVICE.actor()),
            "written as imported history, by no tablet"
        );
        assessments += history.assessments.len();
        validations += history.validations.len();
    }
    // Of the 29 assessments, Grace's four and Emmanuel's two are at Nyanza DH: 23 in Huye. Of
    // the 11 validations, Grace's (severe pre-eclampsia) is: 10 in Huye.
    assert_eq!((assessments, validations), (23, 10));

    // Jean Bosco (Kabutare): pre-test, baseline, post-mentorship observation and post-test on
    // HBB with Aline (RAM), validated on the observation of 12 November 2019.
    let (_, _, doc) = received
        .iter()
        .find(|(id, _, _)| id.as_uuid() == demo::ids::JEAN_BOSCO.0)
        .expect("Jean Bosco");
    let history = mentee::read_history(doc).expect("history");
    assert_eq!(history.assessments.len(), 4);
    assert!(
        history
            .assessments
            .iter()
            .all(|a| a.assessor_name == "Aline Uwase"
                && a.association == Some(MentorAffiliation::Ram))
    );
    let hbb = &history.validations[&CompetencyId::new("hbb")];
    assert_eq!(hbb.validated_by_name, "Aline Uwase");
    assert_eq!(hbb.association, Some(MentorAffiliation::Ram));
    assert_eq!(
        hbb.validation.date,
        mentora_shared::date!(2019, 11, 12),
        "{hbb:?}"
    );
    assert!(
        mentee::read(doc)
            .expect("record")
            .competencies
            .contains("hbb")
    );

    // The mentor of Rango receives Solange, the six CHWs and their session only.
    let mentor = conn.login("mentor", [0xd2; 16]).await.expect("login");
    let at_rango = receive_all(&mut conn, &mentor).await;
    assert_eq!(at_rango.len(), 8);
    assert!(
        at_rango
            .iter()
            .all(|(_, h, _)| h.scope.facility.as_ref().map(PlaceId::as_str) == Some("rango-hc"))
    );
}

#[tokio::test]
async fn a_database_with_documents_or_without_the_demo_places_is_not_seeded() {
    // A tablet's first record is a document: the demo records no longer go in.
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let device = [0xd3; 16];
    let token = conn.login("mentor", device).await.expect("login");
    let mut doc = Automerge::new();
    doc.set_actor(mentora_shared::sync::DeviceId(device).actor());
    mentee::write_new(
        &mut doc,
        &mentee::MenteeRecord {
            name: "Alice Mukamana".to_owned(),
            cadre: mentora_shared::domain::Cadre::Nurse,
            facility: "rango-hc".to_owned(),
            phone: None,
            association: None,
            competencies: Default::default(),
        },
    )
    .expect("write");
    let push = DocPush {
        doc_id: DocId([0x5a; 16]),
        header: DocHeader {
            kind: DocKind::new(mentee::KIND).expect("kind"),
            schema_version: mentee::SCHEMA_VERSION,
            scope: Scope {
                district: PlaceId::new("rw-huye").expect("district"),
                facility: Some(PlaceId::new("rango-hc").expect("facility")),
            },
        },
        heads: doc.get_heads(),
        changes: doc
            .get_changes(&[])
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    };
    let pushed = conn
        .sync(
            &token,
            &SyncRequest {
                pushes: vec![push],
                ..SyncRequest::default()
            },
            false,
        )
        .await
        .expect("sync")
        .0;
    assert!(
        matches!(pushed.results[0].outcome, PushOutcome::Accepted { .. }),
        "{:?}",
        pushed.results[0].outcome
    );
    assert_eq!(server.count(DOCS).await, 1);
    assert_eq!(seed(&server).await, RecordsSeeded::HasDocuments);
    assert_eq!(server.count(DOCS).await, 1);

    // A database opened without --demo has no demo places: nothing is written.
    let bare = tempfile::tempdir().expect("temp dir");
    let mut conn = mentora_server::Db::from(
        mentora_server::db::open(&bare.path().join("mentora.db"), false).expect("open"),
    );
    assert_eq!(
        seed_records(&mut conn, NOW).expect("checked"),
        RecordsSeeded::NoDemoPlaces
    );
    let docs: i64 = conn.query_row(DOCS, [], |r| r.get(0)).expect("count");
    assert_eq!(docs, 0);
}

super::support::on_both!(demo_records_reach_the_supervisor_once,);
