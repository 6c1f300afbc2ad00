//! Building blocks every document kind uses: text fields at the root, whole JSON values at the
//! root (one typed struct written at once, last writer wins), and maps of JSON entries keyed by
//! id (sets where concurrent additions never duplicate).
//!
//! Maps must be created when the document is created ([`create_maps`]): two tablets creating
//! the same map concurrently would each make their own, and one map's entries would be hidden.
//! Every reader reports a shape it does not expect as a typed [`DocError`]: the bytes came from
//! another device.

use std::cell::Cell;

use automerge::transaction::{CommitOptions, Transactable as _, Transaction};
use automerge::{Automerge, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::DocError;

thread_local! {
    /// The time every writer stamps its changes with, in Unix seconds; set by [`at_time`].
    static NOW: Cell<i64> = const { Cell::new(0) };
}

/// Runs `write` with its changes stamped `unix_secs`: the time the history of changes shows.
///
/// The caller that knows the clock (`ClientSync::edit`) sets it around the writers, so no
/// writer takes a time parameter and `shared` reads no clock. Outside it changes carry 0, as
/// Automerge's own default, which the history shows as "time unknown".
pub fn at_time<R>(unix_secs: i64, write: impl FnOnce() -> R) -> R {
    let before = NOW.with(|now| now.replace(unix_secs));
    let out = write();
    NOW.with(|now| now.set(before));
    out
}

/// Commits a writer's transaction with the time set by [`at_time`].
pub(crate) fn commit(tx: Transaction<'_>) {
    let time = NOW.with(Cell::get);
    tx.commit_with(CommitOptions::default().with_time(time));
}

pub(crate) fn invalid(field: &'static str, reason: &str) -> DocError {
    DocError::Invalid {
        field,
        reason: reason.to_owned(),
    }
}

pub(crate) fn to_json(value: &impl Serialize) -> Result<String, DocError> {
    serde_json::to_string(value).map_err(|e| invalid("entry", &e.to_string()))
}

/// Creates empty maps at the root; call in the transaction that creates the document.
pub fn create_maps(tx: &mut Transaction<'_>, fields: &[&'static str]) -> Result<(), DocError> {
    for field in fields {
        tx.put_object(ROOT, *field, ObjType::Map)?;
    }
    Ok(())
}

/// A text field at the root; `None` when absent.
pub fn text(doc: &impl ReadDoc, field: &'static str) -> Result<Option<String>, DocError> {
    match doc.get(ROOT, field)? {
        None => Ok(None),
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Str(text) => Ok(Some(text.to_string())),
            other => Err(invalid(field, &format!("expected text, found {other}"))),
        },
        Some((Value::Object(_), _)) => Err(invalid(field, "expected text, found an object")),
    }
}

/// A JSON value stored as text at the root; `None` when absent.
pub fn json<T: DeserializeOwned>(
    doc: &impl ReadDoc,
    field: &'static str,
) -> Result<Option<T>, DocError> {
    text(doc, field)?
        .map(|json| serde_json::from_str(&json).map_err(|e| invalid(field, &e.to_string())))
        .transpose()
}

/// Writes a JSON value at the root, only if it differs from what is there (so an unchanged save
/// makes no change to sync).
pub fn put_json(
    doc: &mut Automerge,
    field: &'static str,
    value: &impl Serialize,
) -> Result<(), DocError> {
    let json = to_json(value)?;
    if text(doc, field)?.as_deref() == Some(json.as_str()) {
        return Ok(());
    }
    let mut tx = doc.transaction();
    tx.put(ROOT, field, json)?;
    commit(tx);
    Ok(())
}

pub(crate) fn map_of(doc: &impl ReadDoc, field: &'static str) -> Result<Option<ObjId>, DocError> {
    match doc.get(ROOT, field)? {
        None => Ok(None),
        Some((Value::Object(ObjType::Map), id)) => Ok(Some(id)),
        Some(_) => Err(invalid(field, "expected a map")),
    }
}

/// The map at `field`, created if a document from before the map existed lacks it.
pub(crate) fn ensure_map(tx: &mut Transaction<'_>, field: &'static str) -> Result<ObjId, DocError> {
    Ok(match tx.get(ROOT, field)? {
        Some((Value::Object(ObjType::Map), id)) => id,
        Some(_) => return Err(invalid(field, "expected a map")),
        None => tx.put_object(ROOT, field, ObjType::Map)?,
    })
}

