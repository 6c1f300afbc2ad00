//! The joint supervision visit document: kind `supervision`, schema 1, one per quarterly joint
//! visit of supervisors (programme staff, ministry, professional associations) to a facility.
//! The visit reviews the progress of mentorship activities, supervises the mentors, and agrees
//! with the facility's management on solutions to the issues found, each with a responsible
//! person and a due date.
//!
//! Root text fields: `facility` (place slug), `date` (`YYYY-MM-DD`), `team` (who took part),
//! `progress` (review of mentorship activities), `mentors` (mentors supervised and what was
//! seen), `notes` (the supervisor's overall notes), `recorded_by` (shown name). Fields are
//! written one by one and [`update`] writes only those that changed. Map, created with the
//! visit: `issues` (key from `qi::entry_key` → JSON [`Issue`]), so issues added on two tablets
//! both stay, in the order they were added.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{Existing, create_maps, entries, invalid, put_entry, text};
use super::qi::{InputError, optional_text, required_text, short_text};
use crate::domain::Date;

pub const KIND: &str = "supervision";
pub const SCHEMA_VERSION: u32 = 1;

/// One issue found, the solution agreed, who carries it out and by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub issue: String,
    pub solution: String,
    pub responsible: String,
    pub due: Date,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Supervision {
    pub facility: String,
    pub date: Date,
    pub team: String,
    pub progress: String,
    pub mentors: String,
    pub notes: String,
    pub recorded_by: String,
    /// (entry key, issue), in key order.
    pub issues: Vec<(String, Issue)>,
}

/// What is wrong with one issue row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IssueError {
    #[error("the issue: {0}")]
    Issue(InputError),
    #[error("the solution: {0}")]
    Solution(InputError),
    #[error("the responsible person: {0}")]
    Responsible(InputError),
    #[error("due before the visit")]
    DueBeforeVisit,
}

/// Why a supervision visit cannot be saved; the first problem found wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SupervisionError {
    #[error("the date is after today")]
    FutureDate,
    #[error("the team: {0}")]
    Team(InputError),
    #[error("the progress review: {0}")]
    Progress(InputError),
    #[error("the mentors supervised: {0}")]
    Mentors(InputError),
    #[error("the overall notes: {0}")]
    Notes(InputError),
    #[error("issue {index}: {error}")]
    Issue { index: usize, error: IssueError },
}

/// Checks one issue row of a visit held on `visit_date`.
pub fn clean_issue(mut issue: Issue, visit_date: Date) -> Result<Issue, IssueError> {
    issue.issue = required_text(&issue.issue).map_err(IssueError::Issue)?;
    issue.solution = required_text(&issue.solution).map_err(IssueError::Solution)?;
    issue.responsible = short_text(&issue.responsible).map_err(IssueError::Responsible)?;
    if issue.due < visit_date {
        return Err(IssueError::DueBeforeVisit);
    }
    Ok(issue)
}

/// Checks a visit typed in the form: not after `today` (it is recorded once held), a progress
/// review, texts within limits, and every issue complete.
pub fn clean(mut visit: Supervision, today: Date) -> Result<Supervision, SupervisionError> {
    if visit.date > today {
        return Err(SupervisionError::FutureDate);
    }
    visit.team = optional_text(&visit.team).map_err(SupervisionError::Team)?;
    visit.progress = required_text(&visit.progress).map_err(SupervisionError::Progress)?;
    visit.mentors = optional_text(&visit.mentors).map_err(SupervisionError::Mentors)?;
    visit.notes = optional_text(&visit.notes).map_err(SupervisionError::Notes)?;
    let date = visit.date;
    visit.issues = visit
        .issues
        .into_iter()
        .enumerate()
        .map(|(index, (key, issue))| {
            clean_issue(issue, date)
                .map(|issue| (key, issue))
                .map_err(|error| SupervisionError::Issue { index, error })
        })
        .collect::<Result<_, _>>()?;
    Ok(visit)
}

fn fields(visit: &Supervision) -> [(&'static str, String); 7] {
    [
        ("facility", visit.facility.clone()),
        ("date", visit.date.to_string()),
        ("team", visit.team.clone()),
        ("progress", visit.progress.clone()),
        ("mentors", visit.mentors.clone()),
        ("notes", visit.notes.clone()),
        ("recorded_by", visit.recorded_by.clone()),
    ]
}

/// Writes a whole new visit into an empty document: its fields, the issues map and its issues.
pub fn write_new(doc: &mut Automerge, visit: &Supervision) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    create_maps(&mut tx, &["issues"])?;
    for (field, value) in fields(visit) {
        tx.put(ROOT, field, value)?;
    }
    crate::documents::fields::commit(tx);
    for (key, issue) in &visit.issues {
        add_issue(doc, key, issue)?;
    }
    Ok(())
}

/// Adds one issue under its key; a replay of the same key changes nothing.
pub fn add_issue(doc: &mut Automerge, key: &str, issue: &Issue) -> Result<(), DocError> {
    put_entry(doc, "issues", key, issue, Existing::Keep)
}

/// Writes only the text fields that differ, so concurrent corrections of others survive.
pub fn update(doc: &mut Automerge, next: &Supervision) -> Result<(), DocError> {
    let current = fields(&read(doc)?);
    let mut tx = doc.transaction();
    for ((field, old), (_, new)) in current.into_iter().zip(fields(next)) {
        if old != new {
            tx.put(ROOT, field, new)?;
        }
    }
    crate::documents::fields::commit(tx);
    Ok(())
}

fn required(doc: &Automerge, field: &'static str) -> Result<String, DocError> {
    text(doc, field)?.ok_or(DocError::Missing(field))
}

/// Reads the visit; a shape it does not expect is a typed error.
pub fn read(doc: &Automerge) -> Result<Supervision, DocError> {
    let date = required(doc, "date")?;
    Ok(Supervision {
        facility: required(doc, "facility")?,
        date: Date::parse(&date).map_err(|e| invalid("date", &e.to_string()))?,
        team: text(doc, "team")?.unwrap_or_default(),
        progress: required(doc, "progress")?,
        mentors: text(doc, "mentors")?.unwrap_or_default(),
        notes: text(doc, "notes")?.unwrap_or_default(),
        recorded_by: text(doc, "recorded_by")?.unwrap_or_default(),
        issues: entries(doc, "issues")?,
    })
}

#[cfg(test)]
mod tests;
