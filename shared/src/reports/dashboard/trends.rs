//! The series behind the dashboard's trend charts. Month series ignore the filter's period
//! (the caller passes the months to draw); the pre/post comparison uses it.

use std::collections::BTreeMap;

use super::headline::counted_assessments;
use super::{DashboardData, DashboardFilter};
use crate::documents::visit::VisitState;
use crate::domain::{AssessmentKind, CompetencyId, TechnicalArea, TestPhase, YearMonth};
use crate::reports::fiscal::FiscalCalendar;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthCount {
    pub month: YearMonth,
    pub count: u32,
}

/// Validations per month (dated in the month), for mentees and competencies in the filter.
pub fn validations_per_month(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    filter: &DashboardFilter,
    months: &[YearMonth],
) -> Vec<MonthCount> {
    let mut counts: BTreeMap<YearMonth, u32> = BTreeMap::new();
    for m in data.mentees.iter().filter(|m| filter.mentee_in_scope(m)) {
        for e in m.history.validations.values() {
            let v = &e.validation;
            if filter.area_matches(areas, &v.competency) && filter.mentor_matches(v.validated_by) {
                *counts.entry(YearMonth::of(v.date)).or_default() += 1;
            }
        }
    }
    months
        .iter()
        .map(|&month| MonthCount {
            month,
            count: counts.get(&month).copied().unwrap_or(0),
        })
        .collect()
}

/// Mean pre-test and post-test scores on one competency, in basis points (10 000 = 100%),
/// rounded down; `None` when there is no such test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrePost {
    pub competency: CompetencyId,
    pub pre_tests: u32,
    pub pre_mean: Option<u32>,
    pub post_tests: u32,
    pub post_mean: Option<u32>,
}

/// Knowledge tests counted under the filter (its period included), by competency.
pub fn pre_post_by_competency(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &DashboardFilter,
) -> Vec<PrePost> {
    // competency -> [(sum, n) pre, (sum, n) post]
    let mut sums: BTreeMap<CompetencyId, [(u32, u32); 2]> = BTreeMap::new();
    for (_, entry) in counted_assessments(data, areas, calendar, filter) {
        let a = &entry.assessment;
        if let AssessmentKind::KnowledgeTest { phase, .. } = a.kind {
            let slot = usize::from(phase == TestPhase::PostTest);
            let cell = &mut sums.entry(a.competency.clone()).or_default()[slot];
            cell.0 += u32::from(a.score.basis_points_floor());
            cell.1 += 1;
        }
    }
    let mean = |(sum, n): (u32, u32)| (n > 0).then(|| sum / n);
    sums.into_iter()
        .map(|(competency, [pre, post])| PrePost {
            competency,
            pre_tests: pre.1,
            pre_mean: mean(pre),
            post_tests: post.1,
            post_mean: mean(post),
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisitMonth {
    pub month: YearMonth,
    /// Not cancelled.
    pub planned: u32,
    pub done: u32,
}

/// Visits by the month of their first day, at the filter's place.
pub fn visits_per_month(
    data: &DashboardData,
    filter: &DashboardFilter,
    months: &[YearMonth],
) -> Vec<VisitMonth> {
    months
        .iter()
        .map(|&month| {
            let visits = data.visits.iter().filter(|v| {
                filter.place_matches(&v.district, &v.facility)
                    && YearMonth::of(v.visit.plan.start) == month
                    && v.visit.state != VisitState::Cancelled
            });
            let (mut planned, mut done) = (0, 0);
            for v in visits {
                planned += 1;
                done += u32::from(v.visit.state == VisitState::Done);
            }
            VisitMonth {
                month,
                planned,
                done,
            }
        })
        .collect()
}
