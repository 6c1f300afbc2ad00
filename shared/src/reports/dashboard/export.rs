//! Tables 1 and 2 as export tables (CSV and workbook sheets), in long form — one row per
//! association and fiscal year, one row per technical area — so a spreadsheet can pivot them;
//! the app shows them in the brief's layout. Same figures as the dashboard:
//! [`filtered_tables`] with no filter but the year.

use std::collections::BTreeMap;

use super::{DashboardData, DashboardFilter, Period, filtered_tables};
use crate::documents::mentee::association_code;
use crate::domain::{CompetencyId, Proportion, TechnicalArea};
use crate::reports::exports::{Column, ColumnKind, ExportTable};
use crate::reports::fiscal::{FiscalCalendar, FiscalYear};

/// An export table whose first two columns are text (what and which year), the rest counts.
fn table(name: &'static str, headers: &[&'static str], rows: Vec<Vec<String>>) -> ExportTable {
    let kind = |i| {
        if i < 2 {
            ColumnKind::Text
        } else {
            ColumnKind::Integer
        }
    };
    let columns = (headers.iter().enumerate())
        .map(|(i, &name)| Column {
            name,
            kind: kind(i),
        })
        .collect();
    ExportTable {
        name,
        columns,
        rows,
    }
}

fn percent(p: Proportion) -> String {
    p.percent_rounded()
        .map(|x| x.to_string())
        .unwrap_or_default()
}

/// Tables 1 and 2 for everything in `data`: Table 1 for the three fiscal years ending with
/// `year`, Table 2 for `year`; `area_name` names a technical area.
pub fn tables_export(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    year: FiscalYear,
    area_name: impl Fn(TechnicalArea) -> String,
) -> [ExportTable; 2] {
    let tables = filtered_tables(
        data,
        areas,
        calendar,
        &DashboardFilter::all(Period::Year(year)),
    );
    let mut rows1 = Vec::new();
    for row in tables.table1 {
        for cell in row.cells {
            rows1.push(vec![
                association_code(row.association).to_owned(),
                cell.fiscal_year.label(),
                cell.total_mentees.to_string(),
                cell.validated.numerator.to_string(),
                percent(cell.validated),
            ]);
        }
    }
    let rows2 = tables
        .table2
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
    let headers1 = [
        "association",
        "fiscal_year",
        "total_mentees",
        "validated_mentees",
        "validated_percent",
    ];
    let headers2 = [
        "technical_area",
        "fiscal_year",
        "mentors",
        "mentees_reached",
        "validated_in_at_least_one",
        "validated_percent",
    ];
    [
        table("table1", &headers1, rows1),
        table("table2", &headers2, rows2),
    ]
}

#[cfg(test)]
mod tests;
