//! Visits and QI actions exports, against rows written out by hand.

use super::*;
use crate::date;
use crate::documents::qi::{ActionItem, Cause, CauseGroup};
use crate::documents::visit::{ActivityEntry, VisitPlan, VisitState};

fn entry(activity: Activity, on: Date) -> ActivityEntry {
    ActivityEntry {
        activity,
        date: on,
        time: None,
        notes: "private note".to_owned(),
        logged_by: "mentor".to_owned(),
    }
}

fn placed<T>(facility: &str, id: &str, doc: T) -> Placed<T> {
    Placed {
        facility: facility.to_owned(),
        district: "rw-huye".to_owned(),
        id: id.to_owned(),
        doc,
    }
}

#[test]
fn one_row_per_visit_counts_what_was_logged() {
    let plan = |start: Date, end: Date| VisitPlan {
        start,
        end,
        mentors: vec!["Dr Uwase".to_owned(), "Nurse Kamali".to_owned()],
        activities: [ActivityKind::EntryMeeting, ActivityKind::Debrief]
            .into_iter()
            .collect(),
        expected_mentees: ["a1", "a2", "a3"].map(str::to_owned).into_iter().collect(),
        notes: "bring the mannequins".to_owned(),
    };
    let done = Visit {
        plan: plan(date!(2024, 3, 4), date!(2024, 3, 5)),
        state: VisitState::Done,
        activities: vec![
            (
                "k1".to_owned(),
                entry(Activity::EntryMeeting, date!(2024, 3, 4)),
            ),
            (
                "k2".to_owned(),
                entry(
                    Activity::LdhfSimulation {
                        topic: "HBB".to_owned(),
                        participants: 6,
                    },
                    date!(2024, 3, 4),
                ),
            ),
            (
                "k3".to_owned(),
                entry(
                    Activity::CaseObservation {
                        mentee: "a1".to_owned(),
                        assessment: None,
                    },
                    date!(2024, 3, 5),
                ),
            ),
            ("k4".to_owned(), entry(Activity::Debrief, date!(2024, 3, 5))),
        ],
    };
    let planned = Visit {
        plan: plan(date!(2024, 1, 10), date!(2024, 1, 10)),
        state: VisitState::Planned,
        activities: Vec::new(),
    };
    let table = visits_table(&[
        placed("rango-hc", "v2", done),
        placed("rango-hc", "v1", planned),
    ]);
    assert_eq!(table.rows.len(), 2);
    assert!(table.rows.iter().all(|r| r.len() == table.columns.len()));
    assert_eq!(
        table.rows[0],
        [
            "v1",
            "rw-huye",
            "rango-hc",
            "planned",
            "2024-01-10",
            "2024-01-10",
            "Dr Uwase; Nurse Kamali",
            "entry_meeting; debrief",
            "3",
            "0",
            "0",
            "0",
            "no",
        ]
    );
    assert_eq!(
        table.rows[1],
        [
            "v2",
            "rw-huye",
            "rango-hc",
            "done",
            "2024-03-04",
            "2024-03-05",
            "Dr Uwase; Nurse Kamali",
            "entry_meeting; debrief",
            "3",
            "4",
            "1",
            "6",
            "yes",
        ]
    );
    assert!(
        !table.to_csv().contains("mannequins"),
        "plan notes stay out"
    );
    assert!(
        !table.to_csv().contains("private note"),
        "activity notes stay out"
    );
}

#[test]
fn one_row_per_qi_action_with_overdue_judged_on_the_export_date() {
    let action = |text: &str, due: Date, status: ActionStatus| ActionItem {
        text: text.to_owned(),
        owner: "head of maternity".to_owned(),
        due,
        status,
        notes: String::new(),
        updated: date!(2024, 2, 1),
    };
    let open = QiProject {
        facility: "rango-hc".to_owned(),
        gap: "No partograph on admission".to_owned(),
        competency: None,
        opened_on: date!(2024, 2, 1),
        status: ProjectStatus::Open,
        causes: vec![(
            "c1".to_owned(),
            Cause {
                group: CauseGroup::Supplies,
                text: "forms out of stock".to_owned(),
            },
        )],
        solutions: Vec::new(),
        actions: vec![
            (
                "a1".to_owned(),
                action("Order forms", date!(2024, 2, 20), ActionStatus::InProgress),
            ),
            (
                "a2".to_owned(),
                action(
                    "Train night staff",
                    date!(2024, 4, 1),
                    ActionStatus::NotStarted,
                ),
            ),
            (
                "a3".to_owned(),
                action("Audit 10 files", date!(2024, 2, 10), ActionStatus::Done),
            ),
        ],
    };
    let closed = QiProject {
        status: ProjectStatus::Closed {
            on: date!(2024, 3, 1),
        },
        opened_on: date!(2024, 1, 5),
        actions: vec![(
            "b1".to_owned(),
            action(
                "Fix the warmer",
                date!(2024, 1, 20),
                ActionStatus::InProgress,
            ),
        )],
        ..open.clone()
    };
    let today = date!(2024, 3, 15);
    let table = qi_actions_table(
        &[
            placed("rango-hc", "p2", open),
            placed("rango-hc", "p1", closed),
        ],
        today,
    );
    let summary: Vec<(&str, &str, &str, &str)> = table
        .rows
        .iter()
        .map(|r| (r[0].as_str(), r[6].as_str(), r[10].as_str(), r[11].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("p1", "b1", "in_progress", "no"),
            ("p2", "a1", "in_progress", "yes"),
            ("p2", "a2", "not_started", "no"),
            ("p2", "a3", "done", "no"),
        ],
        "projects by opening date; a closed project's actions are not overdue"
    );
    assert_eq!(table.rows[0][5], "closed 2024-03-01");
    assert_eq!(table.rows[1][3], "No partograph on admission");
    assert_eq!(table.rows[1][8], "head of maternity");
    assert_eq!(table.rows[1][9], "2024-02-20");
    assert!(table.rows.iter().all(|r| r.len() == table.columns.len()));
}
