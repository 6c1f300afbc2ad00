//! Deterministic ids: the same file row always makes the same mentee document, assessment and
//! validation id, so importing a file again adds nothing, and an edited file adds only its new
//! rows. Each id is the first 16 bytes of a SHA-256 over a namespace and the row's stable key,
//! formatted as a UUID (version 8, "custom").

use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use crate::documents::mentee::{association_code, cadre_code};
use crate::domain::{
    AssessmentId, Cadre, CompetencyId, Date, MenteeId, MentorAffiliation, MentorId, ValidationId,
};

use super::TrackerKind;

/// The namespace every tracker-import id is derived under; changing it would re-import all.
const NAMESPACE: &str = "mentora/tracker-import/v1";

fn derive(parts: &[&str]) -> Uuid {
    let mut hash = Sha256::new();
    hash.update(NAMESPACE.as_bytes());
    for part in parts {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// A name as compared: words joined by one space, lower case (so "Marie  UWASE" is
/// "marie uwase").
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Who a mentee is in a tracker: facility, normalised name and cadre.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MenteeKey {
    pub facility: String,
    pub name: String,
    pub cadre: Cadre,
}

impl MenteeKey {
    pub fn new(facility: &str, name: &str, cadre: Cadre) -> Self {
        Self {
            facility: facility.to_owned(),
            name: name_key(name),
            cadre,
        }
    }

    /// The mentee document's id (its bytes are the document id).
    pub fn mentee_id(&self) -> MenteeId {
        MenteeId(derive(&[
            "mentee",
            &self.facility,
            &self.name,
            cadre_code(self.cadre),
        ]))
    }
}

/// The id of the `occurrence`-th (from 0) assessment of this kind, competency and date.
pub fn assessment_id(
    mentee: MenteeId,
    competency: &CompetencyId,
    kind: TrackerKind,
    date: Date,
    occurrence: usize,
) -> AssessmentId {
    AssessmentId(derive(&[
        "assessment",
        &mentee.to_string(),
        competency.as_str(),
        kind.code(),
        &date.to_string(),
        &occurrence.to_string(),
    ]))
}

/// A mentee has one validation per competency.
pub fn validation_id(mentee: MenteeId, competency: &CompetencyId) -> ValidationId {
    ValidationId(derive(&[
        "validation",
        &mentee.to_string(),
        competency.as_str(),
    ]))
}

/// The id of a mentor named in the file without an account (historical mentors).
pub fn named_mentor_id(name: &str, association: MentorAffiliation) -> MentorId {
    MentorId(derive(&[
        "mentor",
        &name_key(name),
        association_code(association),
    ]))
}
