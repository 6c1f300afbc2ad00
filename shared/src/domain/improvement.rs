//! Quality-improvement projects and coaching plans: what a debrief turns gaps into.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{
    CoachingPlanId, CompetencyId, MenteeId, MentorId, PlaceId, QiActionId, QiProjectId, VisitId,
};

/// Where an action of the plan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QiActionStatus {
    NotStarted,
    InProgress,
    Done,
    /// Abandoned, e.g. overtaken by another fix; excluded from completion rates.
    Dropped,
}

/// One time-bound action of a QI action plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QiAction {
    pub id: QiActionId,
    pub description: String,
    /// The person responsible, by name or role (e.g. "head of maternity").
    pub owner: String,
    pub due: Date,
    pub status: QiActionStatus,
    pub completed_on: Option<Date>,
}

/// A QI project: gap, root causes, and a time-bound action plan followed up at later visits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QiProject {
    pub id: QiProjectId,
    pub facility: PlaceId,
    pub opened_on: Date,
    pub opened_at_visit: Option<VisitId>,
    pub gap: String,
    pub root_causes: Vec<String>,
    pub actions: Vec<QiAction>,
}

/// One competency a coaching plan works on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachingTarget {
    pub competency: CompetencyId,
    pub objective: String,
    pub target_date: Date,
}

/// A mentor's plan for a mentee's weak competencies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachingPlan {
    pub id: CoachingPlanId,
    pub mentee: MenteeId,
    pub mentor: MentorId,
    pub created_on: Date,
    pub targets: Vec<CoachingTarget>,
}
