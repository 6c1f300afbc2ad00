use super::*;
use crate::date;
use crate::reports::exports::fixtures::mentees;

fn ids(periods: &[Period]) -> Vec<&str> {
    periods.iter().map(|p| p.id.as_str()).collect()
}

#[test]
fn monthly_ids_are_year_and_two_digit_month() {
    let p = PeriodType::Monthly.period_of(date!(2024, 1, 31));
    assert_eq!(
        (p.id.as_str(), p.start, p.end),
        ("202401", date!(2024, 1, 1), date!(2024, 1, 31))
    );
    let p = PeriodType::Monthly.period_of(date!(2023, 12, 31));
    assert_eq!((p.id.as_str(), p.start), ("202312", date!(2023, 12, 1)));
    // Leap February ends on the 29th, other Februaries on the 28th.
    assert_eq!(
        PeriodType::Monthly.period_of(date!(2024, 2, 10)).end,
        date!(2024, 2, 29)
    );
    assert_eq!(
        PeriodType::Monthly.period_of(date!(2023, 2, 10)).end,
        date!(2023, 2, 28)
    );
}

#[test]
fn quarterly_ids_use_calendar_quarters() {
    let cases = [
        (
            date!(2024, 1, 1),
            "2024Q1",
            date!(2024, 1, 1),
            date!(2024, 3, 31),
        ),
        (
            date!(2024, 3, 31),
            "2024Q1",
            date!(2024, 1, 1),
            date!(2024, 3, 31),
        ),
        (
            date!(2024, 4, 1),
            "2024Q2",
            date!(2024, 4, 1),
            date!(2024, 6, 30),
        ),
        (
            date!(2024, 9, 30),
            "2024Q3",
            date!(2024, 7, 1),
            date!(2024, 9, 30),
        ),
        (
            date!(2023, 12, 31),
            "2023Q4",
            date!(2023, 10, 1),
            date!(2023, 12, 31),
        ),
    ];
    for (day, id, start, end) in cases {
        let p = PeriodType::Quarterly.period_of(day);
        assert_eq!((p.id.as_str(), p.start, p.end), (id, start, end), "{day}");
    }
}

#[test]
fn financial_july_is_named_by_the_year_it_starts_in() {
    let cases = [
        // 30 June belongs to the year that started the July before.
        (date!(2024, 6, 30), "2023July"),
        (date!(2024, 7, 1), "2024July"),
        (date!(2024, 1, 1), "2023July"),
        (date!(2023, 12, 31), "2023July"),
    ];
    for (day, id) in cases {
        assert_eq!(PeriodType::FinancialJuly.period_of(day).id, id, "{day}");
    }
    let p = PeriodType::FinancialJuly.period_of(date!(2024, 2, 29));
    assert_eq!((p.start, p.end), (date!(2023, 7, 1), date!(2024, 6, 30)));
}

#[test]
fn a_range_is_covered_by_every_period_it_touches() {
    let months = PeriodType::Monthly
        .periods_covering(date!(2023, 11, 15), date!(2024, 2, 1), MAX_PERIODS)
        .expect("few periods");
    assert_eq!(ids(&months), ["202311", "202312", "202401", "202402"]);
    let quarters = PeriodType::Quarterly
        .periods_covering(date!(2023, 12, 31), date!(2024, 1, 1), MAX_PERIODS)
        .expect("few periods");
    assert_eq!(ids(&quarters), ["2023Q4", "2024Q1"]);
    let years = PeriodType::FinancialJuly
        .periods_covering(date!(2023, 7, 1), date!(2024, 6, 30), MAX_PERIODS)
        .expect("few periods");
    assert_eq!(ids(&years), ["2023July"]);
    assert_eq!(
        PeriodType::Monthly.periods_covering(date!(2000, 1, 1), date!(2024, 1, 1), MAX_PERIODS),
        None
    );
}

