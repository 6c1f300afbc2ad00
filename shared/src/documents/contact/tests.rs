use automerge::transaction::Transactable as _;

use super::*;
use crate::documents::mentee::MAX_NOTE;

const MENTEE: &str = "00112233445566778899aabbccddeeff";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn contact() -> Contact {
    Contact {
        facility: "rango-hc".to_owned(),
        date: date("2024-05-02"),
        mode: ContactMode::WhatsApp,
        mentee: MENTEE.to_owned(),
        topic: "Baby not breathing at birth".to_owned(),
        advice: "Dry, stimulate, ventilate within the golden minute".to_owned(),
        next_step: "Practise on the mannequin daily".to_owned(),
        recorded_by: "Mentor".to_owned(),
    }
}

#[test]
fn a_contact_round_trips() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &contact()).unwrap();
    assert_eq!(read(&doc).unwrap(), contact());
}

#[test]
fn corrections_of_different_fields_on_two_tablets_both_survive() {
    let mut a = Automerge::new();
    write_new(&mut a, &contact()).unwrap();
    let mut b = a.fork();
    let mut on_a = contact();
    on_a.advice = "Call back after the next delivery".to_owned();
    update(&mut a, &on_a).unwrap();
    let mut on_b = contact();
    on_b.mode = ContactMode::Video;
    update(&mut b, &on_b).unwrap();
    a.merge(&mut b).unwrap();
    let merged = read(&a).unwrap();
    assert_eq!(merged.advice, on_a.advice);
    assert_eq!(merged.mode, ContactMode::Video);
}

#[test]
fn an_unchanged_update_makes_no_change() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &contact()).unwrap();
    let heads = doc.get_heads();
    update(&mut doc, &contact()).unwrap();
    assert_eq!(doc.get_heads(), heads);
}

#[test]
fn a_foreign_document_is_a_typed_error() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &contact()).unwrap();
    let mut tx = doc.transaction();
    tx.put(ROOT, "mode", "pigeon").unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid { field: "mode", .. })
    ));
    let mut tx = doc.transaction();
    tx.put(ROOT, "date", 5_i64).unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid { field: "date", .. })
    ));
    assert_eq!(read(&Automerge::new()), Err(DocError::Missing("date")));
}

#[track_caller]
fn check(edit: impl FnOnce(&mut Contact), expect: Result<(), ContactError>) {
    let mut input = contact();
    edit(&mut input);
    assert_eq!(clean(input, date("2024-05-10")).map(drop), expect);
}

#[test]
fn the_form_is_checked_first_problem_first() {
    check(|_| {}, Ok(()));
    check(|c| c.mentee = String::new(), Err(ContactError::NoMentee));
    check(|c| c.mentee = "zz".repeat(16), Err(ContactError::NoMentee));
    check(|c| c.date = date("2024-05-10"), Ok(()));
    check(
        |c| c.date = date("2024-05-11"),
        Err(ContactError::FutureDate),
    );
    check(
        |c| c.topic = "  ".to_owned(),
        Err(ContactError::Topic(InputError::Empty)),
    );
    check(
        |c| c.advice = "x".repeat(MAX_NOTE + 1),
        Err(ContactError::Advice(InputError::TooLong)),
    );
    check(
        |c| c.next_step = "x".repeat(MAX_NOTE + 1),
        Err(ContactError::NextStep(InputError::TooLong)),
    );
    check(|c| c.advice = String::new(), Ok(()));
    let cleaned = clean(
        Contact {
            topic: "  Eclampsia  ".to_owned(),
            ..contact()
        },
        date("2024-05-10"),
    );
    assert_eq!(cleaned.map(|c| c.topic), Ok("Eclampsia".to_owned()));
}

#[test]
fn modes_round_trip_and_map_onto_channels() {
    for mode in ContactMode::ALL {
        assert_eq!(ContactMode::from_code(mode.code()), Some(mode));
        if let Some(channel) = mode.channel() {
            assert_eq!(ContactMode::from(channel), mode);
        }
    }
    assert_eq!(ContactMode::InPerson.channel(), None);
}
