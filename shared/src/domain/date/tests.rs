use super::*;

#[track_caller]
fn check(text: &str, expect_days_since_epoch: Result<i64, DateError>) {
    let parsed = Date::parse(text);
    assert_eq!(
        parsed.clone().map(Date::days_since_epoch),
        expect_days_since_epoch,
        "{text}"
    );
    if let Ok(date) = parsed {
        assert_eq!(date.to_string(), text);
        assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
    }
}

#[test]
fn parse_and_count_days() {
    check("1970-01-01", Ok(0));
    check("1970-01-02", Ok(1));
    check("1969-12-31", Ok(-1));
    check("2000-03-01", Ok(11_017));
    check("2020-07-01", Ok(18_444));
    check("2024-02-29", Ok(19_782));
    check(
        "2023-02-29",
        Err(DateError::Day {
            year: 2023,
            month: 2,
            day: 29,
        }),
    );
    check(
        "1900-02-29",
        Err(DateError::Day {
            year: 1900,
            month: 2,
            day: 29,
        }),
    );
    check("2021-13-01", Err(DateError::Month(13)));
    check("2021-00-10", Err(DateError::Month(0)));
    check(
        "2021-04-31",
        Err(DateError::Day {
            year: 2021,
            month: 4,
            day: 31,
        }),
    );
    check("2021-4-3", Err(DateError::Format("2021-4-3".into())));
    check(
        "2021-04-03T00:00",
        Err(DateError::Format("2021-04-03T00:00".into())),
    );
    check("", Err(DateError::Format(String::new())));
    check("+021-04-03", Err(DateError::Format("+021-04-03".into())));
}

#[test]
fn arithmetic_and_serde() {
    assert_eq!(date!(2020, 7, 1).days_until(date!(2021, 6, 30)), 364);
    assert_eq!(date!(2020, 2, 28).plus_days(2), date!(2020, 3, 1));
    assert_eq!(
        serde_json::to_string(&date!(2021, 7, 9)).ok(),
        Some("\"2021-07-09\"".to_owned())
    );
    assert_eq!(
        serde_json::from_str::<Date>("\"2021-07-09\"").ok(),
        Some(date!(2021, 7, 9))
    );
    assert!(serde_json::from_str::<Date>("\"2021-02-30\"").is_err());
}

proptest::proptest! {
    #[test]
    fn days_round_trip(days in -1_000_000i64..1_000_000) {
        let date = Date::from_days_since_epoch(days);
        proptest::prop_assert_eq!(date.days_since_epoch(), days);
        proptest::prop_assert!(Date::new(date.year(), date.month(), date.day()).is_ok());
        proptest::prop_assert!(date < date.plus_days(1));
    }
}
