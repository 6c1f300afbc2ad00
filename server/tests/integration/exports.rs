//! `/api/exports/*` end to end: mentee documents are created through the real sync protocol at
//! two facilities in two districts, then exported as CSV, XLSX and DHIS2 JSON by users of each
//! role. Expected rows and figures are computed by hand from the seed below.
//!
//! Seed:
//! - Aline (nurse, rango-hc in rw-huye), competencies hbb and kmc: hbb pre-test 2024-01-10
//!   4/10; post-mentorship observation (simulated) 2024-03-31 12/12 with feedback; validated on
//!   hbb 2024-03-31 after 2 evaluations.
//! - Claudine (CHW, nyanza-dh in rw-nyanza), competency iccm: group assessment 2023-12-31 5/6
//!   missing `count_breaths`; validated on iccm 2024-01-02 after 1 evaluation; both entries
//!   record their mentor's affiliation as RSOG (nyanza-dh is a district hospital: Table 1).
//! - A "mentee" document at simbi-hc that is not a mentee record (unreadable: skipped), and a
//!   visit document at rango-hc (another kind: ignored).

use std::collections::BTreeSet;
use std::io::Cursor;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use mentora_shared::documents::mentee::{
    self, AssessmentEntry, Feedback, MenteeRecord, ValidationEntry,
};
use mentora_shared::domain::{
    Assessment, AssessmentId, AssessmentKind, Cadre, CaseKind, ChecklistResult, ChwGroupSessionId,
    CompetencyId, Date, ItemId, MenteeId, MentorAffiliation, MentorId, ObservationPurpose, Score,
    TestPhase, Validation, ValidationId,
};
use mentora_shared::sync::wire::{PushOutcome, SyncRequest};
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId, Scope};

use super::client::{LocalDoc, doc_id, header as visit_header};
use super::support::{Answer, Running, json, oneshot};

pub(super) const ADMIN_DEVICE: [u8; 16] = [0xe1; 16];

/// One request through the router over the running server's state (headers included).
pub(super) async fn call(
    server: &Running,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let request = request
        .body(body.map_or_else(Body::empty, Body::from))
        .expect("request");
    oneshot(server.state.clone(), request).await
}

fn hex(id: DocId) -> String {
    id.0.iter().map(|b| format!("{b:02x}")).collect()
}

fn aline() -> DocId {
    doc_id(101)
}

fn claudine() -> DocId {
    doc_id(102)
}

fn mentee_header(district: &str, facility: &str) -> DocHeader {
    DocHeader {
        kind: DocKind::new(mentee::KIND).expect("kind"),
        schema_version: mentee::SCHEMA_VERSION,
        scope: Scope {
            district: PlaceId::new(district).expect("district"),
            facility: Some(PlaceId::new(facility).expect("facility")),
        },
    }
}

fn day(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("date")
}

fn assessment(
    id: u128,
    competency: &str,
    date: Date,
    kind: AssessmentKind,
    score: (u32, u32),
) -> Assessment {
    Assessment {
        id: AssessmentId::from_u128(id),
        mentee: MenteeId::from_u128(id),
        assessor: MentorId::from_u128(0xb1),
        competency: CompetencyId::new(competency),
        date,
        visit: None,
        kind,
        score: Score::new(score.0, score.1).expect("score"),
        recorded_at: None,
    }
}

fn validation(
    id: u128,
    competency: &str,
    date: Date,
    evaluations: u32,
    by: &str,
) -> ValidationEntry {
    ValidationEntry {
        validation: Validation {
            id: ValidationId::from_u128(id),
            mentee: MenteeId::from_u128(id),
            competency: CompetencyId::new(competency),
            date,
            validated_by: MentorId::from_u128(0xb1),
            visit: None,
            assessment: AssessmentId::from_u128(id),
            evaluations_to_validation: evaluations,
        },
        validated_by_name: by.to_owned(),
        association: None,
    }
}

fn checklist(missed: &[&str]) -> ChecklistResult {
    ChecklistResult {
        checklist_version: 1,
        responses: Vec::new(),
        critical_steps_missed: missed.iter().map(|s| ItemId::new(*s)).collect(),
    }
}

fn record(name: &str, cadre: Cadre, facility: &str, competencies: &[&str]) -> MenteeRecord {
    MenteeRecord {
        name: name.to_owned(),
        cadre,
        facility: facility.to_owned(),
        phone: Some("0788000000".to_owned()),
        association: None,
        competencies: competencies
            .iter()
            .map(|c| (*c).to_owned())
            .collect::<BTreeSet<_>>(),
    }
}

