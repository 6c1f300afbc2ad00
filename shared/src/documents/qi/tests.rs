use automerge::ObjType;

use super::*;
use crate::documents::mentee::MAX_NOTE;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn action(text: &str, due: &str, status: ActionStatus) -> ActionItem {
    ActionItem {
        text: text.to_owned(),
        owner: "Head of maternity".to_owned(),
        due: date(due),
        status,
        notes: String::new(),
        updated: date("2024-03-01"),
    }
}

fn cause(group: CauseGroup, text: &str) -> Cause {
    Cause {
        group,
        text: text.to_owned(),
    }
}

fn base() -> Automerge {
    let mut doc = Automerge::new();
    write_new(
        &mut doc,
        "rango-hc",
        "Newborns not dried within a minute",
        Some("hbb"),
        date("2024-03-01"),
    )
    .unwrap();
    doc
}

#[test]
fn a_project_round_trips_with_its_entries_in_order() {
    let mut doc = base();
    add_cause(&mut doc, "1-b", &cause(CauseGroup::Supplies, "No towels")).unwrap();
    add_cause(
        &mut doc,
        "1-a",
        &cause(CauseGroup::People, "Night shift alone"),
    )
    .unwrap();
    add_solution(
        &mut doc,
        "2",
        &Solution {
            text: "Towel kit".to_owned(),
        },
    )
    .unwrap();
    let later = action("Order towels", "2024-04-01", ActionStatus::NotStarted);
    let sooner = action("Train night staff", "2024-03-15", ActionStatus::InProgress);
    put_action(&mut doc, "a", &later).unwrap();
    put_action(&mut doc, "b", &sooner).unwrap();
    let project = read(&doc).unwrap();
    assert_eq!(
        project,
        QiProject {
            facility: "rango-hc".to_owned(),
            gap: "Newborns not dried within a minute".to_owned(),
            competency: Some("hbb".to_owned()),
            opened_on: date("2024-03-01"),
            status: ProjectStatus::Open,
            causes: vec![
                (
                    "1-a".to_owned(),
                    cause(CauseGroup::People, "Night shift alone")
                ),
                ("1-b".to_owned(), cause(CauseGroup::Supplies, "No towels")),
            ],
            solutions: vec![(
                "2".to_owned(),
                Solution {
                    text: "Towel kit".to_owned()
                }
            )],
            actions: vec![("b".to_owned(), sooner), ("a".to_owned(), later)],
        }
    );
}

#[test]
fn closing_and_reopening_is_recorded() {
    let mut doc = base();
    let closed = ProjectStatus::Closed {
        on: date("2024-05-02"),
    };
    set_status(&mut doc, closed).unwrap();
    assert_eq!(read(&doc).unwrap().status, closed);
    assert!(!read(&doc).unwrap().is_open());
    set_status(&mut doc, ProjectStatus::Open).unwrap();
    assert!(read(&doc).unwrap().is_open());
}

#[test]
fn additions_on_two_tablets_are_all_kept() {
    let mut a = base();
    let mut b = a.fork();
    add_cause(&mut a, "a1", &cause(CauseGroup::People, "Rotation")).unwrap();
    add_cause(
        &mut b,
        "b1",
        &cause(CauseGroup::Equipment, "Broken bag-mask"),
    )
    .unwrap();
    add_solution(
        &mut a,
        "a2",
        &Solution {
            text: "Roster".to_owned(),
        },
    )
    .unwrap();
    add_solution(
        &mut b,
        "b2",
        &Solution {
            text: "Repair".to_owned(),
        },
    )
    .unwrap();
    put_action(
        &mut a,
        "a3",
        &action("Roster", "2024-04-01", ActionStatus::NotStarted),
    )
    .unwrap();
    put_action(
        &mut b,
        "b3",
        &action("Repair", "2024-04-02", ActionStatus::NotStarted),
    )
    .unwrap();
    a.merge(&mut b).unwrap();
    b.merge(&mut a).unwrap();
    let project = read(&a).unwrap();
    assert_eq!(project.causes.len(), 2);
    assert_eq!(project.solutions.len(), 2);
    assert_eq!(project.actions.len(), 2);
    assert_eq!(project, read(&b).unwrap());
}

