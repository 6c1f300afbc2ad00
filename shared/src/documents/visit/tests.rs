use automerge::transaction::Transactable as _;

use super::*;
use crate::date;
use crate::documents::mentee::MAX_NOTE;

fn plan() -> VisitPlan {
    VisitPlan {
        start: date!(2024, 3, 4),
        end: date!(2024, 3, 5),
        mentors: vec!["Jean Mugabo".to_owned()],
        activities: BTreeSet::from([ActivityKind::EntryMeeting, ActivityKind::LdhfSimulation]),
        expected_mentees: BTreeSet::from(["00ff".to_owned()]),
        notes: "Bring the neonatal mannequin".to_owned(),
    }
}

fn entry(activity: Activity) -> ActivityEntry {
    ActivityEntry {
        activity,
        date: date!(2024, 3, 4),
        time: TimeOfDay::new(9, 30),
        notes: String::new(),
        logged_by: "Jean Mugabo".to_owned(),
    }
}

fn started() -> Automerge {
    let mut doc = Automerge::new();
    write_new(&mut doc, &plan()).unwrap();
    set_state(&mut doc, VisitState::InProgress).unwrap();
    doc
}

#[test]
fn a_visit_round_trips_with_its_plan_state_and_activities() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &plan()).unwrap();
    let read_back = read(&doc).unwrap();
    assert_eq!(read_back.plan, plan());
    assert_eq!(read_back.state, VisitState::Planned);
    assert!(read_back.activities.is_empty());

    set_state(&mut doc, VisitState::InProgress).unwrap();
    let ldhf = entry(Activity::LdhfSimulation {
        topic: "Helping Babies Breathe".to_owned(),
        participants: 6,
    });
    log_activity(&mut doc, "0a", &ldhf).unwrap();
    let visit = read(&doc).unwrap();
    assert_eq!(visit.state, VisitState::InProgress);
    assert_eq!(visit.activities, [("0a".to_owned(), ldhf)]);
}

#[test]
fn concurrent_logs_on_two_tablets_are_both_kept_and_a_replay_never_duplicates() {
    let mut a = started();
    let mut b = a.fork();
    let meeting = entry(Activity::EntryMeeting);
    let observation = entry(Activity::CaseObservation {
        mentee: "00ff".to_owned(),
        assessment: Some(AssessmentId::from_u128(7)),
    });
    log_activity(&mut a, "aa", &meeting).unwrap();
    log_activity(&mut b, "bb", &observation).unwrap();
    log_activity(&mut b, "bb", &observation).unwrap();
    a.merge(&mut b).unwrap();
    let ids: Vec<_> = read(&a)
        .unwrap()
        .activities
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["aa", "bb"]);
}

#[test]
fn activities_are_ordered_by_date_then_time() {
    let mut doc = started();
    let mut late = entry(Activity::Debrief);
    late.time = TimeOfDay::new(16, 0);
    let mut next_day = entry(Activity::WardRound);
    next_day.date = date!(2024, 3, 5);
    next_day.time = None;
    log_activity(&mut doc, "01", &next_day).unwrap();
    log_activity(&mut doc, "02", &late).unwrap();
    log_activity(&mut doc, "03", &entry(Activity::EntryMeeting)).unwrap();
    let ids: Vec<_> = read(&doc)
        .unwrap()
        .activities
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["03", "02", "01"]);
}

#[test]
fn a_corrupt_activity_or_state_is_a_typed_error() {
    let mut doc = started();
    let mut tx = doc.transaction();
    let map = super::super::fields::ensure_map(&mut tx, "activities").unwrap();
    tx.put(&map, "ff", r#"{"activity":{"kind":"ldhf_simulation","topic":"HBB","participants":0},"date":"2024-03-04","logged_by":"x"}"#).unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "activities",
            ..
        })
    ));

    let mut doc = started();
    let mut tx = doc.transaction();
    let map = super::super::fields::ensure_map(&mut tx, "activities").unwrap();
    tx.put(
        &map,
        "ee",
        r#"{"activity":{"kind":"tea_break"},"date":"2024-03-04","logged_by":"x"}"#,
    )
    .unwrap();
    tx.put(ROOT, "state", "paused").unwrap();
    tx.commit();
    assert!(matches!(read(&doc), Err(DocError::Invalid { .. })));
    assert_eq!(read(&Automerge::new()), Err(DocError::Missing("plan")));
}

#[test]
fn states_move_only_forward_and_logging_waits_for_the_start() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &plan()).unwrap();
    assert!(log_activity(&mut doc, "01", &entry(Activity::EntryMeeting)).is_err());
    assert!(set_state(&mut doc, VisitState::Done).is_err());
    let mut edited = plan();
    edited.notes = "Moved to Tuesday".to_owned();
    set_plan(&mut doc, &edited).unwrap();
    set_state(&mut doc, VisitState::InProgress).unwrap();
    set_state(&mut doc, VisitState::InProgress).unwrap();
    assert!(
        set_plan(&mut doc, &plan()).is_err(),
        "a started visit keeps its plan"
    );
    assert!(log_activity(&mut doc, "not hex", &entry(Activity::EntryMeeting)).is_err());
    set_state(&mut doc, VisitState::Done).unwrap();
    assert!(set_state(&mut doc, VisitState::Cancelled).is_err());
    log_activity(&mut doc, "01", &entry(Activity::Debrief)).unwrap();
    let visit = read(&doc).unwrap();
    assert_eq!(visit.plan.notes, "Moved to Tuesday");
    assert_eq!(visit.state, VisitState::Done);
}

