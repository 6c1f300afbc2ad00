//! The mentorship visit document: kind `visit`, schema 1, one document per visit, scoped to its
//! facility by its header.
//!
//! Root fields: `plan` (JSON [`VisitPlan`]: dates, mentors, planned activities, expected mentees,
//! notes — one value, last writer wins, since a plan is edited as a whole form), `state` (text:
//! `planned`, `in_progress`, `done` or `cancelled`), and `activities` (map: activity id → JSON
//! [`ActivityEntry`]). Activities are keyed by an id made on the device, so two tablets logging
//! offline during the same visit both keep theirs and a replay never duplicates one.
//! No patient data goes here: a case observation links a mentee and an assessment, nothing else.

use std::collections::BTreeSet;

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{Existing, create_maps, entries, invalid, json, put_entry, put_json, text};
use crate::domain::{AssessmentId, Date};

mod delete;
mod input;
pub use delete::delete_activity;
mod summary;
mod time;
pub use input::{
    ActivityError, ActivityForm, MAX_DAYS, MAX_MENTORS, MAX_PARTICIPANTS, PlanError, PlanForm,
    clean_activity, clean_plan, split_mentors,
};
pub use summary::{MonthRow, Standing, month_summary, months_between};
pub use time::TimeOfDay;

pub const KIND: &str = "visit";
pub const SCHEMA_VERSION: u32 = 1;

/// What a mentor does during a visit (seed 002, "Mentorship activities").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// With the mentees and facility leadership, on the visit's objectives.
    EntryMeeting,
    /// Review of facility indicators and patient data.
    DataReview,
    /// Low-dose, high-frequency simulation training.
    LdhfSimulation,
    /// Case management observation with a checklist (with the patient's consent).
    CaseObservation,
    /// Ward round or bedside teaching.
    WardRound,
    /// Debriefing with mentees and leadership; opens QI projects.
    Debrief,
}

/// Every kind, in the order a visit usually runs.
pub const ACTIVITY_KINDS: [ActivityKind; 6] = [
    ActivityKind::EntryMeeting,
    ActivityKind::DataReview,
    ActivityKind::LdhfSimulation,
    ActivityKind::CaseObservation,
    ActivityKind::WardRound,
    ActivityKind::Debrief,
];

/// Where a visit stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VisitState {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

impl VisitState {
    pub const ALL: [VisitState; 4] = [Self::Planned, Self::InProgress, Self::Done, Self::Cancelled];

    pub fn code(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The moves a mentor can make: start or cancel a planned visit, finish one in progress.
    pub fn can_become(self, next: VisitState) -> bool {
        matches!(
            (self, next),
            (Self::Planned, Self::InProgress | Self::Cancelled) | (Self::InProgress, Self::Done)
        )
    }

    /// Activities are logged once a visit has started (and may be added late, once done).
    pub fn accepts_activities(self) -> bool {
        matches!(self, Self::InProgress | Self::Done)
    }
}

/// The plan communicated ahead so facility leadership can schedule staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitPlan {
    pub start: Date,
    /// Last day on site; equal to `start` for a one-day visit.
    pub end: Date,
    /// Display names, the planning mentor first.
    pub mentors: Vec<String>,
    pub activities: BTreeSet<ActivityKind>,
    /// Mentee document ids (hex) at the facility.
    pub expected_mentees: BTreeSet<String>,
    #[serde(default)]
    pub notes: String,
}

/// One activity as logged, with what that kind needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Activity {
    EntryMeeting,
    DataReview,
    LdhfSimulation {
        topic: String,
        participants: u16,
    },
    CaseObservation {
        /// The mentee's document id (hex).
        mentee: String,
        /// The saved observation this refers to, once it is saved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assessment: Option<AssessmentId>,
    },
    WardRound,
    Debrief,
}

impl Activity {
    pub fn kind(&self) -> ActivityKind {
        match self {
            Self::EntryMeeting => ActivityKind::EntryMeeting,
            Self::DataReview => ActivityKind::DataReview,
            Self::LdhfSimulation { .. } => ActivityKind::LdhfSimulation,
            Self::CaseObservation { .. } => ActivityKind::CaseObservation,
            Self::WardRound => ActivityKind::WardRound,
            Self::Debrief => ActivityKind::Debrief,
        }
    }
}

