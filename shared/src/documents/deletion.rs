//! Deleting a wrongly logged entry, tombstone style: a root text field (`deleted` for a whole
//! record, `deleted:<id>` for one entry of a map) holding JSON [`Deletion`]. Readers hide what
//! has a tombstone. The entry itself is left alone, so a tablet that edits it concurrently,
//! offline, does not bring it back: after merging, the tombstone still hides it on every
//! device. Tombstones live at the root, so no map has to be created after the document (see
//! `fields::create_maps`), and older readers simply ignore them.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT, ReadDoc, ScalarValue, Value};
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{invalid, to_json};
use crate::domain::Date;

/// Who deleted an entry, and when (kept, so a deletion can be accounted for).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    pub on: Date,
    pub by: String,
}

/// The root field of a tombstone: `deleted`, or `deleted:<id>` for one entry.
pub fn tombstone_key(entry: Option<&str>) -> String {
    match entry {
        None => "deleted".to_owned(),
        Some(id) => format!("deleted:{id}"),
    }
}

/// Writes a tombstone; a second deletion of the same entry changes nothing.
pub fn put_tombstone(
    doc: &mut Automerge,
    entry: Option<&str>,
    deletion: &Deletion,
) -> Result<(), DocError> {
    if tombstone(doc, entry)?.is_some() {
        return Ok(());
    }
    let json = to_json(deletion)?;
    let mut tx = doc.transaction();
    tx.put(ROOT, tombstone_key(entry), json)?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// The tombstone of a record (`None`) or of one entry; `None` when it is not deleted.
pub fn tombstone(doc: &impl ReadDoc, entry: Option<&str>) -> Result<Option<Deletion>, DocError> {
    let key = tombstone_key(entry);
    match doc.get(ROOT, key.as_str())? {
        None => Ok(None),
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Str(json) => serde_json::from_str(json)
                .map(Some)
                .map_err(|e| invalid("deleted", &e.to_string())),
            _ => Err(invalid("deleted", "expected a JSON text")),
        },
        Some(_) => Err(invalid("deleted", "expected a JSON text")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::contact::{self, Contact, ContactMode};

    fn contact() -> Contact {
        Contact {
            facility: "rango-hc".to_owned(),
            date: Date::parse("2024-05-02").unwrap(),
            mode: ContactMode::Phone,
            mentee: "00112233445566778899aabbccddeeff".to_owned(),
            topic: "Logged for the wrong mentee".to_owned(),
            advice: String::new(),
            next_step: String::new(),
            recorded_by: "Mentor".to_owned(),
        }
    }

    fn deletion() -> Deletion {
        Deletion {
            on: Date::parse("2024-05-03").unwrap(),
            by: "Mentor".to_owned(),
        }
    }

    #[test]
    fn a_deleted_contact_stays_deleted_through_a_concurrent_correction() {
        let mut a = Automerge::new();
        contact::write_new(&mut a, &contact()).unwrap();
        let mut b = a.fork();
        assert!(!contact::is_deleted(&a).unwrap());
        contact::delete(&mut a, &deletion()).unwrap();
        let mut corrected = contact();
        corrected.advice = "Call back tomorrow".to_owned();
        contact::update(&mut b, &corrected).unwrap();
        a.merge(&mut b).unwrap();
        b.merge(&mut a).unwrap();
        assert!(contact::is_deleted(&a).unwrap());
        assert!(contact::is_deleted(&b).unwrap());
        assert_eq!(tombstone(&b, None).unwrap(), Some(deletion()));
        // The record itself is still readable (for an audit), only hidden from lists.
        assert_eq!(contact::read(&a).unwrap().advice, "Call back tomorrow");
    }

    #[test]
    fn deleting_twice_changes_nothing_and_a_bad_tombstone_is_a_typed_error() {
        let mut doc = Automerge::new();
        put_tombstone(&mut doc, Some("aa"), &deletion()).unwrap();
        let heads = doc.get_heads();
        put_tombstone(&mut doc, Some("aa"), &deletion()).unwrap();
        assert_eq!(doc.get_heads(), heads);
        assert_eq!(tombstone(&doc, Some("bb")).unwrap(), None);
        let mut tx = doc.transaction();
        tx.put(ROOT, "deleted", "{broken").unwrap();
        crate::documents::fields::commit(tx);
        assert!(matches!(
            tombstone(&doc, None),
            Err(DocError::Invalid {
                field: "deleted",
                ..
            })
        ));
    }
}
