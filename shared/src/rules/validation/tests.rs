use super::*;
use crate::date;
use crate::domain::{ObservationPurpose, Percent, TestPhase};
use crate::rules::fixtures::{self, group, observation, post, test};
use crate::rules::policy::ClassThresholds;

#[track_caller]
fn check(assessment: Assessment, expect: &[ValidationGap]) {
    assert_eq!(
        validation_gaps(&ValidationPolicy::default(), &assessment),
        expect
    );
}

fn below(achieved: u32, applicable: u32) -> ValidationGap {
    ValidationGap::BelowPassMark {
        score: Score::new(achieved, applicable).expect("valid"),
    }
}

#[test]
fn gaps_to_validation() {
    let d = date!(2021, 3, 4);
    check(post(1, d, 17, 20, &[]), &[]);
    check(post(1, d, 20, 20, &[]), &[]);
    check(post(1, d, 8500, 10_000, &[]), &[]);
    check(post(1, d, 8499, 10_000, &[]), &[below(8499, 10_000)]);
    check(post(1, d, 16, 20, &[]), &[below(16, 20)]);
    check(
        post(1, d, 19, 20, &["oxytocin_10iu"]),
        &[ValidationGap::CriticalStepsMissed {
            steps: vec![ItemId::new("oxytocin_10iu")],
        }],
    );
    check(
        post(1, d, 10, 20, &["a"]),
        &[
            below(10, 20),
            ValidationGap::CriticalStepsMissed {
                steps: vec![ItemId::new("a")],
            },
        ],
    );
    check(
        observation(
            1,
            d,
            ObservationPurpose::Coaching,
            CaseKind::Simulated,
            20,
            20,
            &[],
        ),
        &[ValidationGap::NotAValidationAssessment],
    );
    check(
        observation(
            1,
            d,
            ObservationPurpose::PostMentorship,
            CaseKind::Real {
                patient_consent: false,
            },
            20,
            20,
            &[],
        ),
        &[ValidationGap::NoPatientConsent],
    );
    check(
        observation(
            1,
            d,
            ObservationPurpose::PostMentorship,
            CaseKind::Real {
                patient_consent: true,
            },
            20,
            20,
            &[],
        ),
        &[],
    );
    check(group(1, d, 9, 10), &[]);
    check(
        test(1, d, TestPhase::PostTest, 10, 10),
        &[ValidationGap::NotAValidationAssessment],
    );
}

#[test]
fn critical_steps_can_be_waived_by_policy() {
    let policy = ValidationPolicy {
        require_all_critical_steps: false,
        ..ValidationPolicy::default()
    };
    assert_eq!(
        validation_gaps(&policy, &post(1, date!(2021, 3, 4), 19, 20, &["x"])),
        []
    );
}

#[track_caller]
fn check_class(achieved: u32, applicable: u32, missed: usize, expect: Option<CompetencyClass>) {
    let policy = ValidationPolicy {
        classes: Some(ClassThresholds {
            competent: Percent::whole(85),
            needs_improvement: Percent::whole(50),
        }),
        ..ValidationPolicy::default()
    };
    assert_eq!(
        classify(
            &policy,
            Score::new(achieved, applicable).expect("valid"),
            missed
        ),
        expect
    );
}

#[test]
fn competency_classes() {
    use CompetencyClass::*;
    check_class(17, 20, 0, Some(Competent));
    check_class(17, 20, 1, Some(NeedsImprovement));
    check_class(8499, 10_000, 0, Some(NeedsImprovement));
    check_class(1, 2, 0, Some(NeedsImprovement));
    check_class(4999, 10_000, 0, Some(NotCompetent));
    check_class(0, 5, 3, Some(NotCompetent));
    assert_eq!(
        classify(
            &ValidationPolicy::default(),
            Score::new(1, 1).expect("valid"),
            0
        ),
        None
    );
}

#[test]
fn validation_counts_evaluations_and_records_who_when_where() {
    let policy = ValidationPolicy::default();
    let first = post(1, date!(2021, 1, 10), 12, 20, &[]);
    let coaching = observation(
        2,
        date!(2021, 2, 10),
        ObservationPurpose::Coaching,
        CaseKind::Simulated,
        15,
        20,
        &[],
    );
    let pre_test = test(3, date!(2021, 1, 9), TestPhase::PreTest, 2, 6);
    let passing = post(4, date!(2021, 3, 10), 18, 20, &[]);
    let later = post(5, date!(2021, 4, 10), 20, 20, &[]);
    let history = [first.clone(), coaching, pre_test, passing.clone(), later];
    let id = ValidationId::from_u128(99);
    let validation = validate(&policy, id, &passing, &history, &[]).expect("validates");
    assert_eq!(validation.evaluations_to_validation, 3);
    assert_eq!(
        (validation.date, validation.validated_by, validation.visit),
        (date!(2021, 3, 10), fixtures::MENTOR, Some(fixtures::VISIT))
    );
    assert_eq!(
        (
            validation.mentee,
            validation.competency.clone(),
            validation.assessment
        ),
        (fixtures::MENTEE, fixtures::hbb(), passing.id)
    );
    assert_eq!(
        validate(&policy, id, &passing, &history, &[validation]),
        Err(ValidationRefused::AlreadyValidated)
    );
    assert_eq!(
        validate(&policy, id, &first, &history, &[]),
        Err(ValidationRefused::Gaps(vec![below(12, 20)]))
    );
}

/// A coaching observation in the morning and the validating one in the afternoon of the same
/// day: the count is the evaluations made (2), whichever of the two random ids sorts first.
#[test]
fn evaluations_on_one_day_count_in_the_order_they_were_recorded() {
    let policy = ValidationPolicy::default();
    let day = date!(2024, 5, 6);
    let at = |mut assessment: Assessment, ms: Option<u64>| {
        assessment.recorded_at = ms;
        assessment
    };
    let morning_coaching = |id| {
        observation(
            id,
            day,
            ObservationPurpose::Coaching,
            CaseKind::Simulated,
            10,
            20,
            &[],
        )
    };
    let cases = [
        // (coaching id, its time, validating id, its time, expected evaluations)
        (1, Some(1_000), 2, Some(2_000), 2),
        (2, Some(1_000), 1, Some(2_000), 2),
        // Recorded after the validating observation: it did not come before it.
        (1, Some(3_000), 2, Some(2_000), 1),
        (2, Some(3_000), 1, Some(2_000), 1),
        // A record from an app that kept no time came first on its day.
        (2, None, 1, Some(2_000), 2),
        (1, Some(1_000), 2, None, 1),
    ];
    for (coaching_id, coaching_at, passing_id, passing_at, expected) in cases {
        let coaching = at(morning_coaching(coaching_id), coaching_at);
        let passing = at(post(passing_id, day, 19, 20, &[]), passing_at);
        let history = [passing.clone(), coaching];
        let validation = validate(
            &policy,
            ValidationId::from_u128(99),
            &passing,
            &history,
            &[],
        )
        .expect("validates");
        assert_eq!(
            validation.evaluations_to_validation, expected,
            "coaching {coaching_id}@{coaching_at:?}, validating {passing_id}@{passing_at:?}"
        );
    }
}