fn aline_doc() -> LocalDoc {
    let mut doc = LocalDoc::new(ADMIN_DEVICE, aline(), mentee_header("rw-huye", "rango-hc"));
    let d = &mut doc.doc;
    mentee::write_new(
        d,
        &record("Aline Uwase", Cadre::Nurse, "rango-hc", &["hbb", "kmc"]),
    )
    .expect("record");
    let pre_test = AssessmentKind::KnowledgeTest {
        phase: TestPhase::PreTest,
        test_version: 1,
        answers: Vec::new(),
    };
    let observed = AssessmentKind::Observation {
        purpose: ObservationPurpose::PostMentorship,
        case: CaseKind::Simulated,
        result: checklist(&[]),
    };
    for (entry, feedback) in [
        (
            assessment(1, "hbb", day(2024, 1, 10), pre_test, (4, 10)),
            None,
        ),
        (
            assessment(2, "hbb", day(2024, 3, 31), observed, (12, 12)),
            Some(Feedback {
                went_well: "=Kept a good seal".to_owned(),
                to_improve: "Dry first, then ventilate".to_owned(),
            }),
        ),
    ] {
        let entry = AssessmentEntry {
            assessment: entry,
            assessor_name: "Demo Mentor".to_owned(),
            feedback,
            association: None,
        };
        mentee::add_assessment(d, &entry).expect("assessment");
    }
    mentee::add_validation(
        d,
        &validation(0x11, "hbb", day(2024, 3, 31), 2, "Demo Mentor"),
    )
    .expect("validation");
    doc
}

fn claudine_doc() -> LocalDoc {
    let mut doc = LocalDoc::new(
        ADMIN_DEVICE,
        claudine(),
        mentee_header("rw-nyanza", "nyanza-dh"),
    );
    let d = &mut doc.doc;
    mentee::write_new(
        d,
        &record("Claudine Mukamana", Cadre::Chw, "nyanza-dh", &["iccm"]),
    )
    .expect("record");
    let group = AssessmentKind::ChwGroupAssessment {
        session: ChwGroupSessionId::from_u128(0xc1),
        result: checklist(&["count_breaths"]),
    };
    let entry = AssessmentEntry {
        assessment: assessment(3, "iccm", day(2023, 12, 31), group, (5, 6)),
        assessor_name: "CEHO Nyanza".to_owned(),
        feedback: None,
        association: Some(MentorAffiliation::Rsog),
    };
    mentee::add_assessment(d, &entry).expect("assessment");
    let validated = ValidationEntry {
        association: Some(MentorAffiliation::Rsog),
        ..validation(0x13, "iccm", day(2024, 1, 2), 1, "CEHO Nyanza")
    };
    mentee::add_validation(d, &validated).expect("validation");
    doc
}

struct Seeded {
    server: Running,
    admin: String,
    mentor: String,
    supervisor: String,
}

/// Starts a server, pushes the seed as the admin, and logs the three demo users in.
async fn seeded() -> (super::support::Fixture, Seeded) {
    seeded_on(super::support::Fixture::new()).await
}

/// [`seeded`] on the given fixture's database.
async fn seeded_on(fixture: super::support::Fixture) -> (super::support::Fixture, Seeded) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", ADMIN_DEVICE).await.expect("admin");
    let mentor = conn.login("mentor", [0xe2; 16]).await.expect("mentor");
    let supervisor = conn
        .login("supervisor", [0xe3; 16])
        .await
        .expect("supervisor");
    let mut broken = LocalDoc::new(
        ADMIN_DEVICE,
        doc_id(103),
        mentee_header("rw-huye", "simbi-hc"),
    );
    broken.edit("title", "not a mentee record");
    let mut visit = LocalDoc::new(
        ADMIN_DEVICE,
        doc_id(104),
        visit_header("rw-huye", Some("rango-hc")),
    );
    visit.edit("title", "a visit");
    let request = SyncRequest {
        pushes: vec![
            aline_doc().push(),
            claudine_doc().push(),
            broken.push(),
            visit.push(),
        ],
        ..SyncRequest::default()
    };
    let (response, _, _) = conn.sync(&admin, &request, false).await.expect("sync");
    for result in &response.results {
        assert!(
            matches!(result.outcome, PushOutcome::Accepted { .. }),
            "{:?}",
            result.outcome
        );
    }
    (
        fixture,
        Seeded {
            server,
            admin,
            mentor,
            supervisor,
        },
    )
}

