//! Mentorship visits and what happens during them.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{AssessmentId, CompetencyId, MentorId, PlaceId, SupervisorId, VisitId};
use super::programme::Programme;

/// Whether a planned visit happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitStatus {
    Planned,
    Done,
    Cancelled,
}

/// How a remote follow-up happened between visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpChannel {
    Phone,
    WhatsApp,
    Video,
}

/// One activity of a visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "activity")]
pub enum VisitActivity {
    /// Meeting with facility leadership and mentees on the visit's objectives.
    EntryMeeting,
    /// Review of facility indicators and patient data.
    DataReview,
    /// Low-dose, high-frequency simulation training.
    LdhfSession { competency: Option<CompetencyId> },
    /// Case management observation (real case with consent, or simulation).
    CaseObservation {
        competency: CompetencyId,
        assessment: Option<AssessmentId>,
    },
    /// Ward round or bedside teaching.
    WardRound,
    /// Clinical consultation on a complicated case.
    ClinicalConsultation,
    /// Debriefing with mentees and leadership; opens QI projects.
    Debrief,
    /// Follow-up contact between visits.
    FollowUpContact { channel: FollowUpChannel },
    /// Joint supervision of the mentors by a supervisor.
    JointSupervision,
    /// Onsite data verification / data quality assessment.
    DataVerification,
}

/// A visit to a facility by one mentor or a team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub id: VisitId,
    pub facility: PlaceId,
    pub programme: Programme,
    pub mentors: Vec<MentorId>,
    pub supervisor: Option<SupervisorId>,
    pub start: Date,
    /// Consecutive days on site (three for association teams, two for district-based mentors).
    pub days: u8,
    pub status: VisitStatus,
    pub activities: Vec<VisitActivity>,
}
