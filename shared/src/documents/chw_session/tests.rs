use automerge::Automerge;

use super::*;

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn participant(n: u128) -> Participant {
    Participant {
        competency: CompetencyId::new("iccm_malaria"),
        assessment: AssessmentId::from_u128(n),
    }
}

fn session(area: TechnicalArea, on: Date, chws: &[&str]) -> ChwSession {
    ChwSession {
        technical_area: area,
        date: on,
        place: "Rango Health Centre".to_owned(),
        facilitator: MentorId::from_u128(1),
        facilitator_name: "Mentor".to_owned(),
        feedback: "Good teamwork".to_owned(),
        participants: chws
            .iter()
            .enumerate()
            .map(|(i, id)| ((*id).to_owned(), participant(i as u128)))
            .collect(),
    }
}

#[test]
fn a_session_reads_back_as_written() {
    let written = session(TechnicalArea::Iccm, date(2026, 11, 2), &["a", "b", "c"]);
    let mut doc = Automerge::new();
    write_new(&mut doc, &written).unwrap();
    assert_eq!(read(&doc).unwrap(), written);
}

#[test]
fn the_same_chw_added_on_two_tablets_appears_once() {
    let mut doc = Automerge::new();
    write_new(
        &mut doc,
        &session(TechnicalArea::Iccm, date(2026, 11, 2), &[]),
    )
    .unwrap();
    let mut other = doc.fork();
    add_participant(&mut doc, "a", &participant(1)).unwrap();
    add_participant(&mut other, "a", &participant(1)).unwrap();
    add_participant(&mut other, "b", &participant(2)).unwrap();
    doc.merge(&mut other).unwrap();
    let keys: Vec<_> = read(&doc).unwrap().participants.into_keys().collect();
    assert_eq!(keys, ["a", "b"]);
}

#[test]
fn a_facility_technical_area_or_missing_date_is_a_typed_error() {
    let mut doc = Automerge::new();
    write_new(
        &mut doc,
        &session(TechnicalArea::Mnh, date(2026, 11, 2), &[]),
    )
    .unwrap();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "technical_area",
            ..
        })
    ));
    assert_eq!(
        read(&Automerge::new()),
        Err(DocError::Missing("technical_area"))
    );
}

#[test]
fn each_group_is_reached_only_by_sessions_in_the_quarter() {
    let calendar = FiscalCalendar::RWANDA;
    let sessions = [
        session(TechnicalArea::Iccm, date(2026, 10, 5), &["a", "b"]),
        session(TechnicalArea::Iccm, date(2026, 12, 20), &["b", "c"]),
        // The previous quarter (July–September) does not count.
        session(TechnicalArea::Cbmnh, date(2026, 9, 30), &["d"]),
    ];
    let quarter = calendar.quarter(date(2026, 11, 1));
    let reach = quarter_reach(&sessions, calendar, quarter);
    assert_eq!(
        reach.iter().map(|g| g.technical_area).collect::<Vec<_>>(),
        CHW_AREAS
    );
    let iccm = &reach[2];
    assert!(iccm.reached());
    assert_eq!(iccm.sessions, 2);
    assert_eq!(iccm.chws.len(), 3);
    assert!(!reach[0].reached(), "CBMNH met only last quarter");
    assert!(!reach[1].reached(), "CBP-FP never met");
    let chws: Vec<_> = chws_reached(&sessions, calendar, quarter)
        .into_iter()
        .collect();
    assert_eq!(chws, ["a", "b", "c"]);
}