/// Parses RFC 4180 CSV as `to_csv` writes it (byte-order mark, CRLF, quotes).
pub(super) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("byte-order mark");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        row.is_empty() && cell.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

#[track_caller]
pub(super) fn check_download(
    answer: &Answer,
    content_type: &str,
    filename_start: &str,
    skipped: &str,
) {
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.headers[header::CONTENT_TYPE], content_type);
    let disposition = answer.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("ascii");
    assert!(
        disposition.starts_with(&format!("attachment; filename=\"{filename_start}")),
        "{disposition}"
    );
    assert_eq!(answer.headers["x-mentora-skipped-documents"], skipped);
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
}

pub(super) const CSV: &str = "text/csv; charset=utf-8";

async fn csv_exports_hold_the_hand_computed_rows(fixture: super::support::Fixture) {
    let (_fixture, s) = seeded_on(fixture).await;
    let (aline, claudine) = (hex(aline()), hex(claudine()));

    let answer = call(
        &s.server,
        "GET",
        "/api/exports/mentees.csv",
        Some(&s.admin),
        None,
    )
    .await;
    check_download(&answer, CSV, "mentora-mentees-", "1");
    assert_eq!(
        parse_csv(&answer.text()),
        [
            strings(&[
                "mentee_id",
                "name",
                "cadre",
                "association",
                "facility",
                "district",
                "competencies",
                "validated_count",
                "in_coaching_count"
            ]),
            strings(&[
                &aline,
                "Aline Uwase",
                "nurse",
                "",
                "rango-hc",
                "rw-huye",
                "hbb; kmc",
                "1",
                "0"
            ]),
            strings(&[
                &claudine,
                "Claudine Mukamana",
                "chw",
                "",
                "nyanza-dh",
                "rw-nyanza",
                "iccm",
                "1",
                "0"
            ]),
        ]
    );
    assert!(!answer.text().contains("0788000000"), "no phone numbers");

    let answer = call(
        &s.server,
        "GET",
        "/api/exports/assessments.csv",
        Some(&s.admin),
        None,
    )
    .await;
    check_download(&answer, CSV, "mentora-assessments-", "1");
    let rows = parse_csv(&answer.text());
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].len(), 18);
    assert_eq!(
        rows[2],
        strings(&[
            "00000000-0000-0000-0000-000000000002",
            &aline,
            "Aline Uwase",
            "rango-hc",
            "rw-huye",
            "hbb",
            "2024-03-31",
            "observation",
            "post_mentorship",
            "simulated",
            "12",
            "12",
            "100.00",
            "0",
            "",
            "Demo Mentor",
            // The formula guard of `to_csv`.
            "'=Kept a good seal",
            "Dry first, then ventilate"
        ])
    );
    assert_eq!(
        rows[3],
        strings(&[
            "00000000-0000-0000-0000-000000000003",
            &claudine,
            "Claudine Mukamana",
            "nyanza-dh",
            "rw-nyanza",
            "iccm",
            "2023-12-31",
            "chw_group_assessment",
            "",
            "",
            "5",
            "6",
            "83.33",
            "1",
            "count_breaths",
            "CEHO Nyanza",
            "",
            ""
        ])
    );
    assert_eq!(
        rows[1][6..13],
        strings(&[
            "2024-01-10",
            "knowledge_test",
            "pre_test",
            "",
            "4",
            "10",
            "40.00"
        ])
    );

    let answer = call(
        &s.server,
        "GET",
        "/api/exports/validations.csv",
        Some(&s.admin),
        None,
    )
    .await;
    check_download(&answer, CSV, "mentora-validations-", "1");
    assert_eq!(
        parse_csv(&answer.text())[1..],
        [
            strings(&[
                "00000000-0000-0000-0000-000000000011",
                &aline,
                "Aline Uwase",
                "rango-hc",
                "rw-huye",
                "hbb",
                "2024-03-31",
                "Demo Mentor",
                "2"
            ]),
            strings(&[
                "00000000-0000-0000-0000-000000000013",
                &claudine,
                "Claudine Mukamana",
                "nyanza-dh",
                "rw-nyanza",
                "iccm",
                "2024-01-02",
                "CEHO Nyanza",
                "1"
            ]),
        ]
    );
}

