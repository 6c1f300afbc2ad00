//! Tables 1 and 2 for the dashboard's filter: the filter picks the marks, the rows and the years;
//! the figures are [`reports::brief_tables`](crate::reports::brief_tables)'.
//!
//! Each assessment and validation counts for the affiliation it recorded (its mentor's, when it
//! was made) or, if it recorded none, the association on the mentee's record; its level is the
//! level of the mentee's facility ([`DashboardData::facility_levels`]). The filter's association
//! still picks mentees by their record (as everywhere on the dashboard) and keeps its row only.

use std::collections::{BTreeMap, BTreeSet};

use super::{DashboardData, DashboardFilter};
use crate::documents::mentee::ASSOCIATIONS;
use crate::domain::{CompetencyId, Date, MentorAffiliation, MentorId, TechnicalArea};
use crate::reports::brief_tables::{BRIEF_AREAS, Mark, Table1Row, Table2Row, TableInput};
use crate::reports::fiscal::{FiscalCalendar, FiscalYear};

/// Both tables as the dashboard shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilteredTables {
    /// Table 1's columns: the three fiscal years ending with the filter period's year.
    pub years: Vec<FiscalYear>,
    pub table1: Vec<Table1Row>,
    /// For the filter period's fiscal year.
    pub table2: Vec<Table2Row>,
}

/// Tables 1 and 2 for the filter's place, association, area and mentor (the period picks the
/// years).
pub fn filtered_tables(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &DashboardFilter,
) -> FilteredTables {
    let input = table_input(data, areas, filter);
    let last = filter.period.fiscal_year(calendar);
    let years: Vec<FiscalYear> = (last.0 - 2..=last.0).map(FiscalYear).collect();
    let associations: Vec<MentorAffiliation> = ASSOCIATIONS
        .into_iter()
        .filter(|a| filter.association.is_none_or(|f| f == *a))
        .collect();
    FilteredTables {
        table1: input.table1(calendar, &associations, &years),
        table2: input.table2(areas, calendar, last, &table2_areas(data, areas, filter)),
        years,
    }
}

/// The assessments and validations of the mentees in the filter's scope, on the filter's area,
/// by the filter's mentor, whatever their date.
fn table_input<'a>(
    data: &'a DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    filter: &DashboardFilter,
) -> TableInput<&'a str> {
    let mut input = TableInput {
        assessments: Vec::new(),
        validations: Vec::new(),
    };
    for m in data.mentees.iter().filter(|m| filter.mentee_in_scope(m)) {
        let level = data.facility_levels.get(&m.facility).copied();
        let mark = |date: Date, competency: &CompetencyId, mentor: MentorId, association| {
            (filter.area_matches(areas, competency) && filter.mentor_matches(mentor)).then(|| {
                Mark {
                    mentee: m.id.as_str(),
                    date,
                    competency: competency.clone(),
                    mentor,
                    association,
                    mentee_association: m.record.association,
                    level,
                }
            })
        };
        input
            .assessments
            .extend(m.history.assessments.iter().filter_map(|e| {
                let a = &e.assessment;
                mark(a.date, &a.competency, a.assessor, e.association)
            }));
        input
            .validations
            .extend(m.history.validations.values().filter_map(|e| {
                let v = &e.validation;
                mark(v.date, &v.competency, v.validated_by, e.association)
            }));
    }
    input
}

/// Table 2's rows: the brief's four areas plus any other area assessed in the data (only the
/// filter's area when it has one).
fn table2_areas(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    filter: &DashboardFilter,
) -> Vec<TechnicalArea> {
    if let Some(area) = filter.area {
        return vec![area];
    }
    let present: BTreeSet<TechnicalArea> = data
        .mentees
        .iter()
        .flat_map(|m| m.history.assessments.iter())
        .filter_map(|e| areas.get(&e.assessment.competency).copied())
        .collect();
    let mut rows = BRIEF_AREAS.to_vec();
    rows.extend(present.into_iter().filter(|a| !BRIEF_AREAS.contains(a)));
    rows
}

#[cfg(test)]
mod tests;
