use std::collections::BTreeSet;

use automerge::transaction::Transactable as _;
use automerge::{ActorId, ObjType, ROOT, ReadDoc as _};

use super::*;
use crate::documents::comment::{Acknowledgement, Comment, Target, TargetKind};
use crate::documents::deletion::Deletion;
use crate::documents::mentee::MenteeRecord;
use crate::documents::mentee::{ValidationEntry, add_validation, mark_merged, merge_into};
use crate::domain::people::Cadre;
use crate::domain::{AssessmentId, CompetencyId, Date, MenteeId, Validation, ValidationId};

use Operation::{Change, Create, Delete, Read};
use Part::{Body, Entry, OthersAcknowledgement, OwnAcknowledgement, Schema, Validation as Valid};
use Role::{Admin, Mentor, Supervisor};

/// Everything allowed, as the product says it; every other combination is refused.
/// (role, who writes the kind, operation, parts)
const ALLOWED: &[(Role, Writers, Operation, &[Part])] = &[
    (Admin, Writers::Mentors, Create, &[Body]),
    (Admin, Writers::Mentors, Change, &Part::ALL),
    (Admin, Writers::Mentors, Delete, &Part::ALL),
    (Admin, Writers::Supervisors, Create, &[Body]),
    (Admin, Writers::Supervisors, Change, &Part::ALL),
    (Admin, Writers::Supervisors, Delete, &Part::ALL),
    (Mentor, Writers::Mentors, Create, &[Body]),
    (Mentor, Writers::Mentors, Change, &Part::ALL),
    (
        Mentor,
        Writers::Mentors,
        Delete,
        &[
            Body,
            Entry,
            OwnAcknowledgement,
            OthersAcknowledgement,
            Schema,
        ],
    ),
    (
        Mentor,
        Writers::Supervisors,
        Change,
        &[OwnAcknowledgement, Schema],
    ),
    (Supervisor, Writers::Mentors, Create, &[Body]),
    (Supervisor, Writers::Mentors, Change, &Part::ALL),
    (Supervisor, Writers::Mentors, Delete, &Part::ALL),
    (Supervisor, Writers::Supervisors, Create, &[Body]),
    (
        Supervisor,
        Writers::Supervisors,
        Change,
        &[Body, Entry, Valid, OwnAcknowledgement, Schema],
    ),
    (
        Supervisor,
        Writers::Supervisors,
        Delete,
        &[Body, Entry, Valid, OwnAcknowledgement, Schema],
    ),
];

fn expected(role: Role, kind: Kind, op: Operation, part: Part) -> bool {
    if op == Read {
        return true;
    }
    // Create is judged on the whole document only.
    let part = if op == Create { Body } else { part };
    ALLOWED.iter().any(|(r, w, o, parts)| {
        *r == role && *w == kind.writers() && *o == op && parts.contains(&part)
    })
}

#[test]
fn the_rule_table_is_the_products() {
    let ops = [Create, Change, Delete, Read];
    let mut n = 0;
    for role in Role::ALL {
        for kind in Kind::ALL {
            for op in ops {
                for part in Part::ALL {
                    let parts_matter = op != Create || part == Body;
                    if parts_matter {
                        assert_eq!(
                            allows(role, kind, op, part),
                            expected(role, kind, op, part),
                            "{role} {kind:?} {op:?} {part:?}"
                        );
                        n += 1;
                    }
                }
            }
        }
    }
    assert_eq!(n, 3 * 11 * (1 + 3 * 6));
}

