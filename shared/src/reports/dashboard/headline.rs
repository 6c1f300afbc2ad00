//! The headline figures (definitions in the module docs of `review`).

use std::collections::{BTreeMap, BTreeSet};

use super::{DashboardData, DashboardFilter, ExportMentee};
use crate::documents::chw_session::CHW_AREAS;
use crate::documents::mentee::{AssessmentEntry, ValidationEntry};
use crate::documents::qi::{ActionStatus, is_overdue};
use crate::documents::visit::VisitState;
use crate::domain::{CompetencyId, Date, TechnicalArea};
use crate::reports::fiscal::FiscalCalendar;

/// The dashboard's big numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Headline {
    pub mentors_active: usize,
    pub mentees_reached: usize,
    pub mentees_validated: usize,
    pub visits_planned: usize,
    pub visits_done: usize,
    pub qi_actions_open: usize,
    pub qi_actions_overdue: usize,
    pub chw_groups_reached: usize,
}

/// The assessments counted under `filter` (see the module docs), with their mentee.
pub(super) fn counted_assessments<'a>(
    data: &'a DashboardData,
    areas: &'a BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &'a DashboardFilter,
) -> impl Iterator<Item = (&'a ExportMentee, &'a AssessmentEntry)> + 'a {
    data.mentees
        .iter()
        .filter(|m| filter.mentee_in_scope(m))
        .flat_map(|m| m.history.assessments.iter().map(move |a| (m, a)))
        .filter(move |(_, entry)| {
            let a = &entry.assessment;
            filter.period.contains(calendar, a.date)
                && filter.area_matches(areas, &a.competency)
                && filter.mentor_matches(a.assessor)
        })
}

/// The validations counted under `filter`, with their mentee.
pub(super) fn counted_validations<'a>(
    data: &'a DashboardData,
    areas: &'a BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &'a DashboardFilter,
) -> impl Iterator<Item = (&'a ExportMentee, &'a ValidationEntry)> + 'a {
    data.mentees
        .iter()
        .filter(|m| filter.mentee_in_scope(m))
        .flat_map(|m| m.history.validations.values().map(move |v| (m, v)))
        .filter(move |(_, entry)| {
            let v = &entry.validation;
            filter.period.contains(calendar, v.date)
                && filter.area_matches(areas, &v.competency)
                && filter.mentor_matches(v.validated_by)
        })
}

pub fn headline(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &DashboardFilter,
    today: Date,
) -> Headline {
    let mut mentors = BTreeSet::new();
    let mut reached = BTreeSet::new();
    for (m, entry) in counted_assessments(data, areas, calendar, filter) {
        mentors.insert(entry.assessment.assessor);
        reached.insert(m.id.as_str());
    }
    let validated: BTreeSet<&str> = counted_validations(data, areas, calendar, filter)
        .map(|(m, _)| m.id.as_str())
        .collect();
    let visits = data.visits.iter().filter(|v| {
        filter.place_matches(&v.district, &v.facility)
            && filter.period.contains(calendar, v.visit.plan.start)
    });
    let (mut visits_planned, mut visits_done) = (0, 0);
    for v in visits {
        visits_planned += usize::from(v.visit.state != VisitState::Cancelled);
        visits_done += usize::from(v.visit.state == VisitState::Done);
    }
    let open_actions: Vec<_> = data
        .projects
        .iter()
        .filter(|p| p.project.is_open() && filter.place_matches(&p.district, &p.project.facility))
        .flat_map(|p| p.project.actions.iter())
        .filter(|(_, a)| a.status != ActionStatus::Done)
        .collect();
    let this_quarter = calendar.quarter(today);
    let groups: BTreeSet<(&str, TechnicalArea)> = data
        .chw_sessions
        .iter()
        .filter(|s| {
            filter.place_matches(&s.district, &s.facility)
                && CHW_AREAS.contains(&s.session.technical_area)
                && filter.area.is_none_or(|a| a == s.session.technical_area)
                && calendar.quarter(s.session.date) == this_quarter
        })
        .map(|s| (s.facility.as_str(), s.session.technical_area))
        .collect();
    Headline {
        mentors_active: mentors.len(),
        mentees_reached: reached.len(),
        mentees_validated: validated.len(),
        visits_planned,
        visits_done,
        qi_actions_open: open_actions.len(),
        qi_actions_overdue: open_actions
            .iter()
            .filter(|(_, a)| is_overdue(a, today))
            .count(),
        chw_groups_reached: groups.len(),
    }
}
