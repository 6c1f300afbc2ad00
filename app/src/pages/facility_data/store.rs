//! Reading every facility data document of a place and saving an entry into the right ones
//! (which ones is `facility_data::save_target`'s decision: two tablets may each have created the
//! document for a facility and year while offline).

use automerge::Automerge;
use mentora_shared::documents::facility_data::{
    self as fd, FacilityData, Merged, SaveTarget, Section, ValueEntry, VerificationEntry,
};
use mentora_shared::sync::DocId;

use crate::engine::{self, SyncView};
use crate::error::AppError;
use crate::facility_docs;
use crate::places::Place;
use crate::records;

/// Every readable document of the facility, merged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub docs: Vec<(DocId, FacilityData)>,
    /// Documents that could not be read (the screen says so rather than hiding them).
    pub unreadable: usize,
    pub merged: Merged,
}

pub fn load(facility: &str) -> Loaded {
    let rows = facility_docs::all_of_kind(fd::KIND, facility, |_, automerge| {
        fd::read(automerge).map_err(AppError::unreadable)
    });
    let mut loaded = Loaded::default();
    for (doc, row) in rows {
        match row {
            Ok(data) => loaded.docs.push((doc, data)),
            Err(_) => loaded.unreadable += 1,
        }
    }
    loaded.docs.sort_by_key(|(id, _)| id.0);
    loaded.merged = fd::merge(loaded.docs.iter().map(|(_, data)| data));
    loaded
}

/// One entry to save under a key.
#[derive(Clone, Debug)]
pub enum Entry {
    Value(ValueEntry),
    Verification(VerificationEntry),
}

impl Entry {
    fn write(&self, doc: &mut Automerge, key: &str) -> Result<(), AppError> {
        match self {
            Self::Value(entry) => fd::put_value(doc, key, entry),
            Self::Verification(entry) => fd::put_verification(doc, key, entry),
        }
        .map_err(AppError::from)
    }

    fn section(&self) -> Section {
        match self {
            Self::Value(_) => Section::Values,
            Self::Verification(_) => Section::Verifications,
        }
    }
}

/// Saves `entry` under `key` in the facility's document for `year`, creating it if there is
/// none; resolves once durable on the device.
pub async fn save(
    sync: SyncView,
    place: Place,
    year: i32,
    key: String,
    entry: Entry,
) -> Result<(), AppError> {
    let loaded = load(&place.id);
    let SaveTarget::Existing(targets) = fd::save_target(&loaded.docs, year, entry.section(), &key)
    else {
        let header = records::facility_header(fd::KIND, fd::SCHEMA_VERSION, &place)?;
        let facility = place.id.clone();
        return engine::create(sync, header, move |doc| {
            fd::write_new(doc, &facility, year).map_err(AppError::from)?;
            entry.write(doc, &key)
        })
        .await
        .map(drop);
    };
    for doc in targets {
        let (entry, key) = (entry.clone(), key.clone());
        engine::edit(sync, doc, move |automerge| entry.write(automerge, &key)).await?;
    }
    Ok(())
}
