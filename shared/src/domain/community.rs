//! CHW group sessions: 5–9 CHWs, one technical area, once a quarter, with group feedback.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{ChwGroupSessionId, MenteeId, MentorId, PlaceId};
use super::programme::TechnicalArea;

/// A quarterly group mentorship session; each CHW's result is an
/// [`AssessmentKind::ChwGroupAssessment`](super::assessment::AssessmentKind) pointing here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChwGroupSession {
    pub id: ChwGroupSessionId,
    pub technical_area: TechnicalArea,
    /// The health centre, or the community place of a volunteer's home.
    pub location: PlaceId,
    /// The health centre whose catchment the CHWs serve, for coverage reports.
    pub health_centre: PlaceId,
    pub date: Date,
    pub facilitator: MentorId,
    pub participants: Vec<MenteeId>,
    pub group_feedback: String,
}