fn mapping() -> Dhis2Mapping {
    let element = |uid: &str, combo: Option<&str>| DataElementRef {
        data_element: uid.to_owned(),
        category_option_combo: combo.map(str::to_owned),
    };
    Dhis2Mapping {
        data_elements: BTreeMap::from([
            (Indicator::Assessments, element("DeAssess001", None)),
            (
                Indicator::MenteesValidated,
                element("DeValid0001", Some("CocFemale01")),
            ),
        ]),
        org_units: BTreeMap::from([("rango-hc".to_owned(), "OuRango0001".to_owned())]),
        data_set: Some("DsMentor001".to_owned()),
        attribute_option_combo: None,
    }
}

fn request(period_type: PeriodType, start: Date, end: Date) -> Dhis2Request {
    Dhis2Request {
        period_type,
        start,
        end,
        mapping: mapping(),
    }
}

/// (mentees_assessed, assessments, mentees_validated, validations) per period.
fn figures(counts: &[Counts]) -> Vec<(u32, u32, u32, u32)> {
    counts
        .iter()
        .map(|c| {
            (
                c.mentees_assessed,
                c.assessments,
                c.mentees_validated,
                c.validations,
            )
        })
        .collect()
}

#[test]
fn counts_by_facility_and_month_follow_the_dates() {
    let periods = PeriodType::Monthly
        .periods_covering(date!(2024, 1, 1), date!(2024, 3, 31), MAX_PERIODS)
        .expect("few periods");
    let counts = count(&mentees(), &periods);
    assert_eq!(counts.keys().collect::<Vec<_>>(), ["nyanza-dh", "rango-hc"]);
    // Aline: pre-test in January (the duplicate's January pre-test is not counted), coaching
    // observation in February, post-test, final observation and validation in March. Jean's
    // pre-test is in April, outside the range.
    assert_eq!(
        figures(&counts["rango-hc"]),
        [(1, 1, 0, 0), (1, 1, 0, 0), (1, 2, 1, 1)]
    );
    // Claudine's group assessment was on 31 December; her validation on 2 January.
    assert_eq!(
        figures(&counts["nyanza-dh"]),
        [(0, 0, 1, 1), (0, 0, 0, 0), (0, 0, 0, 0)]
    );
}

#[test]
fn counts_by_quarter_and_financial_year() {
    let quarters = PeriodType::Quarterly
        .periods_covering(date!(2023, 10, 1), date!(2024, 6, 30), MAX_PERIODS)
        .expect("few periods");
    let counts = count(&mentees(), &quarters);
    assert_eq!(
        figures(&counts["rango-hc"]),
        [(0, 0, 0, 0), (1, 4, 1, 1), (1, 1, 0, 0)]
    );
    assert_eq!(
        figures(&counts["nyanza-dh"]),
        [(1, 1, 0, 0), (0, 0, 1, 1), (0, 0, 0, 0)]
    );
    let year = PeriodType::FinancialJuly
        .periods_covering(date!(2023, 7, 1), date!(2024, 6, 30), MAX_PERIODS)
        .expect("few periods");
    let counts = count(&mentees(), &year);
    // Aline and Jean both assessed (5 assessments), one validated.
    assert_eq!(figures(&counts["rango-hc"]), [(2, 5, 1, 1)]);
    assert_eq!(figures(&counts["nyanza-dh"]), [(1, 1, 1, 1)]);
}

#[test]
fn the_payload_maps_values_and_warns_about_what_it_cannot_map() {
    let export = dhis2_export(
        &mentees(),
        &request(PeriodType::Quarterly, date!(2024, 1, 1), date!(2024, 3, 31)),
    )
    .expect("valid request");
    let json = serde_json::to_value(&export.data_value_set).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({
            "dataSet": "DsMentor001",
            "dataValues": [
                {"dataElement": "DeAssess001", "period": "2024Q1", "orgUnit": "OuRango0001", "value": "4"},
                {"dataElement": "DeValid0001", "period": "2024Q1", "orgUnit": "OuRango0001",
                 "categoryOptionCombo": "CocFemale01", "value": "1"},
            ]
        })
    );
    assert_eq!(
        export.warnings,
        [
            "indicator mentees_assessed has no data element in the mapping: not exported",
            "indicator validations has no data element in the mapping: not exported",
            "facility nyanza-dh has no org unit in the mapping: its values are not exported",
        ]
    );
    assert_eq!(ids(&export.periods), ["2024Q1"]);
}

