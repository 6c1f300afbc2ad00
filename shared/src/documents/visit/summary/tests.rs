//! The month summary, with numbers worked out by hand in the comments.

use super::*;
use crate::date;
use crate::rules::{CadencePeriod, CadenceTarget};

const fn ym(year: i32, month: u8) -> YearMonth {
    YearMonth { year, month }
}

#[test]
fn months_between_crosses_years() {
    assert_eq!(
        months_between(ym(2023, 11), ym(2024, 2)),
        [ym(2023, 11), ym(2023, 12), ym(2024, 1), ym(2024, 2)]
    );
    assert!(months_between(ym(2024, 2), ym(2024, 1)).is_empty());
}

#[test]
fn district_cadence_two_visits_a_month() {
    // District-based mentor (Ingobyi): 2 two-day visits a month.
    let target = CadenceTarget {
        visits: 2,
        per: CadencePeriod::Month,
        days_per_visit: 2,
    };
    let visits = [
        (date!(2024, 3, 4), VisitState::Done),
        (date!(2024, 3, 18), VisitState::Done),
        (date!(2024, 3, 25), VisitState::Cancelled),
        (date!(2024, 4, 8), VisitState::Done),
        (date!(2024, 4, 22), VisitState::Planned),
        (date!(2024, 5, 6), VisitState::InProgress),
    ];
    let rows = month_summary(&visits, target, &months_between(ym(2024, 3), ym(2024, 6)));
    let view: Vec<_> = rows
        .iter()
        .map(|r| (r.planned, r.done, r.cancelled, r.target, r.standing))
        .collect();
    assert_eq!(
        view,
        [
            (2, 2, 1, 2, Standing::Met),
            (2, 1, 0, 2, Standing::OnTrack),
            (1, 0, 0, 2, Standing::Below),
            (0, 0, 0, 2, Standing::Below),
        ]
    );
}

#[test]
fn quarterly_and_weekly_targets_are_judged_on_their_period() {
    // CEHO: one visit a quarter; a visit done in February meets January to March.
    let quarterly = CadenceTarget {
        visits: 1,
        per: CadencePeriod::Quarter,
        days_per_visit: 1,
    };
    let visits = [(date!(2024, 2, 10), VisitState::Done)];
    let rows = month_summary(
        &visits,
        quarterly,
        &months_between(ym(2024, 1), ym(2024, 4)),
    );
    let view: Vec<_> = rows
        .iter()
        .map(|r| (r.done, r.done_in_period, r.standing))
        .collect();
    assert_eq!(
        view,
        [
            (0, 1, Standing::Met),
            (1, 1, Standing::Met),
            (0, 1, Standing::Met),
            (0, 0, Standing::Below)
        ]
    );

    // RBC: three visits a week; February 2024 has 29 days: 3 × 29 / 7 = 12 (12.4, whole visits).
    let weekly = CadenceTarget {
        visits: 3,
        per: CadencePeriod::Week,
        days_per_visit: 1,
    };
    let targets: Vec<_> = month_summary(&[], weekly, &[ym(2024, 2), ym(2023, 2), ym(2024, 3)])
        .iter()
        .map(|r| r.target)
        .collect();
    // 3 × 28 / 7 = 12; 3 × 31 / 7 = 13 (13.3).
    assert_eq!(targets, [12, 12, 13]);
}
