//! The Tutorat six-step cycle (Senegal): each step is dated when done, in order.
//!
//! The order matters: coaching follows training, the second visit follows the stakeholder
//! meeting, and the handover to the district closes the cycle.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{MentorId, PlaceId, TutoratCycleId};

/// The six steps, in the order they are carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TutoratStep {
    /// Initial on-site situational analysis and an action plan for the work environment.
    SituationalAnalysis,
    /// Three-day training based on the needs identified.
    ThreeDayTraining,
    /// One week coaching selected providers to apply what they learned.
    CoachingWeek,
    /// Meeting with district supervisors, staff, health committee and local authorities.
    StakeholderMeeting,
    /// Second on-site visit focused on support staff, continued coaching.
    SecondVisit,
    /// Debrief and handover to the district.
    DebriefAndHandover,
}

impl TutoratStep {
    pub const ALL: [TutoratStep; 6] = [
        Self::SituationalAnalysis,
        Self::ThreeDayTraining,
        Self::CoachingWeek,
        Self::StakeholderMeeting,
        Self::SecondVisit,
        Self::DebriefAndHandover,
    ];
}

/// A step recorded as done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedStep {
    pub step: TutoratStep,
    pub done_on: Date,
}

/// One run of the cycle at a facility.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TutoratCycle {
    pub id: TutoratCycleId,
    pub facility: PlaceId,
    pub tutor: MentorId,
    pub completed: Vec<CompletedStep>,
}

/// Why a step cannot be recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TutoratError {
    #[error("step {attempted:?} recorded but the next step is {expected:?}")]
    OutOfOrder {
        attempted: TutoratStep,
        expected: TutoratStep,
    },
    #[error("the cycle is already complete")]
    AlreadyComplete,
    #[error("step dated {date} is before the previous step ({previous})")]
    DatedBeforePrevious { date: Date, previous: Date },
}

impl TutoratCycle {
    pub fn new(id: TutoratCycleId, facility: PlaceId, tutor: MentorId) -> Self {
        Self {
            id,
            facility,
            tutor,
            completed: Vec::new(),
        }
    }

    /// The step to do next; `None` once the cycle is complete.
    pub fn next_step(&self) -> Option<TutoratStep> {
        TutoratStep::ALL.get(self.completed.len()).copied()
    }

    pub fn is_complete(&self) -> bool {
        self.next_step().is_none()
    }

    /// Records `step` as done on `done_on`, if it is the next one and not dated earlier.
    pub fn record(&mut self, step: TutoratStep, done_on: Date) -> Result<(), TutoratError> {
        let expected = self.next_step().ok_or(TutoratError::AlreadyComplete)?;
        if step != expected {
            return Err(TutoratError::OutOfOrder {
                attempted: step,
                expected,
            });
        }
        if let Some(previous) = self
            .completed
            .last()
            .filter(|previous| previous.done_on > done_on)
        {
            return Err(TutoratError::DatedBeforePrevious {
                date: done_on,
                previous: previous.done_on,
            });
        }
        self.completed.push(CompletedStep { step, done_on });
        Ok(())
    }
}

#[cfg(test)]
mod tests;
