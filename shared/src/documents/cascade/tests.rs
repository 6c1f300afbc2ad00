use std::collections::{BTreeMap, BTreeSet};

use automerge::Automerge;

use super::*;
use crate::documents::mentee::mentor_id;

fn promotion(mentee: &str, account: Option<&str>, competencies: &[&str]) -> Promotion {
    Promotion {
        mentee: mentee.to_owned(),
        mentee_name: mentee.to_uppercase(),
        facility: "busoro_hp".to_owned(),
        account: account.map(str::to_owned),
        competencies: competencies.iter().map(|c| CompetencyId::new(*c)).collect(),
        promoted_by: mentor_id("mentor"),
        promoted_by_name: "Mentor".to_owned(),
        date: Date::new(2026, 11, 22).unwrap(),
    }
}

fn validated(ids: &[&str]) -> BTreeSet<CompetencyId> {
    ids.iter().map(|c| CompetencyId::new(*c)).collect()
}

fn mentee(id: &str, by: &[&str]) -> LineageMentee {
    LineageMentee {
        id: id.to_owned(),
        name: id.to_uppercase(),
        validated_by: by
            .iter()
            .map(|u| (mentor_id(u), (*u).to_owned()))
            .collect::<BTreeMap<_, _>>(),
    }
}

#[test]
fn a_promotion_reads_back_as_written() {
    let written = promotion("aa", Some("alice"), &["hbb", "kmc"]);
    let mut doc = Automerge::new();
    write_new(&mut doc, &written).unwrap();
    assert_eq!(read(&doc).unwrap(), written);
    assert_eq!(read(&Automerge::new()), Err(DocError::Missing("mentee")));
}

#[test]
fn only_validated_competencies_may_be_mentored() {
    let asked = promotion("aa", None, &["hbb", "kmc"]);
    assert_eq!(
        check(&asked, &validated(&["hbb"])),
        Err(PromotionError::NotValidated(CompetencyId::new("kmc")))
    );
    assert_eq!(check(&asked, &validated(&["hbb", "kmc"])), Ok(()));
    assert_eq!(
        check(&promotion("aa", None, &[]), &validated(&["hbb"])),
        Err(PromotionError::NoCompetency)
    );
    let mut nowhere = promotion("aa", None, &["hbb"]);
    nowhere.facility = " ".to_owned();
    assert_eq!(
        check(&nowhere, &validated(&["hbb"])),
        Err(PromotionError::NoFacility)
    );
}

#[test]
fn promoted_mentors_carry_the_mentees_they_validated_two_generations_deep() {
    let mentees = [
        mentee("alice", &["mentor"]),
        mentee("bob", &["alice"]),
        mentee("carol", &["bob"]),
        mentee("dan", &["mentor"]),
    ];
    let promotions = [
        promotion("alice", Some("alice"), &["hbb"]),
        promotion("bob", Some("bob"), &["hbb"]),
    ];
    let tree = lineage(&mentees, &promotions);
    assert_eq!(tree.roots.len(), 1, "alice and bob are not roots");
    let root = &tree.roots[0];
    assert_eq!(root.name, "mentor");
    let alice = &root.mentees[0];
    assert_eq!((alice.name.as_str(), alice.generation), ("ALICE", 1));
    assert_eq!(alice.promoted_to.as_deref(), Some("busoro_hp"));
    let bob = &alice.mentees[0];
    assert_eq!((bob.name.as_str(), bob.generation), ("BOB", 2));
    assert_eq!(bob.mentees[0].name, "CAROL");
    assert_eq!(root.mentees[1].name, "DAN");
    assert_eq!(tree.depth, 2);
}

#[test]
fn no_promotion_means_depth_zero_and_a_cycle_stops() {
    let mentees = [mentee("alice", &["mentor"])];
    assert_eq!(lineage(&mentees, &[]).depth, 0);
    // Bad data: alice validated herself after promotion.
    let looped = [mentee("alice", &["mentor", "alice"])];
    let tree = lineage(&looped, &[promotion("alice", Some("alice"), &["hbb"])]);
    let again = &tree.roots[0].mentees[0].mentees[0];
    assert_eq!(again.name, "ALICE");
    assert!(again.mentees.is_empty(), "alice is not expanded twice");
    assert_eq!(tree.depth, 2);
}
