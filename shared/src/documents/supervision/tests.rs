use automerge::transaction::Transactable as _;

use super::*;
use crate::documents::mentee::MAX_NOTE;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn issue(text: &str, due: &str) -> Issue {
    Issue {
        issue: text.to_owned(),
        solution: "Agree a roster with the matron".to_owned(),
        responsible: "Hospital director".to_owned(),
        due: date(due),
    }
}

fn visit() -> Supervision {
    Supervision {
        facility: "rango-hc".to_owned(),
        date: date("2024-05-02"),
        team: "Ingobyi, RBC/MCCH, RAM".to_owned(),
        progress: "Visits on plan; two mentees validated in HBB".to_owned(),
        mentors: "Observed one mentor coaching on partograph use".to_owned(),
        notes: "Good progress; staffing remains the main risk".to_owned(),
        recorded_by: "District Supervisor".to_owned(),
        issues: vec![
            (
                "0001-a".to_owned(),
                issue("Mentors pulled to night shifts", "2024-06-30"),
            ),
            (
                "0002-b".to_owned(),
                issue("No mannequin in maternity", "2024-05-31"),
            ),
        ],
    }
}

#[test]
fn a_visit_round_trips_with_its_issues_in_order() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &visit()).unwrap();
    assert_eq!(read(&doc).unwrap(), visit());
}

#[test]
fn issues_added_on_two_tablets_both_stay_and_corrections_merge() {
    let mut a = Automerge::new();
    write_new(&mut a, &visit()).unwrap();
    let mut b = a.fork();
    add_issue(
        &mut a,
        "0003-a",
        &issue("Registers incomplete", "2024-07-01"),
    )
    .unwrap();
    add_issue(
        &mut b,
        "0003-b",
        &issue("Oxygen out of stock", "2024-05-15"),
    )
    .unwrap();
    let mut on_a = visit();
    on_a.notes = "Follow up staffing with the district".to_owned();
    update(&mut a, &on_a).unwrap();
    let mut on_b = visit();
    on_b.team = "Ingobyi, RBC/MCCH".to_owned();
    update(&mut b, &on_b).unwrap();
    a.merge(&mut b).unwrap();
    let merged = read(&a).unwrap();
    assert_eq!(merged.issues.len(), 4);
    assert_eq!(merged.notes, on_a.notes);
    assert_eq!(merged.team, on_b.team);
    let heads = a.get_heads();
    add_issue(&mut a, "0003-a", &issue("changed", "2024-07-01")).unwrap();
    update(&mut a, &merged).unwrap();
    assert_eq!(a.get_heads(), heads, "replays change nothing");
}

#[test]
fn clean_checks_the_date_texts_and_every_issue() {
    let today = date("2024-05-02");
    assert_eq!(clean(visit(), today).unwrap(), visit());
    let mut later = visit();
    later.date = date("2024-05-03");
    assert_eq!(clean(later, today), Err(SupervisionError::FutureDate));
    let mut empty = visit();
    empty.progress = " ".to_owned();
    assert_eq!(
        clean(empty, today),
        Err(SupervisionError::Progress(InputError::Empty))
    );
    let mut long = visit();
    long.notes = "n".repeat(MAX_NOTE + 1);
    assert_eq!(
        clean(long, today),
        Err(SupervisionError::Notes(InputError::TooLong))
    );
    let mut early = visit();
    early.issues[1].1.due = date("2024-05-01");
    assert_eq!(
        clean(early, today),
        Err(SupervisionError::Issue {
            index: 1,
            error: IssueError::DueBeforeVisit
        })
    );
    let mut nobody = visit();
    nobody.issues[0].1.responsible = String::new();
    assert_eq!(
        clean(nobody, today),
        Err(SupervisionError::Issue {
            index: 0,
            error: IssueError::Responsible(InputError::Empty)
        })
    );
    let mut no_solution = visit();
    no_solution.issues[0].1.solution = "\n".to_owned();
    assert_eq!(
        clean(no_solution, today),
        Err(SupervisionError::Issue {
            index: 0,
            error: IssueError::Solution(InputError::Empty)
        })
    );
}

#[test]
fn a_foreign_document_is_a_typed_error() {
    assert_eq!(read(&Automerge::new()), Err(DocError::Missing("date")));
    let mut doc = Automerge::new();
    write_new(&mut doc, &visit()).unwrap();
    let mut tx = doc.transaction();
    tx.put(ROOT, "date", "yesterday").unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid { field: "date", .. })
    ));
    let mut doc = Automerge::new();
    write_new(&mut doc, &visit()).unwrap();
    let mut tx = doc.transaction();
    tx.put(ROOT, "issues", 3_i64).unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "issues",
            ..
        })
    ));
}
