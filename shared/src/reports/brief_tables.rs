//! Tables 1 and 2 of the Ingobyi brief (seed 002): the one definition the dashboard and the
//! server's downloads use.
//!
//! The tables count [`Mark`]s: one per assessment or validation, saying which mentee, when, on
//! which competency, by which mentor, for which association and at which level of facility.
//! Callers build a [`TableInput`] from what they hold and filter it first (the dashboard's place,
//! area and mentor); nothing here knows where the marks came from.
//!
//! Definitions (the brief's; the dashboard prints them under the tables):
//! - Table 1 counts hospital-level mentorship only: marks at district and provincial hospitals
//!   ([`TABLE1_LEVELS`]; the brief's "26 district hospitals and 2 upgraded health centers" — the
//!   places have no level for an upgraded health centre, so those count only if registered as
//!   hospitals). Table 2 counts health centres only ([`TABLE2_LEVELS`], the brief's "supported
//!   health centers"). A mark at a facility of unknown level counts in neither.
//! - A mark **counts for** the mentor affiliation recorded with it when it was made (the
//!   mentoring mentor's team); a mark that recorded none (older data) counts for the
//!   association on the mentee's record ([`Mark::counted_for`]).
//! - A mentee is **mentored by association A in fiscal year Y** when at least one of their
//!   assessments dated in Y, at a hospital, counts for A. A mentee mentored by two associations
//!   counts in both rows.
//! - A mentee is **validated for A in Y** when they are mentored by A in Y and have a validation
//!   dated in Y, at a hospital, that counts for A, on any competency.
//! - A mentee is **reached in technical area T in Y** when at least one of their assessments
//!   dated in Y, at a health centre, is on a competency of T; the **mentors** of T are the
//!   distinct assessors of those assessments; a reached mentee is **validated in at least one
//!   competency** of T when they have a validation dated in Y on a competency of T.
//! - Percentages are validated ÷ total, rounded half up, absent when the total is zero.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::fiscal::{FiscalCalendar, FiscalYear};
use crate::domain::{
    CompetencyId, Date, FacilityLevel, MentorAffiliation, MentorId, Proportion, TechnicalArea,
};

/// The technical areas of the brief's Table 2, in its order.
pub const BRIEF_AREAS: [TechnicalArea; 4] = [
    TechnicalArea::Mnh,
    TechnicalArea::Imci,
    TechnicalArea::Fp,
    TechnicalArea::NeonatalHealth,
];

/// The facility levels of Table 1: the brief's district hospitals (and provincial ones).
pub const TABLE1_LEVELS: [FacilityLevel; 2] = [
    FacilityLevel::ProvincialHospital,
    FacilityLevel::DistrictHospital,
];

/// The facility levels of Table 2: the brief's health centres.
pub const TABLE2_LEVELS: [FacilityLevel; 1] = [FacilityLevel::HealthCentre];

/// One assessment or validation as the tables count it; `K` names the mentee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark<K> {
    pub mentee: K,
    pub date: Date,
    pub competency: CompetencyId,
    /// The assessor, or the validating mentor.
    pub mentor: MentorId,
    /// The mentor's affiliation recorded with the mark when it was made, if any.
    pub association: Option<MentorAffiliation>,
    /// The association on the mentee's record: what a mark that recorded none counts for.
    pub mentee_association: Option<MentorAffiliation>,
    /// The level of the mentee's facility, when known (which table the mark is in).
    pub level: Option<FacilityLevel>,
}

impl<K> Mark<K> {
    /// The association the mark counts for in Table 1: the one recorded with it, else (older
    /// data) the one on the mentee's record.
    pub fn counted_for(&self) -> Option<MentorAffiliation> {
        self.association.or(self.mentee_association)
    }

    fn at(&self, levels: &[FacilityLevel]) -> bool {
        self.level.is_some_and(|l| levels.contains(&l))
    }
}

/// What Tables 1 and 2 count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableInput<K> {
    pub assessments: Vec<Mark<K>>,
    pub validations: Vec<Mark<K>>,
}

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

/// One row of Table 2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table2Row {
    pub technical_area: TechnicalArea,
    pub mentors: u32,
    pub mentees_reached: u32,
    /// Mentees validated in at least one competency of the area, over mentees reached.
    pub validated_in_at_least_one: Proportion,
}

impl<K: Ord + Copy> TableInput<K> {
    /// Table 1: mentees and validated mentees of hospitals by the association whose team
    /// mentored them, and fiscal year.
    pub fn table1(
        &self,
        calendar: FiscalCalendar,
        associations: &[MentorAffiliation],
        years: &[FiscalYear],
    ) -> Vec<Table1Row> {
        let mentees = |marks: &[Mark<K>], association, year| -> BTreeSet<K> {
            marks
                .iter()
                .filter(|m| m.at(&TABLE1_LEVELS) && m.counted_for() == Some(association))
                .filter(|m| calendar.contains(year, m.date))
                .map(|m| m.mentee)
                .collect()
        };
        let cell = |association, year| {
            let mentored = mentees(&self.assessments, association, year);
            let validated = mentees(&self.validations, association, year);
            let total = count(mentored.len());
            Table1Cell {
                fiscal_year: year,
                total_mentees: total,
                validated: Proportion::new(count(validated.intersection(&mentored).count()), total),
            }
        };
        associations
            .iter()
            .map(|&association| Table1Row {
                association,
                cells: years.iter().map(|&year| cell(association, year)).collect(),
            })
            .collect()
    }

    /// Table 2: by technical area in fiscal year `year`, for assessments at health centres.
    /// `competency_areas` comes from
    /// [`Catalogue::competency_areas`](crate::catalogue::Catalogue::competency_areas).
    pub fn table2(
        &self,
        competency_areas: &BTreeMap<CompetencyId, TechnicalArea>,
        calendar: FiscalCalendar,
        year: FiscalYear,
        areas: &[TechnicalArea],
    ) -> Vec<Table2Row> {
        let at_level = |m: &Mark<K>| m.at(&TABLE2_LEVELS);
        let counted = |m: &Mark<K>, area| {
            calendar.contains(year, m.date) && competency_areas.get(&m.competency) == Some(&area)
        };
        let row = |area| {
            let (mentors, reached): (BTreeSet<MentorId>, BTreeSet<K>) = self
                .assessments
                .iter()
                .filter(|m| counted(m, area) && at_level(m))
                .map(|m| (m.mentor, m.mentee))
                .unzip();
            let validated = self
                .validations
                .iter()
                .filter(|m| counted(m, area) && reached.contains(&m.mentee))
                .map(|m| m.mentee)
                .collect::<BTreeSet<K>>();
            Table2Row {
                technical_area: area,
                mentors: count(mentors.len()),
                mentees_reached: count(reached.len()),
                validated_in_at_least_one: Proportion::new(
                    count(validated.len()),
                    count(reached.len()),
                ),
            }
        };
        areas.iter().map(|&area| row(area)).collect()
    }
}

/// A cell of the brief's layout: "80 (58%)"; "0" when nobody was counted.
pub fn cell_text(p: Proportion) -> String {
    match p.percent_rounded() {
        Some(percent) => format!("{} ({percent}%)", p.numerator),
        None => p.numerator.to_string(),
    }
}

pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
