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
pub struct ChwSessionDraft {
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

pub fn check(draft: &ChwSessionDraft, competency: Option<&Competency>) -> Result<Checked, Refusal> {
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

#[cfg(test)]
mod tests {
    use mentora_shared::catalogue::Catalogue;
    use mentora_shared::domain::CompetencyId;

    use super::*;

    fn iccm() -> Competency {
        let catalogue = Catalogue::load_builtin().unwrap();
        catalogue
            .competency(&CompetencyId::new("iccm_malaria"))
            .unwrap()
            .clone()
    }

    fn ready(competency: &Competency) -> ChwSessionDraft {
        let checklist = competency.current_checklist().unwrap();
        let all_done = checklist
            .items()
            .map(|item| (item.id.clone(), ItemMark::Done))
            .collect::<BTreeMap<_, _>>();
        ChwSessionDraft {
            area: Some(TechnicalArea::Iccm),
            competency: "iccm_malaria".to_owned(),
            date: "2026-11-22".to_owned(),
            place: "Rango".to_owned(),
            present: ["a", "b"].map(str::to_owned).into(),
            marks: ["a", "b"].map(|c| (c.to_owned(), all_done.clone())).into(),
            feedback: " Well done ".to_owned(),
        }
    }

    #[test]
    fn a_complete_draft_scores_every_chw() {
        let competency = iccm();
        let checked = check(&ready(&competency), Some(&competency)).unwrap();
        assert_eq!(checked.results.len(), 2);
        assert_eq!(checked.feedback, "Well done");
        assert!(
            checked
                .results
                .iter()
                .all(|(_, _, r)| r.critical_steps_missed.is_empty())
        );
    }

    #[test]
    fn refusals_name_what_is_missing() {
        let competency = iccm();
        let mut draft = ready(&competency);
        draft.area = Some(TechnicalArea::Cbmnh);
        assert_eq!(check(&draft, Some(&competency)), Err(Refusal::NoCompetency));
        let mut draft = ready(&competency);
        draft.date = "22/11".to_owned();
        assert_eq!(check(&draft, Some(&competency)), Err(Refusal::BadDate));
        let mut draft = ready(&competency);
        draft.present.clear();
        assert_eq!(
            check(&draft, Some(&competency)),
            Err(Refusal::NoParticipants)
        );
        let mut draft = ready(&competency);
        draft.marks.remove("b");
        assert_eq!(check(&draft, Some(&competency)), Err(Refusal::StepsMissing));
    }
}
