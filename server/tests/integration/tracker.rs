//! The historical progress-tracker import over HTTP and the CLI: a preview writes nothing; an
//! apply writes real mentee documents that a mentor's tablet receives at its next sync and
//! reads back with their assessments and validation (and may then edit); a re-import adds
//! nothing and an edited one only its new row; a file with a bad row is refused whole with the
//! row named; other roles get 403.

use automerge::Automerge;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mentora_shared::documents::mentee;
use mentora_shared::domain::MentorAffiliation;
use mentora_shared::setup::tracker::{IMPORT_DEVICE, TRACKER_TEMPLATE};
use mentora_shared::sync::wire::{DocBody, DocPush, PushOutcome, SyncRequest, SyncResponse};
use serde_json::{Value, json};

use super::client::Conn;
use super::support::{Answer, Fixture, Running, json, oneshot};

async fn post(server: &Running, token: &str, body: &Value) -> Answer {
    let request = Request::post("/api/admin/tracker/import")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    oneshot(server.state.clone(), request).await
}

async fn sync(conn: &mut Conn, token: &str, request: &SyncRequest) -> SyncResponse {
    conn.sync(token, request, false).await.expect("sync").0
}

const DOCS: &str = "SELECT COUNT(*) FROM sync_doc";
const SEQ: &str = "SELECT COALESCE(MAX(seq), 0) FROM sync_doc";
const LOGGED: &str = "SELECT COUNT(*) FROM admin_action WHERE action = 'tracker.import'";

