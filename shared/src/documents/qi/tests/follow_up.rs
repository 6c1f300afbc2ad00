use super::*;

fn project(facility: &str, gap: &str, actions: &[(&str, ActionItem)]) -> QiProject {
    QiProject {
        facility: facility.to_owned(),
        gap: gap.to_owned(),
        competency: None,
        opened_on: date("2024-03-01"),
        status: ProjectStatus::Open,
        causes: Vec::new(),
        solutions: Vec::new(),
        actions: actions
            .iter()
            .map(|(k, a)| ((*k).to_owned(), a.clone()))
            .collect(),
    }
}

/// (project, action key, overdue) of each follow-up, in order.
#[track_caller]
fn check(follow_ups: &[FollowUp<u32>], expect: &[(u32, &str, bool)]) {
    let got: Vec<_> = follow_ups
        .iter()
        .map(|f| (f.project, f.key.as_str(), f.overdue))
        .collect();
    assert_eq!(got, expect);
}

#[test]
fn overdue_means_due_before_today_and_not_done() {
    let today = date("2024-05-10");
    assert!(is_overdue(
        &action("a", "2024-05-09", ActionStatus::NotStarted),
        today
    ));
    assert!(is_overdue(
        &action("a", "2023-12-31", ActionStatus::InProgress),
        today
    ));
    assert!(!is_overdue(
        &action("a", "2024-05-10", ActionStatus::NotStarted),
        today
    ));
    assert!(!is_overdue(
        &action("a", "2024-05-09", ActionStatus::Done),
        today
    ));
}

#[test]
fn open_actions_of_the_facility_by_due_date() {
    let today = date("2024-05-10");
    // Project 1: one overdue (due 05-01), one done long ago (dropped), one due next month.
    let one = project(
        "rango-hc",
        "Drying",
        &[
            ("p", action("Train", "2024-06-10", ActionStatus::NotStarted)),
            (
                "q",
                action("Towels", "2024-05-01", ActionStatus::InProgress),
            ),
            ("r", action("Audit", "2024-04-01", ActionStatus::Done)),
        ],
    );
    // Project 2: due today (open, not overdue) and one due the same day as project 1's "p".
    let two = project(
        "rango-hc",
        "Triage",
        &[
            ("s", action("Sign", "2024-05-10", ActionStatus::NotStarted)),
            (
                "t",
                action("Roster", "2024-06-10", ActionStatus::NotStarted),
            ),
        ],
    );
    // Another facility, and a closed project here: neither is followed up.
    let elsewhere = project(
        "kigali-dh",
        "Other",
        &[("u", action("X", "2024-01-01", ActionStatus::NotStarted))],
    );
    let mut closed = project(
        "rango-hc",
        "Closed",
        &[("v", action("Y", "2024-01-01", ActionStatus::NotStarted))],
    );
    closed.status = ProjectStatus::Closed {
        on: date("2024-04-01"),
    };
    let all = [(2, &two), (1, &one), (3, &elsewhere), (4, &closed)];

    check(
        &open_actions(all, "rango-hc", today),
        &[
            (1, "q", true),
            (2, "s", false),
            (1, "p", false),
            (2, "t", false),
        ],
    );
    check(&overdue_actions(all, "rango-hc", today), &[(1, "q", true)]);
    // A month later everything still open is overdue, still soonest due first.
    check(
        &overdue_actions(all, "rango-hc", date("2024-06-11")),
        &[
            (1, "q", true),
            (2, "s", true),
            (1, "p", true),
            (2, "t", true),
        ],
    );
    check(&open_actions(all, "nowhere", today), &[]);
}
