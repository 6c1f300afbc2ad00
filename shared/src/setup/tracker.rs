//! Importing historical progress trackers (the programmes' Excel sheets): one row per
//! assessment, read with limits ([`read_csv`], or a workbook's cells through [`read_records`]),
//! checked row by row against what the server knows ([`Known`]: facilities, accounts, the
//! stored mentee records) and the built-in catalogue, and planned: the mentee records to
//! create, the assessments and validations to add, and what is already there. Nothing here
//! writes; the server writes a plan without errors, through the mentee document writers, as
//! the device [`IMPORT_DEVICE`].
//!
//! Rows are grouped into mentees by facility, name (compared without case or extra spaces) and
//! cadre. Every id is derived from that key and the row ([`ids`]), so a re-import adds nothing
//! and an edited file adds only its new rows. A mentee already registered on a tablet with the
//! same key is used rather than duplicated.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::documents::mentee::{AssessmentEntry, ValidationEntry};
use crate::domain::{
    Assessment, AssessmentId, AssessmentKind, Cadre, CaseKind, ChecklistResult, CompetencyId, Date,
    ItemId, MenteeId, MentorAffiliation, MentorId, ObservationPurpose, Score, TestPhase,
    Validation, ValidationId,
};
use crate::sync::DeviceId;

mod check;
pub mod ids;
mod plan;
mod problem;
mod template;
#[cfg(test)]
mod tests;

pub use check::parse_association;
pub use plan::plan;
pub use problem::{Problem, RowError};
pub use template::{
    COLUMNS, FileError, LIMITS, MAX_CELL_CHARS, REQUIRED, TRACKER_TEMPLATE, read_csv, read_records,
};

/// The largest file an import reads.
pub const MAX_FILE_BYTES: usize = 8 << 20;
/// The most assessment rows one file may hold.
pub const MAX_ROWS: usize = 50_000;

/// The Automerge actor (and sync author) of every imported change: no tablet has this id, so
/// the history of changes tells imported records from those made on a device.
pub const IMPORT_DEVICE: DeviceId = DeviceId(*b"mentora-tracker\x01");

/// The critical step recorded as missed when a row says "critical steps all done: no": the
/// trackers do not say which step was missed.
pub const UNRECORDED_CRITICAL_STEP: &str = "unrecorded-critical-step";

/// One data row as read, every cell trimmed (empty when absent); `row` is the file's line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerRow {
    pub row: usize,
    pub mentee_name: String,
    pub cadre: String,
    pub facility: String,
    pub phone: String,
    pub mentor_username: String,
    pub mentor_name: String,
    pub mentor_association: String,
    pub competency: String,
    pub kind: String,
    pub date: String,
    pub score: String,
    pub critical_steps_done: String,
    pub case: String,
    pub validation_date: String,
    pub validator_username: String,
}

/// What a row records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackerKind {
    PreTest,
    PostTest,
    /// A post-mentorship checklist observation (the only kind that validates).
    Observation,
}

impl TrackerKind {
    pub const ALL: [TrackerKind; 3] = [Self::PreTest, Self::PostTest, Self::Observation];

    pub fn code(self) -> &'static str {
        match self {
            Self::PreTest => "pre_test",
            Self::PostTest => "post_test",
            Self::Observation => "observation",
        }
    }
}

/// The case an observation was made on (`real` when the row leaves it empty).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservedCase {
    Real,
    Simulated,
}

/// A facility the server holds, with its district.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownFacility {
    pub id: String,
    pub name: String,
    pub district: String,
}

/// An account a row may name as mentor or validator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownUser {
    pub username: String,
    pub display_name: String,
    /// The association the account mentors for, where the server knows it.
    pub association: Option<MentorAffiliation>,
}

/// A stored mentee record (a mentee document), as far as the plan needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMentee {
    pub id: MenteeId,
    pub facility: String,
    pub name: String,
    pub cadre: Cadre,
    /// A duplicate merged into another record: never matched by name.
    pub merged: bool,
    pub assessments: Vec<Assessment>,
    pub validated: BTreeSet<CompetencyId>,
}

/// What the server knows that rows are checked against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known {
    pub facilities: Vec<KnownFacility>,
    pub users: Vec<KnownUser>,
    /// The stored mentee records of the file's facilities, and any with an id the file makes.
    pub mentees: Vec<StoredMentee>,
}