#[test]
fn the_rules_in_the_products_words() {
    #[track_caller]
    fn check(role: Role, kind: Kind, op: Operation, part: Part, expect: bool) {
        assert_eq!(
            allows(role, kind, op, part),
            expect,
            "{role} {kind:?} {op:?} {part:?}"
        );
    }
    check(Mentor, Kind::Comment, Create, Body, false);
    check(Mentor, Kind::Supervision, Create, Body, false);
    check(Mentor, Kind::Comment, Change, Body, false);
    check(Mentor, Kind::Comment, Change, OwnAcknowledgement, true);
    check(Mentor, Kind::Comment, Change, OthersAcknowledgement, false);
    check(Mentor, Kind::Comment, Delete, OwnAcknowledgement, false);
    check(Mentor, Kind::Mentee, Delete, Valid, false);
    check(Mentor, Kind::Mentee, Change, Valid, true);
    check(Mentor, Kind::Contact, Delete, Body, true);
    check(Mentor, Kind::Visit, Delete, Entry, true);
    check(Mentor, Kind::Supervision, Read, Body, true);
    check(Supervisor, Kind::Comment, Create, Body, true);
    check(Supervisor, Kind::Supervision, Create, Body, true);
    check(
        Supervisor,
        Kind::Comment,
        Change,
        OthersAcknowledgement,
        false,
    );
    check(Supervisor, Kind::Mentee, Create, Body, true);
    check(Supervisor, Kind::Mentee, Delete, Valid, true);
    check(Admin, Kind::Comment, Change, OthersAcknowledgement, true);
    for kind in Kind::ALL {
        assert_eq!(Kind::from_code(kind.code()), Some(kind));
    }
    assert_eq!(Kind::from_code("catalogue"), None);
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Some(role));
    }
}

fn actor(role: Role, username: &str) -> Actor {
    Actor {
        role,
        username: username.to_owned(),
    }
}

