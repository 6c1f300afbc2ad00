use super::*;

fn record() -> MenteeRecord {
    MenteeRecord {
        name: "Aline Uwase".to_owned(),
        cadre: Cadre::Midwife,
        facility: "rango-hc".to_owned(),
        phone: None,
        association: None,
        competencies: BTreeSet::from(["hbb".to_owned()]),
    }
}

#[track_caller]
fn check_name(input: &str, expect: Result<&str, InputError>) {
    assert_eq!(clean_name(input), expect.map(str::to_owned));
}

#[test]
fn names_are_trimmed_and_checked() {
    check_name("  Aline   Uwase ", Ok("Aline Uwase"));
    check_name("   ", Err(InputError::EmptyName));
    check_name(&"x".repeat(MAX_TEXT + 1), Err(InputError::TooLong));
}

#[test]
fn phones_are_optional_and_checked() {
    assert_eq!(clean_phone(" "), Ok(None));
    assert_eq!(
        clean_phone("+250 788 123-456"),
        Ok(Some("+250 788 123-456".to_owned()))
    );
    assert_eq!(clean_phone("call me"), Err(InputError::BadPhone));
}

#[test]
fn a_record_round_trips() {
    let mut doc = Automerge::new();
    write_new(&mut doc, &record()).unwrap();
    assert_eq!(read(&doc).unwrap(), record());
}

#[test]
fn concurrent_edits_to_different_fields_both_survive() {
    let mut a = Automerge::new();
    write_new(&mut a, &record()).unwrap();
    let mut b = a.fork();

    let mut on_a = read(&a).unwrap();
    on_a.phone = Some("0788000000".to_owned());
    update(&mut a, &on_a).unwrap();

    let mut on_b = read(&b).unwrap();
    on_b.competencies.insert("ecebs".to_owned());
    on_b.cadre = Cadre::Nurse;
    update(&mut b, &on_b).unwrap();

    a.merge(&mut b).unwrap();
    let merged = read(&a).unwrap();
    assert_eq!(merged.phone.as_deref(), Some("0788000000"));
    assert_eq!(merged.cadre, Cadre::Nurse);
    assert_eq!(
        merged.competencies,
        BTreeSet::from(["ecebs".to_owned(), "hbb".to_owned()])
    );
}

#[test]
fn a_foreign_document_is_a_typed_error() {
    let mut doc = Automerge::new();
    let mut tx = doc.transaction();
    tx.put(ROOT, "name", 42_i64).unwrap();
    tx.commit();
    assert!(matches!(
        read(&doc),
        Err(DocError::Invalid { field: "name", .. })
    ));
    assert_eq!(read(&Automerge::new()), Err(DocError::Missing("name")));
}

#[test]
fn every_cadre_code_round_trips() {
    for cadre in CADRES {
        assert_eq!(cadre_from_code(cadre_code(cadre)), Some(cadre));
    }
}

#[test]
fn name_and_phone_are_checked_together_name_first() {
    assert_eq!(
        clean_name_and_phone(" Aline ", ""),
        Ok(("Aline".to_owned(), None))
    );
    assert_eq!(
        clean_name_and_phone("", "call me"),
        Err(InputError::EmptyName)
    );
    assert_eq!(
        clean_name_and_phone("Aline", "call me"),
        Err(InputError::BadPhone)
    );
}

mod history {
    use super::*;
    use crate::domain::{
        Assessment, AssessmentId, AssessmentKind, CompetencyId, Date, MenteeId, Score, TestPhase,
        Validation, ValidationId,
    };

    const MENTEE: MenteeId = MenteeId::from_u128(1);

    fn test_entry(id: u128, correct: u32) -> AssessmentEntry {
        AssessmentEntry {
            assessment: Assessment {
                id: AssessmentId::from_u128(id),
                mentee: MENTEE,
                assessor: mentor_id("mentor"),
                competency: CompetencyId::new("hbb"),
                date: Date::new(2024, 3, 1).unwrap(),
                visit: None,
                kind: AssessmentKind::KnowledgeTest {
                    phase: TestPhase::PreTest,
                    test_version: 1,
                    answers: Vec::new(),
                },
                score: Score::new(correct, 10).unwrap(),
                recorded_at: None,
            },
            assessor_name: "Mentor".to_owned(),
            feedback: None,
            association: None,
        }
    }

    fn validation(id: u128, by: &str) -> ValidationEntry {
        ValidationEntry {
            validation: Validation {
                id: ValidationId::from_u128(id),
                mentee: MENTEE,
                competency: CompetencyId::new("hbb"),
                date: Date::new(2024, 3, 2).unwrap(),
                validated_by: mentor_id(by),
                visit: None,
                assessment: AssessmentId::from_u128(9),
                evaluations_to_validation: 1,
            },
            validated_by_name: by.to_owned(),
            association: None,
        }
    }

    fn base() -> Automerge {
        let mut doc = Automerge::new();
        write_new(&mut doc, &record()).unwrap();
        doc
    }

    #[test]
    fn a_record_without_history_reads_as_empty() {
        assert_eq!(read_history(&base()).unwrap(), History::default());
    }

