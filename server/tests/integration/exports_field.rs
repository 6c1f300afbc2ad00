//! The visits and QI-actions exports: rows from real visit and QI project documents, scoped
//! like sync, and their sheets in the workbook.

use std::io::Cursor;

use axum::http::StatusCode;
use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use mentora_shared::documents::qi::{self, ActionItem, ActionStatus};
use mentora_shared::documents::visit::{self, ActivityKind, VisitPlan};
use mentora_shared::domain::Date;
use mentora_shared::sync::wire::{PushOutcome, SyncRequest};
use mentora_shared::sync::{DocHeader, DocKind, PlaceId, Scope};

use super::client::{LocalDoc, doc_id};
use super::exports::{ADMIN_DEVICE, CSV, call, cell, check_download, parse_csv};
use super::support::{Fixture, Running};

fn header(kind: &str, district: &str, facility: &str) -> DocHeader {
    DocHeader {
        kind: DocKind::new(kind).expect("kind"),
        schema_version: 1,
        scope: Scope {
            district: PlaceId::new(district).expect("district"),
            facility: Some(PlaceId::new(facility).expect("facility")),
        },
    }
}

fn day(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("date")
}

fn visit_doc(n: u64, district: &str, facility: &str, start: Date) -> LocalDoc {
    let mut doc = LocalDoc::new(
        ADMIN_DEVICE,
        doc_id(n),
        header(visit::KIND, district, facility),
    );
    let plan = VisitPlan {
        start,
        end: start,
        mentors: vec!["Demo Mentor".to_owned()],
        activities: [ActivityKind::EntryMeeting, ActivityKind::Debrief]
            .into_iter()
            .collect(),
        expected_mentees: ["a1".to_owned()].into_iter().collect(),
        notes: String::new(),
    };
    visit::write_new(&mut doc.doc, &plan).expect("visit");
    doc
}

fn qi_doc(n: u64, district: &str, facility: &str) -> LocalDoc {
    let mut doc = LocalDoc::new(
        ADMIN_DEVICE,
        doc_id(n),
        header(qi::KIND, district, facility),
    );
    qi::write_new(
        &mut doc.doc,
        facility,
        "Partographs not filled",
        None,
        day(2024, 2, 1),
    )
    .expect("project");
    let action = ActionItem {
        text: "Order partograph forms".to_owned(),
        owner: "head of maternity".to_owned(),
        due: day(2024, 2, 20),
        status: ActionStatus::InProgress,
        notes: String::new(),
        updated: day(2024, 2, 1),
    };
    qi::put_action(&mut doc.doc, "0000000000001-aa", &action).expect("action");
    doc
}

async fn seeded() -> (Fixture, Running, String, String) {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", ADMIN_DEVICE).await.expect("admin");
    let mentor = conn.login("mentor", [0xe2; 16]).await.expect("mentor");
    let request = SyncRequest {
        pushes: vec![
            visit_doc(201, "rw-huye", "rango-hc", day(2024, 3, 4)).push(),
            visit_doc(202, "rw-nyanza", "nyanza-dh", day(2024, 3, 6)).push(),
            qi_doc(203, "rw-huye", "rango-hc").push(),
            qi_doc(204, "rw-nyanza", "nyanza-dh").push(),
        ],
        ..SyncRequest::default()
    };
    let (response, _, _) = conn.sync(&admin, &request, false).await.expect("sync");
    assert!(
        response
            .results
            .iter()
            .all(|r| matches!(r.outcome, PushOutcome::Accepted { .. }))
    );
    (fixture, server, admin, mentor)
}

#[tokio::test]
async fn visits_and_qi_actions_are_exported_in_scope() {
    let (_fixture, server, admin, mentor) = seeded().await;
    let answer = call(
        &server,
        "GET",
        "/api/exports/visits.csv",
        Some(&admin),
        None,
    )
    .await;
    check_download(&answer, CSV, "mentora-visits-", "0");
    let rows = parse_csv(&answer.text());
    assert_eq!(rows.len(), 3, "header and two visits");
    assert_eq!(rows[0][0], "visit_id");
    assert_eq!(
        rows[1][1..],
        [
            "rw-huye",
            "rango-hc",
            "planned",
            "2024-03-04",
            "2024-03-04",
            "Demo Mentor",
            "entry_meeting; debrief",
            "1",
            "0",
            "0",
            "0",
            "no",
        ]
    );
    assert_eq!(rows[2][2], "nyanza-dh");

    let answer = call(
        &server,
        "GET",
        "/api/exports/qi_actions.csv",
        Some(&mentor),
        None,
    )
    .await;
    check_download(&answer, CSV, "mentora-qi_actions-", "0");
    let rows = parse_csv(&answer.text());
    assert_eq!(rows.len(), 2, "the mentor sees rango-hc's project only");
    assert_eq!(
        rows[1][2..],
        [
            "rango-hc",
            "Partographs not filled",
            "2024-02-01",
            "open",
            "0000000000001-aa",
            "Order partograph forms",
            "head of maternity",
            "2024-02-20",
            "in_progress",
            "yes",
            "2024-02-01",
        ]
    );
    for path in ["/api/exports/visits.csv", "/api/exports/qi_actions.csv"] {
        call(&server, "GET", path, None, None)
            .await
            .error(StatusCode::UNAUTHORIZED, "unauthorized");
    }

    let answer = call(
        &server,
        "GET",
        "/api/exports/mentora.xlsx",
        Some(&mentor),
        None,
    )
    .await;
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
    let visits = book.worksheet_range("Visits").expect("sheet");
    assert_eq!(visits.get_size(), (2, 13));
    assert_eq!(cell(&visits, 1, 8), Data::Float(1.0));
    let actions = book.worksheet_range("Qi actions").expect("sheet");
    assert_eq!(actions.get_size(), (2, 13));
    assert_eq!(cell(&actions, 1, 11), Data::String("yes".to_owned()));
}
