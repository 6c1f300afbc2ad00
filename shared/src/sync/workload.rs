//! The edits the sync measurements are made of, in one place so the simulation's numbers
//! (docs/sync-protocol.md) and the server benchmark's (docs/benchmarks.md) describe the same work.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, AutomergeError, ROOT};

/// A record as a mentor fills it in: a dozen short text fields.
pub fn fill_record(doc: &mut Automerge, n: u64) -> Result<(), AutomergeError> {
    let mut tx = doc.transaction();
    for field in 0..12 {
        let value = format!("value {n} {field} observed ok");
        tx.put(ROOT, format!("field_{field}"), value)?;
    }
    tx.commit();
    Ok(())
}

/// One saved form on an existing record: a score and a note.
pub fn save_form(doc: &mut Automerge, i: u64) -> Result<(), AutomergeError> {
    let mut tx = doc.transaction();
    let score = i64::try_from(i.saturating_mul(3)).unwrap_or(i64::MAX);
    tx.put(ROOT, format!("score_{}", i % 7), score)?;
    tx.put(ROOT, "note", format!("observed step {i}, good"))?;
    tx.commit();
    Ok(())
}
