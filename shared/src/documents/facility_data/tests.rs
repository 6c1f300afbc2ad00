use super::*;
use crate::date;

fn ym(year: i32, month: u8) -> YearMonth {
    YearMonth { year, month }
}

fn value(value: MonthlyValue, updated_ms: u64) -> ValueEntry {
    ValueEntry {
        value,
        entered_by: "Mentor".to_owned(),
        updated_ms,
    }
}

fn doc(values: &[(&str, ValueEntry)]) -> FacilityData {
    FacilityData {
        facility: "rango_hc".to_owned(),
        year: 2026,
        values: values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        verifications: BTreeMap::new(),
    }
}

#[test]
fn keys_and_months_round_trip_and_reject_other_text() {
    assert_eq!(
        entry_key("hypothermia_on_admission", ym(2026, 3)),
        "hypothermia_on_admission/2026-03"
    );
    assert_eq!(parse_key("a_b/2025-12"), Some(("a_b", ym(2025, 12))));
    for bad in [
        "a/2025-13",
        "a/2025-1",
        "/2025-01",
        "a",
        "a/25-01",
        "a/2025-00",
    ] {
        assert_eq!(parse_key(bad), None, "{bad}");
    }
    assert_eq!(month_back(ym(2026, 2), 0), ym(2026, 2));
    assert_eq!(month_back(ym(2026, 2), 2), ym(2025, 12));
    assert_eq!(month_back(ym(2026, 2), 14), ym(2024, 12));
}

#[test]
fn typed_values_are_checked() {
    let rate = OUTCOME_INDICATORS[0].measure;
    assert_eq!(
        parse_value(Measure::Count, " 12 ", ""),
        Ok(MonthlyValue::Count(12))
    );
    assert_eq!(
        parse_value(rate, "23", "32"),
        Ok(MonthlyValue::Rate {
            numerator: 23,
            denominator: 32
        })
    );
    assert_eq!(
        parse_value(rate, "33", "32"),
        Err(ValueError::NumeratorAboveDenominator)
    );
    assert_eq!(
        parse_value(Measure::Count, "-1", ""),
        Err(ValueError::NotANumber)
    );
    assert_eq!(
        parse_value(Measure::Count, "2.5", ""),
        Err(ValueError::NotANumber)
    );
    assert_eq!(
        parse_value(Measure::Count, "1000001", ""),
        Err(ValueError::TooLarge)
    );
    assert_eq!(parse_value(rate, "1", ""), Err(ValueError::NotANumber));
    // 23 of 32 resuscitations succeeded: 71.875% is shown as 72%; 0 of 0 has no rate.
    assert_eq!(
        MonthlyValue::Rate {
            numerator: 23,
            denominator: 32
        }
        .plotted(),
        Some(72)
    );
    assert_eq!(
        MonthlyValue::Rate {
            numerator: 0,
            denominator: 0
        }
        .plotted(),
        None
    );
    assert_eq!(MonthlyValue::Count(7).plotted(), Some(7));
    assert!(clean_note(&"x".repeat(MAX_NOTE + 1)).is_err());
    assert_eq!(clean_note("  ok "), Ok("ok".to_owned()));
}

#[test]
fn the_factor_and_its_interpretation() {
    let ten = Percent::whole(10);
    // 40 recounted of 50 reported: 80%, the report claims more than the registers hold.
    let (factor, accuracy) = interpret("facility_births", 50, 40, ten);
    assert_eq!(factor.and_then(Proportion::percent_rounded), Some(80));
    assert_eq!(accuracy, DataAccuracy::OverReported);
    // 46 of 50 is 92%, within ±10%.
    assert_eq!(interpret("x", 50, 46, ten).1, DataAccuracy::Accurate);
    // 60 of 50 is 120%: the report missed cases.
    let (factor, accuracy) = interpret("x", 50, 60, ten);
    assert_eq!(factor.and_then(Proportion::percent_rounded), Some(120));
    assert_eq!(accuracy, DataAccuracy::UnderReported);
    assert_eq!(
        interpret("x", 0, 0, ten),
        (None, DataAccuracy::NothingToVerify)
    );
    assert_eq!(
        interpret("x", 0, 3, ten),
        (None, DataAccuracy::ReportedZeroButFound)
    );
}

