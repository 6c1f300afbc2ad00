//! The order of record lists (supervision visits, contacts, tutorat cycles, baseline
//! assessments, comments): newest first, equal dates by document id so every device shows the
//! same order; documents that could not be read come last, by id, so the list still says
//! which.

use std::cmp::Ordering;

use crate::sync::DocId;

/// Compares two list rows, each given as its document id and, when it could be read, its date
/// (or any key that sorts oldest first).
pub fn newest_first<K: Ord>(a: (DocId, Option<K>), b: (DocId, Option<K>)) -> Ordering {
    match (a, b) {
        ((a_doc, Some(a_key)), (b_doc, Some(b_key))) => (b_key, b_doc).cmp(&(a_key, a_doc)),
        ((_, Some(_)), (_, None)) => Ordering::Less,
        ((_, None), (_, Some(_))) => Ordering::Greater,
        ((a_doc, None), (b_doc, None)) => a_doc.cmp(&b_doc),
    }
}

/// Sorts `rows` [`newest_first`]; `key` gives a row's document id and, if readable, its date.
pub fn sort_newest_first<R, K: Ord>(rows: &mut [R], key: impl Fn(&R) -> (DocId, Option<K>)) {
    rows.sort_by(|a, b| newest_first(key(a), key(b)));
}

#[cfg(test)]
mod tests;
