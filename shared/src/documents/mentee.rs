//! The mentee record document: kind `mentee`, schema 1.
//!
//! Root fields: `name` (string), `cadre` (snake_case [`Cadre`]), `facility` (place slug),
//! `phone` (string, optional), `competencies` (map: competency id → `true`).
//! No patient data ever goes here; the mentee is a health worker.

use std::collections::BTreeSet;

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ObjType, ROOT, ReadDoc as _, Value};

use super::DocError;
use super::fields::{create_maps, text};

mod duplicates;
mod history;
mod progress;
use crate::domain::people::{Cadre, MentorAffiliation};
pub use duplicates::{likely_duplicate, same_name};
pub use history::{
    AssessmentEntry, CoachingEntry, Feedback, History, MAX_NOTE, ValidationEntry, add_assessment,
    add_validation, clean_note, mark_merged, mentor_id, merge_into, read_history, set_coaching,
};
pub use progress::{CellDetail, ProgressCell, progress_cell};

pub const KIND: &str = "mentee";
pub const SCHEMA_VERSION: u32 = 1;
/// Longest accepted name or phone number, in characters.
pub const MAX_TEXT: usize = 120;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenteeRecord {
    pub name: String,
    pub cadre: Cadre,
    pub facility: String,
    pub phone: Option<String>,
    /// The professional association the mentee belongs to, where relevant (RPA, RAM, RSOG).
    pub association: Option<MentorAffiliation>,
    pub competencies: BTreeSet<String>,
}

/// Why a form's input cannot become a record.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the name is empty")]
    EmptyName,
    #[error("the text is longer than {MAX_TEXT} characters")]
    TooLong,
    #[error("the phone number may hold only digits, spaces and + - ( )")]
    BadPhone,
}

/// Trims and checks a name typed in a form.
pub fn clean_name(input: &str) -> Result<String, InputError> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(InputError::EmptyName);
    }
    if name.chars().count() > MAX_TEXT {
        return Err(InputError::TooLong);
    }
    Ok(name)
}

/// Trims and checks an optional phone number; empty means none.
pub fn clean_phone(input: &str) -> Result<Option<String>, InputError> {
    let phone = input.trim();
    if phone.is_empty() {
        return Ok(None);
    }
    if phone.chars().count() > MAX_TEXT {
        return Err(InputError::TooLong);
    }
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
    {
        return Err(InputError::BadPhone);
    }
    Ok(Some(phone.to_owned()))
}

/// Checks a form's name and phone together; the first problem wins.
pub fn clean_name_and_phone(
    name: &str,
    phone: &str,
) -> Result<(String, Option<String>), InputError> {
    Ok((clean_name(name)?, clean_phone(phone)?))
}

pub fn cadre_code(cadre: Cadre) -> &'static str {
    match cadre {
        Cadre::MedicalDoctor => "medical_doctor",
        Cadre::Intern => "intern",
        Cadre::Nurse => "nurse",
        Cadre::Midwife => "midwife",
        Cadre::Chw => "chw",
        Cadre::Ceho => "ceho",
    }
}

pub const CADRES: [Cadre; 6] = [
    Cadre::MedicalDoctor,
    Cadre::Intern,
    Cadre::Nurse,
    Cadre::Midwife,
    Cadre::Chw,
    Cadre::Ceho,
];

pub fn cadre_from_code(code: &str) -> Option<Cadre> {
    CADRES.into_iter().find(|c| cadre_code(*c) == code)
}

/// The professional associations a mentee may belong to.
pub const ASSOCIATIONS: [MentorAffiliation; 3] = [
    MentorAffiliation::Rpa,
    MentorAffiliation::Ram,
    MentorAffiliation::Rsog,
];

pub fn association_code(association: MentorAffiliation) -> &'static str {
    association.code()
}

pub fn association_from_code(code: &str) -> Option<MentorAffiliation> {
    ASSOCIATIONS
        .into_iter()
        .find(|a| association_code(*a) == code)
}

/// Writes a whole new record into an empty document.
pub fn write_new(doc: &mut Automerge, record: &MenteeRecord) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, "name", record.name.as_str())?;
    tx.put(ROOT, "cadre", cadre_code(record.cadre))?;
    tx.put(ROOT, "facility", record.facility.as_str())?;
    if let Some(phone) = &record.phone {
        tx.put(ROOT, "phone", phone.as_str())?;
    }
    if let Some(association) = record.association {
        tx.put(ROOT, "association", association_code(association))?;
    }
    let competencies = tx.put_object(ROOT, "competencies", ObjType::Map)?;
    for id in &record.competencies {
        tx.put(&competencies, id.as_str(), true)?;
    }
    // Every container is created with the record: two tablets creating the same map
    // concurrently would each make their own, and one map's entries would be hidden.
    create_maps(&mut tx, &["assessments", "validations", "coaching"])?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Applies only the fields that differ from the document, so concurrent edits to other fields
/// merge instead of being overwritten.
pub fn update(doc: &mut Automerge, next: &MenteeRecord) -> Result<(), DocError> {
    let current = read(doc)?;
    let mut tx = doc.transaction();
    if current.name != next.name {
        tx.put(ROOT, "name", next.name.as_str())?;
    }
    if current.cadre != next.cadre {
        tx.put(ROOT, "cadre", cadre_code(next.cadre))?;
    }
    if current.phone != next.phone {
        match &next.phone {
            Some(phone) => tx.put(ROOT, "phone", phone.as_str())?,
            None => tx.delete(ROOT, "phone")?,
        }
    }
    if current.association != next.association {
        match next.association {
            Some(association) => tx.put(ROOT, "association", association_code(association))?,
            None => tx.delete(ROOT, "association")?,
        }
    }
    if current.competencies != next.competencies {
        let map = match tx.get(ROOT, "competencies")? {
            Some((Value::Object(ObjType::Map), id)) => id,
            _ => tx.put_object(ROOT, "competencies", ObjType::Map)?,
        };
        for gone in current.competencies.difference(&next.competencies) {
            tx.delete(&map, gone.as_str())?;
        }
        for added in next.competencies.difference(&current.competencies) {
            tx.put(&map, added.as_str(), true)?;
        }
    }
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Reads the record; fails with a typed error if the document is not a mentee record.
pub fn read(doc: &Automerge) -> Result<MenteeRecord, DocError> {
    let name = text(doc, "name")?.ok_or(DocError::Missing("name"))?;
    let cadre_text = text(doc, "cadre")?.ok_or(DocError::Missing("cadre"))?;
    let cadre = cadre_from_code(&cadre_text).ok_or_else(|| DocError::Invalid {
        field: "cadre",
        reason: format!("unknown cadre {cadre_text:?}"),
    })?;
    let facility = text(doc, "facility")?.ok_or(DocError::Missing("facility"))?;
    let phone = text(doc, "phone")?;
    // Added after schema 1's first release: a record without it has no association.
    let association = match text(doc, "association")? {
        None => None,
        Some(code) => Some(
            association_from_code(&code).ok_or_else(|| DocError::Invalid {
                field: "association",
                reason: format!("unknown association {code:?}"),
            })?,
        ),
    };
    let competencies = match doc.get(ROOT, "competencies")? {
        Some((Value::Object(ObjType::Map), map)) => doc.keys(&map).collect(),
        None => BTreeSet::new(),
        Some(_) => {
            return Err(DocError::Invalid {
                field: "competencies",
                reason: "expected a map".to_owned(),
            });
        }
    };
    Ok(MenteeRecord {
        name,
        cadre,
        facility,
        phone,
        association,
        competencies,
    })
}

#[cfg(test)]
mod tests;