fn device(n: u8) -> Automerge {
    Automerge::new().with_actor(ActorId::from(&[n; 16][..]))
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn comment_doc() -> Automerge {
    let mut doc = device(1);
    comment::write_new(
        &mut doc,
        &Comment {
            target: Target {
                kind: TargetKind::Visit,
                doc: "00112233445566778899aabbccddeeff".to_owned(),
                assessment: None,
            },
            author: "supervisor".to_owned(),
            author_name: "District Supervisor".to_owned(),
            text: "Please re-observe this case".to_owned(),
            created_on: date("2024-05-02"),
        },
    )
    .unwrap();
    doc
}

/// `edit` applied by `who` on a copy of `before`: the verdict of the policy.
#[track_caller]
fn judge(who: &Actor, kind: Kind, before: &Automerge, edit: impl FnOnce(&mut Automerge)) -> bool {
    let mut after = before.fork().with_actor(ActorId::from(&[9; 16][..]));
    edit(&mut after);
    let changes: Vec<_> = after.get_changes(&before.get_heads()).into_iter().collect();
    let (fork, _) = inspect(kind, &who.username, before, changes).unwrap();
    assert_eq!(fork.get_heads(), after.get_heads());
    check_change(who, kind, before, &fork).is_ok()
}

fn ack(doc: &mut Automerge, username: &str) {
    let a = Acknowledgement {
        name: username.to_owned(),
        on: date("2024-05-03"),
        reply: "done".to_owned(),
    };
    comment::acknowledge(doc, username, &a).unwrap();
}

#[test]
fn comments_are_written_by_supervisors_and_acknowledged_by_their_readers() {
    let empty = Automerge::new();
    let mentor = actor(Mentor, "mentor");
    let supervisor = actor(Supervisor, "supervisor");
    let write = |doc: &mut Automerge| {
        doc.merge(&mut comment_doc()).unwrap();
    };
    assert!(!judge(&mentor, Kind::Comment, &empty, write));
    assert!(judge(&supervisor, Kind::Comment, &empty, write));
    assert!(judge(&actor(Admin, "admin"), Kind::Comment, &empty, write));

    let stored = comment_doc();
    assert!(judge(&mentor, Kind::Comment, &stored, |d| ack(d, "mentor")));
    assert!(!judge(&mentor, Kind::Comment, &stored, |d| ack(d, "other")));
    assert!(!judge(&supervisor, Kind::Comment, &stored, |d| ack(
        d, "mentor"
    )));
    let rewrite = |d: &mut Automerge| {
        let mut tx = d.transaction();
        tx.put(ROOT, "text", "all is fine").unwrap();
        tx.commit();
    };
    assert!(!judge(&mentor, Kind::Comment, &stored, rewrite));
    assert!(judge(&supervisor, Kind::Comment, &stored, rewrite));
    let erase = |d: &mut Automerge| {
        let mut tx = d.transaction();
        tx.delete(ROOT, "text").unwrap();
        tx.commit();
    };
    assert!(!judge(&mentor, Kind::Comment, &stored, erase));
    let wipe_acks = |d: &mut Automerge| {
        let mut tx = d.transaction();
        tx.put_object(ROOT, "acknowledgements", ObjType::Map)
            .unwrap();
        tx.commit();
    };
    assert!(!judge(&mentor, Kind::Comment, &stored, wipe_acks));
    let refusal = check_change(&mentor, Kind::Comment, &Automerge::new(), &stored).unwrap_err();
    assert_eq!(refusal.reason, "a mentor may not create a comment document");
}

#[test]
fn a_concurrent_rewrite_that_loses_its_conflict_is_still_refused() {
    let stored = comment_doc();
    let mut theirs = stored.fork().with_actor(ActorId::from(&[0; 16][..]));
    let mut tx = theirs.transaction();
    tx.put(ROOT, "text", "forged").unwrap();
    tx.commit();
    // Concurrent with a later supervisor edit the server already holds.
    let mut later = stored.fork().with_actor(ActorId::from(&[0xff; 16][..]));
    let mut tx = later.transaction();
    tx.put(ROOT, "text", "corrected").unwrap();
    tx.commit();
    let changes: Vec<_> = theirs
        .get_changes(&stored.get_heads())
        .into_iter()
        .collect();
    let (after, _) = inspect(Kind::Comment, "mentor", &later, changes).unwrap();
    assert!(check_change(&actor(Mentor, "mentor"), Kind::Comment, &later, &after).is_err());
}

#[test]
fn joint_supervision_visits_are_the_supervisors() {
    let empty = Automerge::new();
    let write = |d: &mut Automerge| {
        let mut tx = d.transaction();
        tx.put_object(ROOT, "issues", ObjType::Map).unwrap();
        tx.put(ROOT, "notes", "staffing").unwrap();
        tx.commit();
    };
    assert!(!judge(
        &actor(Mentor, "mentor"),
        Kind::Supervision,
        &empty,
        write
    ));
    assert!(judge(
        &actor(Supervisor, "s"),
        Kind::Supervision,
        &empty,
        write
    ));
}

fn mentee_record() -> MenteeRecord {
    MenteeRecord {
        name: "Aline Uwase".to_owned(),
        cadre: Cadre::Midwife,
        facility: "rango-hc".to_owned(),
        phone: None,
        association: None,
        competencies: BTreeSet::from(["hbb".to_owned()]),
    }
}

fn validation(id: u128) -> ValidationEntry {
    ValidationEntry {
        validation: Validation {
            id: ValidationId::from_u128(id),
            mentee: MenteeId::from_u128(1),
            competency: CompetencyId::new("hbb"),
            date: Date::new(2024, 3, 2).unwrap(),
            validated_by: mentee::mentor_id("mentor"),
            visit: None,
            assessment: AssessmentId::from_u128(9),
            evaluations_to_validation: 1,
        },
        validated_by_name: "mentor".to_owned(),
        association: None,
    }
}

fn validated_mentee() -> Automerge {
    let mut doc = device(2);
    mentee::write_new(&mut doc, &mentee_record()).unwrap();
    add_validation(&mut doc, &validation(5)).unwrap();
    doc
}

#[test]
fn mentors_make_mentees_and_never_delete_a_validation() {
    let mentor = actor(Mentor, "mentor");
    let supervisor = actor(Supervisor, "supervisor");
    let make = |d: &mut Automerge| mentee::write_new(d, &mentee_record()).unwrap();
    assert!(judge(&mentor, Kind::Mentee, &Automerge::new(), make));
    assert!(judge(&supervisor, Kind::Mentee, &Automerge::new(), make));

    let stored = validated_mentee();
    let unvalidate = |d: &mut Automerge| {
        let (_, validations) = d.get(ROOT, "validations").unwrap().unwrap();
        let mut tx = d.transaction();
        tx.delete(&validations, "hbb").unwrap();
        tx.commit();
    };
    assert!(!judge(&mentor, Kind::Mentee, &stored, unvalidate));
    assert!(judge(&supervisor, Kind::Mentee, &stored, unvalidate));
    let replace_all = |d: &mut Automerge| {
        let mut tx = d.transaction();
        tx.put_object(ROOT, "validations", ObjType::Map).unwrap();
        tx.commit();
    };
    assert!(!judge(&mentor, Kind::Mentee, &stored, replace_all));
    let drop_all = |d: &mut Automerge| {
        let mut tx = d.transaction();
        tx.delete(ROOT, "validations").unwrap();
        tx.commit();
    };
    assert!(!judge(&mentor, Kind::Mentee, &stored, drop_all));
    let rename = |d: &mut Automerge| {
        let mut next = mentee_record();
        next.name = "Aline Uwase M.".to_owned();
        mentee::update(d, &next).unwrap();
    };
    assert!(judge(&mentor, Kind::Mentee, &stored, rename));
}

#[test]
fn mentors_record_their_association_on_what_they_add() {
    let stored = {
        let mut d = device(4);
        mentee::write_new(&mut d, &mentee_record()).unwrap();
        d
    };
    let validate = |d: &mut Automerge| {
        let mut entry = validation(6);
        entry.association = Some(crate::domain::MentorAffiliation::Rpa);
        add_validation(d, &entry).unwrap();
    };
    for role in [Mentor, Supervisor, Admin] {
        let who = actor(role, "mentor");
        assert!(judge(&who, Kind::Mentee, &stored, validate), "{role:?}");
    }
}

#[test]
fn merging_duplicate_mentees_is_allowed() {
    let mentor = actor(Mentor, "mentor");
    let into = {
        let mut d = device(3);
        mentee::write_new(&mut d, &mentee_record()).unwrap();
        d
    };
    let duplicate = validated_mentee();
    assert!(judge(&mentor, Kind::Mentee, &into, |d| {
        merge_into(d, MenteeId::from_u128(7), &duplicate).unwrap();
    }));
    assert!(judge(&mentor, Kind::Mentee, &duplicate, |d| {
        mark_merged(d, "07").unwrap();
    }));
}

#[test]
fn deleting_an_entry_logged_by_mistake_is_allowed() {
    let mentor = actor(Mentor, "mentor");
    let deletion = Deletion {
        on: date("2024-05-04"),
        by: "mentor".to_owned(),
    };
    let mut contact = device(4);
    let mut tx = contact.transaction();
    tx.put(ROOT, "topic", "a case discussed").unwrap();
    tx.commit();
    assert!(judge(&mentor, Kind::Contact, &contact, |d| {
        contact::delete(d, &deletion).unwrap();
    }));
    assert!(judge(&mentor, Kind::Visit, &contact, |d| {
        crate::documents::deletion::put_tombstone(d, Some("a1"), &deletion).unwrap();
    }));
    // The same tombstone on a comment is a supervisor's note deleted.
    assert!(!judge(&mentor, Kind::Comment, &comment_doc(), |d| {
        crate::documents::deletion::put_tombstone(d, None, &deletion).unwrap();
    }));
}

#[test]
fn parts_touched_are_named() {
    let stored = comment_doc();
    let mut after = stored.fork();
    ack(&mut after, "mentor");
    let touches = touched(Kind::Comment, "mentor", &after, &stored.get_heads());
    assert_eq!(
        touches,
        vec![Touch {
            op: Change,
            part: OwnAcknowledgement
        }]
    );
}

mod table;