#[test]
fn edits_to_two_different_actions_are_both_kept() {
    let mut a = base();
    put_action(
        &mut a,
        "x",
        &action("X", "2024-04-01", ActionStatus::NotStarted),
    )
    .unwrap();
    put_action(
        &mut a,
        "y",
        &action("Y", "2024-04-02", ActionStatus::NotStarted),
    )
    .unwrap();
    let mut b = a.fork();
    put_action(&mut a, "x", &action("X", "2024-04-01", ActionStatus::Done)).unwrap();
    let mut noted = action("Y", "2024-04-02", ActionStatus::InProgress);
    noted.notes = "Quote received".to_owned();
    put_action(&mut b, "y", &noted).unwrap();
    a.merge(&mut b).unwrap();
    let project = read(&a).unwrap();
    assert_eq!(project.actions[0].1.status, ActionStatus::Done);
    assert_eq!(project.actions[1].1, noted);
}

#[test]
fn edits_to_the_same_action_converge_on_one() {
    let mut a = base();
    put_action(
        &mut a,
        "x",
        &action("X", "2024-04-01", ActionStatus::NotStarted),
    )
    .unwrap();
    let mut b = a.fork();
    put_action(&mut a, "x", &action("X", "2024-04-01", ActionStatus::Done)).unwrap();
    put_action(
        &mut b,
        "x",
        &action("X", "2024-04-01", ActionStatus::InProgress),
    )
    .unwrap();
    a.merge(&mut b).unwrap();
    b.merge(&mut a).unwrap();
    assert_eq!(read(&a).unwrap().actions.len(), 1);
    assert_eq!(read(&a).unwrap(), read(&b).unwrap());
}

#[test]
fn a_corrupt_entry_or_field_is_a_typed_error() {
    let mut doc = base();
    let mut tx = doc.transaction();
    let map = tx.put_object(ROOT, "actions", ObjType::Map).unwrap();
    tx.put(&map, "x", r#"{"text":"no due date"}"#).unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "actions",
            ..
        })
    ));

    let mut doc = base();
    let mut tx = doc.transaction();
    tx.put(ROOT, "opened_on", "yesterday").unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "opened_on",
            ..
        })
    ));
    assert_eq!(read(&Automerge::new()), Err(DocError::Missing("opened_on")));
}

#[track_caller]
fn check(
    clean: fn(&str) -> Result<String, InputError>,
    input: &str,
    expect: Result<&str, InputError>,
) {
    assert_eq!(clean(input), expect.map(str::to_owned));
}

#[test]
fn inputs_are_trimmed_and_limited() {
    check(required_text, "  No towels \n", Ok("No towels"));
    check(required_text, " \n ", Err(InputError::Empty));
    check(
        required_text,
        &"x".repeat(MAX_NOTE + 1),
        Err(InputError::TooLong),
    );
    check(
        required_text,
        &"é".repeat(MAX_NOTE),
        Ok(&"é".repeat(MAX_NOTE)),
    );
    check(optional_text, "  ", Ok(""));
    check(short_text, " Head nurse ", Ok("Head nurse"));
    check(
        short_text,
        &"x".repeat(MAX_TEXT + 1),
        Err(InputError::TooLong),
    );
}

#[test]
fn entry_keys_sort_by_time_and_differ_by_random_bytes() {
    assert_eq!(entry_key(42, [0xab; 8]), "0000000000042-abababababababab");
    assert!(entry_key(999, [0xff; 8]) < entry_key(1000, [0; 8]));
    assert_ne!(entry_key(7, [1; 8]), entry_key(7, [2; 8]));
}

#[test]
fn statuses_map_onto_the_domain() {
    assert_eq!(
        QiActionStatus::from(ActionStatus::Done),
        QiActionStatus::Done
    );
    assert_eq!(
        QiActionStatus::from(ActionStatus::InProgress),
        QiActionStatus::InProgress
    );
}

mod follow_up;
