//! DHIS2 fixed periods: which period a date falls in and its DHIS2 id.
//!
//! Formats, as DHIS2 names them: monthly `yyyyMM` (`202401`), quarterly `yyyyQn` (`2024Q1`,
//! calendar quarters) and financial year July `yyyyJuly`, named by the year it **starts** in
//! (`2023July` is 1 July 2023 – 30 June 2024). Rwanda's own fiscal label names the year by its
//! end (that same year is FY24, see [`super::super::FiscalCalendar`]); DHIS2 ids never use it.

use serde::{Deserialize, Serialize};

use crate::domain::Date;
use crate::domain::date::days_in_month;

/// The period type of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodType {
    Monthly,
    Quarterly,
    FinancialJuly,
}

/// One period: its DHIS2 id and its first and last days.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Period {
    pub id: String,
    pub start: Date,
    pub end: Date,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}

/// The first day of `first` (year, month) to the last day of `last`. The callers pass months
/// in 1..=12, so both dates exist; `fallback` only keeps this free of panics.
fn span(first: (i32, u8), last: (i32, u8), fallback: Date) -> (Date, Date) {
    let start = Date::new(first.0, first.1, 1).unwrap_or(fallback);
    let end = Date::new(last.0, last.1, days_in_month(last.0, last.1)).unwrap_or(fallback);
    (start, end)
}

impl PeriodType {
    /// The period `date` falls in.
    pub fn period_of(self, date: Date) -> Period {
        let (year, month) = (date.year(), date.month());
        match self {
            PeriodType::Monthly => {
                let (start, end) = span((year, month), (year, month), date);
                Period {
                    id: format!("{year:04}{month:02}"),
                    start,
                    end,
                }
            }
            PeriodType::Quarterly => {
                let quarter = (month - 1) / 3 + 1;
                let first = (quarter - 1) * 3 + 1;
                let (start, end) = span((year, first), (year, first + 2), date);
                Period {
                    id: format!("{year:04}Q{quarter}"),
                    start,
                    end,
                }
            }
            PeriodType::FinancialJuly => {
                let first_year = if month >= 7 { year } else { year - 1 };
                let (start, end) = span((first_year, 7), (first_year + 1, 6), date);
                Period {
                    id: format!("{first_year:04}July"),
                    start,
                    end,
                }
            }
        }
    }

    /// Every period that overlaps `start..=end`, in order; empty when `end < start`. At most
    /// `limit` periods are produced; `None` if more would be needed.
    pub fn periods_covering(self, start: Date, end: Date, limit: usize) -> Option<Vec<Period>> {
        let mut periods = Vec::new();
        if end < start {
            return Some(periods);
        }
        let mut day = start;
        loop {
            if periods.len() == limit {
                return None;
            }
            let period = self.period_of(day);
            day = period.end.plus_days(1);
            let last = period.end >= end;
            periods.push(period);
            if last {
                return Some(periods);
            }
        }
    }
}