#[test]
fn zeros_are_sent_and_a_partial_range_is_widened_with_a_warning() {
    let mut request = request(PeriodType::Monthly, date!(2024, 4, 15), date!(2024, 5, 2));
    request.mapping.attribute_option_combo = Some("AocProgram1".to_owned());
    let export = dhis2_export(&mentees(), &request).expect("valid request");
    let values: Vec<(&str, &str, &str)> = export
        .data_value_set
        .data_values
        .iter()
        .map(|v| (v.data_element.as_str(), v.period.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("DeAssess001", "202404", "1"),
            ("DeValid0001", "202404", "0"),
            ("DeAssess001", "202405", "0"),
            ("DeValid0001", "202405", "0"),
        ]
    );
    assert!(
        export
            .data_value_set
            .data_values
            .iter()
            .all(|v| v.attribute_option_combo.as_deref() == Some("AocProgram1"))
    );
    assert_eq!(
        export.warnings[0],
        "the range 2024-04-15 to 2024-05-02 was widened to whole periods: 2024-04-01 to 2024-05-31"
    );
}

#[test]
fn bad_requests_are_typed_errors() {
    let backwards = request(PeriodType::Monthly, date!(2024, 2, 1), date!(2024, 1, 1));
    assert!(matches!(
        dhis2_export(&mentees(), &backwards),
        Err(Dhis2Error::EmptyRange { .. })
    ));
    let long = request(PeriodType::Monthly, date!(2000, 1, 1), date!(2024, 1, 1));
    assert_eq!(
        dhis2_export(&mentees(), &long),
        Err(Dhis2Error::TooManyPeriods)
    );
    let mut bad_uid = request(PeriodType::Monthly, date!(2024, 1, 1), date!(2024, 1, 31));
    bad_uid
        .mapping
        .org_units
        .insert("simbi-hc".to_owned(), "1abcdefghij".to_owned());
    assert_eq!(
        dhis2_export(&mentees(), &bad_uid),
        Err(Dhis2Error::BadUid {
            field: "org_units.simbi-hc".to_owned(),
            value: "1abcdefghij".to_owned()
        })
    );
}

#[test]
fn the_request_parses_from_json_and_refuses_unknown_indicators() {
    let parsed: Dhis2Request = serde_json::from_value(serde_json::json!({
        "period_type": "financial_july",
        "start": "2023-07-01",
        "end": "2024-06-30",
        "mapping": {
            "data_elements": {"validations": {"data_element": "DeValid0001"}},
            "org_units": {"rango-hc": "OuRango0001"}
        }
    }))
    .expect("valid json");
    assert_eq!(parsed.period_type, PeriodType::FinancialJuly);
    assert_eq!(parsed.start, date!(2023, 7, 1));
    let typo = serde_json::from_value::<Dhis2Request>(serde_json::json!({
        "period_type": "monthly",
        "start": "2024-01-01",
        "end": "2024-01-31",
        "mapping": {"data_elements": {"validation": {"data_element": "DeValid0001"}}}
    }));
    assert!(typo.is_err());
}

#[test]
fn uids_are_eleven_alphanumerics_starting_with_a_letter() {
    assert!(is_uid("DiszpKrYNg8"));
    assert!(!is_uid("DiszpKrYNg"));
    assert!(!is_uid("8iszpKrYNg8"));
    assert!(!is_uid("Diszp-rYNg8"));
}

#[test]
fn known_org_units_fill_the_gaps_of_a_mapping() {
    let mut mapping = Dhis2Mapping::default();
    mapping
        .org_units
        .insert("rango-hc".to_owned(), "Given000001".to_owned());
    mapping.fill_org_units([
        ("rango-hc".to_owned(), "Stored00001".to_owned()),
        ("simbi-hc".to_owned(), "Stored00002".to_owned()),
        ("busoro-hp".to_owned(), "not a uid".to_owned()),
    ]);
    let mapped: Vec<(&str, &str)> = mapping
        .org_units
        .iter()
        .map(|(f, o)| (f.as_str(), o.as_str()))
        .collect();
    assert_eq!(
        mapped,
        [("rango-hc", "Given000001"), ("simbi-hc", "Stored00002")]
    );
    assert_eq!(mapping.check(), Ok(()));
}
