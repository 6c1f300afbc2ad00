use mentora_shared::catalogue::Catalogue;
use mentora_shared::domain::CompetencyId;

use super::*;

fn hbb() -> Checklist {
    let catalogue = Catalogue::load_builtin().expect("the built-in catalogue loads");
    catalogue
        .competency(&CompetencyId::new("hbb"))
        .and_then(|c| c.current_checklist().cloned())
        .expect("hbb has a checklist")
}

fn all(checklist: &Checklist, mark: ItemMark) -> BTreeMap<ItemId, ItemMark> {
    checklist
        .items()
        .map(|item| (item.id.clone(), mark))
        .collect()
}

fn simulation(marks: BTreeMap<ItemId, ItemMark>) -> ObservationDraft {
    ObservationDraft {
        setup: Setup {
            case: Some(Case::Simulation),
            ..Setup::default()
        },
        marks,
        ..ObservationDraft::default()
    }
}

#[test]
fn a_new_draft_is_a_coaching_observation_with_no_case_chosen() {
    let draft = ObservationDraft::default();
    assert_eq!(draft.setup.purpose, ObservationPurpose::Coaching);
    assert_eq!(draft.setup.case, None);
    let parsed: ObservationDraft = serde_json::from_str("{}").expect("an empty draft parses");
    assert_eq!(parsed, draft);
}

#[test]
fn the_tally_counts_weights_and_leaves_out_not_applicable() {
    let checklist = hbb();
    let mut marks = BTreeMap::new();
    assert_eq!(tally(&checklist, &marks).left, checklist.items().count());
    assert_eq!(tally(&checklist, &marks).percent(), None);
    marks.insert(ItemId::new("hand_hygiene"), ItemMark::NotDone);
    marks.insert(ItemId::new("ventilate_within_minute"), ItemMark::Done);
    marks.insert(ItemId::new("stimulate"), ItemMark::NotApplicable);
    let running = tally(&checklist, &marks);
    assert_eq!((running.achieved, running.applicable), (2, 3));
    assert_eq!(running.critical_missed, 1);
    assert_eq!(running.left, checklist.items().count() - 3);
    assert_eq!(running.percent(), Some(66));
}

#[test]
fn a_real_case_without_consent_is_refused() {
    let checklist = hbb();
    let mut draft = simulation(all(&checklist, ItemMark::Done));
    draft.setup.case = None;
    assert_eq!(check(&checklist, &draft), Err(Refusal::ChooseCase));
    draft.setup.case = Some(Case::Real);
    assert_eq!(check(&checklist, &draft), Err(Refusal::NoConsent));
    draft.setup.consent = true;
    let checked = check(&checklist, &draft).expect("consented real case saves");
    assert_eq!(
        checked.case,
        CaseKind::Real {
            patient_consent: true
        }
    );
}

#[test]
fn unmarked_steps_are_named_in_checklist_order() {
    let checklist = hbb();
    let mut marks = all(&checklist, ItemMark::Done);
    marks.remove(&ItemId::new("rate_40"));
    marks.remove(&ItemId::new("warm_area"));
    assert_eq!(
        check(&checklist, &simulation(marks)),
        Err(Refusal::StepsMissing(vec![
            ItemId::new("warm_area"),
            ItemId::new("rate_40")
        ]))
    );
}

#[test]
fn a_full_checklist_scores_with_the_shared_rule_and_trims_the_notes() {
    let checklist = hbb();
    let mut marks = all(&checklist, ItemMark::Done);
    marks.insert(ItemId::new("hand_hygiene"), ItemMark::NotDone);
    let mut draft = simulation(marks);
    draft.went_well = "  Dried the baby at once.  ".to_owned();
    let checked = check(&checklist, &draft).expect("complete draft checks");
    assert_eq!(checked.feedback.went_well, "Dried the baby at once.");
    assert_eq!(
        checked.result.critical_steps_missed,
        vec![ItemId::new("hand_hygiene")]
    );
    assert_eq!(checked.score.applicable() - checked.score.achieved(), 1);
    assert_eq!(checked.result.responses.len(), checklist.items().count());
}

#[test]
fn notes_over_the_limit_are_refused() {
    let checklist = hbb();
    let mut draft = simulation(all(&checklist, ItemMark::Done));
    draft.to_improve = "x".repeat(mentee::MAX_NOTE + 1);
    assert_eq!(check(&checklist, &draft), Err(Refusal::ToImproveTooLong));
    draft.to_improve.clear();
    draft.went_well = "é".repeat(mentee::MAX_NOTE);
    assert!(
        check(&checklist, &draft).is_ok(),
        "the limit counts characters"
    );
}

#[test]
fn a_draft_keeps_only_marks_the_checklist_accepts() {
    let checklist = hbb();
    let mut draft = ObservationDraft::default();
    draft.marks.insert(ItemId::new("gone_step"), ItemMark::Done);
    draft
        .marks
        .insert(ItemId::new("hand_hygiene"), ItemMark::NotApplicable);
    draft
        .marks
        .insert(ItemId::new("stimulate"), ItemMark::NotApplicable);
    let fitted = draft.fit_to(&checklist);
    assert_eq!(
        fitted.marks.into_keys().collect::<Vec<_>>(),
        vec![ItemId::new("stimulate")]
    );
}

#[test]
fn a_draft_round_trips_through_json() {
    let checklist = hbb();
    let mut draft = simulation(all(&checklist, ItemMark::NotDone));
    draft.setup.purpose = ObservationPurpose::PostMentorship;
    draft.to_improve = "Ventilate within the minute".to_owned();
    let json = serde_json::to_string(&draft).expect("serializes");
    assert_eq!(
        serde_json::from_str::<ObservationDraft>(&json).ok(),
        Some(draft)
    );
}
