//! The QI project document: kind `qi_project`, schema 1. A debrief turns a gap found at a
//! facility into a project: root-cause analysis, solutions, and a time-bound action plan that
//! later visits follow up (`follow_up`).
//!
//! Root fields: `facility` (place slug), `gap` (text), `competency` (catalogue id, optional),
//! `opened_on` (`YYYY-MM-DD`), `status` (JSON [`ProjectStatus`], last writer wins). Maps, created
//! with the project: `causes` (id → JSON [`Cause`]), `solutions` (id → JSON [`Solution`]),
//! `actions` (id → JSON [`ActionItem`]). Each action is one JSON value replaced whole on edit, so
//! two tablets editing *different* actions offline both keep their edits, and two edits of the
//! *same* action converge on one (Automerge picks the same winner everywhere). Entry keys come
//! from [`entry_key`], so key order is the order things were added.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{Existing, create_maps, entries, invalid, json, put_entry, put_json, text};
use super::mentee::{MAX_TEXT, clean_note};
use crate::domain::{Date, QiActionStatus};

mod debrief;
mod follow_up;
pub use debrief::{debrief_link, link_debrief};
pub use follow_up::{FollowUp, is_overdue, open_actions, overdue_actions};

pub const KIND: &str = "qi_project";
pub const SCHEMA_VERSION: u32 = 1;

/// The usual fishbone headings of a root-cause analysis in the programmes' QI tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseGroup {
    People,
    Equipment,
    Process,
    Supplies,
    Other,
}

impl CauseGroup {
    pub const ALL: [CauseGroup; 5] = [
        Self::People,
        Self::Equipment,
        Self::Process,
        Self::Supplies,
        Self::Other,
    ];
}

/// One root cause, under its group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    pub group: CauseGroup,
    pub text: String,
}

/// One solution the team agreed on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    pub text: String,
}

/// Where an action stands. The form offers these three; the domain's `Dropped` is not
/// offered (an abandoned action is closed as done with a note), so it cannot appear here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    NotStarted,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [Self::NotStarted, Self::InProgress, Self::Done];
}

impl From<ActionStatus> for QiActionStatus {
    fn from(status: ActionStatus) -> Self {
        match status {
            ActionStatus::NotStarted => Self::NotStarted,
            ActionStatus::InProgress => Self::InProgress,
            ActionStatus::Done => Self::Done,
        }
    }
}

/// One time-bound action of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub text: String,
    /// The person responsible, by name or role ("head of maternity").
    pub owner: String,
    pub due: Date,
    pub status: ActionStatus,
    #[serde(default)]
    pub notes: String,
    /// The day of the last change, shown so a follow-up knows how fresh the status is.
    pub updated: Date,
}

/// Whether the project is still worked on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum ProjectStatus {
    Open,
    Closed { on: Date },
}

/// A whole project as read from its document; entries are in the order they were added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QiProject {
    pub facility: String,
    pub gap: String,
    pub competency: Option<String>,
    pub opened_on: Date,
    pub status: ProjectStatus,
    pub causes: Vec<(String, Cause)>,
    pub solutions: Vec<(String, Solution)>,
    pub actions: Vec<(String, ActionItem)>,
}

impl QiProject {
    pub fn is_open(&self) -> bool {
        self.status == ProjectStatus::Open
    }
}

/// Why a form's input cannot be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the text is empty")]
    Empty,
    #[error("the text is too long")]
    TooLong,
}

/// Trims a free text that may be empty, within the note limit.
pub fn optional_text(input: &str) -> Result<String, InputError> {
    clean_note(input).map_err(|_| InputError::TooLong)
}

/// Trims a free text that must say something, within the note limit.
pub fn required_text(input: &str) -> Result<String, InputError> {
    let text = optional_text(input)?;
    if text.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(text)
}

/// A name or role (an action's owner): required, one line's worth.
pub fn short_text(input: &str) -> Result<String, InputError> {
    let text = required_text(input)?;
    if text.chars().count() > MAX_TEXT {
        return Err(InputError::TooLong);
    }
    Ok(text)
}

/// The key of a new entry: the time it was made (zero-padded, so keys sort by it) and random
/// bytes (so two tablets adding at the same millisecond never collide).
pub fn entry_key(now_ms: u64, random: [u8; 8]) -> String {
    let mut key = format!("{now_ms:013}-");
    for byte in random {
        key.push_str(&format!("{byte:02x}"));
    }
    key
}

/// Writes a new, open project with its empty maps into an empty document.
pub fn write_new(
    doc: &mut Automerge,
    facility: &str,
    gap: &str,
    competency: Option<&str>,
    opened_on: Date,
) -> Result<(), DocError> {
    let status = super::fields::to_json(&ProjectStatus::Open)?;
    let mut tx = doc.transaction();
    tx.put(ROOT, "facility", facility)?;
    tx.put(ROOT, "gap", gap)?;
    if let Some(competency) = competency {
        tx.put(ROOT, "competency", competency)?;
    }
    tx.put(ROOT, "opened_on", opened_on.to_string())?;
    tx.put(ROOT, "status", status)?;
    // Created with the project: two tablets creating a map concurrently would each make their
    // own, and one map's entries would be hidden.
    create_maps(&mut tx, &["causes", "solutions", "actions"])?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Reads the project; a shape it does not expect is a typed error.
pub fn read(doc: &Automerge) -> Result<QiProject, DocError> {
    let opened = text(doc, "opened_on")?.ok_or(DocError::Missing("opened_on"))?;
    let mut actions: Vec<(String, ActionItem)> = entries(doc, "actions")?;
    actions.sort_by(|(ka, a), (kb, b)| (a.due, ka).cmp(&(b.due, kb)));
    Ok(QiProject {
        facility: text(doc, "facility")?.ok_or(DocError::Missing("facility"))?,
        gap: text(doc, "gap")?.ok_or(DocError::Missing("gap"))?,
        competency: text(doc, "competency")?,
        opened_on: Date::parse(&opened).map_err(|e| invalid("opened_on", &e.to_string()))?,
        status: json(doc, "status")?.ok_or(DocError::Missing("status"))?,
        causes: entries(doc, "causes")?,
        solutions: entries(doc, "solutions")?,
        actions,
    })
}

/// Closes or reopens the project.
pub fn set_status(doc: &mut Automerge, status: ProjectStatus) -> Result<(), DocError> {
    put_json(doc, "status", &status)
}

/// Adds a root cause; a replay of the same addition changes nothing.
pub fn add_cause(doc: &mut Automerge, key: &str, cause: &Cause) -> Result<(), DocError> {
    put_entry(doc, "causes", key, cause, Existing::Keep)
}

/// Adds a solution; a replay of the same addition changes nothing.
pub fn add_solution(doc: &mut Automerge, key: &str, solution: &Solution) -> Result<(), DocError> {
    put_entry(doc, "solutions", key, solution, Existing::Keep)
}

/// Adds an action or replaces it whole (status, notes): the last writer wins per action.
pub fn put_action(doc: &mut Automerge, key: &str, action: &ActionItem) -> Result<(), DocError> {
    put_entry(doc, "actions", key, action, Existing::Replace)
}

#[cfg(test)]
mod tests;
