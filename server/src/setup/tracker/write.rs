//! Writing a plan: each mentee record it touches, with its new assessments and validations,
//! through [`crate::mentee_docs`] as the device `IMPORT_DEVICE`.

use std::collections::BTreeSet;

use crate::sql::Tx;
use mentora_shared::documents::mentee::MenteeRecord;
use mentora_shared::setup::tracker::{IMPORT_DEVICE, Plan};

use super::ImportError;
use crate::mentee_docs::{self, MenteeWrite, NewRecord};

/// Writes `plan` (checked, without errors) in `tx`; changes are stamped `now` (Unix seconds).
pub fn write(tx: &Tx<'_>, plan: &Plan, now: i64) -> Result<(), ImportError> {
    let writes: Vec<MenteeWrite> = plan
        .touched()
        .into_iter()
        .map(|id| MenteeWrite {
            id,
            new: plan
                .mentees
                .iter()
                .find(|m| m.id == id)
                .map(|planned| NewRecord {
                    record: MenteeRecord {
                        name: planned.name.clone(),
                        cadre: planned.cadre,
                        facility: planned.facility.clone(),
                        phone: planned.phone.clone(),
                        association: None,
                        competencies: BTreeSet::new(),
                    },
                    district: planned.district.clone(),
                }),
            assessments: plan
                .assessments
                .iter()
                .filter(|a| a.mentee == id)
                .map(|a| a.entry())
                .collect(),
            validations: plan
                .validations
                .iter()
                .filter(|v| v.mentee == id)
                .map(|v| v.entry())
                .collect(),
            coaching: Vec::new(),
        })
        .collect();
    mentee_docs::write(tx, IMPORT_DEVICE, now, &writes)?;
    Ok(())
}
