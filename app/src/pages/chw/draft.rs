//! The group session in progress, as kept in the draft, and the pure checks that turn it into
//! what is saved: one checklist result per CHW.

use std::collections::{BTreeMap, BTreeSet};

use mentora_shared::catalogue::{Checklist, Competency};
use mentora_shared::documents::mentee::clean_note;
use mentora_shared::domain::{
    ChecklistResult, Date, ItemId, ItemMark, ItemResponse, Score, TechnicalArea,
};
use mentora_shared::rules::scoring::{ScoringError, checklist_result};
use serde::{Deserialize, Serialize};

/// Everything typed so far. Saved on every change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub area: Option<TechnicalArea>,
    pub competency: String,
    pub date: String,
    pub place: String,
    /// Mentee document ids (hex) of the CHWs ticked present.
    pub present: BTreeSet<String>,
    /// Per CHW, the mark of each step.
    pub marks: BTreeMap<String, BTreeMap<ItemId, ItemMark>>,
    pub feedback: String,
}

/// Why the session cannot be saved yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NoCompetency,
    BadDate,
    NoParticipants,
    StepsMissing,
    FeedbackTooLong,
    Scoring(ScoringError),
}

/// What is saved: the session's fields and each CHW's scored result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub date: Date,
    pub feedback: String,
    pub results: Vec<(String, Score, ChecklistResult)>,
}

/// Steps of `checklist` not yet marked for one CHW.
pub fn left(checklist: &Checklist, marks: Option<&BTreeMap<ItemId, ItemMark>>) -> usize {
    checklist
        .items()
        .filter(|item| marks.is_none_or(|m| !m.contains_key(&item.id)))
        .count()
}

pub fn check(draft: &Draft, competency: Option<&Competency>) -> Result<Checked, Refusal> {
    let checklist = competency
        .filter(|c| Some(c.technical_area) == draft.area)
        .and_then(Competency::current_checklist)
        .ok_or(Refusal::NoCompetency)?;
    let date = Date::parse(draft.date.trim()).map_err(|_| Refusal::BadDate)?;
    if draft.present.is_empty() {
        return Err(Refusal::NoParticipants);
    }
    let feedback = clean_note(&draft.feedback).map_err(|_| Refusal::FeedbackTooLong)?;
    let mut results = Vec::new();
    for chw in &draft.present {
        let marks = draft.marks.get(chw);
        if left(checklist, marks) > 0 {
            return Err(Refusal::StepsMissing);
        }
        let responses = checklist
            .items()
            .filter_map(|item| {
                let mark = *marks?.get(&item.id)?;
                Some(ItemResponse {
                    item: item.id.clone(),
                    mark,
                })
            })
            .collect();
        let (score, result) = checklist_result(checklist, responses).map_err(Refusal::Scoring)?;
        results.push((chw.clone(), score, result));
    }
    Ok(Checked {
        date,
        feedback,
        results,
    })
}
