use automerge::transaction::Transactable as _;

use super::*;
use crate::documents::mentee::MAX_NOTE;

const VISIT: &str = "00112233445566778899aabbccddeeff";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn comment() -> Comment {
    Comment {
        target: Target {
            kind: TargetKind::Visit,
            doc: VISIT.to_owned(),
            assessment: None,
        },
        author: "supervisor".to_owned(),
        author_name: "District Supervisor".to_owned(),
        text: "Please re-observe this case".to_owned(),
        created_on: date("2024-05-02"),
    }
}

fn ack(name: &str, on: &str) -> Acknowledgement {
    Acknowledgement {
        name: name.to_owned(),
        on: date(on),
        reply: String::new(),
    }
}

#[test]
fn a_comment_round_trips_with_no_acknowledgement() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &comment()).unwrap();
    let record = read(&doc).unwrap();
    assert_eq!(record.comment, comment());
    assert!(record.acknowledgements.is_empty());
    assert!(record.awaits("mentor"));
    assert!(
        !record.awaits("supervisor"),
        "the author is not waiting for themself"
    );
}

#[test]
fn an_assessment_target_keeps_its_assessment_id() {
    let mut c = comment();
    c.target = Target {
        kind: TargetKind::Assessment,
        doc: VISIT.to_owned(),
        assessment: Some("a-17".to_owned()),
    };
    let mut doc = Automerge::new();
    write_new(&mut doc, &c).unwrap();
    assert_eq!(read(&doc).unwrap().comment.target, c.target);
    assert_eq!(c.target.key(), format!("assessment:{VISIT}:a-17"));
}

#[test]
fn an_acknowledgement_is_kept_once_and_ends_the_wait() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &comment()).unwrap();
    acknowledge(&mut doc, "mentor", &ack("Mentor", "2024-05-03")).unwrap();
    let heads = doc.get_heads();
    acknowledge(&mut doc, "mentor", &ack("Mentor", "2024-05-04")).unwrap();
    assert_eq!(doc.get_heads(), heads, "a replay changes nothing");
    let record = read(&doc).unwrap();
    assert_eq!(
        record.acknowledgements,
        [("mentor".to_owned(), ack("Mentor", "2024-05-03"))]
    );
    assert!(!record.awaits("mentor"));
    assert!(record.awaits("mentor2"));
}

#[test]
fn concurrent_acknowledgements_converge() {
    let mut a = Automerge::new();
    write_new(&mut a, &comment()).unwrap();
    let mut b = a.fork();
    let mut c = a.fork();
    acknowledge(&mut a, "mentor", &ack("Mentor", "2024-05-03")).unwrap();
    acknowledge(&mut b, "mentor", &ack("Mentor", "2024-05-04")).unwrap();
    acknowledge(&mut c, "mentor2", &ack("Second mentor", "2024-05-04")).unwrap();
    let mut ab = a.fork();
    ab.merge(&mut b).unwrap();
    ab.merge(&mut c).unwrap();
    let mut ba = b.fork();
    ba.merge(&mut c).unwrap();
    ba.merge(&mut a).unwrap();
    let one = read(&ab).unwrap();
    assert_eq!(one, read(&ba).unwrap(), "both orders agree");
    let who: Vec<_> = one
        .acknowledgements
        .iter()
        .map(|(w, _)| w.as_str())
        .collect();
    assert_eq!(
        who,
        ["mentor", "mentor2"],
        "one entry per person, none lost"
    );
}

#[test]
fn clean_refuses_an_empty_or_long_text_and_a_missing_target() {
    assert_eq!(
        clean(Comment {
            text: "  ".to_owned(),
            ..comment()
        }),
        Err(CommentError::Text(InputError::Empty))
    );
    assert_eq!(
        clean(Comment {
            text: "x".repeat(MAX_NOTE + 1),
            ..comment()
        }),
        Err(CommentError::Text(InputError::TooLong))
    );
    let mut no_doc = comment();
    no_doc.target.doc = "nope".to_owned();
    assert_eq!(clean(no_doc), Err(CommentError::NoTarget));
    let mut no_assessment = comment();
    no_assessment.target.kind = TargetKind::Assessment;
    assert_eq!(clean(no_assessment), Err(CommentError::NoTarget));
    let trimmed = clean(Comment {
        text: "  Please re-observe this case \n".to_owned(),
        ..comment()
    })
    .unwrap();
    assert_eq!(trimmed.text, "Please re-observe this case");
    let long_reply = Acknowledgement {
        reply: "y".repeat(MAX_NOTE + 1),
        ..ack("Mentor", "2024-05-03")
    };
    assert_eq!(
        clean_ack(long_reply),
        Err(CommentError::Reply(InputError::TooLong))
    );
}

#[test]
fn hostile_or_missing_fields_are_typed_errors() {
    assert_eq!(
        read(&Automerge::new()),
        Err(DocError::Missing("target_kind"))
    );
    let mut doc = Automerge::new();
    write_new(&mut doc, &comment()).unwrap();
    let mut tx = doc.transaction();
    tx.put(ROOT, "target_kind", "gossip").unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "target_kind",
            ..
        })
    ));
    let mut doc = Automerge::new();
    write_new(&mut doc, &comment()).unwrap();
    let mut tx = doc.transaction();
    tx.put(ROOT, "created_on", 5_i64).unwrap();
    tx.put(ROOT, "acknowledgements", "not a map").unwrap();
    tx.commit();
    assert!(matches!(read(&doc), Err(DocError::Invalid { .. })));
    let mut doc = Automerge::new();
    write_new(&mut doc, &comment()).unwrap();
    let mut tx = doc.transaction();
    tx.put(ROOT, "acknowledgements", "not a map").unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid {
            field: "acknowledgements",
            ..
        })
    ));
    assert!(acknowledge(&mut doc, "mentor", &ack("Mentor", "2024-05-03")).is_err());
}