fn form<'a>(start: &'a str, end: &'a str, mentors: &'a str) -> PlanForm<'a> {
    PlanForm {
        start,
        end,
        mentors,
        ..PlanForm::default()
    }
}

#[test]
fn plan_input_is_checked() {
    let ok = clean_plan(&form(
        "2024-03-04",
        "",
        " Jean  Mugabo, Alice;jean mugabo\n",
    ))
    .unwrap();
    assert_eq!(ok.end, date!(2024, 3, 4), "an empty end is a one-day visit");
    assert_eq!(ok.mentors, ["Jean Mugabo", "Alice"]);
    let err = |f: PlanForm<'_>| clean_plan(&f).unwrap_err();
    assert_eq!(
        err(form("2024-03-05", "2024-03-04", "A")),
        PlanError::EndBeforeStart
    );
    assert_eq!(err(form("2024-02-30", "", "A")), PlanError::BadStart);
    assert_eq!(err(form("2024-03-04", "soon", "A")), PlanError::BadEnd);
    assert_eq!(
        err(form("2024-03-01", "2024-04-01", "A")),
        PlanError::TooManyDays
    );
    assert!(clean_plan(&form("2024-03-01", "2024-03-31", "A")).is_ok());
    assert_eq!(err(form("2024-03-04", "", " , ")), PlanError::NoMentor);
    let many = "a,b,c,d,e,f,g,h,i,j,k";
    assert_eq!(err(form("2024-03-04", "", many)), PlanError::TooManyMentors);
    let long_name = "x".repeat(crate::documents::mentee::MAX_TEXT + 1);
    assert_eq!(err(form("2024-03-04", "", &long_name)), PlanError::TooLong);
    let long_note = "n".repeat(MAX_NOTE + 1);
    let mut f = form("2024-03-04", "", "A");
    f.notes = &long_note;
    assert_eq!(err(f), PlanError::TooLong);
}

fn activity_form(kind: ActivityKind) -> ActivityForm<'static> {
    ActivityForm {
        kind,
        date: "2024-03-04",
        time: "09:30",
        notes: " good turnout ",
        topic: "",
        participants: "",
        mentee: "",
        assessment: None,
        logged_by: "Jean Mugabo",
    }
}

#[test]
fn activity_input_is_checked() {
    let meeting = clean_activity(&activity_form(ActivityKind::EntryMeeting)).unwrap();
    assert_eq!(
        meeting,
        ActivityEntry {
            notes: "good turnout".to_owned(),
            ..entry(Activity::EntryMeeting)
        }
    );
    let ldhf = ActivityForm {
        topic: " HBB ",
        participants: "6",
        ..activity_form(ActivityKind::LdhfSimulation)
    };
    assert_eq!(
        clean_activity(&ldhf).unwrap().activity,
        Activity::LdhfSimulation {
            topic: "HBB".to_owned(),
            participants: 6
        }
    );
    let err = |f: ActivityForm<'_>| clean_activity(&f).unwrap_err();
    assert_eq!(
        err(ActivityForm {
            participants: "0",
            ..ldhf.clone()
        }),
        ActivityError::BadParticipants
    );
    assert_eq!(
        err(ActivityForm {
            participants: "201",
            ..ldhf.clone()
        }),
        ActivityError::BadParticipants
    );
    assert_eq!(
        err(ActivityForm {
            participants: "six",
            ..ldhf.clone()
        }),
        ActivityError::BadParticipants
    );
    assert_eq!(
        err(ActivityForm {
            topic: "  ",
            ..ldhf.clone()
        }),
        ActivityError::EmptyTopic
    );
    assert_eq!(
        err(ActivityForm {
            time: "25:00",
            ..ldhf.clone()
        }),
        ActivityError::BadTime
    );
    assert_eq!(
        err(ActivityForm { date: "", ..ldhf }),
        ActivityError::BadDate
    );
    let observation = activity_form(ActivityKind::CaseObservation);
    assert_eq!(err(observation.clone()), ActivityError::NoMentee);
    let linked = ActivityForm {
        mentee: "00ff",
        ..observation
    };
    assert!(matches!(
        clean_activity(&linked).unwrap().activity,
        Activity::CaseObservation { .. }
    ));
    let long_note = "n".repeat(MAX_NOTE + 1);
    let long = ActivityForm {
        notes: &long_note,
        ..activity_form(ActivityKind::Debrief)
    };
    assert_eq!(err(long), ActivityError::TooLong);
}

#[test]
fn times_of_day_parse_strictly() {
    assert_eq!(TimeOfDay::parse("09:30"), TimeOfDay::new(9, 30));
    assert_eq!(TimeOfDay::parse("23:59:00"), TimeOfDay::new(23, 59));
    for bad in ["9:30", "24:00", "12:60", "12:3a", "12:30:5", "noon", ""] {
        assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
    }
    assert_eq!(
        TimeOfDay::new(7, 5).map(|t| t.to_string()).as_deref(),
        Some("07:05")
    );
}
