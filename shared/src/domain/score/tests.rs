use super::*;

#[track_caller]
fn check(
    achieved: u32,
    applicable: u32,
    threshold_bp: u16,
    expect_meets: bool,
    expect_floor_bp: u16,
) {
    let score = Score::new(achieved, applicable).expect("valid score");
    let threshold = Percent::from_basis_points(threshold_bp).expect("valid threshold");
    assert_eq!(
        score.meets(threshold),
        expect_meets,
        "{achieved}/{applicable} vs {threshold_bp}bp"
    );
    assert_eq!(score.basis_points_floor(), expect_floor_bp);
}

#[test]
fn exact_boundary() {
    check(85, 100, 8500, true, 8500);
    check(17, 20, 8500, true, 8500);
    check(8499, 10_000, 8500, false, 8499);
    check(84, 100, 8500, false, 8400);
    check(6, 7, 8500, true, 8571);
    check(5, 6, 8500, false, 8333);
    check(0, 1, 0, true, 0);
    check(1, 1, 10_000, true, 10_000);
    check(2, 3, 6667, false, 6666);
    check(u32::MAX, u32::MAX, 10_000, true, 10_000);
}

#[test]
fn invalid_scores_are_rejected() {
    assert_eq!(Score::new(0, 0), Err(ScoreError::NothingApplicable));
    assert_eq!(
        Score::new(3, 2),
        Err(ScoreError::AchievedExceedsApplicable {
            achieved: 3,
            applicable: 2
        })
    );
    assert!(serde_json::from_str::<Score>(r#"{"achieved":3,"applicable":2}"#).is_err());
    assert!(Percent::from_basis_points(10_001).is_err());
}

#[test]
fn value_comparison_ignores_parts() {
    let half = Score::new(1, 2).expect("valid");
    let two_quarters = Score::new(2, 4).expect("valid");
    assert_eq!(half.cmp_value(two_quarters), Ordering::Equal);
    assert_eq!(
        Score::new(3, 4).expect("valid").cmp_value(half),
        Ordering::Greater
    );
}

#[track_caller]
fn check_percent(numerator: u32, denominator: u32, expect: Option<u32>) {
    assert_eq!(
        Proportion::new(numerator, denominator).percent_rounded(),
        expect
    );
}

#[test]
fn proportions_round_half_up() {
    check_percent(80, 137, Some(58));
    check_percent(71, 84, Some(85));
    check_percent(143, 155, Some(92));
    check_percent(1, 8, Some(13));
    check_percent(1, 3, Some(33));
    check_percent(0, 5, Some(0));
    check_percent(5, 5, Some(100));
    check_percent(0, 0, None);
}
