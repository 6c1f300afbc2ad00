use super::*;

fn record() -> MenteeRecord {
    MenteeRecord {
        name: "Aline Uwase".to_owned(),
        cadre: Cadre::Midwife,
        facility: "rango-hc".to_owned(),
        phone: None,
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