async fn exports_are_scoped_like_sync_and_need_a_session(fixture: super::support::Fixture) {
    let (_fixture, s) = seeded_on(fixture).await;
    let aline = hex(aline());
    // The mentor (rango-hc) and the supervisor (rw-huye) see Aline only; the supervisor also
    // meets the unreadable document at simbi-hc, the mentor does not.
    for (token, skipped) in [(&s.mentor, "0"), (&s.supervisor, "1")] {
        for path in [
            "/api/exports/mentees.csv",
            "/api/exports/assessments.csv",
            "/api/exports/validations.csv",
        ] {
            let answer = call(&s.server, "GET", path, Some(token), None).await;
            check_download(&answer, CSV, "mentora-", skipped);
            let text = answer.text();
            assert!(
                !text.contains("nyanza") && !text.contains("Claudine"),
                "{path}: {text}"
            );
            let rows = parse_csv(&text);
            assert!(rows.len() > 1, "{path}: Aline is in scope");
            assert!(
                rows[1..].iter().all(|r| r[0] == aline || r[1] == aline),
                "{path}"
            );
        }
    }
    let unknown = "0".repeat(64);
    for path in [
        "/api/exports/mentees.csv",
        "/api/exports/assessments.csv",
        "/api/exports/validations.csv",
        "/api/exports/mentora.xlsx",
    ] {
        call(&s.server, "GET", path, None, None)
            .await
            .error(StatusCode::UNAUTHORIZED, "unauthorized");
        call(&s.server, "GET", path, Some(&unknown), None)
            .await
            .error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    call(
        &s.server,
        "POST",
        "/api/exports/dhis2",
        None,
        Some(dhis2_body("monthly")),
    )
    .await
    .error(StatusCode::UNAUTHORIZED, "unauthorized");
    call(
        &s.server,
        "POST",
        "/api/exports/mentees.csv",
        Some(&s.admin),
        None,
    )
    .await
    .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

pub(super) fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

async fn the_workbook_has_one_typed_sheet_per_table(fixture: super::support::Fixture) {
    let (_fixture, s) = seeded_on(fixture).await;
    let answer = call(
        &s.server,
        "GET",
        "/api/exports/mentora.xlsx",
        Some(&s.admin),
        None,
    )
    .await;
    check_download(
        &answer,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "mentora-",
        // The workbook also reads visits: the seed's made-up visit is unreadable too.
        "2",
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(answer.body)).expect("xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "Mentees",
            "Assessments",
            "Validations",
            "Visits",
            "Qi actions",
            "Table1",
            "Table2"
        ]
    );

    let mentees = book.worksheet_range("Mentees").expect("sheet");
    assert_eq!(mentees.get_size(), (3, 9));
    assert_eq!(cell(&mentees, 0, 0), Data::String("mentee_id".to_owned()));
    assert_eq!(cell(&mentees, 1, 0), Data::String(hex(aline())));
    assert_eq!(cell(&mentees, 1, 1), Data::String("Aline Uwase".to_owned()));
    assert_eq!(cell(&mentees, 1, 6), Data::String("hbb; kmc".to_owned()));
    // Counts are numbers, not text.
    assert_eq!(cell(&mentees, 1, 7), Data::Float(1.0));
    assert_eq!(cell(&mentees, 1, 8), Data::Float(0.0));
    assert_eq!(cell(&mentees, 2, 4), Data::String("nyanza-dh".to_owned()));

    let assessments = book.worksheet_range("Assessments").expect("sheet");
    assert_eq!(assessments.get_size(), (4, 18));
    // 2024-03-31 is Excel day 45382 (2024-01-01 is 45292, plus 90 days).
    match cell(&assessments, 2, 6) {
        Data::DateTime(date) => assert_eq!(date.as_f64(), 45_382.0),
        other => panic!("expected a date, found {other:?}"),
    }
    assert_eq!(cell(&assessments, 3, 12), Data::Float(83.33));
    // A formula-looking note stays text in the workbook (no guard needed there).
    assert_eq!(
        cell(&assessments, 2, 16),
        Data::String("=Kept a good seal".to_owned())
    );
    // Empty cells stay empty (a knowledge test has no case).
    assert_eq!(cell(&assessments, 1, 9), Data::Empty);

    let validations = book.worksheet_range("Validations").expect("sheet");
    assert_eq!(validations.get_size(), (3, 9));
    assert_eq!(
        cell(&validations, 2, 7),
        Data::String("CEHO Nyanza".to_owned())
    );
    assert_eq!(cell(&validations, 2, 8), Data::Float(1.0));
}

fn dhis2_body(period_type: &str) -> String {
    serde_json::json!({
        "period_type": period_type,
        "start": "2024-01-01",
        "end": "2024-03-31",
        "mapping": {
            "data_set": "DsMentor001",
            "data_elements": {
                "assessments": {"data_element": "DeAssess001"},
                "mentees_validated": {"data_element": "DeValid0001", "category_option_combo": "CocNurse001"}
            },
            "org_units": {"rango-hc": "OuRango0001", "simbi-hc": "OuSimbi0001"}
        }
    })
    .to_string()
}

/// A place's DHIS2 id kept from a place import maps it when the request's mapping does not;
/// a mapping given with the request still wins.
#[tokio::test]
async fn dhis2_export_maps_facilities_by_their_imported_org_unit() {
    let (_fixture, s) = seeded().await;
    s.server
        .state
        .with_db(|c| {
            c.execute(
                "UPDATE place SET dhis2_id = 'OuStored001' WHERE id = 'rango-hc'",
                [],
            )
        })
        .await
        .expect("stored ids");
    let body = dhis2_body("monthly").replace(r#""rango-hc":"OuRango0001","#, "");
    assert!(!body.contains("OuRango0001"));
    let answer = call(
        &s.server,
        "POST",
        "/api/exports/dhis2",
        Some(&s.admin),
        Some(body),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let values = json(&answer.body)["data_value_set"]["dataValues"].clone();
    let units: BTreeSet<&str> = values
        .as_array()
        .expect("values")
        .iter()
        .filter_map(|v| v["orgUnit"].as_str())
        .collect();
    assert_eq!(units, BTreeSet::from(["OuStored001"]));
}

async fn dhis2_export_counts_per_facility_and_period(fixture: super::support::Fixture) {
    let (_fixture, s) = seeded_on(fixture).await;
    let answer = call(
        &s.server,
        "POST",
        "/api/exports/dhis2",
        Some(&s.admin),
        Some(dhis2_body("monthly")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(
        answer.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"mentora-dhis2-2024-01-01-2024-03-31.json\""
    );
    let body = json(&answer.body);
    let value = |element: &str, period: &str, value: &str| {
        let mut v = serde_json::json!({
            "dataElement": element, "period": period, "orgUnit": "OuRango0001", "value": value
        });
        if element == "DeValid0001" {
            v["categoryOptionCombo"] = "CocNurse001".into();
        }
        v
    };
    // rango-hc: Aline's pre-test in January; her observation and validation in March.
    // nyanza-dh has no org unit; simbi-hc has one but no readable mentee.
    assert_eq!(
        body["data_value_set"],
        serde_json::json!({
            "dataSet": "DsMentor001",
            "dataValues": [
                value("DeAssess001", "202401", "1"),
                value("DeValid0001", "202401", "0"),
                value("DeAssess001", "202402", "0"),
                value("DeValid0001", "202402", "0"),
                value("DeAssess001", "202403", "1"),
                value("DeValid0001", "202403", "1"),
            ]
        })
    );
    assert_eq!(
        body["periods"],
        serde_json::json!([
            {"id": "202401", "start": "2024-01-01", "end": "2024-01-31"},
            {"id": "202402", "start": "2024-02-01", "end": "2024-02-29"},
            {"id": "202403", "start": "2024-03-01", "end": "2024-03-31"},
        ])
    );
    assert_eq!(
        body["warnings"],
        serde_json::json!([
            "indicator mentees_assessed has no data element in the mapping: not exported",
            "indicator validations has no data element in the mapping: not exported",
            "facility nyanza-dh has no org unit in the mapping: its values are not exported",
            "1 documents could not be read and are not counted",
        ])
    );

    // Quarterly, as the supervisor of rw-huye: one quarter, rango-hc only, no nyanza warning.
    let answer = call(
        &s.server,
        "POST",
        "/api/exports/dhis2",
        Some(&s.supervisor),
        Some(dhis2_body("quarterly")),
    )
    .await;
    let body = json(&answer.body);
    assert_eq!(
        body["data_value_set"]["dataValues"],
        serde_json::json!([
            value("DeAssess001", "2024Q1", "2"),
            value("DeValid0001", "2024Q1", "1")
        ])
    );
    assert!(!body.to_string().contains("nyanza"), "{body}");
}

#[tokio::test]
async fn malformed_dhis2_requests_are_400_json() {
    let (_fixture, s) = seeded().await;
    let mut backwards: serde_json::Value =
        serde_json::from_str(&dhis2_body("monthly")).expect("json");
    backwards["end"] = "2023-12-31".into();
    let mut bad_uid: serde_json::Value =
        serde_json::from_str(&dhis2_body("monthly")).expect("json");
    bad_uid["mapping"]["org_units"]["rango-hc"] = "not-a-uid".into();
    let mut typo: serde_json::Value = serde_json::from_str(&dhis2_body("monthly")).expect("json");
    typo["mapping"]["data_elements"]["validation"] =
        serde_json::json!({"data_element": "DeValid0001"});
    let mut long: serde_json::Value = serde_json::from_str(&dhis2_body("monthly")).expect("json");
    long["start"] = "1990-01-01".into();
    for body in [
        "{".to_owned(),
        "[]".to_owned(),
        dhis2_body("weekly"),
        dhis2_body("monthly").replace("2024-01-01", "2024-02-30"),
        backwards.to_string(),
        bad_uid.to_string(),
        typo.to_string(),
        long.to_string(),
    ] {
        call(
            &s.server,
            "POST",
            "/api/exports/dhis2",
            Some(&s.admin),
            Some(body.clone()),
        )
        .await
        .error(StatusCode::BAD_REQUEST, "bad_request");
    }
    let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(300 * 1024));
    call(
        &s.server,
        "POST",
        "/api/exports/dhis2",
        Some(&s.admin),
        Some(huge),
    )
    .await
    .error(StatusCode::PAYLOAD_TOO_LARGE, "too_large");
}

/// Tables 1 and 2 for a fiscal year: Aline (no association on her record) was assessed and
/// validated on hbb (Neonatal health) in FY24 at a health centre (Table 2); Claudine, at
/// Nyanza's district hospital, was assessed and validated by mentors who recorded RSOG (Table
/// 1); her `iccm` is not a catalogue competency.
#[tokio::test]
async fn tables_1_and_2_download_for_a_fiscal_year() {
    let (_fixture, s) = seeded().await;
    let path = "/api/exports/table2.csv?fiscal_year=2024";
    let answer = call(&s.server, "GET", path, Some(&s.admin), None).await;
    check_download(&answer, CSV, "mentora-table2-FY24", "1");
    let rows = parse_csv(&answer.text());
    assert_eq!(
        rows,
        [
            strings(&[
                "technical_area",
                "fiscal_year",
                "mentors",
                "mentees_reached",
                "validated_in_at_least_one",
                "validated_percent"
            ]),
            strings(&["Maternal and newborn health", "FY24", "0", "0", "0", ""]),
            strings(&[
                "Integrated management of childhood illness (IMCI)",
                "FY24",
                "0",
                "0",
                "0",
                ""
            ]),
            strings(&["Family planning", "FY24", "0", "0", "0", ""]),
            strings(&["Neonatal health", "FY24", "1", "1", "1", "100"]),
        ]
    );
    let answer = call(
        &s.server,
        "GET",
        "/api/exports/table1.csv?fiscal_year=2024",
        Some(&s.mentor),
        None,
    )
    .await;
    check_download(&answer, CSV, "mentora-table1-FY24", "0");
    let rows = parse_csv(&answer.text());
    assert_eq!(rows.len(), 10, "three associations × three years");
    assert_eq!(rows[1], strings(&["rpa", "FY22", "0", "0", ""]));
    assert!(
        rows[1..].iter().all(|r| r[2] == "0"),
        "the mentor sees Aline only, at a health centre"
    );
    let answer = call(
        &s.server,
        "GET",
        "/api/exports/table1.csv?fiscal_year=2024",
        Some(&s.admin),
        None,
    )
    .await;
    let rows = parse_csv(&answer.text());
    assert_eq!(rows[9], strings(&["rsog", "FY24", "1", "1", "100"]));
    let counted: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[2] != "0").collect();
    assert_eq!(counted.len(), 1, "Claudine in RSOG's FY24 row only");
    call(
        &s.server,
        "GET",
        "/api/exports/table1.csv?fiscal_year=1999",
        Some(&s.admin),
        None,
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_request");
    call(
        &s.server,
        "GET",
        "/api/exports/table1.csv?fiscal_year=soon",
        Some(&s.admin),
        None,
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_request");
    call(&s.server, "GET", "/api/exports/table2.csv", None, None)
        .await
        .error(StatusCode::UNAUTHORIZED, "unauthorized");
}

super::support::on_both!(
    csv_exports_hold_the_hand_computed_rows,
    exports_are_scoped_like_sync_and_need_a_session,
    the_workbook_has_one_typed_sheet_per_table,
    dhis2_export_counts_per_facility_and_period,
);
