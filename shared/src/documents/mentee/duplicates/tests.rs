use std::collections::BTreeSet;

use super::*;
use crate::domain::people::Cadre;

fn record(name: &str, facility: &str) -> MenteeRecord {
    MenteeRecord {
        name: name.to_owned(),
        cadre: Cadre::Nurse,
        facility: facility.to_owned(),
        phone: None,
        association: None,
        competencies: BTreeSet::new(),
    }
}

/// (name, facility) of a record and of another → whether the other is likely a duplicate.
#[track_caller]
fn check(a: (&str, &str), b: (&str, &str), expect: bool) {
    assert_eq!(
        likely_duplicate(&record(a.0, a.1), &record(b.0, b.1)),
        expect
    );
    assert_eq!(
        likely_duplicate(&record(b.0, b.1), &record(a.0, a.1)),
        expect
    );
}

#[test]
fn same_name_at_the_same_facility() {
    check(("Marie Uwase", "rango"), ("Marie Uwase", "rango"), true);
    check(("Marie Uwase", "rango"), ("marie UWASE", "rango"), true);
    check(("Marie  Uwase ", "rango"), ("\tMarie Uwase", "rango"), true);
    check(
        ("Élise Mukamana", "rango"),
        ("ÉLISE MUKAMANA", "rango"),
        true,
    );
    check(("Marie Uwase", "rango"), ("Marie Uwase", "simbi"), false);
    check(
        ("Marie Uwase", "rango"),
        ("Marie Uwase Ineza", "rango"),
        false,
    );
    check(("Marie Uwase", "rango"), ("MarieUwase", "rango"), false);
    check(("Marie Uwase", "rango"), ("Uwase Marie", "rango"), false);
}
