//! Tables 1 and 2 of seed 002 computed from documents, in the brief's layout.

use std::collections::{BTreeMap, BTreeSet};

use super::{ReviewData, ReviewFilter};
use crate::documents::mentee::ASSOCIATIONS;
use crate::domain::{CompetencyId, MentorAffiliation, Proportion, TechnicalArea};
use crate::reports::fiscal::{FiscalCalendar, FiscalYear};
use crate::reports::tables::count;

/// Table 1's definition, as printed beside it.
pub const TABLE1_DEFINITION: &str = "Row: the professional association on the mentee's record. \
Total mentees: mentees with at least one assessment dated in the fiscal year. Validated: those \
of them validated on at least one competency in the same fiscal year. Percentages are rounded \
half up.";

/// Table 2's definition, as printed beside it.
pub const TABLE2_DEFINITION: &str = "Technical area: the catalogue's area of the competency. \
Mentors: distinct assessors of the area's assessments dated in the fiscal year. Mentees reached: \
mentees with such an assessment. Validated: reached mentees with a validation in the year on a \
competency of the area.";

/// The facility areas of the brief's Table 2, always shown.
const TABLE2_BASE_AREAS: [TechnicalArea; 4] = [
    TechnicalArea::Mnh,
    TechnicalArea::Imci,
    TechnicalArea::Fp,
    TechnicalArea::NeonatalHealth,
];

/// One fiscal year of a Table 1 row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocTable1Cell {
    pub fiscal_year: FiscalYear,
    pub total_mentees: u32,
    pub validated: Proportion,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocTable1Row {
    pub association: MentorAffiliation,
    pub cells: Vec<DocTable1Cell>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocTable2Row {
    pub technical_area: TechnicalArea,
    pub mentors: u32,
    pub mentees_reached: u32,
    pub validated_in_at_least_one: Proportion,
}

/// "80 (58%)"; "0" when nobody was counted.
pub fn cell_text(p: Proportion) -> String {
    match p.percent_rounded() {
        Some(percent) => format!("{} ({percent}%)", p.numerator),
        None => p.numerator.to_string(),
    }
}

/// Table 1's columns: the three fiscal years ending with the filter period's year.
pub fn table1_years(filter: &ReviewFilter, calendar: FiscalCalendar) -> Vec<FiscalYear> {
    let last = filter.period.fiscal_year(calendar).0;
    (last - 2..=last).map(FiscalYear).collect()
}

/// Table 1 for the filter's place, area and mentor (the period picks the years).
pub fn table1(
    data: &ReviewData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &ReviewFilter,
) -> Vec<DocTable1Row> {
    let years = table1_years(filter, calendar);
    ASSOCIATIONS
        .into_iter()
        .filter(|a| filter.association.is_none_or(|f| f == *a))
        .map(|association| {
            let mentees: Vec<_> = data
                .mentees
                .iter()
                .filter(|m| {
                    m.record.association == Some(association)
                        && m.is_exported()
                        && filter.place_matches(&m.district, &m.facility)
                })
                .collect();
            let cells = years
                .iter()
                .map(|&year| {
                    let mut total = 0;
                    let mut validated = 0;
                    for m in &mentees {
                        let assessed = m.history.assessments.iter().any(|e| {
                            let a = &e.assessment;
                            calendar.fiscal_year(a.date) == year
                                && filter.area_matches(areas, &a.competency)
                                && filter.mentor_matches(a.assessor)
                        });
                        if !assessed {
                            continue;
                        }
                        total += 1;
                        validated += u32::from(m.history.validations.values().any(|e| {
                            let v = &e.validation;
                            calendar.fiscal_year(v.date) == year
                                && filter.area_matches(areas, &v.competency)
                                && filter.mentor_matches(v.validated_by)
                        }));
                    }
                    DocTable1Cell {
                        fiscal_year: year,
                        total_mentees: total,
                        validated: Proportion::new(validated, total),
                    }
                })
                .collect();
            DocTable1Row { association, cells }
        })
        .collect()
}

/// Table 2's rows: the brief's four areas plus any other area assessed in the data (only the
/// filter's area when it has one).
pub fn table2_areas(
    data: &ReviewData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    filter: &ReviewFilter,
) -> Vec<TechnicalArea> {
    if let Some(area) = filter.area {
        return vec![area];
    }
    let mut rows: Vec<TechnicalArea> = TABLE2_BASE_AREAS.to_vec();
    let present: BTreeSet<TechnicalArea> = data
        .mentees
        .iter()
        .flat_map(|m| m.history.assessments.iter())
        .filter_map(|e| areas.get(&e.assessment.competency).copied())
        .collect();
    rows.extend(
        present
            .into_iter()
            .filter(|a| !TABLE2_BASE_AREAS.contains(a)),
    );
    rows
}

/// Table 2 for the filter period's fiscal year, place, association and mentor.
pub fn table2(
    data: &ReviewData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &ReviewFilter,
) -> Vec<DocTable2Row> {
    let year = filter.period.fiscal_year(calendar);
    let in_area = |competency: &CompetencyId, area| areas.get(competency) == Some(&area);
    table2_areas(data, areas, filter)
        .into_iter()
        .map(|area| {
            let mut mentors = BTreeSet::new();
            let mut reached = 0;
            let mut validated = 0;
            for m in data.mentees.iter().filter(|m| filter.mentee_in_scope(m)) {
                let assessments: Vec<_> = m
                    .history
                    .assessments
                    .iter()
                    .map(|e| &e.assessment)
                    .filter(|a| {
                        calendar.fiscal_year(a.date) == year
                            && in_area(&a.competency, area)
                            && filter.mentor_matches(a.assessor)
                    })
                    .collect();
                if assessments.is_empty() {
                    continue;
                }
                mentors.extend(assessments.iter().map(|a| a.assessor));
                reached += 1;
                validated += u32::from(m.history.validations.values().any(|e| {
                    calendar.fiscal_year(e.validation.date) == year
                        && in_area(&e.validation.competency, area)
                }));
            }
            DocTable2Row {
                technical_area: area,
                mentors: count(mentors.len()),
                mentees_reached: reached,
                validated_in_at_least_one: Proportion::new(validated, reached),
            }
        })
        .collect()
}
