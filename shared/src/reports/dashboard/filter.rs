//! What the dashboard is filtered by, and the options a screen offers (built from the data
//! present, so a select never offers a value that matches nothing).

use std::collections::{BTreeMap, BTreeSet};

use super::{DashboardData, ExportMentee};
use crate::domain::{CompetencyId, Date, MentorAffiliation, MentorId, TechnicalArea, YearMonth};
use crate::reports::fiscal::{FiscalCalendar, FiscalQuarter, FiscalYear};

/// The period figures are counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(FiscalYear),
    Quarter(FiscalQuarter),
    Month(YearMonth),
}

impl Period {
    pub fn contains(self, calendar: FiscalCalendar, date: Date) -> bool {
        match self {
            Self::Year(year) => calendar.fiscal_year(date) == year,
            Self::Quarter(quarter) => calendar.quarter(date) == quarter,
            Self::Month(month) => YearMonth::of(date) == month,
        }
    }

    /// The fiscal year the period falls in (Table 2's year, Table 1's last column).
    pub fn fiscal_year(self, calendar: FiscalCalendar) -> FiscalYear {
        match self {
            Self::Year(year) => year,
            Self::Quarter(quarter) => quarter.year,
            Self::Month(month) => Date::new(month.year, month.month, 1)
                .map_or(FiscalYear(month.year), |d| calendar.fiscal_year(d)),
        }
    }

    /// A stable code for a select's value: `fy2024`, `fy2024q3`, `2024-03`.
    pub fn code(self) -> String {
        match self {
            Self::Year(year) => format!("fy{}", year.0),
            Self::Quarter(q) => format!("fy{}q{}", q.year.0, q.quarter),
            Self::Month(m) => format!("{}-{:02}", m.year, m.month),
        }
    }

    /// The inverse of [`Period::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        if let Some(rest) = code.strip_prefix("fy") {
            return match rest.split_once('q') {
                Some((year, quarter)) => {
                    let quarter: u8 = quarter.parse().ok()?;
                    (1..=4).contains(&quarter).then_some(())?;
                    Some(Self::Quarter(FiscalQuarter {
                        year: FiscalYear(year.parse().ok()?),
                        quarter,
                    }))
                }
                None => Some(Self::Year(FiscalYear(rest.parse().ok()?))),
            };
        }
        let (year, month) = code.split_once('-')?;
        let month: u8 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(())?;
        Some(Self::Month(YearMonth {
            year: year.parse().ok()?,
            month,
        }))
    }
}

/// The dashboard's filter; `None` means "all".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardFilter {
    pub district: Option<String>,
    pub facility: Option<String>,
    /// The mentee record's professional association.
    pub association: Option<MentorAffiliation>,
    /// The technical area of the competency assessed or validated.
    pub area: Option<TechnicalArea>,
    /// The assessor (validating mentor for validations).
    pub mentor: Option<MentorId>,
    pub period: Period,
}

impl DashboardFilter {
    /// No filter but the period.
    pub fn all(period: Period) -> Self {
        Self {
            district: None,
            facility: None,
            association: None,
            area: None,
            mentor: None,
            period,
        }
    }

    pub fn place_matches(&self, district: &str, facility: &str) -> bool {
        self.district.as_deref().is_none_or(|d| d == district)
            && self.facility.as_deref().is_none_or(|f| f == facility)
    }

    /// Not merged, at the place, of the association.
    pub fn mentee_in_scope(&self, mentee: &ExportMentee) -> bool {
        mentee.is_exported()
            && self.place_matches(&mentee.district, &mentee.facility)
            && self
                .association
                .is_none_or(|a| mentee.record.association == Some(a))
    }

    /// The competency is in the filter's area (always, without an area filter).
    pub fn area_matches(
        &self,
        areas: &BTreeMap<CompetencyId, TechnicalArea>,
        competency: &CompetencyId,
    ) -> bool {
        self.area.is_none_or(|a| areas.get(competency) == Some(&a))
    }

    pub fn mentor_matches(&self, mentor: MentorId) -> bool {
        self.mentor.is_none_or(|m| m == mentor)
    }
}

/// A mentor who appears in the data: the id assessments carry and the name they show.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MentorOption {
    pub name: String,
    pub id: MentorId,
}

/// The values present in the data, sorted, for the filter's selects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterOptions {
    pub districts: Vec<String>,
    /// (district, facility).
    pub facilities: Vec<(String, String)>,
    pub associations: Vec<MentorAffiliation>,
    pub areas: Vec<TechnicalArea>,
    pub mentors: Vec<MentorOption>,
    /// Fiscal years with any dated record, newest first.
    pub years: Vec<FiscalYear>,
}

/// The options offered for `data` (merged records left out).
pub fn filter_options(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
) -> FilterOptions {
    let mut facilities = BTreeSet::new();
    let mut associations = BTreeSet::new();
    let mut area_set = BTreeSet::new();
    let mut mentors = BTreeSet::new();
    let mut years = BTreeSet::new();
    for m in data.mentees.iter().filter(|m| m.is_exported()) {
        facilities.insert((m.district.clone(), m.facility.clone()));
        associations.extend(m.record.association);
        for entry in &m.history.assessments {
            let a = &entry.assessment;
            area_set.extend(areas.get(&a.competency).copied());
            mentors.insert(MentorOption {
                name: entry.assessor_name.clone(),
                id: a.assessor,
            });
            years.insert(calendar.fiscal_year(a.date));
        }
        for v in m.history.validations.values() {
            years.insert(calendar.fiscal_year(v.validation.date));
        }
    }
    for v in &data.visits {
        facilities.insert((v.district.clone(), v.facility.clone()));
        years.insert(calendar.fiscal_year(v.visit.plan.start));
    }
    for p in &data.projects {
        facilities.insert((p.district.clone(), p.project.facility.clone()));
    }
    for s in &data.chw_sessions {
        facilities.insert((s.district.clone(), s.facility.clone()));
        years.insert(calendar.fiscal_year(s.session.date));
    }
    // One entry per mentor id: the first name seen in sorted order.
    let mut by_id: BTreeMap<MentorId, MentorOption> = BTreeMap::new();
    for option in mentors {
        by_id.entry(option.id).or_insert(option);
    }
    let mut mentors: Vec<MentorOption> = by_id.into_values().collect();
    mentors.sort();
    FilterOptions {
        districts: facilities
            .iter()
            .map(|(d, _)| d.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        facilities: facilities.into_iter().collect(),
        associations: associations.into_iter().collect(),
        areas: area_set.into_iter().collect(),
        mentors,
        years: years.into_iter().rev().collect(),
    }
}