/// A logged activity: when, what, and who logged it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub activity: Activity,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeOfDay>,
    #[serde(default)]
    pub notes: String,
    pub logged_by: String,
}

impl ActivityEntry {
    /// What the JSON shape cannot say: an LDHF session has a topic and someone attended; a
    /// case observation names a mentee.
    fn check(&self) -> Result<(), DocError> {
        let ok = match &self.activity {
            Activity::LdhfSimulation {
                topic,
                participants,
            } => !topic.trim().is_empty() && *participants >= 1,
            Activity::CaseObservation { mentee, .. } => !mentee.is_empty(),
            _ => true,
        };
        if ok {
            Ok(())
        } else {
            Err(invalid(
                "activities",
                "an activity lacks what its kind needs",
            ))
        }
    }
}

/// A visit as read from its document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub plan: VisitPlan,
    pub state: VisitState,
    /// (id, entry), by date, then time (untimed first), then id.
    pub activities: Vec<(String, ActivityEntry)>,
}

/// Writes a new planned visit into an empty document.
pub fn write_new(doc: &mut Automerge, plan: &VisitPlan) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, "state", VisitState::Planned.code())?;
    // Created with the visit: two tablets creating it later would each make their own.
    create_maps(&mut tx, &["activities"])?;
    crate::documents::fields::commit(tx);
    put_json(doc, "plan", plan)
}

/// Reads the visit; a document of another shape, or a corrupt activity, is a typed error.
pub fn read(doc: &Automerge) -> Result<Visit, DocError> {
    let plan: VisitPlan = json(doc, "plan")?.ok_or(DocError::Missing("plan"))?;
    let code = text(doc, "state")?.ok_or(DocError::Missing("state"))?;
    let state = VisitState::from_code(&code)
        .ok_or_else(|| invalid("state", &format!("unknown state {code:?}")))?;
    let mut activities: Vec<(String, ActivityEntry)> = entries(doc, "activities")?;
    for (_, entry) in &activities {
        entry.check()?;
    }
    // Activities deleted by mistake are hidden (their tombstones are in `delete`).
    let mut hidden = Vec::new();
    for (id, _) in &activities {
        if delete::is_deleted(doc, id)? {
            hidden.push(id.clone());
        }
    }
    activities.retain(|(id, _)| !hidden.contains(id));
    activities.sort_by(|(a_id, a), (b_id, b)| (a.date, a.time, a_id).cmp(&(b.date, b.time, b_id)));
    Ok(Visit {
        plan,
        state,
        activities,
    })
}

/// Replaces the plan; only a planned visit's plan changes (once started it is what happened).
pub fn set_plan(doc: &mut Automerge, plan: &VisitPlan) -> Result<(), DocError> {
    if read(doc)?.state != VisitState::Planned {
        return Err(invalid("plan", "the visit has started; its plan is kept"));
    }
    put_json(doc, "plan", plan)
}

/// Moves the visit to `next` if [`VisitState::can_become`] allows it; the same state again is
/// a no-op, so a repeated tap changes nothing.
pub fn set_state(doc: &mut Automerge, next: VisitState) -> Result<(), DocError> {
    let current = read(doc)?.state;
    if current == next {
        return Ok(());
    }
    if !current.can_become(next) {
        return Err(invalid(
            "state",
            &format!("a {} visit cannot become {}", current.code(), next.code()),
        ));
    }
    let mut tx = doc.transaction();
    tx.put(ROOT, "state", next.code())?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Logs an activity under its id (16 random bytes made on the device, in hex); logging the same
/// id again changes nothing.
pub fn log_activity(doc: &mut Automerge, id: &str, entry: &ActivityEntry) -> Result<(), DocError> {
    let valid_id = !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid_id {
        return Err(invalid("activities", "an activity id is 1–64 hex digits"));
    }
    if !read(doc)?.state.accepts_activities() {
        return Err(invalid("activities", "start the visit before logging"));
    }
    entry.check()?;
    put_entry(doc, "activities", id, entry, Existing::Keep)
}

#[cfg(test)]
mod tests;
