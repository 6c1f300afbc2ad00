//! The CHW group session document: kind `chw_session`, schema 1, one per session, kept at the
//! health centre whose CHWs took part.
//!
//! Root fields: `technical_area` (snake_case [`TechnicalArea`]), `date` (`YYYY-MM-DD`), `place`
//! (where the group met: the health centre or a volunteer's home, free text), `facilitator`
//! (JSON [`MentorId`]), `facilitator_name`, `feedback` (the feedback given to the group), and
//! `participants` (map: the CHW's mentee document id → JSON [`Participant`]). Participants are
//! keyed entries so two tablets adding the same CHW never duplicate them. Each CHW's checklist
//! result is not copied here: it is saved in the CHW's own mentee document as a
//! `ChwGroupAssessment` pointing at this session, so it counts towards validation.

use std::collections::{BTreeMap, BTreeSet};

use automerge::Automerge;
use automerge::transaction::Transactable as _;
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{Existing, create_maps, entries, invalid, json, put_entry, put_json, text};
use crate::domain::{AssessmentId, CompetencyId, Date, MentorId, TechnicalArea};
use crate::reports::fiscal::{FiscalCalendar, FiscalQuarter};

#[cfg(test)]
mod tests;

pub const KIND: &str = "chw_session";
pub const SCHEMA_VERSION: u32 = 1;

/// The technical areas CHW groups are mentored in, in the order screens offer them.
pub const CHW_AREAS: [TechnicalArea; 3] = [
    TechnicalArea::Cbmnh,
    TechnicalArea::CbpFp,
    TechnicalArea::Iccm,
];

/// One CHW in the session: the competency they were assessed on and, once saved, the id of the
/// assessment in their mentee document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub competency: CompetencyId,
    pub assessment: AssessmentId,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChwSession {
    pub technical_area: TechnicalArea,
    pub date: Date,
    pub place: String,
    pub facilitator: MentorId,
    pub facilitator_name: String,
    pub feedback: String,
    /// Keyed by the CHW's mentee document id (hex).
    pub participants: BTreeMap<String, Participant>,
}

/// Writes a whole new session into an empty document.
pub fn write_new(doc: &mut Automerge, session: &ChwSession) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    // Created with the document: a map created later on two tablets would hide one's entries.
    create_maps(&mut tx, &["participants"])?;
    tx.put(automerge::ROOT, "place", session.place.as_str())?;
    tx.put(
        automerge::ROOT,
        "facilitator_name",
        session.facilitator_name.as_str(),
    )?;
    tx.put(automerge::ROOT, "feedback", session.feedback.as_str())?;
    crate::documents::fields::commit(tx);
    put_json(doc, "technical_area", &session.technical_area)?;
    put_json(doc, "date", &session.date)?;
    put_json(doc, "facilitator", &session.facilitator)?;
    for (mentee, participant) in &session.participants {
        add_participant(doc, mentee, participant)?;
    }
    Ok(())
}

/// Adds one CHW; adding the same CHW again keeps the first entry (a replayed save changes
/// nothing).
pub fn add_participant(
    doc: &mut Automerge,
    mentee: &str,
    participant: &Participant,
) -> Result<(), DocError> {
    put_entry(doc, "participants", mentee, participant, Existing::Keep)
}

/// Reads a session; fails with a typed error if the document is not one.
pub fn read(doc: &Automerge) -> Result<ChwSession, DocError> {
    let technical_area: TechnicalArea =
        json(doc, "technical_area")?.ok_or(DocError::Missing("technical_area"))?;
    if !CHW_AREAS.contains(&technical_area) {
        return Err(invalid("technical_area", "not a CHW technical area"));
    }
    Ok(ChwSession {
        technical_area,
        date: json(doc, "date")?.ok_or(DocError::Missing("date"))?,
        place: text(doc, "place")?.unwrap_or_default(),
        facilitator: json(doc, "facilitator")?.ok_or(DocError::Missing("facilitator"))?,
        facilitator_name: text(doc, "facilitator_name")?.unwrap_or_default(),
        feedback: text(doc, "feedback")?.unwrap_or_default(),
        participants: entries(doc, "participants")?.into_iter().collect(),
    })
}

/// Whether one CHW group (the CHWs of a health centre mentored in one technical area) was
/// reached in a quarter, and by how many sessions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupReach {
    pub technical_area: TechnicalArea,
    pub sessions: usize,
    /// Mentee document ids of the CHWs who took part in at least one session.
    pub chws: BTreeSet<String>,
}

impl GroupReach {
    pub fn reached(&self) -> bool {
        self.sessions > 0
    }
}

/// Quarterly coverage at one health centre: one row per CHW technical area, in [`CHW_AREAS`]
/// order, whether or not it was reached, so a screen can say "not reached" in words. The
/// programmes ask for every group to be reached once a quarter.
pub fn quarter_reach(
    sessions: &[ChwSession],
    calendar: FiscalCalendar,
    quarter: FiscalQuarter,
) -> Vec<GroupReach> {
    CHW_AREAS
        .into_iter()
        .map(|area| {
            let in_quarter: Vec<&ChwSession> = sessions
                .iter()
                .filter(|s| s.technical_area == area && calendar.quarter(s.date) == quarter)
                .collect();
            GroupReach {
                technical_area: area,
                sessions: in_quarter.len(),
                chws: in_quarter
                    .iter()
                    .flat_map(|s| s.participants.keys().cloned())
                    .collect(),
            }
        })
        .collect()
}

/// The CHWs (mentee document ids) reached in a quarter in any technical area.
pub fn chws_reached(
    sessions: &[ChwSession],
    calendar: FiscalCalendar,
    quarter: FiscalQuarter,
) -> BTreeSet<String> {
    quarter_reach(sessions, calendar, quarter)
        .into_iter()
        .flat_map(|group| group.chws)
        .collect()
}