/// A mentee record to create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMentee {
    pub id: MenteeId,
    pub name: String,
    pub cadre: Cadre,
    pub facility: String,
    pub district: String,
    pub phone: Option<String>,
    /// The file rows that are this mentee's.
    pub rows: Vec<usize>,
}

/// An assessment to add to a mentee record (new or stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedAssessment {
    pub row: usize,
    pub id: AssessmentId,
    pub mentee: MenteeId,
    pub mentee_name: String,
    pub facility: String,
    pub competency: CompetencyId,
    pub kind: TrackerKind,
    /// The current checklist (observation) or test version of the competency.
    pub version: u32,
    pub date: Date,
    pub score: Score,
    /// Observations only.
    pub critical_steps_done: Option<bool>,
    /// Observations only.
    pub case: Option<ObservedCase>,
    pub assessor: MentorId,
    pub assessor_name: String,
    /// The mentor's association: the row's, or the account's.
    pub association: Option<MentorAffiliation>,
}

impl PlannedAssessment {
    /// The entry the mentee document writer adds.
    pub fn entry(&self) -> AssessmentEntry {
        let kind = match self.kind {
            TrackerKind::PreTest | TrackerKind::PostTest => AssessmentKind::KnowledgeTest {
                phase: if self.kind == TrackerKind::PreTest {
                    TestPhase::PreTest
                } else {
                    TestPhase::PostTest
                },
                test_version: self.version,
                answers: Vec::new(),
            },
            TrackerKind::Observation => AssessmentKind::Observation {
                purpose: ObservationPurpose::PostMentorship,
                case: match self.case {
                    Some(ObservedCase::Simulated) => CaseKind::Simulated,
                    // The programmes observed real cases with the patient's consent.
                    Some(ObservedCase::Real) | None => CaseKind::Real {
                        patient_consent: true,
                    },
                },
                result: ChecklistResult {
                    checklist_version: self.version,
                    responses: Vec::new(),
                    critical_steps_missed: if self.critical_steps_done == Some(false) {
                        vec![ItemId::new(UNRECORDED_CRITICAL_STEP)]
                    } else {
                        Vec::new()
                    },
                },
            },
        };
        AssessmentEntry {
            assessment: Assessment {
                id: self.id,
                mentee: self.mentee,
                assessor: self.assessor,
                competency: self.competency.clone(),
                date: self.date,
                visit: None,
                kind,
                score: self.score,
                recorded_at: None,
            },
            assessor_name: self.assessor_name.clone(),
            feedback: None,
            association: self.association,
        }
    }
}

/// A validation to add to a mentee record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedValidation {
    pub row: usize,
    pub id: ValidationId,
    pub mentee: MenteeId,
    pub mentee_name: String,
    pub competency: CompetencyId,
    pub date: Date,
    /// The observation (this row's) that met the bar.
    pub assessment: AssessmentId,
    pub evaluations_to_validation: u32,
    pub validated_by: MentorId,
    pub validator_name: String,
    pub association: Option<MentorAffiliation>,
}

impl PlannedValidation {
    /// The entry the mentee document writer adds.
    pub fn entry(&self) -> ValidationEntry {
        ValidationEntry {
            validation: Validation {
                id: self.id,
                mentee: self.mentee,
                competency: self.competency.clone(),
                date: self.date,
                validated_by: self.validated_by,
                visit: None,
                assessment: self.assessment,
                evaluations_to_validation: self.evaluations_to_validation,
            },
            validated_by_name: self.validator_name.clone(),
            association: self.association,
        }
    }
}

/// What the file holds that is stored already.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Present {
    pub mentees: usize,
    pub assessments: usize,
    pub validations: usize,
}

/// What an import would do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub mentees: Vec<PlannedMentee>,
    pub assessments: Vec<PlannedAssessment>,
    pub validations: Vec<PlannedValidation>,
    pub present: Present,
    /// By row; a plan with errors is not written.
    pub errors: Vec<RowError>,
}

impl Plan {
    /// Whether applying it writes nothing.
    pub fn is_noop(&self) -> bool {
        self.mentees.is_empty() && self.assessments.is_empty() && self.validations.is_empty()
    }

    /// The mentee records the plan writes to (created or stored), in id order.
    pub fn touched(&self) -> BTreeSet<MenteeId> {
        self.mentees
            .iter()
            .map(|m| m.id)
            .chain(self.assessments.iter().map(|a| a.mentee))
            .chain(self.validations.iter().map(|v| v.mentee))
            .collect()
    }
}
