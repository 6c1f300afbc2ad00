//! What a mentor records about a mentee over time, kept in the mentee's own document:
//! `assessments` (map: assessment id → JSON [`AssessmentEntry`]), `validations` (map: competency
//! id → JSON [`ValidationEntry`]), `coaching` (map: competency id → JSON [`CoachingEntry`]) and
//! `merged_into` (the id of the record this duplicate was merged into).
//!
//! Each assessment and validation keeps the affiliation of the mentor who made it (`association`,
//! optional JSON field added within schema 1: entries without it read as `None`, and apps that
//! do not know it ignore it), so Table 1 counts it for the team that mentored.
//!
//! A saved assessment never changes, so each one is a single JSON value under its own id: two
//! tablets adding assessments offline both keep theirs, and a replay never duplicates one. A
//! mentee has at most one validation per competency, so validations are keyed by competency:
//! two concurrent validations converge on one (Automerge picks the same winner everywhere).

use std::collections::BTreeMap;

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use serde::{Deserialize, Serialize};

use super::super::DocError;
use super::super::fields::{Existing, delete_entry, entries, put_entry, text};
use crate::domain::{
    Assessment, CompetencyId, Date, MenteeId, MentorAffiliation, MentorId, Validation,
};
use crate::rules::{Readiness, ValidationPolicy, readiness};

/// Longest free-text note kept (feedback, planned actions), in characters.
pub const MAX_NOTE: usize = 2000;

/// The feedback given after an observation, in the order the programmes use: what went well
/// first, then what to improve.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub went_well: String,
    pub to_improve: String,
}

/// One saved assessment with who made it and the feedback given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentEntry {
    pub assessment: Assessment,
    pub assessor_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Feedback>,
    /// The assessor's affiliation (their professional association, or district-based, CEHO…)
    /// when the assessment was made, from their account: whose mentoring team it counts for in
    /// Table 1. Absent in entries saved before it was recorded, and when the account had none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub association: Option<MentorAffiliation>,
}

/// A validation with the validating mentor's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationEntry {
    pub validation: Validation,
    pub validated_by_name: String,
    /// The validating mentor's affiliation when the validation was made, as
    /// [`AssessmentEntry::association`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub association: Option<MentorAffiliation>,
}

/// The coaching plan for one competency: what will be done and by when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachingEntry {
    pub actions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Date>,
}

/// Everything recorded about a mentee, read from the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// In the order they were made ([`Assessment::order_key`]).
    pub assessments: Vec<AssessmentEntry>,
    pub validations: BTreeMap<CompetencyId, ValidationEntry>,
    pub coaching: BTreeMap<CompetencyId, CoachingEntry>,
    /// Set when this record was a duplicate and was merged into another.
    pub merged_into: Option<String>,
}

impl History {
    pub fn assessments_of(&self, competency: &CompetencyId) -> Vec<Assessment> {
        self.assessments
            .iter()
            .filter(|entry| &entry.assessment.competency == competency)
            .map(|entry| entry.assessment.clone())
            .collect()
    }

    /// Where the mentee stands on one competency under `policy`: the one reading the app's
    /// cards, the facility matrix and the exports share.
    pub fn readiness(&self, policy: &ValidationPolicy, competency: &CompetencyId) -> Readiness {
        let validations: Vec<Validation> = self
            .validations
            .get(competency)
            .map(|v| v.validation.clone())
            .into_iter()
            .collect();
        readiness(policy, &self.assessments_of(competency), &validations)
    }

    pub fn all_assessments(&self) -> Vec<Assessment> {
        self.assessments
            .iter()
            .map(|entry| entry.assessment.clone())
            .collect()
    }

    pub fn all_validations(&self) -> Vec<Validation> {
        self.validations
            .values()
            .map(|entry| entry.validation.clone())
            .collect()
    }
}