#[test]
fn the_trend_has_gaps_where_nothing_was_entered() {
    let key = |m| entry_key("postnatal_care_coverage", m);
    let a = doc(&[
        (
            &key(ym(2025, 12)),
            value(
                MonthlyValue::Rate {
                    numerator: 82,
                    denominator: 100,
                },
                1,
            ),
        ),
        (
            &key(ym(2026, 2)),
            value(
                MonthlyValue::Rate {
                    numerator: 33,
                    denominator: 35,
                },
                1,
            ),
        ),
        ("other/2026-02", value(MonthlyValue::Count(5), 1)),
    ]);
    let merged = merge([&a]);
    let series = trend(&merged, "postnatal_care_coverage", ym(2026, 2), 4);
    let months: Vec<_> = series.iter().map(|p| p.month).collect();
    assert_eq!(
        months,
        [ym(2025, 11), ym(2025, 12), ym(2026, 1), ym(2026, 2)]
    );
    // 33 of 35 is 94.29%: 94.
    let plotted: Vec<_> = series
        .iter()
        .map(|p| p.value.and_then(MonthlyValue::plotted))
        .collect();
    assert_eq!(plotted, [None, Some(82), None, Some(94)]);
}

#[test]
fn two_documents_merge_by_key_and_the_newer_entry_wins_a_conflict() {
    let a = doc(&[
        ("x/2026-01", value(MonthlyValue::Count(10), 100)),
        ("x/2026-02", value(MonthlyValue::Count(12), 100)),
    ]);
    let b = doc(&[
        ("x/2026-02", value(MonthlyValue::Count(14), 200)),
        ("x/2026-03", value(MonthlyValue::Count(9), 100)),
    ]);
    for merged in [merge([&a, &b]), merge([&b, &a])] {
        assert_eq!(merged.values.len(), 3);
        let feb = &merged.values["x/2026-02"];
        assert_eq!(
            (feb.entry.value, feb.conflict),
            (MonthlyValue::Count(14), true)
        );
        assert!(!merged.values["x/2026-01"].conflict);
    }
    // The same entry in both documents is no conflict.
    assert!(!merge([&a, &a]).values["x/2026-02"].conflict);
}

#[test]
fn a_document_round_trips_and_concurrent_documents_keep_both_entries() {
    let mut first = Automerge::new();
    write_new(&mut first, "rango_hc", 2026).unwrap();
    let mut second = first.fork();
    put_value(&mut first, "x/2026-01", &value(MonthlyValue::Count(3), 5)).unwrap();
    put_value(&mut second, "x/2026-02", &value(MonthlyValue::Count(4), 6)).unwrap();
    let check = VerificationEntry {
        reported: 50,
        recounted: 40,
        verified_on: date!(2026, 2, 10),
        verified_by: "Mentor".to_owned(),
        note: String::new(),
        tolerance_basis_points: 1000,
        factor: Some(Proportion::new(40, 50)),
        accuracy: DataAccuracy::OverReported,
        updated_ms: 7,
    };
    put_verification(&mut second, "facility_births/2026-01", &check).unwrap();
    first.merge(&mut second).unwrap();
    let data = read(&first).unwrap();
    assert_eq!((data.facility.as_str(), data.year), ("rango_hc", 2026));
    assert_eq!(data.values.len(), 2);
    assert_eq!(data.verifications["facility_births/2026-01"], check);
}

#[test]
fn a_document_without_its_root_fields_is_a_typed_error() {
    assert_eq!(read(&Automerge::new()), Err(DocError::Missing("facility")));
}

#[test]
fn outcome_indicators_come_first_and_catalogue_counts_follow() {
    let list = monthly_indicators(None);
    assert_eq!(list.len(), 4);
    assert!(list.iter().all(Indicator::is_rate));
}
