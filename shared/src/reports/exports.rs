//! The supervisor exports (issue 7) as tables of text: mentees, assessments and validations,
//! built from the mentee documents a user may read. The server renders each [`ExportTable`] as
//! CSV ([`ExportTable::to_csv`]) and as one sheet of an XLSX workbook, so both files always
//! hold the same rows; the column kinds let the workbook store numbers and dates as such.
//!
//! What is left out, on purpose: the mentee's phone number (contact data no report needs),
//! coaching plans, and records merged into another one (their assessments and validations
//! were copied into the record they were merged into, so counting them twice would inflate
//! every figure). Nothing about patients is ever in a mentee document; the assessment's case
//! column says only whether the case was simulated or real with consent. Feedback notes are
//! free text about the health worker's own performance and appear in the assessments export
//! only.

use crate::documents::mentee::{History, MenteeRecord, association_code, cadre_code};
use crate::domain::{AssessmentKind, CaseKind, CompetencyId, ObservationPurpose, TestPhase};
use crate::rules::{CompetencyStatus, ValidationPolicy};

use super::csv::to_csv;

mod field;
pub use field::{Placed, activity_code, qi_actions_table, visits_table};

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;

/// One mentee document as the exports read it: where the server keeps it (the document
/// header's facility and district), its id, and its decoded contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportMentee {
    /// Facility slug from the document header (the scope the server enforces).
    pub facility: String,
    /// District slug from the document header.
    pub district: String,
    /// The document id as 32 lowercase hex digits: the mentee's id everywhere.
    pub id: String,
    pub record: MenteeRecord,
    pub history: History,
}

impl ExportMentee {
    /// Merged duplicates are left out of every export (see the module docs).
    pub fn is_exported(&self) -> bool {
        self.history.merged_into.is_none()
    }
}

/// How a column's text should be stored in a spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    /// A whole number written in decimal.
    Integer,
    /// A decimal number such as `85.71`.
    Decimal,
    /// An ISO `YYYY-MM-DD` date.
    Date,
}

/// A column: its header text and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnKind,
}

const fn text(name: &'static str) -> Column {
    Column {
        name,
        kind: ColumnKind::Text,
    }
}

const fn integer(name: &'static str) -> Column {
    Column {
        name,
        kind: ColumnKind::Integer,
    }
}

const fn date(name: &'static str) -> Column {
    Column {
        name,
        kind: ColumnKind::Date,
    }
}

/// A header and rows of text cells, each row as long as the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportTable {
    /// Short name, used as the sheet name and in file names: `mentees`, `assessments`, ….
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

impl ExportTable {
    pub fn header(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.name).collect()
    }

    /// The table as CSV (header first), with the quoting and formula guard of [`to_csv`].
    pub fn to_csv(&self) -> String {
        let header = self.header().into_iter().map(str::to_owned).collect();
        to_csv(std::iter::once(header).chain(self.rows.iter().cloned()))
    }
}

/// Separator of several values in one cell (competencies, missed steps).
const LIST_SEPARATOR: &str = "; ";

fn exported(mentees: &[ExportMentee]) -> Vec<&ExportMentee> {
    let mut kept: Vec<&ExportMentee> = mentees.iter().filter(|m| m.is_exported()).collect();
    kept.sort_by_cached_key(|m| {
        (
            m.district.clone(),
            m.facility.clone(),
            m.record.name.to_lowercase(),
            m.id.clone(),
        )
    });
    kept
}

/// One row per mentee: who, where, which competencies, and how many of them are validated or
/// still in coaching (the statuses of the facility matrix, under the default policy).
pub fn mentees_table(mentees: &[ExportMentee]) -> ExportTable {
    let columns = vec![
        text("mentee_id"),
        text("name"),
        text("cadre"),
        text("association"),
        text("facility"),
        text("district"),
        text("competencies"),
        integer("validated_count"),
        integer("in_coaching_count"),
    ];
    let rows = exported(mentees)
        .into_iter()
        .map(|m| {
            let (validated, in_coaching) = status_counts(m);
            let competencies: Vec<&str> =
                m.record.competencies.iter().map(String::as_str).collect();
            vec![
                m.id.clone(),
                m.record.name.clone(),
                cadre_code(m.record.cadre).to_owned(),
                m.record
                    .association
                    .map(|a| association_code(a).to_owned())
                    .unwrap_or_default(),
                m.facility.clone(),
                m.district.clone(),
                competencies.join(LIST_SEPARATOR),
                validated.to_string(),
                in_coaching.to_string(),
            ]
        })
        .collect();
    ExportTable {
        name: "mentees",
        columns,
        rows,
    }
}

