//! Outcome reports: time to validation, knowledge gains from pre-test to post-test, and
//! completion of QI action plans.

use serde::{Deserialize, Serialize};

use super::tables::count;
use crate::domain::{CompetencyId, Dataset, Date, MenteeId, Proportion, QiActionStatus, Score};
use crate::rules::progress_tracker;

/// How long validation took, over every validated mentee × competency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeToValidation {
    pub validations: u32,
    /// Days from the first assessment on the competency to validation, ascending.
    pub days: Vec<i64>,
    /// The lower median of `days`; `None` without validations.
    pub median_days: Option<i64>,
    /// Total evaluations to validation over validations: the mean, kept exact.
    pub mean_evaluations: Proportion,
}

pub fn time_to_validation(dataset: &Dataset) -> TimeToValidation {
    let validated: Vec<_> = progress_tracker(dataset)
        .into_iter()
        .filter_map(|row| row.validation)
        .collect();
    let mut days: Vec<i64> = validated.iter().map(|v| v.days_to_validation).collect();
    days.sort_unstable();
    let median_days = days
        .len()
        .checked_sub(1)
        .and_then(|last| days.get(last / 2))
        .copied();
    let evaluations: u32 = validated.iter().map(|v| v.evaluations_to_validation).sum();
    TimeToValidation {
        validations: count(validated.len()),
        median_days,
        days,
        mean_evaluations: Proportion::new(evaluations, count(validated.len())),
    }
}

/// One mentee's knowledge gain on one competency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreGain {
    pub mentee: MenteeId,
    pub competency: CompetencyId,
    /// The first pre-test.
    pub pre_test: Score,
    /// The latest post-test.
    pub post_test: Score,
    /// Post minus pre, in basis points (negative for a loss).
    pub gain_basis_points: i32,
}

/// Gains for every mentee × competency with both a pre-test and a post-test, sorted.
pub fn pre_post_gains(dataset: &Dataset) -> Vec<ScoreGain> {
    progress_tracker(dataset)
        .into_iter()
        .filter_map(|row| {
            let pre_test = row.baseline_knowledge?.score;
            let post_test = row.latest_post_test?.score;
            Some(ScoreGain {
                mentee: row.mentee,
                competency: row.competency,
                pre_test,
                post_test,
                gain_basis_points: i32::from(post_test.basis_points_floor())
                    - i32::from(pre_test.basis_points_floor()),
            })
        })
        .collect()
}

/// Completion of QI action plans as of a date; dropped actions are left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QiCompletion {
    pub actions: u32,
    /// Done over actions.
    pub done: Proportion,
    /// Done by their due date, over actions.
    pub done_on_time: Proportion,
    /// Not done and past due on `as_of`.
    pub overdue: u32,
}

pub fn qi_action_completion(dataset: &Dataset, as_of: Date) -> QiCompletion {
    let actions: Vec<_> = dataset
        .qi_projects
        .iter()
        .flat_map(|project| &project.actions)
        .filter(|action| action.status != QiActionStatus::Dropped)
        .collect();
    let total = count(actions.len());
    let done = actions
        .iter()
        .filter(|action| action.status == QiActionStatus::Done);
    let on_time = done
        .clone()
        .filter(|action| action.completed_on.is_some_and(|date| date <= action.due))
        .count();
    let overdue = actions
        .iter()
        .filter(|action| action.status != QiActionStatus::Done && action.due < as_of)
        .count();
    QiCompletion {
        actions: total,
        done: Proportion::new(count(done.count()), total),
        done_on_time: Proportion::new(count(on_time), total),
        overdue: count(overdue),
    }
}
