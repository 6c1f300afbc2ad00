use super::*;

#[test]
fn affiliation_codes_round_trip_and_are_the_serde_names() {
    for affiliation in MentorAffiliation::ALL {
        assert_eq!(
            MentorAffiliation::from_code(affiliation.code()),
            Some(affiliation)
        );
        let json = serde_json::to_string(&affiliation).unwrap();
        assert_eq!(json, format!("\"{}\"", affiliation.code()));
    }
}

#[test]
fn affiliation_codes_are_read_as_typed() {
    assert_eq!(
        MentorAffiliation::from_code("RPA"),
        Some(MentorAffiliation::Rpa)
    );
    assert_eq!(
        MentorAffiliation::from_code(" district-based "),
        Some(MentorAffiliation::DistrictBased)
    );
    assert_eq!(MentorAffiliation::from_code("rbc"), None);
    assert_eq!(MentorAffiliation::from_code(""), None);
}
