//! The quarterly coordination pack's figures: quarter months, QI status and outcome indicators.

use super::fixtures::{RANGO_PROJECT, TODAY, data};
use super::*;
use crate::date;
use crate::domain::{Date, YearMonth};
use crate::reports::fiscal::{FiscalCalendar, FiscalQuarter, FiscalYear};

const CAL: FiscalCalendar = FiscalCalendar::RWANDA;
const FY25: Period = Period::Year(FiscalYear(2025));

#[test]
fn quarter_months_follow_the_fiscal_calendar() {
    let q = |year, quarter| FiscalQuarter {
        year: FiscalYear(year),
        quarter,
    };
    let ym = |year, month| YearMonth { year, month };
    assert_eq!(
        quarter_months(CAL, q(2025, 1)),
        [ym(2024, 7), ym(2024, 8), ym(2024, 9)]
    );
    assert_eq!(
        quarter_months(CAL, q(2025, 3)),
        [ym(2025, 1), ym(2025, 2), ym(2025, 3)]
    );
    assert_eq!(
        quarter_months(CAL, q(2025, 4)),
        [ym(2025, 4), ym(2025, 5), ym(2025, 6)]
    );
    assert_eq!(
        quarter_months(FiscalCalendar::CALENDAR_YEAR, q(2025, 4)),
        [ym(2025, 10), ym(2025, 11), ym(2025, 12)]
    );
    // Each month falls in the quarter it was computed for.
    for quarter in 1..=4 {
        for m in quarter_months(CAL, q(2025, quarter)) {
            let day = Date::new(m.year, m.month, 1).unwrap();
            assert_eq!(CAL.quarter(day), q(2025, quarter));
        }
    }
}

#[test]
fn qi_status_lists_open_projects_with_open_and_overdue_actions() {
    let rows = qi_status(&data(), &DashboardFilter::all(FY25), TODAY);
    // kigoma's project is closed; rango's has one done, one overdue and one not yet due.
    assert_eq!(
        rows,
        vec![QiStatusRow {
            facility: "rango-hc".to_owned(),
            project_id: RANGO_PROJECT.to_owned(),
            gap: "Gap at rango-hc".to_owned(),
            opened_on: date!(2024, 12, 1),
            actions_open: 2,
            actions_overdue: 1,
        }]
    );
    let kigoma = DashboardFilter {
        facility: Some("kigoma-hc".to_owned()),
        ..DashboardFilter::all(FY25)
    };
    assert!(qi_status(&data(), &kigoma, TODAY).is_empty());
}

#[test]
fn quarter_indicators_merge_a_facility_s_documents_and_keep_the_quarter() {
    use crate::documents::facility_data::{FacilityData, MonthlyValue, ValueEntry, entry_key};
    let ym = |year, month| YearMonth { year, month };
    let entry = |value, updated_ms| ValueEntry {
        value,
        entered_by: "mentor".to_owned(),
        updated_ms,
    };
    let doc = |district: &str, facility: &str, values: Vec<(&str, YearMonth, ValueEntry)>| {
        DashboardFacilityData {
            district: district.to_owned(),
            data: FacilityData {
                facility: facility.to_owned(),
                year: 2025,
                values: values
                    .into_iter()
                    .map(|(i, m, e)| (entry_key(i, m), e))
                    .collect(),
                verifications: Default::default(),
            },
        }
    };
    let rate = MonthlyValue::Rate {
        numerator: 9,
        denominator: 10,
    };
    let documents = vec![
        doc(
            "rw-huye",
            "rango-hc",
            vec![
                ("deliveries", ym(2025, 1), entry(MonthlyValue::Count(40), 1)),
                ("deliveries", ym(2025, 3), entry(MonthlyValue::Count(30), 1)),
                // Outside the quarter.
                ("deliveries", ym(2025, 4), entry(MonthlyValue::Count(99), 1)),
                ("kmc_rate", ym(2025, 2), entry(rate, 1)),
            ],
        ),
        // A second document of rango from another tablet: the newer entry wins.
        doc(
            "rw-huye",
            "rango-hc",
            vec![("deliveries", ym(2025, 3), entry(MonthlyValue::Count(31), 2))],
        ),
        doc(
            "rw-nyanza",
            "nyanza-dh",
            vec![("deliveries", ym(2025, 2), entry(MonthlyValue::Count(5), 1))],
        ),
    ];
    let months = [ym(2025, 1), ym(2025, 2), ym(2025, 3)];
    let huye = DashboardFilter {
        district: Some("rw-huye".to_owned()),
        ..DashboardFilter::all(FY25)
    };
    assert_eq!(
        quarter_indicators(&documents, &huye, months),
        vec![
            IndicatorRow {
                facility: "rango-hc".to_owned(),
                indicator: "deliveries".to_owned(),
                values: [
                    Some(MonthlyValue::Count(40)),
                    None,
                    Some(MonthlyValue::Count(31))
                ],
            },
            IndicatorRow {
                facility: "rango-hc".to_owned(),
                indicator: "kmc_rate".to_owned(),
                values: [None, Some(rate), None],
            },
        ]
    );
    let all = quarter_indicators(&documents, &DashboardFilter::all(FY25), months);
    assert_eq!(all.len(), 3);
    // By facility id: nyanza-dh before rango-hc.
    assert_eq!(all[0].facility, "nyanza-dh");
    // A quarter without values has no rows.
    let later = [ym(2025, 7), ym(2025, 8), ym(2025, 9)];
    assert!(quarter_indicators(&documents, &huye, later).is_empty());
}