async fn an_import_reaches_the_mentors_tablet_and_a_reimport_adds_nothing(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xe1; 16]).await.expect("admin");
    let supervisor = conn.login("supervisor", [0xe2; 16]).await.expect("sup");
    let mentor_device = [0xe3; 16];
    let mentor = conn.login("mentor", mentor_device).await.expect("mentor");

    // The mentor's account mentors for the paediatric association (Table 1).
    server
        .state
        .with_db(|c| {
            c.execute(
                "UPDATE user_account SET affiliation = 'rpa' WHERE username = 'mentor'",
                [],
            )
        })
        .await
        .expect("affiliation");

    for token in [&supervisor, &mentor] {
        let refused = post(&server, token, &json!({"text": TRACKER_TEMPLATE})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }

    let preview = post(&server, &admin, &json!({"text": TRACKER_TEMPLATE})).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text());
    let body = json(&preview.body);
    assert_eq!(body["applied"], false);
    let plan = &body["plan"];
    assert_eq!(plan["errors"], json!([]));
    assert_eq!(plan["mentees"].as_array().map(Vec::len), Some(1));
    assert_eq!(plan["assessments"].as_array().map(Vec::len), Some(4));
    assert_eq!(plan["validations"].as_array().map(Vec::len), Some(1));
    assert_eq!(server.count(DOCS).await, 0, "a preview writes nothing");

    let applied = post(
        &server,
        &admin,
        &json!({"text": TRACKER_TEMPLATE, "apply": true}),
    )
    .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.text());
    assert_eq!(json(&applied.body)["applied"], true);
    assert_eq!(server.count(DOCS).await, 1);
    assert_eq!(server.count(LOGGED).await, 1);
    let mentee_id = plan["mentees"][0]["id"].as_str().expect("id").to_owned();

    // The mentor's tablet (scope: Huye and Rango) receives the record at its next sync.
    let first = sync(&mut conn, &mentor, &SyncRequest::default()).await;
    assert_eq!(first.docs.len(), 1);
    let update = &first.docs[0];
    assert_eq!(update.doc_id.to_string(), mentee_id);
    assert_eq!(update.header.kind.as_str(), mentee::KIND);
    assert_eq!(update.header.scope.district.as_str(), "rw-huye");
    assert_eq!(
        update.header.scope.facility.as_ref().map(|f| f.as_str()),
        Some("rango-hc")
    );
    let DocBody::Snapshot(bytes) = &update.body else {
        panic!("a new document comes whole");
    };
    let mut doc = Automerge::load(bytes).expect("loads");
    let record = mentee::read(&doc).expect("record");
    assert_eq!(record.name, "Marie Uwase");
    assert_eq!(record.facility, "rango-hc");
    assert!(record.competencies.contains("hbb"));
    let history = mentee::read_history(&doc).expect("history");
    assert_eq!(history.assessments.len(), 4);
    assert_eq!(history.assessments[2].assessor_name, "Jeanne Mukamana");
    let validation = history
        .validations
        .values()
        .next()
        .expect("validated on hbb");
    assert_eq!(validation.validated_by_name, "Demo Mentor");
    // Each entry counts for the team that mentored: the account's, or the row's association.
    let rpa = Some(MentorAffiliation::Rpa);
    assert_eq!(history.assessments[0].association, rpa);
    assert_eq!(
        history.assessments[2].association,
        Some(MentorAffiliation::Ram)
    );
    assert_eq!(validation.association, rpa);
    assert_eq!(validation.validation.evaluations_to_validation, 2);
    // Every change was made by the import, not by a tablet.
    assert!(
        doc.get_changes(&[])
            .iter()
            .all(|c| c.actor_id() == &IMPORT_DEVICE.actor())
    );

    // The exports count them like any record.
    for (path, lines) in [
        ("/api/exports/assessments.csv", 5),
        ("/api/exports/validations.csv", 2),
    ] {
        let request = Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {supervisor}"))
            .body(Body::empty())
            .expect("request");
        let answer = oneshot(server.state.clone(), request).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        let text = answer.text();
        assert_eq!(
            text.lines().filter(|l| !l.is_empty()).count(),
            lines,
            "{text}"
        );
        assert!(text.contains(&mentee_id.replace('-', "")), "{text}");
    }

    // The tablet may then work on the record as on any other.
    doc.set_actor(mentora_shared::sync::DeviceId(mentor_device).actor());
    let heads = doc.get_heads();
    let mut entry = history.assessments[0].clone();
    entry.assessment.id = mentora_shared::domain::AssessmentId::from_u128(7);
    mentee::add_assessment(&mut doc, &entry).expect("add");
    let push = DocPush {
        doc_id: update.doc_id,
        header: update.header.clone(),
        heads: doc.get_heads(),
        changes: doc
            .get_changes(&heads)
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    };
    let pushed = sync(
        &mut conn,
        &mentor,
        &SyncRequest {
            since: first.cursor,
            ack: first.token,
            pushes: vec![push],
            ..SyncRequest::default()
        },
    )
    .await;
    assert!(
        matches!(pushed.results[0].outcome, PushOutcome::Accepted { .. }),
        "{:?}",
        pushed.results[0].outcome
    );

    // A re-import adds nothing, and is not logged.
    let seq = server.count(SEQ).await;
    let again = post(
        &server,
        &admin,
        &json!({"text": TRACKER_TEMPLATE, "apply": true}),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    let plan = &json(&again.body)["plan"];
    assert_eq!(
        plan["present"],
        json!({"mentees": 1, "assessments": 4, "validations": 1})
    );
    assert_eq!(plan["assessments"], json!([]));
    assert_eq!(server.count(SEQ).await, seq, "nothing written");
    assert_eq!(server.count(LOGGED).await, 1);

    // An edited tracker adds only its new row, to the same record; the tablet gets the change.
    let edited = format!(
        "{TRACKER_TEMPLATE}Marie Uwase,midwife,rango-hc,,mentor,,,eceb,pre_test,2023-05-02,11/20,,,,\n"
    );
    let added = post(&server, &admin, &json!({"text": edited, "apply": true})).await;
    let plan = &json(&added.body)["plan"];
    assert_eq!(plan["assessments"].as_array().map(Vec::len), Some(1));
    assert_eq!(plan["mentees"], json!([]));
    assert_eq!(server.count(DOCS).await, 1);
    let next = sync(
        &mut conn,
        &mentor,
        &SyncRequest {
            since: pushed.cursor,
            ack: pushed.token,
            ..SyncRequest::default()
        },
    )
    .await;
    assert_eq!(next.docs.len(), 1);
    let DocBody::Changes(chunks) = &next.docs[0].body else {
        panic!("the tablet holds the record: only the new changes come");
    };
    for chunk in chunks {
        doc.load_incremental(chunk).expect("applies");
    }
    let history = mentee::read_history(&doc).expect("history");
    assert_eq!(
        history.assessments.len(),
        6,
        "4 imported, 1 from the tablet, 1 new"
    );
    assert!(
        mentee::read(&doc)
            .expect("record")
            .competencies
            .contains("eceb")
    );

    // The supervisor of the district sees it too.
    let seen = sync(&mut conn, &supervisor, &SyncRequest::default()).await;
    assert_eq!(seen.docs.len(), 1);
}

async fn a_file_with_a_bad_row_is_refused_whole_with_the_row_named(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xe4; 16]).await.expect("admin");
    let bad = format!(
        "{TRACKER_TEMPLATE}Eric Habimana,nurse,Rango HC,,mentor,,,hbb,pre_test,2023-01-05,40,,,,\n"
    );
    let preview = post(&server, &admin, &json!({"text": bad})).await;
    assert_eq!(preview.status, StatusCode::OK);
    let errors = json(&preview.body)["plan"]["errors"].clone();
    assert_eq!(
        errors,
        json!([{"row": 6, "problem": "unknown_facility", "facility": "Rango HC"}])
    );
    let refused = post(&server, &admin, &json!({"text": bad, "apply": true})).await;
    refused.error(StatusCode::UNPROCESSABLE_ENTITY, "rows_to_fix");
    assert!(
        refused
            .text()
            .contains("rows to fix (1): row 6: unknown facility 'Rango HC'"),
        "{}",
        refused.text()
    );
    let unreadable = post(
        &server,
        &admin,
        &json!({"text": "name,score\nA,1\n", "apply": true}),
    )
    .await;
    unreadable.error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_column");
    assert_eq!(server.count(DOCS).await, 0);
    assert_eq!(server.count(LOGGED).await, 0);
}

