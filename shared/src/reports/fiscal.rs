//! Fiscal years and quarters. Rwanda's fiscal year runs July–June and is named by the year it
//! ends in: FY21 is 1 July 2020 – 30 June 2021. The start month is configurable.

use serde::{Deserialize, Serialize};

use crate::domain::Date;

/// A fiscal year, named by the calendar year it ends in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The short label used in reports, e.g. `FY21`.
    pub fn label(self) -> String {
        format!("FY{:02}", self.0.rem_euclid(100))
    }
}

/// A quarter of a fiscal year, 1 to 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalQuarter {
    pub year: FiscalYear,
    pub quarter: u8,
}

impl FiscalQuarter {
    /// E.g. `FY21 Q1`.
    pub fn label(self) -> String {
        format!("{} Q{}", self.year.label(), self.quarter)
    }
}

/// When the fiscal year starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalCalendar {
    /// 1..=12; 7 for Rwanda, 1 for a calendar year. Out-of-range values are treated as 1.
    pub start_month: u8,
}

impl FiscalCalendar {
    pub const RWANDA: Self = Self { start_month: 7 };
    pub const CALENDAR_YEAR: Self = Self { start_month: 1 };

    fn start(self) -> u8 {
        if (1..=12).contains(&self.start_month) {
            self.start_month
        } else {
            1
        }
    }

    /// Months since the start of the fiscal year, 0..=11.
    fn month_index(self, date: Date) -> u8 {
        (date.month() + 12 - self.start()) % 12
    }

    pub fn fiscal_year(self, date: Date) -> FiscalYear {
        let starts_this_calendar_year = self.start() > 1 && date.month() >= self.start();
        FiscalYear(date.year() + i32::from(starts_this_calendar_year))
    }

    pub fn quarter(self, date: Date) -> FiscalQuarter {
        FiscalQuarter {
            year: self.fiscal_year(date),
            quarter: self.month_index(date) / 3 + 1,
        }
    }

    pub fn contains(self, year: FiscalYear, date: Date) -> bool {
        self.fiscal_year(date) == year
    }
}

impl Default for FiscalCalendar {
    fn default() -> Self {
        Self::RWANDA
    }
}

#[cfg(test)]
mod tests;
