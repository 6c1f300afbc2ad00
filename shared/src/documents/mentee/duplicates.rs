//! Which mentee records are likely the same person: one registered on two tablets offline shows
//! as two records with the same name at the same facility. The mentee page offers to merge them
//! (`merge_into`, then `mark_merged`).

use super::MenteeRecord;

/// Whether two names are the same once case and spacing are set aside ("Marie  Uwase" and
/// "marie uwase"); spelling differences are not guessed at.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// Whether `other` is likely a duplicate of `record`: the same name at the same facility. The
/// caller leaves out the record itself and records already merged.
pub fn likely_duplicate(record: &MenteeRecord, other: &MenteeRecord) -> bool {
    record.facility == other.facility && same_name(&record.name, &other.name)
}

#[cfg(test)]
mod tests;
