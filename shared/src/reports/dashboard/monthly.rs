//! The lines of a mentor's monthly report: each assessment and validation counted under the
//! filter (usually one month and one mentor), oldest first.

use std::collections::BTreeMap;

use super::headline::{counted_assessments, counted_validations};
use super::{DashboardData, DashboardFilter};
use crate::domain::{
    AssessmentKind, CompetencyId, Date, ObservationPurpose, TechnicalArea, TestPhase,
};
use crate::reports::fiscal::FiscalCalendar;

/// What happened, in the order a day's lines are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineKind {
    PreTest,
    PostTest,
    BaselineObservation,
    CoachingObservation,
    PostMentorshipObservation,
    GroupAssessment,
    Validation,
}

fn line_kind(kind: &AssessmentKind) -> LineKind {
    match kind {
        AssessmentKind::KnowledgeTest {
            phase: TestPhase::PreTest,
            ..
        } => LineKind::PreTest,
        AssessmentKind::KnowledgeTest {
            phase: TestPhase::PostTest,
            ..
        } => LineKind::PostTest,
        AssessmentKind::Observation { purpose, .. } => match purpose {
            ObservationPurpose::Baseline => LineKind::BaselineObservation,
            ObservationPurpose::Coaching => LineKind::CoachingObservation,
            ObservationPurpose::PostMentorship => LineKind::PostMentorshipObservation,
        },
        AssessmentKind::ChwGroupAssessment { .. } => LineKind::GroupAssessment,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReportLine {
    pub date: Date,
    pub mentee_name: String,
    pub kind: LineKind,
    pub competency: CompetencyId,
    pub facility: String,
    /// The mentee document id (hex).
    pub mentee_id: String,
    /// Score in basis points, rounded down; none for a validation.
    pub score: Option<u16>,
}

pub fn report_lines(
    data: &DashboardData,
    areas: &BTreeMap<CompetencyId, TechnicalArea>,
    calendar: FiscalCalendar,
    filter: &DashboardFilter,
) -> Vec<ReportLine> {
    let mut lines: Vec<ReportLine> = counted_assessments(data, areas, calendar, filter)
        .map(|(m, e)| ReportLine {
            date: e.assessment.date,
            mentee_name: m.record.name.clone(),
            kind: line_kind(&e.assessment.kind),
            competency: e.assessment.competency.clone(),
            facility: m.facility.clone(),
            mentee_id: m.id.clone(),
            score: Some(e.assessment.score.basis_points_floor()),
        })
        .collect();
    lines.extend(
        counted_validations(data, areas, calendar, filter).map(|(m, e)| ReportLine {
            date: e.validation.date,
            mentee_name: m.record.name.clone(),
            kind: LineKind::Validation,
            competency: e.validation.competency.clone(),
            facility: m.facility.clone(),
            mentee_id: m.id.clone(),
            score: None,
        }),
    );
    lines.sort();
    lines
}
