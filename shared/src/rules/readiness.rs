//! Where a mentee stands on one competency, and what comes next: the status shown in the
//! facility matrix, whether the validation rule is met (post-test at the pass mark, and a
//! post-mentorship observation at the pass mark with every critical step done), the next
//! assessment to suggest, and the weak steps a coaching plan should target.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::policy::ValidationPolicy;
use super::validation::{ValidationGap, validation_gaps};
use crate::catalogue::Checklist;
use crate::domain::{
    Assessment, AssessmentKind, ItemId, ItemMark, ObservationPurpose, Score, TestPhase, Validation,
};

/// A mentee's status on a competency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetencyStatus {
    NotStarted,
    InCoaching,
    Validated,
}

/// The assessment to suggest next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    PreTest,
    CoachingObservation,
    PostTest,
    PostMentorshipObservation,
    /// The rule is met: the mentor may confirm the validation.
    ConfirmValidation,
}

/// Where a mentee stands on one competency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readiness {
    pub status: CompetencyStatus,
    /// The latest post-test's score and whether it reaches the pass mark.
    pub post_test: Option<(Score, bool)>,
    /// The latest post-mentorship observation (or CHW group assessment) and its gaps.
    pub observation: Option<(Assessment, Vec<ValidationGap>)>,
    /// Both halves of the rule are met.
    pub meets_rule: bool,
    /// `None` once validated.
    pub next: Option<NextStep>,
}

impl Readiness {
    /// The assessment a mentor may confirm a validation from: the rule is met and the
    /// competency is not validated yet (a second validation would be refused).
    pub fn validation_candidate(&self) -> Option<&Assessment> {
        self.observation
            .as_ref()
            .filter(|_| self.next == Some(NextStep::ConfirmValidation))
            .map(|(assessment, _)| assessment)
    }
}

/// Evaluates one mentee's assessments and validations on one competency (both already
/// filtered to that pair).
pub fn readiness(
    policy: &ValidationPolicy,
    assessments: &[Assessment],
    validations: &[Validation],
) -> Readiness {
    let mut sorted: Vec<&Assessment> = assessments.iter().collect();
    sorted.sort_by_key(|a| a.order_key());
    let latest_post_test = sorted
        .iter()
        .rev()
        .find(|a| a.test_phase() == Some(TestPhase::PostTest));
    let post_test = latest_post_test.map(|a| (a.score, a.score.meets(policy.pass_mark)));
    let observation = sorted
        .iter()
        .rev()
        .find(|a| a.is_validation_evidence())
        .map(|a| ((*a).clone(), validation_gaps(policy, a)));
    let post_ok = post_test.is_some_and(|(_, ok)| ok);
    let observation_ok = observation
        .as_ref()
        .is_some_and(|(_, gaps)| gaps.is_empty());
    let status = if !validations.is_empty() {
        CompetencyStatus::Validated
    } else if sorted.is_empty() {
        CompetencyStatus::NotStarted
    } else {
        CompetencyStatus::InCoaching
    };
    let tested = sorted.iter().any(|a| a.test_phase().is_some());
    let observed = sorted.iter().any(|a| a.checklist_result().is_some());
    let next = if status == CompetencyStatus::Validated {
        None
    } else if !tested {
        Some(NextStep::PreTest)
    } else if !observed {
        Some(NextStep::CoachingObservation)
    } else if !post_ok {
        Some(NextStep::PostTest)
    } else if !observation_ok {
        Some(NextStep::PostMentorshipObservation)
    } else {
        Some(NextStep::ConfirmValidation)
    };
    Readiness {
        status,
        post_test,
        observation,
        meets_rule: post_ok && observation_ok,
        next,
    }
}

/// A step the mentee did not do in recent observations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeakStep {
    pub item: ItemId,
    pub critical: bool,
    /// In how many of the observations looked at it was not done.
    pub times_missed: u32,
}