    #[test]
    fn assessments_added_on_two_tablets_both_survive_once() {
        let mut a = base();
        let mut b = a.fork();
        add_assessment(&mut a, &test_entry(1, 4)).unwrap();
        add_assessment(&mut b, &test_entry(2, 6)).unwrap();
        add_assessment(&mut b, &test_entry(2, 6)).unwrap();
        a.merge(&mut b).unwrap();
        b.merge(&mut a).unwrap();
        let history = read_history(&a).unwrap();
        assert_eq!(history.assessments.len(), 2);
        assert_eq!(history, read_history(&b).unwrap());
    }

    #[test]
    fn concurrent_validations_converge_on_one() {
        let mut a = base();
        let mut b = a.fork();
        add_validation(&mut a, &validation(1, "alice")).unwrap();
        add_validation(&mut b, &validation(2, "bob")).unwrap();
        a.merge(&mut b).unwrap();
        b.merge(&mut a).unwrap();
        let history = read_history(&a).unwrap();
        assert_eq!(history.validations.len(), 1);
        assert_eq!(history, read_history(&b).unwrap());
        assert!(add_validation(&mut a, &validation(3, "carol")).is_err());
        assert_eq!(
            read_history(&a).unwrap(),
            history,
            "a refused write changes nothing"
        );
    }

    #[test]
    fn merging_a_duplicate_moves_its_history() {
        let mut into = base();
        let mut duplicate = Automerge::new();
        let mut other = record();
        other.phone = Some("0788".to_owned());
        other.competencies = BTreeSet::from(["kmc".to_owned()]);
        write_new(&mut duplicate, &other).unwrap();
        add_assessment(&mut duplicate, &test_entry(5, 7)).unwrap();
        add_validation(&mut duplicate, &validation(6, "bob")).unwrap();
        let into_id = MenteeId::from_u128(77);
        merge_into(&mut into, into_id, &duplicate).unwrap();
        mark_merged(&mut duplicate, "77").unwrap();
        let history = read_history(&into).unwrap();
        assert_eq!(history.assessments[0].assessment.mentee, into_id);
        assert_eq!(history.validations.len(), 1);
        let merged = read(&into).unwrap();
        assert_eq!(merged.phone.as_deref(), Some("0788"));
        assert_eq!(merged.competencies.len(), 2);
        assert_eq!(
            read_history(&duplicate).unwrap().merged_into.as_deref(),
            Some("77")
        );
    }

    #[test]
    fn a_corrupt_entry_is_a_typed_error() {
        let mut doc = base();
        let mut tx = doc.transaction();
        let map = tx.put_object(ROOT, "assessments", ObjType::Map).unwrap();
        tx.put(&map, "x", "{not json").unwrap();
        tx.commit();
        assert!(matches!(
            read_history(&doc),
            Err(DocError::Invalid {
                field: "assessments",
                ..
            })
        ));
    }

    #[test]
    fn the_mentors_association_is_kept_and_older_entries_have_none() {
        use crate::domain::MentorAffiliation::{Ram, Rpa};
        let mut doc = base();
        // An entry as apps before the field wrote it: its JSON has no `association`.
        let old = test_entry(1, 4);
        let json = serde_json::to_string(&old).unwrap();
        assert!(!json.contains("association"), "None is not written");
        add_assessment(&mut doc, &old).unwrap();
        let mut new = test_entry(2, 6);
        new.association = Some(Rpa);
        add_assessment(&mut doc, &new).unwrap();
        let mut validated = validation(3, "mentor");
        validated.association = Some(Ram);
        add_validation(&mut doc, &validated).unwrap();
        let history = read_history(&doc).unwrap();
        let kept: Vec<_> = history.assessments.iter().map(|e| e.association).collect();
        assert_eq!(kept, [None, Some(Rpa)]);
        assert_eq!(
            history.validations[&CompetencyId::new("hbb")].association,
            Some(Ram)
        );
        // A newer app may add fields an older one does not know: they are ignored.
        let newer = json.replacen('{', r#"{"a_later_field":1,"#, 1);
        let read: AssessmentEntry = serde_json::from_str(&newer).unwrap();
        assert_eq!(read, old);
    }

    #[test]
    fn mentor_ids_are_stable_and_distinct() {
        assert_eq!(mentor_id("mentor"), mentor_id("mentor"));
        assert_ne!(mentor_id("mentor"), mentor_id("mentor2"));
    }
}

#[test]
fn association_round_trips_and_an_older_record_has_none() {
    let mut doc = Automerge::new();
    let mut with = record();
    with.association = Some(MentorAffiliation::Ram);
    write_new(&mut doc, &with).unwrap();
    assert_eq!(read(&doc).unwrap(), with);
    let mut cleared = with.clone();
    cleared.association = None;
    update(&mut doc, &cleared).unwrap();
    assert_eq!(read(&doc).unwrap().association, None);
    for association in ASSOCIATIONS {
        assert_eq!(
            association_from_code(association_code(association)),
            Some(association)
        );
    }
}