/// Every entry of a map of JSON values, with its key, in key order.
pub fn entries<T: DeserializeOwned>(
    doc: &impl ReadDoc,
    field: &'static str,
) -> Result<Vec<(String, T)>, DocError> {
    let Some(map) = map_of(doc, field)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for key in doc.keys(&map) {
        let json = match doc.get(&map, key.as_str())? {
            Some((Value::Scalar(s), _)) => match s.as_ref() {
                ScalarValue::Str(text) => text.to_string(),
                _ => return Err(invalid(field, "expected a JSON text")),
            },
            _ => return Err(invalid(field, "expected a JSON text")),
        };
        let value = serde_json::from_str(&json).map_err(|e| invalid(field, &e.to_string()))?;
        out.push((key, value));
    }
    Ok(out)
}

/// How [`put_entry`] treats an existing entry under the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Saved results never change: a replay of the same save is a no-op.
    Keep,
    /// Editable entries (an action's status): the new value replaces the old.
    Replace,
    /// At most one entry per key (one validation per competency): a second is an error.
    Refuse,
}

/// Puts one JSON entry into a map.
pub fn put_entry(
    doc: &mut Automerge,
    field: &'static str,
    key: &str,
    value: &impl Serialize,
    existing: Existing,
) -> Result<(), DocError> {
    let json = to_json(value)?;
    let mut tx = doc.transaction();
    let map = ensure_map(&mut tx, field)?;
    let present = tx.get(&map, key)?;
    match (present, existing) {
        (Some(_), Existing::Keep) => return Ok(()),
        (Some(_), Existing::Refuse) => return Err(invalid(field, "an entry with this key exists")),
        (Some((Value::Scalar(s), _)), Existing::Replace) if matches!(s.as_ref(), ScalarValue::Str(t) if t.as_str() == json) =>
        {
            return Ok(());
        }
        _ => {}
    }
    tx.put(&map, key, json)?;
    commit(tx);
    Ok(())
}

/// Removes one entry from a map (nothing happens if it is absent).
pub fn delete_entry(doc: &mut Automerge, field: &'static str, key: &str) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    let map = ensure_map(&mut tx, field)?;
    if tx.get(&map, key)?.is_some() {
        tx.delete(&map, key)?;
        commit(tx);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with_map() -> Automerge {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        create_maps(&mut tx, &["items"]).unwrap();
        commit(tx);
        doc
    }

    #[test]
    fn keep_replace_and_refuse_treat_an_existing_entry_as_named() {
        let mut doc = doc_with_map();
        put_entry(&mut doc, "items", "a", &1, Existing::Keep).unwrap();
        put_entry(&mut doc, "items", "a", &2, Existing::Keep).unwrap();
        assert_eq!(
            entries::<u32>(&doc, "items").unwrap(),
            [("a".to_owned(), 1)]
        );
        put_entry(&mut doc, "items", "a", &3, Existing::Replace).unwrap();
        assert_eq!(
            entries::<u32>(&doc, "items").unwrap(),
            [("a".to_owned(), 3)]
        );
        assert!(put_entry(&mut doc, "items", "a", &4, Existing::Refuse).is_err());
        delete_entry(&mut doc, "items", "a").unwrap();
        assert!(entries::<u32>(&doc, "items").unwrap().is_empty());
    }

    #[test]
    fn an_unchanged_write_makes_no_change() {
        let mut doc = doc_with_map();
        put_json(&mut doc, "plan", &vec![1, 2]).unwrap();
        put_entry(&mut doc, "items", "a", &1, Existing::Replace).unwrap();
        let heads = doc.get_heads();
        put_json(&mut doc, "plan", &vec![1, 2]).unwrap();
        put_entry(&mut doc, "items", "a", &1, Existing::Replace).unwrap();
        assert_eq!(doc.get_heads(), heads);
        assert_eq!(json::<Vec<u32>>(&doc, "plan").unwrap(), Some(vec![1, 2]));
    }

    #[test]
    fn wrong_shapes_are_typed_errors() {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        tx.put(ROOT, "items", 5).unwrap();
        tx.put(ROOT, "plan", "{broken").unwrap();
        commit(tx);
        assert!(matches!(
            entries::<u32>(&doc, "items"),
            Err(DocError::Invalid { field: "items", .. })
        ));
        assert!(matches!(
            json::<u32>(&doc, "plan"),
            Err(DocError::Invalid { field: "plan", .. })
        ));
        assert!(matches!(text(&doc, "items"), Err(DocError::Invalid { .. })));
    }
}
