//! The Tutorat cycle document: kind `tutorat`, schema 1, one per run of the six-step cycle at a
//! facility (situational analysis and action plan, three-day training, a week of coaching,
//! stakeholder meeting, second visit, debrief and handover to the district).
//!
//! Root text fields: `facility` (place slug), `started_on` (`YYYY-MM-DD`), `tutor` (the mentor's
//! shown name); `handover` (JSON [`Handover`], absent until recorded, last writer wins). The map
//! `steps` (step code → JSON [`StepRecord`]) is created with the cycle; each step is replaced
//! whole, so two tablets updating different steps both keep theirs. [`check_step`] keeps the
//! domain's rule ([`TutoratCycle::record`]): steps are done in order, each dated no earlier than
//! the one before.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{Existing, create_maps, entries, invalid, json, put_entry, put_json, text};
use super::qi::{InputError, optional_text, short_text};
use crate::domain::Date;
use crate::domain::ids::{MentorId, PlaceId, TutoratCycleId};
use crate::domain::tutorat::{TutoratCycle, TutoratError, TutoratStep};

pub const KIND: &str = "tutorat";
pub const SCHEMA_VERSION: u32 = 1;

/// Where a step stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl StepStatus {
    pub const ALL: [StepStatus; 3] = [Self::NotStarted, Self::InProgress, Self::Done];

    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::InProgress => "in_progress",
            Self::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The code of a step, the key of its entry.
pub fn step_code(step: TutoratStep) -> &'static str {
    match step {
        TutoratStep::SituationalAnalysis => "situational_analysis",
        TutoratStep::ThreeDayTraining => "three_day_training",
        TutoratStep::CoachingWeek => "coaching_week",
        TutoratStep::StakeholderMeeting => "stakeholder_meeting",
        TutoratStep::SecondVisit => "second_visit",
        TutoratStep::DebriefAndHandover => "debrief_and_handover",
    }
}

pub fn step_from_code(code: &str) -> Option<TutoratStep> {
    TutoratStep::ALL.into_iter().find(|s| step_code(*s) == code)
}

/// One step: its status, the date (planned, or done on) and notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    pub status: StepStatus,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub notes: String,
}

/// The handover of the facility's follow-up to the district.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    pub date: Date,
    /// Who received it for the district, by name or role.
    pub received_by: String,
}

/// A cycle as read from its document: the six steps in order (a step never written is not
/// started).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tutorat {
    pub facility: String,
    pub started_on: Date,
    pub tutor: String,
    pub steps: Vec<(TutoratStep, StepRecord)>,
    pub handover: Option<Handover>,
}

impl Tutorat {
    pub fn step(&self, step: TutoratStep) -> StepRecord {
        self.steps
            .iter()
            .find(|(s, _)| *s == step)
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    }

    /// The steps done, in order, as the domain's cycle; a gap or a date out of order stops it.
    pub fn cycle(&self) -> TutoratCycle {
        let mut cycle = TutoratCycle::new(
            TutoratCycleId::from_u128(0),
            PlaceId::from_u128(0),
            MentorId::from_u128(0),
        );
        for (step, record) in &self.steps {
            let (StepStatus::Done, Some(date)) = (record.status, record.date) else {
                break;
            };
            if cycle.record(*step, date).is_err() {
                break;
            }
        }
        cycle
    }

    /// The step to work on next; `None` once all six are done.
    pub fn current_step(&self) -> Option<TutoratStep> {
        self.cycle().next_step()
    }

    pub fn is_handed_over(&self) -> bool {
        self.handover.is_some()
    }
}

/// Why a step or the handover cannot be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("a step done needs the date it was done")]
    DoneWithoutDate,
    #[error("a step cannot be done after today")]
    DoneInFuture,
    #[error("{0}")]
    Order(TutoratError),
    #[error("the notes: {0}")]
    Notes(InputError),
    #[error("a later step is done: reopen it first")]
    LaterStepsDone,
    #[error("the debrief step is not done yet")]
    HandoverTooEarly,
    #[error("the handover is dated before the debrief")]
    HandoverBeforeDebrief,
    #[error("the handover is after today")]
    HandoverInFuture,
    #[error("who received it: {0}")]
    ReceivedBy(InputError),
}

