//! Which documents a save goes to. Two tablets may each create the document for a facility and
//! year while offline, so reads merge all of them by entry key ([`merge`](super::merge)). A save
//! goes into the first document of that year (the smallest id: the same choice on every device)
//! and into every other document already holding the key, so a conflict shown on screen is
//! settled by saving again. With no document for the year, the save creates one.

use super::FacilityData;
use crate::sync::DocId;

/// Which of a document's two maps an entry goes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Values,
    Verifications,
}

impl Section {
    fn holds(self, data: &FacilityData, key: &str) -> bool {
        match self {
            Section::Values => data.values.contains_key(key),
            Section::Verifications => data.verifications.contains_key(key),
        }
    }
}

/// Where a save goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveTarget {
    /// The facility has no document for the year: create one holding the entry.
    New,
    /// Write the entry into each of these documents, the year's first document first.
    Existing(Vec<DocId>),
}

/// Where an entry under `key` in `section` for `year` goes, among the facility's readable
/// documents `docs` (in any order).
pub fn save_target(
    docs: &[(DocId, FacilityData)],
    year: i32,
    section: Section,
    key: &str,
) -> SaveTarget {
    let Some(primary) = docs
        .iter()
        .filter(|(_, data)| data.year == year)
        .map(|(id, _)| *id)
        .min()
    else {
        return SaveTarget::New;
    };
    let mut others: Vec<DocId> = docs
        .iter()
        .filter(|(id, data)| *id != primary && section.holds(data, key))
        .map(|(id, _)| *id)
        .collect();
    others.sort_unstable();
    SaveTarget::Existing(std::iter::once(primary).chain(others).collect())
}

#[cfg(test)]
mod tests;
