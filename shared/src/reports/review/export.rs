//! Tables 1 and 2 as export tables (CSV and workbook sheets), in long form — one row per
//! association and fiscal year, one row per technical area — so a spreadsheet can pivot them;
//! the app shows them in the brief's layout. Same figures as the dashboard: the functions of
//! [`super::tables`] over the same documents.

use std::collections::BTreeMap;

use super::tables::{table1, table2};
use super::{Period, ReviewData, ReviewFilter};
use crate::documents::mentee::association_code;
use crate::domain::{CompetencyId, Proportion, TechnicalArea};
use crate::reports::exports::{Column, ColumnKind, ExportTable};
use crate::reports::fiscal::{FiscalCalendar, FiscalYear};

const fn column(name: &'static str, kind: ColumnKind) -> Column {
    Column { name, kind }
}

fn percent(p: Proportion) -> String {
    p.percent_rounded()
        .map(|x| x.to_string())
        .unwrap_or_default()
}

/// Table 1 for the three fiscal years ending with `year`, everything in `data`.
pub fn table1_export(
    data: &ReviewData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    year: FiscalYear,
) -> ExportTable {
    let filter = ReviewFilter::all(Period::Year(year));
    let mut rows = Vec::new();
    for row in table1(data, areas, calendar, &filter) {
        for cell in row.cells {
            rows.push(vec![
                association_code(row.association).to_owned(),
                cell.fiscal_year.label(),
                cell.total_mentees.to_string(),
                cell.validated.numerator.to_string(),
                percent(cell.validated),
            ]);
        }
    }
    ExportTable {
        name: "table1",
        columns: vec![
            column("association", ColumnKind::Text),
            column("fiscal_year", ColumnKind::Text),
            column("total_mentees", ColumnKind::Integer),
            column("validated_mentees", ColumnKind::Integer),
            column("validated_percent", ColumnKind::Integer),
        ],
        rows,
    }
}

/// Table 2 for fiscal year `year`, everything in `data`; `area_name` names a technical area.
pub fn table2_export(
    data: &ReviewData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    year: FiscalYear,
    area_name: impl Fn(TechnicalArea) -> String,
) -> ExportTable {
    let filter = ReviewFilter::all(Period::Year(year));
    let rows = table2(data, areas, calendar, &filter)
        .into_iter()
        .map(|row| {
            vec![
                area_name(row.technical_area),
                year.label(),
                row.mentors.to_string(),
                row.mentees_reached.to_string(),
                row.validated_in_at_least_one.numerator.to_string(),
                percent(row.validated_in_at_least_one),
            ]
        })
        .collect();
    ExportTable {
        name: "table2",
        columns: vec![
            column("technical_area", ColumnKind::Text),
            column("fiscal_year", ColumnKind::Text),
            column("mentors", ColumnKind::Integer),
            column("mentees_reached", ColumnKind::Integer),
            column("validated_in_at_least_one", ColumnKind::Integer),
            column("validated_percent", ColumnKind::Integer),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests;