/// Validated and in-coaching competencies among those the mentee is mentored on, computed as
/// the app's facility cards do.
fn status_counts(mentee: &ExportMentee) -> (usize, usize) {
    let policy = ValidationPolicy::default();
    let mut counts = (0, 0);
    for competency in &mentee.record.competencies {
        let competency = CompetencyId::new(competency.as_str());
        match mentee.history.readiness(&policy, &competency).status {
            CompetencyStatus::Validated => counts.0 += 1,
            CompetencyStatus::InCoaching => counts.1 += 1,
            CompetencyStatus::NotStarted => {}
        }
    }
    counts
}

/// One row per assessment, oldest first within each mentee.
pub fn assessments_table(mentees: &[ExportMentee]) -> ExportTable {
    let columns = vec![
        text("assessment_id"),
        text("mentee_id"),
        text("mentee_name"),
        text("facility"),
        text("district"),
        text("competency"),
        date("date"),
        text("kind"),
        text("phase_or_purpose"),
        text("case"),
        integer("score_achieved"),
        integer("score_applicable"),
        Column {
            name: "score_percent",
            kind: ColumnKind::Decimal,
        },
        integer("critical_steps_missed"),
        text("critical_steps_missed_ids"),
        text("assessor_name"),
        text("feedback_went_well"),
        text("feedback_to_improve"),
    ];
    let mut rows = Vec::new();
    for m in exported(mentees) {
        for entry in &m.history.assessments {
            let a = &entry.assessment;
            let (kind, phase_or_purpose, case) = describe_kind(&a.kind);
            let missed: Vec<&str> = a
                .checklist_result()
                .map(|r| r.critical_steps_missed.iter().map(|i| i.as_str()).collect())
                .unwrap_or_default();
            let feedback = entry.feedback.clone().unwrap_or_default();
            rows.push(vec![
                a.id.to_string(),
                m.id.clone(),
                m.record.name.clone(),
                m.facility.clone(),
                m.district.clone(),
                a.competency.to_string(),
                a.date.to_string(),
                kind.to_owned(),
                phase_or_purpose.to_owned(),
                case.to_owned(),
                a.score.achieved().to_string(),
                a.score.applicable().to_string(),
                percent_text(a.score.basis_points_floor()),
                if a.checklist_result().is_some() {
                    missed.len().to_string()
                } else {
                    String::new()
                },
                missed.join(LIST_SEPARATOR),
                entry.assessor_name.clone(),
                feedback.went_well,
                feedback.to_improve,
            ]);
        }
    }
    ExportTable {
        name: "assessments",
        columns,
        rows,
    }
}

/// `(kind, phase or purpose, case)` codes; empty where the kind has no such field.
fn describe_kind(kind: &AssessmentKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        AssessmentKind::KnowledgeTest { phase, .. } => (
            "knowledge_test",
            match phase {
                TestPhase::PreTest => "pre_test",
                TestPhase::PostTest => "post_test",
            },
            "",
        ),
        AssessmentKind::Observation { purpose, case, .. } => (
            "observation",
            match purpose {
                ObservationPurpose::Baseline => "baseline",
                ObservationPurpose::Coaching => "coaching",
                ObservationPurpose::PostMentorship => "post_mentorship",
            },
            match case {
                CaseKind::Simulated => "simulated",
                CaseKind::Real {
                    patient_consent: true,
                } => "real_with_consent",
                CaseKind::Real {
                    patient_consent: false,
                } => "real_without_consent",
            },
        ),
        AssessmentKind::ChwGroupAssessment { .. } => ("chw_group_assessment", "", ""),
    }
}

/// Basis points as a percentage with two decimals, rounded down like the app shows scores.
fn percent_text(basis_points: u16) -> String {
    format!("{}.{:02}", basis_points / 100, basis_points % 100)
}

/// One row per validation (a mentee has at most one per competency).
pub fn validations_table(mentees: &[ExportMentee]) -> ExportTable {
    let columns = vec![
        text("validation_id"),
        text("mentee_id"),
        text("mentee_name"),
        text("facility"),
        text("district"),
        text("competency"),
        date("date"),
        text("validated_by"),
        integer("evaluations_to_validation"),
    ];
    let mut rows = Vec::new();
    for m in exported(mentees) {
        let mut validations: Vec<_> = m.history.validations.values().collect();
        validations.sort_by(|a, b| {
            (a.validation.date, &a.validation.competency)
                .cmp(&(b.validation.date, &b.validation.competency))
        });
        for entry in validations {
            let v = &entry.validation;
            rows.push(vec![
                v.id.to_string(),
                m.id.clone(),
                m.record.name.clone(),
                m.facility.clone(),
                m.district.clone(),
                v.competency.to_string(),
                v.date.to_string(),
                entry.validated_by_name.clone(),
                v.evaluations_to_validation.to_string(),
            ]);
        }
    }
    ExportTable {
        name: "validations",
        columns,
        rows,
    }
}