/// The mentor id of a user account: a fixed 128-bit FNV-1a hash of the username, so every
/// device computes the same id offline without a registry.
pub fn mentor_id(username: &str) -> MentorId {
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for byte in b"mentora-account:".iter().chain(username.as_bytes()) {
        hash ^= u128::from(*byte);
        hash = hash.wrapping_mul(PRIME);
    }
    MentorId::from_u128(hash)
}

/// Trims a free-text note and checks its length.
pub fn clean_note(input: &str) -> Result<String, super::InputError> {
    let note = input.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(super::InputError::TooLong);
    }
    Ok(note.to_owned())
}

/// Reads the mentee's assessments, validations, coaching plan and merge marker.
pub fn read_history(doc: &Automerge) -> Result<History, DocError> {
    let mut assessments: Vec<AssessmentEntry> = entries(doc, "assessments")?
        .into_iter()
        .map(|(_, entry)| entry)
        .collect();
    assessments.sort_by_key(|entry| entry.assessment.order_key());
    let validations = entries::<ValidationEntry>(doc, "validations")?
        .into_iter()
        .map(|(_, entry)| (entry.validation.competency.clone(), entry))
        .collect();
    let coaching = entries::<CoachingEntry>(doc, "coaching")?
        .into_iter()
        .map(|(key, entry)| (CompetencyId::new(key), entry))
        .collect();
    let merged_into = text(doc, "merged_into")?;
    Ok(History {
        assessments,
        validations,
        coaching,
        merged_into,
    })
}

/// Adds a saved assessment. Adding the same one again changes nothing.
pub fn add_assessment(doc: &mut Automerge, entry: &AssessmentEntry) -> Result<(), DocError> {
    let key = entry.assessment.id.to_string();
    put_entry(doc, "assessments", &key, entry, Existing::Keep)
}

/// Records a validation; refuses a second one for the same competency.
pub fn add_validation(doc: &mut Automerge, entry: &ValidationEntry) -> Result<(), DocError> {
    let key = entry.validation.competency.as_str();
    put_entry(doc, "validations", key, entry, Existing::Refuse)
}

/// Sets (or, with `None`, clears) the coaching plan of one competency.
pub fn set_coaching(
    doc: &mut Automerge,
    competency: &CompetencyId,
    entry: Option<&CoachingEntry>,
) -> Result<(), DocError> {
    match entry {
        Some(entry) => put_entry(
            doc,
            "coaching",
            competency.as_str(),
            entry,
            Existing::Replace,
        ),
        None => delete_entry(doc, "coaching", competency.as_str()),
    }
}

/// Copies a duplicate's record into `into`: its assessments (re-pointed at `into_id`), the
/// validations `into` lacks, its coaching plans where `into` has none, its competencies, and its
/// phone if `into` has none. Then mark the duplicate with [`mark_merged`].
pub fn merge_into(
    into: &mut Automerge,
    into_id: MenteeId,
    duplicate: &Automerge,
) -> Result<(), DocError> {
    let theirs = read_history(duplicate)?;
    let their_record = super::read(duplicate)?;
    let mut ours = super::read(into)?;
    let our_history = read_history(into)?;
    for mut entry in theirs.assessments {
        entry.assessment.mentee = into_id;
        add_assessment(into, &entry)?;
    }
    for (competency, mut entry) in theirs.validations {
        if !our_history.validations.contains_key(&competency) {
            entry.validation.mentee = into_id;
            add_validation(into, &entry)?;
        }
    }
    for (competency, entry) in theirs.coaching {
        if !our_history.coaching.contains_key(&competency) {
            set_coaching(into, &competency, Some(&entry))?;
        }
    }
    ours.competencies.extend(their_record.competencies);
    if ours.phone.is_none() {
        ours.phone = their_record.phone;
    }
    super::update(into, &ours)
}

/// Marks a record as a duplicate merged into `into` (hex document id); lists then hide it.
pub fn mark_merged(doc: &mut Automerge, into: &str) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, "merged_into", into)?;
    crate::documents::fields::commit(tx);
    Ok(())
}
