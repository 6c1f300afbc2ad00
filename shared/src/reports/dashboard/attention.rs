//! The "needs attention" list: facilities with no visit this month, mentees stuck in coaching,
//! overdue QI actions. Each item names what a screen links to.

use std::collections::{BTreeMap, BTreeSet};

use super::{DashboardData, DashboardFilter};
use crate::documents::qi::{ActionStatus, is_overdue};
use crate::documents::visit::VisitState;
use crate::domain::{CompetencyId, Date, TechnicalArea, YearMonth};

/// A mentee is stuck after this many assessments on one competency without validation.
pub const STUCK_AFTER_ASSESSMENTS: usize = 3;

/// One item of the list, in the order the list shows them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attention {
    /// No visit (planned, in progress or done) starting in today's month.
    NoVisitThisMonth { district: String, facility: String },
    /// At least [`STUCK_AFTER_ASSESSMENTS`] assessments on a competency, no validation.
    StuckInCoaching {
        facility: String,
        mentee_name: String,
        /// The mentee document id (hex).
        mentee_id: String,
        competency: CompetencyId,
        assessments: usize,
    },
    /// An action not done in an open project, due before today.
    OverdueAction {
        facility: String,
        due: Date,
        /// The project document id (hex).
        project_id: String,
        gap: String,
        action: String,
    },
}

/// The list for the filter's place, association, area and mentor (not its period: the list is
/// about today). `facilities` are (district, facility) pairs expected to be visited (e.g. the
/// user's places); facilities seen in the data are added to them.
pub fn needs_attention(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    facilities: &[(String, String)],
    filter: &DashboardFilter,
    today: Date,
) -> Vec<Attention> {
    let mut items = Vec::new();
    let this_month = YearMonth::of(today);
    let mut places: BTreeSet<(String, String)> = facilities.iter().cloned().collect();
    places.extend(
        data.visits
            .iter()
            .map(|v| (v.district.clone(), v.facility.clone())),
    );
    places.extend(
        data.mentees
            .iter()
            .filter(|m| m.is_exported())
            .map(|m| (m.district.clone(), m.facility.clone())),
    );
    for (district, facility) in places {
        if !filter.place_matches(&district, &facility) {
            continue;
        }
        let visited = data.visits.iter().any(|v| {
            v.facility == facility
                && v.visit.state != VisitState::Cancelled
                && YearMonth::of(v.visit.plan.start) == this_month
        });
        if !visited {
            items.push(Attention::NoVisitThisMonth { district, facility });
        }
    }
    for m in data.mentees.iter().filter(|m| filter.mentee_in_scope(m)) {
        let mut by_competency: BTreeMap<&CompetencyId, Vec<_>> = BTreeMap::new();
        for entry in &m.history.assessments {
            by_competency
                .entry(&entry.assessment.competency)
                .or_default()
                .push(entry.assessment.assessor);
        }
        for (competency, assessors) in by_competency {
            if assessors.len() >= STUCK_AFTER_ASSESSMENTS
                && !m.history.validations.contains_key(competency)
                && filter.area_matches(areas, competency)
                && assessors.iter().any(|a| filter.mentor_matches(*a))
            {
                items.push(Attention::StuckInCoaching {
                    facility: m.facility.clone(),
                    mentee_name: m.record.name.clone(),
                    mentee_id: m.id.clone(),
                    competency: competency.clone(),
                    assessments: assessors.len(),
                });
            }
        }
    }
    for p in &data.projects {
        if !p.project.is_open() || !filter.place_matches(&p.district, &p.project.facility) {
            continue;
        }
        for (_, action) in &p.project.actions {
            if action.status != ActionStatus::Done && is_overdue(action, today) {
                items.push(Attention::OverdueAction {
                    facility: p.project.facility.clone(),
                    due: action.due,
                    project_id: p.id.clone(),
                    gap: p.project.gap.clone(),
                    action: action.text.clone(),
                });
            }
        }
    }
    items.sort();
    items
}
