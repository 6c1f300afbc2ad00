use super::*;
use crate::date;
use crate::domain::{CaseKind, ValidationId};
use crate::rules::fixtures::{self, observation, post, test};
use crate::rules::{ValidationPolicy, validate};

fn ids(attempt: &Option<Attempt>) -> Option<AssessmentId> {
    attempt.as_ref().map(|attempt| attempt.assessment)
}

/// Expect (baseline knowledge, baseline skills, best, latest skills, latest post-test) by the
/// fixture number of the assessment, and the validation's (evaluations, days) if any.
#[track_caller]
fn check(
    assessments: &[Assessment],
    validate_with: Option<u128>,
    expect: [Option<u128>; 5],
    expect_validation: Option<(u32, i64)>,
) {
    let validations: Vec<Validation> = validate_with
        .into_iter()
        .map(|id| {
            let candidate = assessments
                .iter()
                .find(|a| a.id == AssessmentId::from_u128(id))
                .expect("candidate exists");
            validate(
                &ValidationPolicy::default(),
                ValidationId::from_u128(1),
                candidate,
                assessments,
                &[],
            )
            .expect("validates")
        })
        .collect();
    let entry = progress(
        fixtures::MENTEE,
        &fixtures::hbb(),
        assessments,
        &validations,
    );
    let got = [
        &entry.baseline_knowledge,
        &entry.baseline_skills,
        &entry.best_skills,
        &entry.latest_skills,
        &entry.latest_post_test,
    ]
    .map(ids);
    assert_eq!(got, expect.map(|id| id.map(AssessmentId::from_u128)));
    assert_eq!(
        entry
            .validation
            .map(|v| (v.evaluations_to_validation, v.days_to_validation)),
        expect_validation
    );
    assert_eq!(entry.attempts.len(), assessments.len());
}

#[test]
fn tracker_rows() {
    use crate::domain::{ObservationPurpose::*, TestPhase::*};
    let pre = test(1, date!(2021, 1, 4), PreTest, 2, 6);
    let baseline = observation(
        2,
        date!(2021, 1, 5),
        Baseline,
        CaseKind::Simulated,
        9,
        20,
        &["a"],
    );
    let coaching = observation(
        3,
        date!(2021, 2, 5),
        Coaching,
        CaseKind::Simulated,
        16,
        20,
        &[],
    );
    let passing = post(4, date!(2021, 3, 5), 18, 20, &[]);
    let post_test = test(5, date!(2021, 3, 6), PostTest, 6, 6);
    let equal_later = post(6, date!(2021, 4, 5), 9, 10, &[]);
    check(&[], None, [None; 5], None);
    check(
        std::slice::from_ref(&pre),
        None,
        [Some(1), None, None, None, None],
        None,
    );
    check(
        &[baseline.clone(), pre.clone()],
        None,
        [Some(1), Some(2), Some(2), Some(2), None],
        None,
    );
    check(
        &[coaching.clone(), baseline.clone(), pre.clone()],
        None,
        [Some(1), Some(2), Some(3), Some(3), None],
        None,
    );
    check(
        &[
            pre.clone(),
            baseline.clone(),
            coaching.clone(),
            passing.clone(),
            post_test.clone(),
        ],
        Some(4),
        [Some(1), Some(2), Some(4), Some(4), Some(5)],
        Some((3, 60)),
    );
    check(
        &[pre, baseline, coaching, passing, post_test, equal_later],
        Some(4),
        [Some(1), Some(2), Some(4), Some(6), Some(5)],
        Some((3, 60)),
    );
}

#[test]
fn tracker_covers_every_pair() {
    let dataset = Dataset {
        assessments: vec![post(1, date!(2021, 1, 1), 1, 2, &[])],
        ..Dataset::default()
    };
    let rows = progress_tracker(&dataset);
    assert_eq!(
        rows.iter()
            .map(|row| (row.mentee, row.competency.clone()))
            .collect::<Vec<_>>(),
        [(fixtures::MENTEE, fixtures::hbb())]
    );
}
