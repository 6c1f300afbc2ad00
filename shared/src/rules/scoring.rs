//! Scoring: a checklist's score is achieved weight over applicable weight, N/A steps excluded;
//! a knowledge test's is correct answers over questions. Both exact (see [`Score`]).
//!
//! Responses come from a device, so mismatches with the checklist are errors, not panics.

use std::collections::BTreeSet;

use crate::catalogue::{Checklist, KnowledgeTest};
use crate::domain::{
    ChecklistResult, ItemId, ItemMark, ItemResponse, KnowledgeAnswer, OptionId, QuestionId, Score,
};

/// Why a set of responses cannot be scored against a checklist or test version.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScoringError {
    #[error("step {0} is not in this checklist version")]
    UnknownStep(ItemId),
    #[error("step {0} is marked twice")]
    DuplicateResponse(ItemId),
    #[error("step {0} is not marked")]
    MissingResponse(ItemId),
    #[error("step {0} does not allow not applicable")]
    NotApplicableNotAllowed(ItemId),
    #[error("every step is not applicable: nothing to score")]
    NothingApplicable,
    #[error("question {0} is not in this test version")]
    UnknownQuestion(QuestionId),
    #[error("question {0} is answered twice")]
    DuplicateAnswer(QuestionId),
    #[error("option {option} is not an option of question {question}")]
    UnknownOption {
        question: QuestionId,
        option: OptionId,
    },
    #[error("the test has no questions")]
    EmptyTest,
}

/// The outcome of marking a checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistOutcome {
    pub score: Score,
    /// Critical steps marked not done, in checklist order. A critical step marked N/A (where
    /// allowed) does not count as missed.
    pub critical_steps_missed: Vec<ItemId>,
}

impl ChecklistOutcome {
    pub fn all_critical_steps_done(&self) -> bool {
        self.critical_steps_missed.is_empty()
    }
}

/// Scores a fully marked checklist: every step marked exactly once.
pub fn score_checklist(
    checklist: &Checklist,
    responses: &[ItemResponse],
) -> Result<ChecklistOutcome, ScoringError> {
    let mut seen = BTreeSet::new();
    for response in responses {
        if checklist.item(&response.item).is_none() {
            return Err(ScoringError::UnknownStep(response.item.clone()));
        }
        if !seen.insert(&response.item) {
            return Err(ScoringError::DuplicateResponse(response.item.clone()));
        }
    }
    let mut achieved: u32 = 0;
    let mut applicable: u32 = 0;
    let mut critical_steps_missed = Vec::new();
    for step in checklist.items() {
        let mark = responses
            .iter()
            .find(|response| response.item == step.id)
            .map(|response| response.mark)
            .ok_or_else(|| ScoringError::MissingResponse(step.id.clone()))?;
        match mark {
            ItemMark::NotApplicable if !step.na_allowed => {
                return Err(ScoringError::NotApplicableNotAllowed(step.id.clone()));
            }
            ItemMark::NotApplicable => {}
            ItemMark::Done => {
                achieved = achieved.saturating_add(step.weight);
                applicable = applicable.saturating_add(step.weight);
            }
            ItemMark::NotDone => {
                applicable = applicable.saturating_add(step.weight);
                if step.critical {
                    critical_steps_missed.push(step.id.clone());
                }
            }
        }
    }
    let score = Score::new(achieved, applicable).map_err(|_| ScoringError::NothingApplicable)?;
    Ok(ChecklistOutcome {
        score,
        critical_steps_missed,
    })
}

/// Scores a checklist and packages the result as stored on an assessment.
pub fn checklist_result(
    checklist: &Checklist,
    responses: Vec<ItemResponse>,
) -> Result<(Score, ChecklistResult), ScoringError> {
    let outcome = score_checklist(checklist, &responses)?;
    let result = ChecklistResult {
        checklist_version: checklist.version,
        responses,
        critical_steps_missed: outcome.critical_steps_missed,
    };
    Ok((outcome.score, result))
}

/// Scores a knowledge test: one point per correct answer; unanswered questions score zero.
pub fn score_knowledge_test(
    test: &KnowledgeTest,
    answers: &[KnowledgeAnswer],
) -> Result<Score, ScoringError> {
    let mut seen = BTreeSet::new();
    let mut correct: u32 = 0;
    for answer in answers {
        let question = test
            .question(&answer.question)
            .ok_or_else(|| ScoringError::UnknownQuestion(answer.question.clone()))?;
        if !seen.insert(&answer.question) {
            return Err(ScoringError::DuplicateAnswer(answer.question.clone()));
        }
        if let Some(chosen) = &answer.chosen {
            if !question.options.iter().any(|option| &option.id == chosen) {
                return Err(ScoringError::UnknownOption {
                    question: question.id.clone(),
                    option: chosen.clone(),
                });
            }
            if chosen == &question.answer {
                correct += 1;
            }
        }
    }
    let total = u32::try_from(test.questions.len()).unwrap_or(u32::MAX);
    Score::new(correct, total).map_err(|_| ScoringError::EmptyTest)
}

#[cfg(test)]
mod tests;
