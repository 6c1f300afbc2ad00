use super::*;
use crate::date;

#[track_caller]
fn check(calendar: FiscalCalendar, date: Date, expect: &str) {
    assert_eq!(calendar.quarter(date).label(), expect, "{date}");
}

#[test]
fn fiscal_years_and_quarters() {
    let rw = FiscalCalendar::RWANDA;
    check(rw, date!(2020, 6, 30), "FY20 Q4");
    check(rw, date!(2020, 7, 1), "FY21 Q1");
    check(rw, date!(2020, 9, 30), "FY21 Q1");
    check(rw, date!(2020, 10, 1), "FY21 Q2");
    check(rw, date!(2021, 1, 1), "FY21 Q3");
    check(rw, date!(2021, 4, 1), "FY21 Q4");
    check(rw, date!(2021, 6, 30), "FY21 Q4");
    check(rw, date!(2021, 7, 1), "FY22 Q1");
    check(rw, date!(1999, 12, 31), "FY00 Q2");
    let calendar = FiscalCalendar::CALENDAR_YEAR;
    check(calendar, date!(2021, 1, 1), "FY21 Q1");
    check(calendar, date!(2021, 12, 31), "FY21 Q4");
    let october = FiscalCalendar { start_month: 10 };
    check(october, date!(2020, 10, 1), "FY21 Q1");
    check(october, date!(2021, 9, 30), "FY21 Q4");
    check(
        FiscalCalendar { start_month: 0 },
        date!(2021, 5, 5),
        "FY21 Q2",
    );
    assert!(rw.contains(FiscalYear(2021), date!(2020, 7, 1)));
    assert!(!rw.contains(FiscalYear(2021), date!(2021, 7, 1)));
}
