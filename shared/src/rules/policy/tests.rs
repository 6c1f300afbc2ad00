use super::*;

#[track_caller]
fn check(participants: usize, expect: GroupSizeFlag) {
    let range = ProgrammeRules::defaults_for(Programme::Ingobyi).chw_group_size;
    assert_eq!(range.flag(participants), expect, "{participants} CHWs");
}

#[test]
fn chw_group_size_is_flagged_outside_5_to_9() {
    use GroupSizeFlag::*;
    check(0, TooSmall);
    check(4, TooSmall);
    check(5, WithinRange);
    check(7, WithinRange);
    check(9, WithinRange);
    check(10, TooLarge);
}

#[test]
fn defaults_follow_the_seeds() {
    let ingobyi = ProgrammeRules::defaults_for(Programme::Ingobyi);
    assert_eq!(ingobyi.validation, ValidationPolicy::default());
    assert_eq!(ingobyi.validation.pass_mark, Percent::whole(85));
    let association = CadenceTarget {
        visits: 1,
        per: CadencePeriod::Month,
        days_per_visit: 3,
    };
    assert_eq!(
        ingobyi.cadence_for(MentorAffiliation::Ram),
        Some(association)
    );
    let district = CadenceTarget {
        visits: 2,
        per: CadencePeriod::Month,
        days_per_visit: 2,
    };
    assert_eq!(
        ingobyi.cadence_for(MentorAffiliation::DistrictBased),
        Some(district)
    );
    assert_eq!(
        ingobyi.cadence_for(MentorAffiliation::RbcClinicalMentor),
        None
    );
    assert!(
        ProgrammeRules::defaults_for(Programme::Mesh)
            .validation
            .classes
            .is_some()
    );
    for programme in Programme::ALL {
        let rules = ProgrammeRules::defaults_for(programme);
        assert_eq!(
            (rules.programme, rules.chw_group_size),
            (programme, GroupSizeRange { min: 5, max: 9 })
        );
    }
}
