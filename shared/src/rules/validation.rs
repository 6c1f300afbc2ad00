//! Validation: a mentee is validated on a competency when a post-mentorship skills assessment
//! scores at least the pass mark AND every critical step was done (seed 002). Repeat until then;
//! the number of evaluations it took is recorded.

use serde::{Deserialize, Serialize};

use super::policy::ValidationPolicy;
use crate::domain::{
    Assessment, AssessmentKind, CaseKind, ItemId, Score, Validation, ValidationId,
};

/// Why an assessment does not validate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "gap")]
pub enum ValidationGap {
    /// Only post-mentorship observations and CHW group assessments can validate.
    NotAValidationAssessment,
    /// A real case observed without the patient's consent cannot be used.
    NoPatientConsent,
    BelowPassMark {
        score: Score,
    },
    CriticalStepsMissed {
        steps: Vec<ItemId>,
    },
}

/// HNQIS-style class of a skills result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetencyClass {
    Competent,
    NeedsImprovement,
    NotCompetent,
}

/// The gaps between an assessment and validation; empty means it validates.
pub fn validation_gaps(policy: &ValidationPolicy, assessment: &Assessment) -> Vec<ValidationGap> {
    let mut gaps = Vec::new();
    if !assessment.is_validation_evidence() {
        gaps.push(ValidationGap::NotAValidationAssessment);
    }
    if let AssessmentKind::Observation {
        case: CaseKind::Real {
            patient_consent: false,
        },
        ..
    } = assessment.kind
    {
        gaps.push(ValidationGap::NoPatientConsent);
    }
    if !assessment.score.meets(policy.pass_mark) {
        gaps.push(ValidationGap::BelowPassMark {
            score: assessment.score,
        });
    }
    if let Some(result) = assessment.checklist_result()
        && policy.require_all_critical_steps
        && !result.critical_steps_missed.is_empty()
    {
        gaps.push(ValidationGap::CriticalStepsMissed {
            steps: result.critical_steps_missed.clone(),
        });
    }
    gaps
}

/// The class of a skills result, when the policy uses classes.
pub fn classify(
    policy: &ValidationPolicy,
    score: Score,
    critical_steps_missed: usize,
) -> Option<CompetencyClass> {
    let classes = policy.classes?;
    Some(
        if score.meets(classes.competent) && critical_steps_missed == 0 {
            CompetencyClass::Competent
        } else if score.meets(classes.needs_improvement) {
            CompetencyClass::NeedsImprovement
        } else {
            CompetencyClass::NotCompetent
        },
    )
}

/// Why a validation cannot be recorded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationRefused {
    #[error("the assessment does not validate: {0:?}")]
    Gaps(Vec<ValidationGap>),
    #[error("the mentee is already validated on this competency")]
    AlreadyValidated,
}

/// Records a validation from `candidate`, given every assessment and validation of the same
/// mentee on the same competency (`history` may include `candidate`). The validator is the
/// assessor; the evaluations counted are the skills assessments up to and including `candidate`.
pub fn validate(
    policy: &ValidationPolicy,
    id: ValidationId,
    candidate: &Assessment,
    history: &[Assessment],
    existing: &[Validation],
) -> Result<Validation, ValidationRefused> {
    let same_pair =
        |mentee, competency: &_| mentee == candidate.mentee && competency == &candidate.competency;
    if existing
        .iter()
        .any(|validation| same_pair(validation.mentee, &validation.competency))
    {
        return Err(ValidationRefused::AlreadyValidated);
    }
    let gaps = validation_gaps(policy, candidate);
    if !gaps.is_empty() {
        return Err(ValidationRefused::Gaps(gaps));
    }
    let earlier_skills_assessments = history
        .iter()
        .filter(|assessment| same_pair(assessment.mentee, &assessment.competency))
        .filter(|assessment| {
            assessment.id != candidate.id && assessment.checklist_result().is_some()
        })
        .filter(|assessment| assessment.order_key() < candidate.order_key())
        .count();
    Ok(Validation {
        id,
        mentee: candidate.mentee,
        competency: candidate.competency.clone(),
        date: candidate.date,
        validated_by: candidate.assessor,
        visit: candidate.visit,
        assessment: candidate.id,
        evaluations_to_validation: u32::try_from(earlier_skills_assessments + 1)
            .unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests;
