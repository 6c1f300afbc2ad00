//! Assessments and validations: what a mentor records about a mentee on a competency.
//!
//! A result keeps the checklist or test version it was made with, and its score as computed at
//! the time, so a later catalogue version never rewrites history. Observations of real cases
//! carry a consent flag and nothing that identifies the patient.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{
    AssessmentId, ChwGroupSessionId, CompetencyId, ItemId, MenteeId, MentorId, OptionId,
    QuestionId, ValidationId, VisitId,
};
use super::score::Score;

/// Before or after mentorship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestPhase {
    PreTest,
    PostTest,
}

/// The answer given to one question; `None` when left blank (scored as wrong).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeAnswer {
    pub question: QuestionId,
    pub chosen: Option<OptionId>,
}

/// The case a checklist was observed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "case")]
pub enum CaseKind {
    /// A real patient: observed only with consent; no identifiers are recorded.
    Real { patient_consent: bool },
    /// A simulation on an anatomic model or a role play (LDHF).
    Simulated,
}

/// Why an observation was made; only a post-mentorship one can validate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservationPurpose {
    Baseline,
    Coaching,
    PostMentorship,
}

/// How one checklist step was performed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemMark {
    Done,
    NotDone,
    /// Not applicable to this case; excluded from the score. Only where the step allows it.
    NotApplicable,
}

/// The mark given to one checklist step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResponse {
    pub item: ItemId,
    pub mark: ItemMark,
}

/// A checklist observed and marked step by step, with the outcome computed when it was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistResult {
    pub checklist_version: u32,
    pub responses: Vec<ItemResponse>,
    /// Critical steps not done; any one of them blocks validation.
    pub critical_steps_missed: Vec<ItemId>,
}

/// The kind of an assessment and its raw answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AssessmentKind {
    /// A knowledge test, before or after mentorship.
    KnowledgeTest {
        phase: TestPhase,
        test_version: u32,
        answers: Vec<KnowledgeAnswer>,
    },
    /// A checklist observation of one provider on a real or simulated case.
    Observation {
        purpose: ObservationPurpose,
        case: CaseKind,
        result: ChecklistResult,
    },
    /// One CHW assessed with the tool during a quarterly group session.
    ChwGroupAssessment {
        session: ChwGroupSessionId,
        result: ChecklistResult,
    },
}

/// One assessment of a mentee on a competency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: AssessmentId,
    pub mentee: MenteeId,
    pub assessor: MentorId,
    pub competency: CompetencyId,
    pub date: Date,
    pub visit: Option<VisitId>,
    pub kind: AssessmentKind,
    pub score: Score,
    /// When the assessment was recorded, in milliseconds since the Unix epoch (the device's
    /// clock). Orders two assessments of the same date as they were made; records saved before
    /// it existed have none and keep their date order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<u64>,
}

impl Assessment {
    /// The order assessments were made in: by date, then by when recorded (a record without
    /// the time comes first on its date: it was saved by an older app, before the others),
    /// then by id so the order is total. Every list of attempts sorts by this key.
    pub fn order_key(&self) -> (Date, Option<u64>, AssessmentId) {
        (self.date, self.recorded_at, self.id)
    }

    /// The checklist result, for observations and group assessments.
    pub fn checklist_result(&self) -> Option<&ChecklistResult> {
        match &self.kind {
            AssessmentKind::Observation { result, .. }
            | AssessmentKind::ChwGroupAssessment { result, .. } => Some(result),
            AssessmentKind::KnowledgeTest { .. } => None,
        }
    }

    /// The test phase, for knowledge tests.
    pub fn test_phase(&self) -> Option<TestPhase> {
        match self.kind {
            AssessmentKind::KnowledgeTest { phase, .. } => Some(phase),
            _ => None,
        }
    }

    /// Whether this is a skills assessment that can count towards validation: a post-mentorship
    /// observation or a CHW group assessment.
    pub fn is_validation_evidence(&self) -> bool {
        matches!(
            self.kind,
            AssessmentKind::Observation {
                purpose: ObservationPurpose::PostMentorship,
                ..
            } | AssessmentKind::ChwGroupAssessment { .. }
        )
    }
}

/// The record that a mentee was validated on a competency: who, when, at which visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    pub id: ValidationId,
    pub mentee: MenteeId,
    pub competency: CompetencyId,
    pub date: Date,
    pub validated_by: MentorId,
    pub visit: Option<VisitId>,
    /// The assessment that met the bar.
    pub assessment: AssessmentId,
    /// Skills assessments of this mentee on this competency up to and including this one.
    pub evaluations_to_validation: u32,
}
