//! The upgrade path, on a made-up `note` kind whose version 2 renamed `title` to `heading`.

use automerge::transaction::{Transactable as _, Transaction};
use automerge::{Automerge, ROOT, ReadDoc as _};

use super::*;
use crate::documents::fields::text;

fn rename_title(tx: &mut Transaction<'_>) -> Result<(), DocError> {
    if let Some(title) = text(tx, "title")? {
        tx.put(ROOT, "heading", title.as_str())?;
        tx.delete(ROOT, "title")?;
    }
    Ok(())
}

fn refuse(_: &mut Transaction<'_>) -> Result<(), DocError> {
    Err(DocError::Missing("heading"))
}

const NOTE: KindSchema = KindSchema {
    kind: "note",
    migrations: &[rename_title],
};

fn v1_note(actor: u8) -> Automerge {
    let mut doc = Automerge::new().with_actor(automerge::ActorId::from(&[actor; 16][..]));
    let mut tx = doc.transaction();
    tx.put(ROOT, "title", "Hand hygiene").expect("put");
    tx.commit();
    doc
}

fn root_text(doc: &Automerge, key: &'static str) -> Option<String> {
    text(doc, key).expect("readable")
}

#[test]
fn every_listed_kind_writes_its_declared_version() {
    let declared = [
        (mentee::KIND, mentee::SCHEMA_VERSION),
        (visit::KIND, visit::SCHEMA_VERSION),
        (qi::KIND, qi::SCHEMA_VERSION),
        (contact::KIND, contact::SCHEMA_VERSION),
        (facility_data::KIND, facility_data::SCHEMA_VERSION),
        (chw_session::KIND, chw_session::SCHEMA_VERSION),
        (cascade::KIND, cascade::SCHEMA_VERSION),
        (comment::KIND, comment::SCHEMA_VERSION),
        (supervision::KIND, supervision::SCHEMA_VERSION),
        (baseline::KIND, baseline::SCHEMA_VERSION),
        (tutorat::KIND, tutorat::SCHEMA_VERSION),
    ];
    for (kind, version) in declared {
        assert_eq!(
            schema(kind).current(),
            version,
            "{kind}: raising SCHEMA_VERSION needs a migration in SCHEMAS"
        );
    }
    assert_eq!(schema("not-a-kind").current(), 1);
}

#[test]
fn compat_says_what_a_build_may_do() {
    assert_eq!(compat(mentee::KIND, 1), Compat::Current);
    assert_eq!(compat(mentee::KIND, 0), Compat::Current);
    assert_eq!(
        compat(mentee::KIND, 3),
        Compat::Newer {
            version: 3,
            known: 1
        }
    );
    assert_eq!(NOTE.current(), 2);
}

#[test]
fn upgrade_rewrites_the_body_once_and_records_the_version() {
    let mut doc = v1_note(1);
    assert_eq!(upgrade(&mut doc, &NOTE, 1), Ok(2));
    assert_eq!(root_text(&doc, "heading").as_deref(), Some("Hand hygiene"));
    assert_eq!(root_text(&doc, "title"), None);
    let heads = doc.get_heads();
    assert_eq!(upgrade(&mut doc, &NOTE, 2), Ok(2), "nothing left to do");
    assert_eq!(doc.get_heads(), heads, "and nothing written");
    assert!(matches!(
        upgrade(&mut doc, &NOTE, 5),
        Err(UpgradeError::Newer {
            version: 5,
            known: 2
        })
    ));
}

#[test]
fn a_failing_step_writes_nothing() {
    let failing = KindSchema {
        kind: "note",
        migrations: &[rename_title, refuse],
    };
    let mut doc = v1_note(1);
    let heads = doc.get_heads();
    assert!(matches!(
        upgrade(&mut doc, &failing, 1),
        Err(UpgradeError::Migration(_))
    ));
    assert_eq!(doc.get_heads(), heads);
    assert_eq!(root_text(&doc, "title").as_deref(), Some("Hand hygiene"));
}

#[test]
fn two_tablets_upgrading_the_same_note_converge() {
    let mut a = v1_note(1);
    let mut b = a
        .fork()
        .with_actor(automerge::ActorId::from(&[2_u8; 16][..]));
    upgrade(&mut a, &NOTE, 1).expect("a upgrades");
    upgrade(&mut b, &NOTE, 1).expect("b upgrades");
    a.merge(&mut b).expect("merge");
    b.merge(&mut a).expect("merge");
    assert_eq!(a.get_heads(), b.get_heads());
    for doc in [&a, &b] {
        assert_eq!(root_text(doc, "heading").as_deref(), Some("Hand hygiene"));
        assert_eq!(root_text(doc, "title"), None);
        let (value, _) = doc.get(ROOT, "schema").expect("read").expect("schema");
        assert_eq!(value.as_i64(), Some(2));
    }
}
