use super::*;

#[track_caller]
fn check(reported: u32, recounted: u32, expect_factor_percent: Option<u32>, expect: DataAccuracy) {
    let count = IndicatorCount {
        indicator: IndicatorId::new("facility_births"),
        reported,
        recounted,
    };
    let checked = check_indicator(&count, Percent::whole(10));
    assert_eq!(
        checked.factor.and_then(Proportion::percent_rounded),
        expect_factor_percent
    );
    assert_eq!(checked.accuracy, expect);
}

#[test]
fn verification_factor_and_accuracy() {
    use DataAccuracy::*;
    check(100, 100, Some(100), Accurate);
    check(100, 90, Some(90), Accurate);
    check(100, 110, Some(110), Accurate);
    check(100, 89, Some(89), OverReported);
    check(100, 111, Some(111), UnderReported);
    check(120, 96, Some(80), OverReported);
    check(40, 52, Some(130), UnderReported);
    check(3, 0, Some(0), OverReported);
    check(0, 4, None, ReportedZeroButFound);
    check(0, 0, None, NothingToVerify);
}