/// The CLI's `tracker import`: a preview writes nothing, `--apply` writes, and again adds
/// nothing; a file with a row in error is refused whole with the row named.
#[test]
fn the_cli_previews_applies_and_refuses_like_the_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A database with the demo places and accounts.
    drop(mentora_server::db::open(&dir.path().join("mentora.db"), true).expect("db"));
    let csv = dir.path().join("tracker.csv");
    std::fs::write(&csv, TRACKER_TEMPLATE).expect("write");
    let run = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(["tracker", "import", "--data-dir"])
            .arg(dir.path())
            .arg(&csv)
            .args(extra)
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.success(), text)
    };
    let (ok, text) = run(&[]);
    assert!(ok && text.starts_with("preview (nothing written"), "{text}");
    assert!(
        text.contains("1 mentees to create, 4 assessments and 1 validations to add"),
        "{text}"
    );
    let (ok, text) = run(&["--apply"]);
    assert!(
        ok && text.starts_with("imported: 1 mentees to create"),
        "{text}"
    );
    let (ok, text) = run(&["--apply"]);
    assert!(
        ok && text.contains("0 mentees to create, 0 assessments and 0 validations to add; already here: 1 mentees, 4 assessments, 1 validations"),
        "{text}"
    );
    assert!(!text.contains("Marie"), "no names printed: {text}");

    std::fs::write(
        &csv,
        format!("{TRACKER_TEMPLATE}A B,nurse,rango-hc,,ghost,,,hbb,pre_test,2023-01-05,40,,,,\n"),
    )
    .expect("write");
    let (ok, text) = run(&["--apply"]);
    assert!(!ok, "{text}");
    assert!(
        text.contains("the file has rows to fix (1): row 6: unknown mentor_username 'ghost'"),
        "{text}"
    );
}

/// A workbook made the way Excel makes one: dates as date-formatted numbers, a score formatted
/// as a percentage (stored as 0.92).
fn workbook() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let records =
        mentora_shared::setup::csv::read(TRACKER_TEMPLATE, mentora_shared::setup::tracker::LIMITS)
            .expect("template");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0%");
    let header = &records[0].1;
    let at = |name: &str| header.iter().position(|h| h == name).expect("column");
    for (r, (_, fields)) in records.iter().enumerate() {
        let row = u32::try_from(r).expect("row");
        for (c, value) in fields.iter().enumerate() {
            let col = u16::try_from(c).expect("col");
            let dated = r > 0 && (c == at("date") || c == at("validation_date"));
            if dated && !value.is_empty() {
                let date = mentora_shared::domain::Date::parse(value).expect("date");
                let serial = date.days_since_epoch() + 25_569;
                sheet
                    .write_number_with_format(row, col, serial as f64, &date_format)
                    .expect("cell");
            } else if r == 4 && c == at("score") {
                sheet
                    .write_number_with_format(row, col, 0.92, &percent)
                    .expect("cell");
            } else if !value.is_empty() {
                sheet.write_string(row, col, value).expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn a_workbook_is_read_like_the_csv_template() {
    use base64::Engine as _;
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xe5; 16]).await.expect("admin");
    let encoded = base64::engine::general_purpose::STANDARD.encode(workbook());
    let preview = post(&server, &admin, &json!({"xlsx_base64": encoded})).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text());
    let plan = &json(&preview.body)["plan"];
    assert_eq!(plan["errors"], json!([]));
    assert_eq!(plan["assessments"].as_array().map(Vec::len), Some(4));
    assert_eq!(plan["assessments"][0]["date"], "2023-02-06");
    assert_eq!(
        plan["assessments"][3]["score"],
        json!({"achieved": 92, "applicable": 100})
    );
    assert_eq!(plan["validations"][0]["date"], "2023-04-12");

    let applied = post(
        &server,
        &admin,
        &json!({"xlsx_base64": encoded, "apply": true}),
    )
    .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.text());
    // The same rows as the CSV template make the same records: nothing more to add.
    let csv = post(&server, &admin, &json!({"text": TRACKER_TEMPLATE})).await;
    assert_eq!(
        json(&csv.body)["plan"]["present"],
        json!({"mentees": 1, "assessments": 4, "validations": 1})
    );

    let garbage = base64::engine::general_purpose::STANDARD.encode(b"PK\x03\x04 not a zip");
    let refused = post(&server, &admin, &json!({"xlsx_base64": garbage})).await;
    refused.error(StatusCode::UNPROCESSABLE_ENTITY, "not_workbook");
    assert!(
        refused.text().contains("not a readable workbook"),
        "{}",
        refused.text()
    );
    let both = post(
        &server,
        &admin,
        &json!({"xlsx_base64": "", "text": TRACKER_TEMPLATE}),
    )
    .await;
    both.error(StatusCode::UNPROCESSABLE_ENTITY, "text_or_workbook");
}

super::support::on_both!(
    an_import_reaches_the_mentors_tablet_and_a_reimport_adds_nothing,
    a_file_with_a_bad_row_is_refused_whole_with_the_row_named,
);
