use std::collections::BTreeSet;

use automerge::{ActorId, Automerge};

use super::{ChangeEntry, Edit, EditAction, history};
use crate::documents::fields::at_time;
use crate::documents::mentee::{self, MenteeRecord};
use crate::domain::people::Cadre;

fn record() -> MenteeRecord {
    MenteeRecord {
        name: "Aline Uwase".into(),
        cadre: Cadre::Nurse,
        facility: "kacyiru-hc".into(),
        phone: Some("0788 000 111".into()),
        association: None,
        competencies: BTreeSet::from(["kmc".to_owned()]),
    }
}

fn edit(field: &str, action: EditAction) -> Edit {
    Edit {
        field: field.into(),
        action,
    }
}

#[test]
fn names_each_change_by_actor_time_and_the_fields_it_touched() {
    let mut a = Automerge::new().with_actor(ActorId::from([1_u8; 16]));
    at_time(1_000, || mentee::write_new(&mut a, &record())).unwrap();
    let mut b = a.fork().with_actor(ActorId::from([2_u8; 16]));
    let mut changed = record();
    changed.phone = Some("0788 999 999".into());
    at_time(2_000, || mentee::update(&mut b, &changed)).unwrap();
    // Concurrently on the first tablet: the phone removed and a competency added.
    let mut other = record();
    other.phone = None;
    other.competencies.insert("hbb".into());
    at_time(1_500, || mentee::update(&mut a, &other)).unwrap();
    a.merge(&mut b).unwrap();

    let changes = history(&a);
    assert_eq!(changes.len(), 3);
    assert_eq!(
        changes[0],
        ChangeEntry {
            actor: "01".repeat(16),
            time: 1_000,
            created: true,
            edits: vec![
                edit("assessments", EditAction::Added),
                edit("cadre", EditAction::Added),
                edit("coaching", EditAction::Added),
                edit("competencies", EditAction::Added),
                edit("facility", EditAction::Added),
                edit("name", EditAction::Added),
                edit("phone", EditAction::Added),
                edit("validations", EditAction::Added),
            ],
        }
    );
    let by_actor = |actor: u8| {
        changes
            .iter()
            .find(|c| !c.created && c.actor == format!("{actor:02x}").repeat(16))
            .unwrap()
    };
    assert_eq!(by_actor(2).time, 2_000);
    assert_eq!(by_actor(2).edits, vec![edit("phone", EditAction::Changed)]);
    assert_eq!(
        by_actor(1).edits,
        vec![
            edit("competencies", EditAction::Added),
            edit("phone", EditAction::Removed),
        ]
    );
}

#[test]
fn an_unstamped_change_has_time_zero_and_an_empty_document_no_history() {
    assert!(history(&Automerge::new()).is_empty());
    let mut doc = Automerge::new();
    mentee::write_new(&mut doc, &record()).unwrap();
    assert_eq!(history(&doc)[0].time, 0);
}

#[test]
fn an_entry_suffix_is_dropped_from_the_field() {
    let mut doc = Automerge::new();
    let mut tx = doc.transaction();
    automerge::transaction::Transactable::put(&mut tx, automerge::ROOT, "deleted:ab12", "x")
        .unwrap();
    crate::documents::fields::commit(tx);
    assert_eq!(
        history(&doc)[0].edits,
        vec![edit("deleted", EditAction::Added)]
    );
}
