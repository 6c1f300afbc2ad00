//! The quarterly coordination pack's own figures: the months of a fiscal quarter, and the QI
//! status (open projects with their open and overdue actions, per facility).

use super::{DashboardData, DashboardFilter};
use crate::documents::qi::{ActionStatus, is_overdue};
use crate::domain::{Date, YearMonth};
use crate::reports::fiscal::{FiscalCalendar, FiscalQuarter};

/// The three months of a fiscal quarter, in order.
pub fn quarter_months(calendar: FiscalCalendar, quarter: FiscalQuarter) -> [YearMonth; 3] {
    let start = if (1..=12).contains(&calendar.start_month) {
        i32::from(calendar.start_month)
    } else {
        1
    };
    // The fiscal year is named by the calendar year it ends in.
    let first_year = if start > 1 {
        quarter.year.0 - 1
    } else {
        quarter.year.0
    };
    let index = start - 1 + 3 * (i32::from(quarter.quarter.clamp(1, 4)) - 1);
    [0, 1, 2].map(|i| {
        let months = index + i;
        YearMonth {
            year: first_year + months / 12,
            month: u8::try_from(months % 12 + 1).unwrap_or(1),
        }
    })
}

/// One open QI project and its actions not done, as of today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QiStatusRow {
    pub facility: String,
    /// Document id, 32 hex digits.
    pub project_id: String,
    pub gap: String,
    pub opened_on: Date,
    pub actions_open: usize,
    pub actions_overdue: usize,
}

/// Open projects at the filter's place, by facility then opening date (as of `today`, like the
/// headline's QI figures: the period does not apply).
pub fn qi_status(data: &DashboardData, filter: &DashboardFilter, today: Date) -> Vec<QiStatusRow> {
    let mut rows: Vec<QiStatusRow> = data
        .projects
        .iter()
        .filter(|p| p.project.is_open() && filter.place_matches(&p.district, &p.project.facility))
        .map(|p| {
            let open: Vec<_> = p
                .project
                .actions
                .iter()
                .filter(|(_, a)| a.status != ActionStatus::Done)
                .collect();
            QiStatusRow {
                facility: p.project.facility.clone(),
                project_id: p.id.clone(),
                gap: p.project.gap.clone(),
                opened_on: p.project.opened_on,
                actions_open: open.len(),
                actions_overdue: open.iter().filter(|(_, a)| is_overdue(a, today)).count(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.facility, a.opened_on, &a.project_id).cmp(&(&b.facility, b.opened_on, &b.project_id))
    });
    rows
}