/// Checks a step typed in the form against the cycle: done needs a date not after `today`, the
/// earlier steps done, and a date no earlier than theirs; a step can only be reopened while the
/// steps after it are not done.
pub fn check_step(
    cycle: &Tutorat,
    step: TutoratStep,
    mut record: StepRecord,
    today: Date,
) -> Result<StepRecord, StepError> {
    record.notes = optional_text(&record.notes).map_err(StepError::Notes)?;
    let done = cycle.cycle();
    let already = done.completed.iter().any(|c| c.step == step);
    if record.status == StepStatus::Done {
        let date = record.date.ok_or(StepError::DoneWithoutDate)?;
        if date > today {
            return Err(StepError::DoneInFuture);
        }
        let mut before = done.clone();
        before.completed.retain(|c| c.step < step);
        before.record(step, date).map_err(StepError::Order)?;
        let next = done.completed.iter().find(|c| c.step > step);
        if let Some(next) = next.filter(|next| next.done_on < date) {
            return Err(StepError::Order(TutoratError::DatedBeforePrevious {
                date: next.done_on,
                previous: date,
            }));
        }
    } else if already && done.completed.iter().any(|c| c.step > step) {
        return Err(StepError::LaterStepsDone);
    }
    Ok(record)
}

/// Checks the handover: the debrief step done, dated no earlier than it, not after `today`,
/// and who received it named.
pub fn check_handover(
    cycle: &Tutorat,
    mut handover: Handover,
    today: Date,
) -> Result<Handover, StepError> {
    let debrief = cycle
        .cycle()
        .completed
        .into_iter()
        .find(|c| c.step == TutoratStep::DebriefAndHandover)
        .ok_or(StepError::HandoverTooEarly)?;
    if handover.date < debrief.done_on {
        return Err(StepError::HandoverBeforeDebrief);
    }
    if handover.date > today {
        return Err(StepError::HandoverInFuture);
    }
    handover.received_by = short_text(&handover.received_by).map_err(StepError::ReceivedBy)?;
    Ok(handover)
}

/// Writes a new cycle, with its `steps` map, into an empty document.
pub fn write_new(
    doc: &mut Automerge,
    facility: &str,
    started_on: Date,
    tutor: &str,
) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, "facility", facility)?;
    tx.put(ROOT, "started_on", started_on.to_string())?;
    tx.put(ROOT, "tutor", tutor)?;
    create_maps(&mut tx, &["steps"])?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Replaces one step's record (nothing changes if it is the same).
pub fn put_step(
    doc: &mut Automerge,
    step: TutoratStep,
    record: &StepRecord,
) -> Result<(), DocError> {
    put_entry(doc, "steps", step_code(step), record, Existing::Replace)
}

/// Records the handover to the district.
pub fn set_handover(doc: &mut Automerge, handover: &Handover) -> Result<(), DocError> {
    put_json(doc, "handover", handover)
}

fn required(doc: &Automerge, field: &'static str) -> Result<String, DocError> {
    text(doc, field)?.ok_or(DocError::Missing(field))
}

/// Reads the cycle; a shape it does not expect is a typed error. Steps a newer app may add are
/// ignored.
pub fn read(doc: &Automerge) -> Result<Tutorat, DocError> {
    let started = required(doc, "started_on")?;
    let started_on = Date::parse(&started).map_err(|e| invalid("started_on", &e.to_string()))?;
    let stored: Vec<(String, StepRecord)> = entries(doc, "steps")?;
    let steps = TutoratStep::ALL
        .into_iter()
        .map(|step| {
            let record = stored
                .iter()
                .find(|(code, _)| code == step_code(step))
                .map(|(_, r)| r.clone())
                .unwrap_or_default();
            (step, record)
        })
        .collect();
    Ok(Tutorat {
        facility: required(doc, "facility")?,
        started_on,
        tutor: text(doc, "tutor")?.unwrap_or_default(),
        steps,
        handover: json(doc, "handover")?,
    })
}

#[cfg(test)]
mod tests;
