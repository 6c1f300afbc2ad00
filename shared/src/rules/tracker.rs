//! The mentee progress tracker (the Excel sheet it replaces): per mentee × competency, the
//! baseline, every attempt, best and latest, and when and by whom the mentee was validated.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::domain::{
    Assessment, AssessmentId, AssessmentKind, CompetencyId, Dataset, Date, MenteeId, MentorId,
    ObservationPurpose, Score, TestPhase, Validation, VisitId,
};

/// What kind of attempt a row of the tracker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptKind {
    KnowledgeTest(TestPhase),
    Observation(ObservationPurpose),
    ChwGroupAssessment,
}

impl AttemptKind {
    pub fn is_skills(self) -> bool {
        !matches!(self, Self::KnowledgeTest(_))
    }
}

/// One assessment as the tracker shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub assessment: AssessmentId,
    pub date: Date,
    pub kind: AttemptKind,
    pub score: Score,
    /// For skills attempts: whether every critical step was done.
    pub all_critical_steps_done: Option<bool>,
}

/// The validation as the tracker shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationSummary {
    pub date: Date,
    pub validated_by: MentorId,
    pub visit: Option<VisitId>,
    pub evaluations_to_validation: u32,
    /// From the first assessment on the competency to validation.
    pub days_to_validation: i64,
}

/// One row of the tracker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub mentee: MenteeId,
    pub competency: CompetencyId,
    /// Every attempt, oldest first.
    pub attempts: Vec<Attempt>,
    /// The first pre-test.
    pub baseline_knowledge: Option<Attempt>,
    /// The first skills assessment.
    pub baseline_skills: Option<Attempt>,
    /// The best skills score (earliest among equals).
    pub best_skills: Option<Attempt>,
    pub latest_skills: Option<Attempt>,
    pub latest_post_test: Option<Attempt>,
    pub validation: Option<ValidationSummary>,
}

fn attempt(assessment: &Assessment) -> Attempt {
    let kind = match &assessment.kind {
        AssessmentKind::KnowledgeTest { phase, .. } => AttemptKind::KnowledgeTest(*phase),
        AssessmentKind::Observation { purpose, .. } => AttemptKind::Observation(*purpose),
        AssessmentKind::ChwGroupAssessment { .. } => AttemptKind::ChwGroupAssessment,
    };
    Attempt {
        assessment: assessment.id,
        date: assessment.date,
        kind,
        score: assessment.score,
        all_critical_steps_done: assessment
            .checklist_result()
            .map(|result| result.critical_steps_missed.is_empty()),
    }
}

/// The tracker row for one mentee and competency.
pub fn progress(
    mentee: MenteeId,
    competency: &CompetencyId,
    assessments: &[Assessment],
    validations: &[Validation],
) -> ProgressEntry {
    let mut attempts: Vec<Attempt> = assessments
        .iter()
        .filter(|assessment| assessment.mentee == mentee && &assessment.competency == competency)
        .map(attempt)
        .collect();
    attempts.sort_by_key(|attempt| (attempt.date, attempt.assessment));
    let skills = || attempts.iter().filter(|attempt| attempt.kind.is_skills());
    let best_skills = skills()
        .fold(None::<&Attempt>, |best, candidate| match best {
            Some(best) if best.score.cmp_value(candidate.score).is_ge() => Some(best),
            _ => Some(candidate),
        })
        .cloned();
    let first_date = attempts.first().map(|attempt| attempt.date);
    let validation = validations
        .iter()
        .filter(|validation| validation.mentee == mentee && &validation.competency == competency)
        .min_by_key(|validation| (validation.date, validation.id))
        .map(|validation| ValidationSummary {
            date: validation.date,
            validated_by: validation.validated_by,
            visit: validation.visit,
            evaluations_to_validation: validation.evaluations_to_validation,
            days_to_validation: first_date.map_or(0, |first| first.days_until(validation.date)),
        });
    ProgressEntry {
        mentee,
        competency: competency.clone(),
        baseline_knowledge: attempts
            .iter()
            .find(|a| a.kind == AttemptKind::KnowledgeTest(TestPhase::PreTest))
            .cloned(),
        baseline_skills: skills().next().cloned(),
        best_skills,
        latest_skills: skills().next_back().cloned(),
        latest_post_test: attempts
            .iter()
            .rev()
            .find(|a| a.kind == AttemptKind::KnowledgeTest(TestPhase::PostTest))
            .cloned(),
        validation,
        attempts,
    }
}

/// Every tracker row of a dataset: one per mentee × competency with any assessment or
/// validation, sorted by mentee then competency.
pub fn progress_tracker(dataset: &Dataset) -> Vec<ProgressEntry> {
    let pairs: BTreeSet<(MenteeId, &CompetencyId)> = dataset
        .assessments
        .iter()
        .map(|assessment| (assessment.mentee, &assessment.competency))
        .chain(
            dataset
                .validations
                .iter()
                .map(|validation| (validation.mentee, &validation.competency)),
        )
        .collect();
    pairs
        .into_iter()
        .map(|(mentee, competency)| {
            progress(
                mentee,
                competency,
                &dataset.assessments,
                &dataset.validations,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
