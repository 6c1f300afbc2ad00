//! Tables 1 and 2 of the Ingobyi brief (seed 002), as supervisors read them.
//!
//! Definitions (the same ones the dashboard prints under the tables):
//! - A mentee is **mentored by association A in fiscal year Y** when at least one assessment of
//!   the mentee dated in Y was made by a mentor affiliated with A. A mentee mentored by two
//!   associations counts in both rows.
//! - A mentee is **validated for A in Y** when they were validated in Y (validation date) by a
//!   mentor affiliated with A, on any competency.
//! - A mentee is **reached in technical area T in Y** when at least one of their assessments dated
//!   in Y is on a competency of T; the **mentors** of T are the distinct assessors of those
//!   assessments; a reached mentee is **validated in at least one competency** of T when they
//!   have a validation dated in Y on a competency of T.
//! - Percentages are validated ÷ total, rounded half up, absent when the total is zero.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::fiscal::{FiscalCalendar, FiscalYear};
use crate::domain::{
    CompetencyId, Dataset, FacilityLevel, MenteeId, MentorAffiliation, MentorId, Proportion,
    TechnicalArea,
};

/// One cell group of Table 1: an association in a fiscal year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table1Cell {
    pub fiscal_year: FiscalYear,
    pub total_mentees: u32,
    /// n validated over `total_mentees`.
    pub validated: Proportion,
}

/// One row of Table 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table1Row {
    pub association: MentorAffiliation,
    pub cells: Vec<Table1Cell>,
}

/// Table 1: mentees and validated mentees by professional association and fiscal year.
pub fn table1(
    dataset: &Dataset,
    calendar: FiscalCalendar,
    associations: &[MentorAffiliation],
    years: &[FiscalYear],
) -> Vec<Table1Row> {
    let affiliation_of = |mentor: MentorId| dataset.mentor(mentor).map(|mentor| mentor.affiliation);
    associations
        .iter()
        .map(|&association| {
            let cells = years
                .iter()
                .map(|&year| {
                    let mentored: BTreeSet<MenteeId> = dataset
                        .assessments
                        .iter()
                        .filter(|a| {
                            calendar.contains(year, a.date)
                                && affiliation_of(a.assessor) == Some(association)
                        })
                        .map(|a| a.mentee)
                        .collect();
                    let validated = dataset
                        .validations
                        .iter()
                        .filter(|v| {
                            calendar.contains(year, v.date)
                                && affiliation_of(v.validated_by) == Some(association)
                        })
                        .map(|v| v.mentee)
                        .filter(|mentee| mentored.contains(mentee))
                        .collect::<BTreeSet<_>>();
                    Table1Cell {
                        fiscal_year: year,
                        total_mentees: count(mentored.len()),
                        validated: Proportion::new(count(validated.len()), count(mentored.len())),
                    }
                })
                .collect();
            Table1Row { association, cells }
        })
        .collect()
}

/// One row of Table 2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table2Row {
    pub technical_area: TechnicalArea,
    pub mentors: u32,
    pub mentees_reached: u32,
    /// Mentees validated in at least one competency of the area, over mentees reached.
    pub validated_in_at_least_one: Proportion,
}

/// Table 2: by technical area in one fiscal year, for mentees working at facilities of the given
/// levels (empty: all levels). `competency_areas` comes from
/// [`Catalogue::competency_areas`](crate::catalogue::Catalogue::competency_areas).
pub fn table2(
    dataset: &Dataset,
    competency_areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    year: FiscalYear,
    areas: &[TechnicalArea],
    facility_levels: &[FacilityLevel],
) -> Vec<Table2Row> {
    let in_scope = |mentee: MenteeId| {
        facility_levels.is_empty()
            || dataset
                .mentee(mentee)
                .and_then(|mentee| dataset.places.facility_level(mentee.facility))
                .is_some_and(|level| facility_levels.contains(&level))
    };
    let area_of = |competency: &CompetencyId| competency_areas.get(competency).copied();
    areas
        .iter()
        .map(|&area| {
            let assessments = dataset.assessments.iter().filter(|a| {
                calendar.contains(year, a.date)
                    && area_of(&a.competency) == Some(area)
                    && in_scope(a.mentee)
            });
            let (mentors, reached): (BTreeSet<MentorId>, BTreeSet<MenteeId>) =
                assessments.map(|a| (a.assessor, a.mentee)).unzip();
            let validated: BTreeSet<MenteeId> = dataset
                .validations
                .iter()
                .filter(|v| calendar.contains(year, v.date) && area_of(&v.competency) == Some(area))
                .map(|v| v.mentee)
                .filter(|mentee| reached.contains(mentee))
                .collect();
            Table2Row {
                technical_area: area,
                mentors: count(mentors.len()),
                mentees_reached: count(reached.len()),
                validated_in_at_least_one: Proportion::new(
                    count(validated.len()),
                    count(reached.len()),
                ),
            }
        })
        .collect()
}

pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