/// The steps marked not done in the latest `last_n` observations of a competency, critical
/// steps first, then the most often missed, then checklist order.
pub fn weak_steps(
    assessments: &[Assessment],
    checklist: &Checklist,
    last_n: usize,
) -> Vec<WeakStep> {
    let mut observed: Vec<&Assessment> = assessments
        .iter()
        .filter(|a| matches!(a.kind, AssessmentKind::Observation { .. }))
        .collect();
    observed.sort_by_key(|a| a.order_key());
    let mut missed: BTreeMap<&ItemId, u32> = BTreeMap::new();
    for assessment in observed.iter().rev().take(last_n) {
        for response in assessment
            .checklist_result()
            .map_or(&[][..], |r| &r.responses)
        {
            if response.mark == ItemMark::NotDone {
                *missed.entry(&response.item).or_default() += 1;
            }
        }
    }
    let mut steps: Vec<(usize, WeakStep)> = checklist
        .items()
        .enumerate()
        .filter_map(|(order, item)| {
            missed.get(&item.id).map(|times| {
                (
                    order,
                    WeakStep {
                        item: item.id.clone(),
                        critical: item.critical,
                        times_missed: *times,
                    },
                )
            })
        })
        .collect();
    steps.sort_by_key(|(order, step)| {
        (!step.critical, std::cmp::Reverse(step.times_missed), *order)
    });
    steps.into_iter().map(|(_, step)| step).collect()
}

/// Whether an observation was made to validate (as opposed to baseline or coaching).
pub fn is_post_mentorship(assessment: &Assessment) -> bool {
    matches!(
        assessment.kind,
        AssessmentKind::Observation {
            purpose: ObservationPurpose::PostMentorship,
            ..
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseKind, Date};
    use crate::rules::fixtures::{observation, post, test};

    fn day(d: u8) -> Date {
        Date::new(2024, 3, d).expect("valid date")
    }

    #[test]
    fn nothing_recorded_is_not_started_and_suggests_a_pre_test() {
        let r = readiness(&ValidationPolicy::default(), &[], &[]);
        assert_eq!(r.status, CompetencyStatus::NotStarted);
        assert_eq!(r.next, Some(NextStep::PreTest));
        assert!(!r.meets_rule);
    }

    #[test]
    fn the_cycle_moves_from_pre_test_to_confirmation() {
        let policy = ValidationPolicy::default();
        let mut history = vec![test(1, day(1), TestPhase::PreTest, 4, 10)];
        assert_eq!(
            readiness(&policy, &history, &[]).next,
            Some(NextStep::CoachingObservation)
        );
        history.push(observation(
            2,
            day(2),
            ObservationPurpose::Coaching,
            CaseKind::Simulated,
            5,
            10,
            &[],
        ));
        assert_eq!(
            readiness(&policy, &history, &[]).next,
            Some(NextStep::PostTest)
        );
        history.push(test(3, day(3), TestPhase::PostTest, 8, 10));
        let r = readiness(&policy, &history, &[]);
        assert_eq!(
            r.post_test.map(|(_, ok)| ok),
            Some(false),
            "80% is below 85%"
        );
        assert_eq!(r.next, Some(NextStep::PostTest));
        history.push(test(4, day(4), TestPhase::PostTest, 9, 10));
        assert_eq!(
            readiness(&policy, &history, &[]).next,
            Some(NextStep::PostMentorshipObservation)
        );
        history.push(post(5, day(5), 10, 10, &["ventilate"]));
        let r = readiness(&policy, &history, &[]);
        assert!(!r.meets_rule, "a missed critical step blocks validation");
        assert_eq!(r.status, CompetencyStatus::InCoaching);
        history.push(post(6, day(6), 9, 10, &[]));
        let r = readiness(&policy, &history, &[]);
        assert!(r.meets_rule);
        assert_eq!(r.next, Some(NextStep::ConfirmValidation));
        assert_eq!(r.validation_candidate().map(|a| a.id), Some(history[5].id));
    }

    #[test]
    fn a_validated_competency_offers_no_second_validation() {
        let policy = ValidationPolicy::default();
        let history = vec![
            test(1, day(1), TestPhase::PostTest, 9, 10),
            post(2, day(2), 10, 10, &[]),
        ];
        let validation = crate::rules::validate(
            &policy,
            crate::domain::ValidationId::from_u128(7),
            &history[1],
            &history,
            &[],
        )
        .expect("validates");
        let r = readiness(&policy, &history, &[validation]);
        assert!(r.meets_rule, "the rule stays met");
        assert_eq!(r.status, CompetencyStatus::Validated);
        assert_eq!(r.validation_candidate(), None);
    }

    #[test]
    fn exactly_the_pass_mark_passes() {
        let policy = ValidationPolicy::default();
        let history = vec![
            test(1, day(1), TestPhase::PostTest, 17, 20),
            post(2, day(2), 17, 20, &[]),
        ];
        assert!(readiness(&policy, &history, &[]).meets_rule);
    }
}
