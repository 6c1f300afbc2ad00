//! The supervisor dashboard (issue 7), computed from the documents a device holds: decoded
//! mentee documents ([`ExportMentee`]), visits, QI projects and CHW group sessions. The app
//! computes it offline from what was synced; nothing here reads a clock (the caller passes
//! `today`).
//!
//! Definitions (the dashboard prints them beside the figures):
//! - The **mentees in scope** are the mentee documents not merged into another one, at the
//!   filter's district and facility, whose record names the filter's professional association
//!   (a mentee's association is the one on their record).
//! - The **assessments counted** are those of mentees in scope dated in the period, on a
//!   competency of the filter's technical area, made by the filter's mentor; the **validations
//!   counted** likewise (dated in the period, area, validated by the mentor).
//! - **Mentors active**: distinct assessors of the assessments counted. **Mentees reached**:
//!   distinct mentees with an assessment counted. **Mentees validated**: distinct mentees with
//!   a validation counted.
//! - **Visits**: visits at facilities in the filter's place whose first day is in the period;
//!   planned = not cancelled, done = marked done. The mentor filter does not apply to visits
//!   (their mentors are typed names, not accounts).
//! - **QI actions** (as of today, whatever the period): actions not done in open projects at
//!   facilities in the filter's place; overdue = due before today.
//! - **CHW groups reached this quarter**: (health centre, technical area) pairs with at least
//!   one CHW group session in today's fiscal quarter.

use std::collections::BTreeMap;

use crate::documents::chw_session::ChwSession;
use crate::documents::qi::QiProject;
use crate::documents::visit::Visit;
use crate::domain::FacilityLevel;

pub use super::exports::ExportMentee;

mod attention;
mod export;
mod filter;
mod headline;
mod indicators;
mod monthly;
mod qi_status;
mod table_filter;
mod trends;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod quarter_tests;
#[cfg(test)]
mod tests;

pub use attention::{Attention, STUCK_AFTER_ASSESSMENTS, needs_attention};
pub use export::tables_export;
pub use filter::{DashboardFilter, FilterOptions, MentorOption, Period, filter_options};
pub use headline::{Headline, headline};
pub use indicators::{DashboardFacilityData, IndicatorRow, quarter_indicators};
pub use monthly::{LineKind, ReportLine, report_lines};
pub use qi_status::{QiStatusRow, qi_status, quarter_months};
pub use table_filter::{FilteredTables, filtered_tables};
pub use trends::{
    MonthCount, PrePost, VisitMonth, pre_post_by_competency, validations_per_month,
    visits_per_month,
};

/// A visit document with the place its header names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardVisit {
    /// Document id, 32 hex digits.
    pub id: String,
    pub facility: String,
    pub district: String,
    pub visit: Visit,
}

/// A QI project document with its id and district (the facility is in the project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardProject {
    pub id: String,
    pub district: String,
    pub project: QiProject,
}

/// A CHW group session document with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardChwSession {
    pub facility: String,
    pub district: String,
    pub session: ChwSession,
}

/// Everything the dashboard reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DashboardData {
    pub mentees: Vec<ExportMentee>,
    pub visits: Vec<DashboardVisit>,
    pub projects: Vec<DashboardProject>,
    pub chw_sessions: Vec<DashboardChwSession>,
    /// Each facility's level by place slug, from the places list (which table a mentee's marks
    /// are in: Table 1 hospitals, Table 2 health centres); a facility missing here is in
    /// neither table.
    pub facility_levels: BTreeMap<String, FacilityLevel>,
}

impl DashboardData {
    /// The facility levels of a place list given as (slug, level code) pairs; codes that are
    /// not facility levels (country, province, district) are left out.
    pub fn levels_of<'a>(
        places: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> BTreeMap<String, FacilityLevel> {
        places
            .into_iter()
            .filter_map(|(id, code)| Some((id.to_owned(), FacilityLevel::from_code(code)?)))
            .collect()
    }
}
