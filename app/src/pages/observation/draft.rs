//! The observation in progress and the pure rules the screen applies to it: the running tally,
//! which steps are still unmarked, and whether it can become an assessment. Kept free of the DOM
//! so it is tested natively.
//!
//! The whole [`ObservationDraft`] is saved to `localStorage` on every tap and keystroke (see
//! `crate::drafts`), so closing the app mid-checklist loses nothing.

use std::collections::BTreeMap;

use mentora_shared::catalogue::{Checklist, ChecklistItem};
use mentora_shared::documents::mentee::{self, Feedback};
use mentora_shared::domain::{
    CaseKind, ChecklistResult, ItemId, ItemMark, ItemResponse, ObservationPurpose, Score,
};
use mentora_shared::rules::scoring::{ScoringError, checklist_result};
use serde::{Deserialize, Serialize};

/// The kind of case, as chosen on the screen; consent is asked separately for a real case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    Simulation,
    Real,
}

/// What the observation is and what it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    #[serde(default = "default_purpose")]
    pub purpose: ObservationPurpose,
    /// `None` until the mentor says: a wrong default would record a simulation as a real case.
    #[serde(default)]
    pub case: Option<Case>,
    #[serde(default)]
    pub consent: bool,
}

/// Coaching is what most observations during a visit are.
fn default_purpose() -> ObservationPurpose {
    ObservationPurpose::Coaching
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            purpose: default_purpose(),
            case: None,
            consent: false,
        }
    }
}

/// Everything typed or tapped so far; every field defaults so an older draft still loads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationDraft {
    #[serde(default)]
    pub setup: Setup,
    #[serde(default)]
    pub marks: BTreeMap<ItemId, ItemMark>,
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub to_improve: String,
}

/// Whether `mark` may be given to `item` (N/A only where the step allows it).
pub fn allows(item: &ChecklistItem, mark: ItemMark) -> bool {
    mark != ItemMark::NotApplicable || item.na_allowed
}

impl ObservationDraft {
    /// Keeps only the marks this checklist version accepts: a draft started before a catalogue
    /// update must not carry a mark for a step that is gone or no longer allows N/A.
    pub fn fit_to(mut self, checklist: &Checklist) -> Self {
        self.marks
            .retain(|id, mark| checklist.item(id).is_some_and(|item| allows(item, *mark)));
        self
    }
}

/// The running score shown while marking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub achieved: u32,
    pub applicable: u32,
    pub critical_missed: usize,
    pub left: usize,
}

impl Tally {
    /// Rounded down like the saved score, so the bar never shows more than will be recorded.
    pub fn percent(&self) -> Option<u8> {
        Score::new(self.achieved, self.applicable)
            .ok()
            .map(Score::percent_floor)
    }
}

/// The tally of the marks given so far, weights included, N/A excluded.
pub fn tally(checklist: &Checklist, marks: &BTreeMap<ItemId, ItemMark>) -> Tally {
    let mut tally = Tally {
        achieved: 0,
        applicable: 0,
        critical_missed: 0,
        left: 0,
    };
    for item in checklist.items() {
        match marks.get(&item.id) {
            None => tally.left += 1,
            Some(ItemMark::NotApplicable) => {}
            Some(ItemMark::Done) => {
                tally.achieved = tally.achieved.saturating_add(item.weight);
                tally.applicable = tally.applicable.saturating_add(item.weight);
            }
            Some(ItemMark::NotDone) => {
                tally.applicable = tally.applicable.saturating_add(item.weight);
                if item.critical {
                    tally.critical_missed += 1;
                }
            }
        }
    }
    tally
}

/// The steps not marked yet, in checklist order.
pub fn unmarked<'a>(
    checklist: &'a Checklist,
    marks: &BTreeMap<ItemId, ItemMark>,
) -> Vec<&'a ChecklistItem> {
    checklist
        .items()
        .filter(|item| !marks.contains_key(&item.id))
        .collect()
}

/// Why the draft cannot be saved yet, most basic first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    ChooseCase,
    NoConsent,
    StepsMissing(Vec<ItemId>),
    WentWellTooLong,
    ToImproveTooLong,
    Scoring(ScoringError),
}

/// A draft checked and scored, ready to become an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub purpose: ObservationPurpose,
    pub case: CaseKind,
    pub score: Score,
    pub result: ChecklistResult,
    pub feedback: Feedback,
}

/// Checks the draft against the checklist and scores it with the shared rules.
pub fn check(checklist: &Checklist, draft: &ObservationDraft) -> Result<Checked, Refusal> {
    let case = match draft.setup.case {
        None => return Err(Refusal::ChooseCase),
        Some(Case::Real) if !draft.setup.consent => return Err(Refusal::NoConsent),
        Some(Case::Real) => CaseKind::Real {
            patient_consent: true,
        },
        Some(Case::Simulation) => CaseKind::Simulated,
    };
    let missing = unmarked(checklist, &draft.marks);
    if !missing.is_empty() {
        return Err(Refusal::StepsMissing(
            missing.into_iter().map(|item| item.id.clone()).collect(),
        ));
    }
    let went_well = mentee::clean_note(&draft.went_well).map_err(|_| Refusal::WentWellTooLong)?;
    let to_improve =
        mentee::clean_note(&draft.to_improve).map_err(|_| Refusal::ToImproveTooLong)?;
    let responses = checklist
        .items()
        .filter_map(|item| {
            draft.marks.get(&item.id).map(|mark| ItemResponse {
                item: item.id.clone(),
                mark: *mark,
            })
        })
        .collect();
    let (score, result) = checklist_result(checklist, responses).map_err(Refusal::Scoring)?;
    Ok(Checked {
        purpose: draft.setup.purpose,
        case,
        score,
        result,
        feedback: Feedback {
            went_well,
            to_improve,
        },
    })
}

#[cfg(test)]
mod tests;
