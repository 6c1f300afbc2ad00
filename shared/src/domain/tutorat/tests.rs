use super::*;
use crate::date;

#[track_caller]
fn check(steps: &[(TutoratStep, Date)], expect: Result<Option<TutoratStep>, TutoratError>) {
    let mut cycle = TutoratCycle::new(
        TutoratCycleId::from_u128(1),
        PlaceId::from_u128(2),
        MentorId::from_u128(3),
    );
    let outcome = steps
        .iter()
        .try_for_each(|&(step, date)| cycle.record(step, date))
        .map(|()| cycle.next_step());
    assert_eq!(outcome, expect);
}

use TutoratStep::*;

#[test]
fn steps_are_recorded_in_order() {
    let d = date!(2011, 3, 1);
    check(&[], Ok(Some(SituationalAnalysis)));
    check(&[(SituationalAnalysis, d)], Ok(Some(ThreeDayTraining)));
    check(
        &[(ThreeDayTraining, d)],
        Err(TutoratError::OutOfOrder {
            attempted: ThreeDayTraining,
            expected: SituationalAnalysis,
        }),
    );
    check(
        &[(SituationalAnalysis, d), (CoachingWeek, d)],
        Err(TutoratError::OutOfOrder {
            attempted: CoachingWeek,
            expected: ThreeDayTraining,
        }),
    );
    check(
        &[
            (SituationalAnalysis, d),
            (ThreeDayTraining, date!(2011, 2, 1)),
        ],
        Err(TutoratError::DatedBeforePrevious {
            date: date!(2011, 2, 1),
            previous: d,
        }),
    );
    let all: Vec<_> = TutoratStep::ALL.iter().map(|&step| (step, d)).collect();
    check(&all, Ok(None));
    let mut too_many = all.clone();
    too_many.push((DebriefAndHandover, d));
    check(&too_many, Err(TutoratError::AlreadyComplete));
}
