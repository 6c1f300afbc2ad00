use automerge::transaction::Transactable as _;

use super::*;
use TutoratStep::*;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn new_doc() -> Automerge {
    let mut doc = Automerge::new();
    write_new(&mut doc, "rango-hc", date("2024-03-01"), "Mentor").unwrap();
    doc
}

fn done(on: &str) -> StepRecord {
    StepRecord {
        status: StepStatus::Done,
        date: Some(date(on)),
        notes: String::new(),
    }
}

const TODAY: &str = "2024-06-30";

#[test]
fn a_new_cycle_has_six_steps_not_started() {
    let doc = new_doc();
    let cycle = read(&doc).unwrap();
    assert_eq!(cycle.facility, "rango-hc");
    assert_eq!(cycle.started_on, date("2024-03-01"));
    assert_eq!(cycle.steps.len(), 6);
    assert!(cycle.steps.iter().all(|(_, r)| *r == StepRecord::default()));
    assert_eq!(cycle.current_step(), Some(SituationalAnalysis));
    assert!(!cycle.is_handed_over());
}

#[test]
fn steps_and_the_handover_round_trip() {
    let mut doc = new_doc();
    let mut analysis = done("2024-03-02");
    analysis.notes = "No warm room; action plan agreed".to_owned();
    put_step(&mut doc, SituationalAnalysis, &analysis).unwrap();
    let planned = StepRecord {
        status: StepStatus::InProgress,
        date: Some(date("2024-03-10")),
        notes: String::new(),
    };
    put_step(&mut doc, ThreeDayTraining, &planned).unwrap();
    let cycle = read(&doc).unwrap();
    assert_eq!(cycle.step(SituationalAnalysis), analysis);
    assert_eq!(cycle.step(ThreeDayTraining), planned);
    assert_eq!(cycle.current_step(), Some(ThreeDayTraining));
    let handover = Handover {
        date: date("2024-06-01"),
        received_by: "District supervisor".to_owned(),
    };
    set_handover(&mut doc, &handover).unwrap();
    assert_eq!(read(&doc).unwrap().handover, Some(handover));
}

#[test]
fn two_tablets_updating_different_steps_both_keep_theirs() {
    let mut a = new_doc();
    let mut b = a.fork();
    put_step(&mut a, SituationalAnalysis, &done("2024-03-02")).unwrap();
    let notes = StepRecord {
        notes: "Training room booked".to_owned(),
        ..StepRecord::default()
    };
    put_step(&mut b, ThreeDayTraining, &notes).unwrap();
    a.merge(&mut b).unwrap();
    let cycle = read(&a).unwrap();
    assert_eq!(cycle.step(SituationalAnalysis), done("2024-03-02"));
    assert_eq!(cycle.step(ThreeDayTraining).notes, "Training room booked");
}

#[test]
fn an_unchanged_step_makes_no_change() {
    let mut doc = new_doc();
    put_step(&mut doc, SituationalAnalysis, &done("2024-03-02")).unwrap();
    let heads = doc.get_heads();
    put_step(&mut doc, SituationalAnalysis, &done("2024-03-02")).unwrap();
    assert_eq!(doc.get_heads(), heads);
}

#[test]
fn steps_are_done_in_order_and_dated_in_order() {
    let today = date(TODAY);
    let mut doc = new_doc();
    let cycle = read(&doc).unwrap();
    assert_eq!(
        check_step(&cycle, ThreeDayTraining, done("2024-03-05"), today),
        Err(StepError::Order(TutoratError::OutOfOrder {
            attempted: ThreeDayTraining,
            expected: SituationalAnalysis
        }))
    );
    let no_date = StepRecord {
        status: StepStatus::Done,
        ..StepRecord::default()
    };
    assert_eq!(
        check_step(&cycle, SituationalAnalysis, no_date, today),
        Err(StepError::DoneWithoutDate)
    );
    assert_eq!(
        check_step(&cycle, SituationalAnalysis, done("2024-07-01"), today),
        Err(StepError::DoneInFuture)
    );
    // A planned date in the future is fine for a step not done yet.
    let planned = StepRecord {
        status: StepStatus::NotStarted,
        date: Some(date("2024-08-01")),
        notes: " plan ".to_owned(),
    };
    assert_eq!(
        check_step(&cycle, ThreeDayTraining, planned, today)
            .unwrap()
            .notes,
        "plan"
    );
    put_step(&mut doc, SituationalAnalysis, &done("2024-03-02")).unwrap();
    let cycle = read(&doc).unwrap();
    assert!(matches!(
        check_step(&cycle, ThreeDayTraining, done("2024-03-01"), today),
        Err(StepError::Order(TutoratError::DatedBeforePrevious { .. }))
    ));
    assert!(check_step(&cycle, ThreeDayTraining, done("2024-03-05"), today).is_ok());
    put_step(&mut doc, ThreeDayTraining, &done("2024-03-05")).unwrap();
    let cycle = read(&doc).unwrap();
    // Re-dating the first step after the second is refused; reopening it too.
    assert!(matches!(
        check_step(&cycle, SituationalAnalysis, done("2024-03-06"), today),
        Err(StepError::Order(TutoratError::DatedBeforePrevious { .. }))
    ));
    assert_eq!(
        check_step(&cycle, SituationalAnalysis, StepRecord::default(), today),
        Err(StepError::LaterStepsDone)
    );
    // The last done step can be reopened.
    assert!(check_step(&cycle, ThreeDayTraining, StepRecord::default(), today).is_ok());
}

#[test]
fn the_handover_follows_the_debrief() {
    let today = date(TODAY);
    let mut doc = new_doc();
    let handover = Handover {
        date: date("2024-06-02"),
        received_by: "  District supervisor ".to_owned(),
    };
    assert_eq!(
        check_handover(&read(&doc).unwrap(), handover.clone(), today),
        Err(StepError::HandoverTooEarly)
    );
    for (step, on) in TutoratStep::ALL.into_iter().zip([
        "2024-03-02",
        "2024-03-05",
        "2024-03-12",
        "2024-04-01",
        "2024-05-01",
        "2024-06-01",
    ]) {
        put_step(&mut doc, step, &done(on)).unwrap();
    }
    let cycle = read(&doc).unwrap();
    assert_eq!(cycle.current_step(), None);
    assert_eq!(
        check_handover(&cycle, handover.clone(), today)
            .unwrap()
            .received_by,
        "District supervisor"
    );
    let early = Handover {
        date: date("2024-05-31"),
        ..handover.clone()
    };
    assert_eq!(
        check_handover(&cycle, early, today),
        Err(StepError::HandoverBeforeDebrief)
    );
    let late = Handover {
        date: date("2024-07-01"),
        ..handover.clone()
    };
    assert_eq!(
        check_handover(&cycle, late, today),
        Err(StepError::HandoverInFuture)
    );
    let nobody = Handover {
        received_by: " ".to_owned(),
        ..handover
    };
    assert_eq!(
        check_handover(&cycle, nobody, today),
        Err(StepError::ReceivedBy(InputError::Empty))
    );
}

#[test]
fn codes_round_trip_and_foreign_documents_are_typed_errors() {
    for step in TutoratStep::ALL {
        assert_eq!(step_from_code(step_code(step)), Some(step));
    }
    for status in StepStatus::ALL {
        assert_eq!(StepStatus::from_code(status.code()), Some(status));
    }
    let mut doc = Automerge::new();
    assert_eq!(read(&doc), Err(DocError::Missing("started_on")));
    let mut tx = doc.transaction();
    tx.put(ROOT, "started_on", "March").unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "started_on",
            ..
        })
    ));
}
