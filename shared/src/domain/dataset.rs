//! The demo's records in one value: what [`crate::demo`] builds, scored by the real rules, and
//! the server's `--demo-records` writes as documents.

use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, Validation};
use super::community::ChwGroupSession;
use super::facility::{BaselineAssessment, DataVerification};
use super::improvement::{CoachingPlan, QiProject};
use super::people::{Mentee, Mentor, Supervisor};
use super::places::Places;
use super::tutorat::TutoratCycle;
use super::visit::Visit;

/// All mentorship records of a programme (or of the part a user may see).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub places: Places,
    pub mentors: Vec<Mentor>,
    pub mentees: Vec<Mentee>,
    pub supervisors: Vec<Supervisor>,
    pub visits: Vec<Visit>,
    pub assessments: Vec<Assessment>,
    pub validations: Vec<Validation>,
    pub baselines: Vec<BaselineAssessment>,
    pub qi_projects: Vec<QiProject>,
    pub coaching_plans: Vec<CoachingPlan>,
    pub chw_sessions: Vec<ChwGroupSession>,
    pub data_verifications: Vec<DataVerification>,
    pub tutorat_cycles: Vec<TutoratCycle>,
}

impl Dataset {
    pub fn mentor(&self, id: super::ids::MentorId) -> Option<&Mentor> {
        self.mentors.iter().find(|mentor| mentor.id == id)
    }

    pub fn mentee(&self, id: super::ids::MenteeId) -> Option<&Mentee> {
        self.mentees.iter().find(|mentee| mentee.id == id)
    }
}
