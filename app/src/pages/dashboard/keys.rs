//! The dashboard's texts, and the few formatting helpers its parts share.

use mentora_shared::domain::{TechnicalArea, YearMonth};
use mentora_shared::reports::dashboard::Period;
use mentora_shared::reports::{FiscalCalendar, FiscalYear};

use crate::i18n::I18n;

crate::i18n::keys!(DKey, "pages/dashboard/keys");

pub use crate::locale::{month_name, month_short, percent};

/// "FY25 (July 2024 – June 2025)"; quarters "FY25 Q3", months by name.
pub fn period_name(i18n: I18n, calendar: FiscalCalendar, period: Period) -> String {
    let lang = i18n.lang();
    match period {
        Period::Year(year) => {
            let (first, last) = year_bounds(calendar, year);
            format!(
                "{} ({} – {})",
                year.label(),
                month_name(lang, first),
                month_name(lang, last)
            )
        }
        Period::Quarter(q) => q.label(),
        Period::Month(m) => month_name(lang, m),
    }
}

/// The first and last month of a fiscal year.
pub fn year_bounds(calendar: FiscalCalendar, year: FiscalYear) -> (YearMonth, YearMonth) {
    let start = calendar.start_month.clamp(1, 12);
    if start == 1 {
        return (
            YearMonth {
                year: year.0,
                month: 1,
            },
            YearMonth {
                year: year.0,
                month: 12,
            },
        );
    }
    (
        YearMonth {
            year: year.0 - 1,
            month: start,
        },
        YearMonth {
            year: year.0,
            month: start - 1,
        },
    )
}

/// The catalogue's name of a technical area in the current language.
pub fn area_name(i18n: I18n, area: TechnicalArea) -> String {
    crate::catalogue::catalogue()
        .ok()
        .and_then(|c| {
            c.area_name(area)
                .map(|name| crate::catalogue::text(i18n, name))
        })
        .unwrap_or_else(|| format!("{area:?}"))
}

/// A select's value for an area.
pub fn area_code(area: TechnicalArea) -> String {
    format!("{area:?}").to_lowercase()
}

pub fn area_from_code(code: &str) -> Option<TechnicalArea> {
    TechnicalArea::ALL
        .into_iter()
        .find(|a| area_code(*a) == code)
}

/// A competency's name in the current language, or its id.
pub fn competency_name(i18n: I18n, id: &str) -> String {
    crate::catalogue::competency(id)
        .map(|c| crate::catalogue::text(i18n, &c.name))
        .unwrap_or_else(|| id.to_owned())
}
