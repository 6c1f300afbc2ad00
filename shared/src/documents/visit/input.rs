//! Checking what a mentor typed before it becomes a plan or a logged activity. The forms pass
//! raw text so every screen applies the same rules (and the tests pin them).

use std::collections::BTreeSet;

use super::{Activity, ActivityEntry, ActivityKind, TimeOfDay, VisitPlan};
use crate::documents::mentee::{InputError, clean_name, clean_note};
use crate::domain::{AssessmentId, Date};

/// Longest visit accepted, in days on site (association teams stay three, a Tutorat training
/// week is seven; a month catches a mistyped year without refusing real plans).
pub const MAX_DAYS: i64 = 31;
/// Most mentors named on one visit.
pub const MAX_MENTORS: usize = 10;
/// Most participants in one simulation session.
pub const MAX_PARTICIPANTS: u16 = 200;

/// Why a plan form cannot become a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the start date is not valid")]
    BadStart,
    #[error("the end date is not valid")]
    BadEnd,
    #[error("the visit ends before it starts")]
    EndBeforeStart,
    #[error("the visit is longer than {MAX_DAYS} days")]
    TooManyDays,
    #[error("no mentor is named")]
    NoMentor,
    #[error("more than {MAX_MENTORS} mentors")]
    TooManyMentors,
    #[error("a text is too long")]
    TooLong,
}

/// The plan form as typed.
#[derive(Clone, Debug, Default)]
pub struct PlanForm<'a> {
    pub start: &'a str,
    /// Empty for a one-day visit.
    pub end: &'a str,
    /// Names separated by commas or new lines.
    pub mentors: &'a str,
    pub activities: BTreeSet<ActivityKind>,
    pub expected_mentees: BTreeSet<String>,
    pub notes: &'a str,
}

/// Splits a list of mentor names, tidies each and drops repeats (first spelling kept).
pub fn split_mentors(text: &str) -> Result<Vec<String>, PlanError> {
    let mut names: Vec<String> = Vec::new();
    for part in text.split([',', '\n', ';']) {
        let name = match clean_name(part) {
            Ok(name) => name,
            Err(InputError::EmptyName) => continue,
            Err(_) => return Err(PlanError::TooLong),
        };
        if !names
            .iter()
            .any(|n| n.to_lowercase() == name.to_lowercase())
        {
            names.push(name);
        }
    }
    match names.len() {
        0 => Err(PlanError::NoMentor),
        n if n > MAX_MENTORS => Err(PlanError::TooManyMentors),
        _ => Ok(names),
    }
}

/// Checks a plan form: valid dates, end on or after start, at most [`MAX_DAYS`] days, at least
/// one mentor, a note of at most `MAX_NOTE` characters.
pub fn clean_plan(form: &PlanForm<'_>) -> Result<VisitPlan, PlanError> {
    let start = Date::parse(form.start.trim()).map_err(|_| PlanError::BadStart)?;
    let end = if form.end.trim().is_empty() {
        start
    } else {
        Date::parse(form.end.trim()).map_err(|_| PlanError::BadEnd)?
    };
    if end < start {
        return Err(PlanError::EndBeforeStart);
    }
    if start.days_until(end) + 1 > MAX_DAYS {
        return Err(PlanError::TooManyDays);
    }
    let mentors = split_mentors(form.mentors)?;
    let notes = clean_note(form.notes).map_err(|_| PlanError::TooLong)?;
    Ok(VisitPlan {
        start,
        end,
        mentors,
        activities: form.activities.clone(),
        expected_mentees: form.expected_mentees.clone(),
        notes,
    })
}

/// Why an activity form cannot be logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    #[error("the date is not valid")]
    BadDate,
    #[error("the time is not valid")]
    BadTime,
    #[error("the simulation needs a topic")]
    EmptyTopic,
    #[error("participants must be a whole number from 1 to {MAX_PARTICIPANTS}")]
    BadParticipants,
    #[error("choose the mentee observed")]
    NoMentee,
    #[error("a text is too long")]
    TooLong,
}

/// The activity form as typed; fields a kind does not use are ignored.
#[derive(Clone, Debug)]
pub struct ActivityForm<'a> {
    pub kind: ActivityKind,
    pub date: &'a str,
    /// Empty when not given.
    pub time: &'a str,
    pub notes: &'a str,
    pub topic: &'a str,
    pub participants: &'a str,
    /// The mentee's document id (hex), empty when none is chosen.
    pub mentee: &'a str,
    pub assessment: Option<AssessmentId>,
    pub logged_by: &'a str,
}

/// Checks an activity form and builds the entry to log.
pub fn clean_activity(form: &ActivityForm<'_>) -> Result<ActivityEntry, ActivityError> {
    let date = Date::parse(form.date.trim()).map_err(|_| ActivityError::BadDate)?;
    let time = match form.time.trim() {
        "" => None,
        text => Some(TimeOfDay::parse(text).ok_or(ActivityError::BadTime)?),
    };
    let notes = clean_note(form.notes).map_err(|_| ActivityError::TooLong)?;
    let activity = match form.kind {
        ActivityKind::EntryMeeting => Activity::EntryMeeting,
        ActivityKind::DataReview => Activity::DataReview,
        ActivityKind::WardRound => Activity::WardRound,
        ActivityKind::Debrief => Activity::Debrief,
        ActivityKind::LdhfSimulation => Activity::LdhfSimulation {
            topic: clean_name(form.topic).map_err(|err| match err {
                InputError::EmptyName => ActivityError::EmptyTopic,
                _ => ActivityError::TooLong,
            })?,
            participants: form
                .participants
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|n| (1..=MAX_PARTICIPANTS).contains(n))
                .ok_or(ActivityError::BadParticipants)?,
        },
        ActivityKind::CaseObservation => {
            let mentee = form.mentee.trim();
            if mentee.is_empty() {
                return Err(ActivityError::NoMentee);
            }
            Activity::CaseObservation {
                mentee: mentee.to_owned(),
                assessment: form.assessment,
            }
        }
    };
    Ok(ActivityEntry {
        activity,
        date,
        time,
        notes,
        logged_by: clean_name(form.logged_by).unwrap_or_default(),
    })
}
