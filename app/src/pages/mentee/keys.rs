//! The mentee screen's strings, and the labels of assessment kinds and statuses that other
//! screens (the matrix, the list) reuse.

use mentora_shared::domain::{AssessmentKind, ObservationPurpose, TestPhase};
use mentora_shared::rules::{CompetencyStatus, NextStep, ValidationGap};

crate::i18n::keys!(MKey, "pages/mentee/keys");

pub fn status_key(status: CompetencyStatus) -> MKey {
    match status {
        CompetencyStatus::NotStarted => MKey::StatusNotStarted,
        CompetencyStatus::InCoaching => MKey::StatusInCoaching,
        CompetencyStatus::Validated => MKey::StatusValidated,
    }
}

pub fn kind_key(kind: &AssessmentKind) -> MKey {
    match kind {
        AssessmentKind::KnowledgeTest {
            phase: TestPhase::PreTest,
            ..
        } => MKey::PreTest,
        AssessmentKind::KnowledgeTest {
            phase: TestPhase::PostTest,
            ..
        } => MKey::PostTest,
        AssessmentKind::Observation { purpose, .. } => match purpose {
            ObservationPurpose::Baseline => MKey::BaselineObservation,
            ObservationPurpose::Coaching => MKey::CoachingObservation,
            ObservationPurpose::PostMentorship => MKey::PostObservation,
        },
        AssessmentKind::ChwGroupAssessment { .. } => MKey::GroupAssessment,
    }
}

pub fn next_key(next: NextStep) -> MKey {
    match next {
        NextStep::PreTest => MKey::NextPreTest,
        NextStep::CoachingObservation => MKey::NextCoaching,
        NextStep::PostTest => MKey::NextPostTest,
        NextStep::PostMentorshipObservation => MKey::NextPostObservation,
        NextStep::ConfirmValidation => MKey::NextConfirm,
    }
}

pub fn gap_key(gap: &ValidationGap) -> MKey {
    match gap {
        ValidationGap::NotAValidationAssessment => MKey::GapNotValidation,
        ValidationGap::NoPatientConsent => MKey::GapNoConsent,
        ValidationGap::BelowPassMark { .. } => MKey::GapBelowPassMark,
        ValidationGap::CriticalStepsMissed { .. } => MKey::GapCritical,
    }
}

crate::i18n::counts!(MCount, "pages/mentee/keys");
