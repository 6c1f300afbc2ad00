//! The demo dataset is deterministic, consistent with the rules, and shaped as documented.

use mentora_shared::demo::{self, ids};
use mentora_shared::domain::{
    AssessmentId, CompetencyId, Dataset, FacilityLevel, ObservationPurpose, PlaceKind,
};
use mentora_shared::rules::{AttemptKind, progress};

fn dataset() -> Dataset {
    demo::dataset().expect("demo builds")
}

#[test]
fn demo_is_deterministic_and_round_trips() {
    let dataset = dataset();
    assert_eq!(dataset, demo::dataset().expect("demo builds"));
    let json = serde_json::to_string(&dataset).expect("serializes");
    assert_eq!(
        serde_json::from_str::<Dataset>(&json).expect("deserializes"),
        dataset
    );
    assert!(
        json.contains("\"4d454e54-4f52-4100-8000-000000001001\""),
        "fixed place id of Rwanda"
    );
}

#[test]
fn demo_places_form_the_documented_hierarchy() {
    let places = dataset().places;
    assert_eq!(places.len(), 10);
    let names = |list: Vec<&mentora_shared::domain::Place>| {
        list.iter()
            .map(|place| place.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(places.children(ids::RWANDA)), ["Northern Province"]);
    assert_eq!(
        names(places.children(ids::NORTHERN_PROVINCE)),
        ["Burera", "Gicumbi"]
    );
    assert_eq!(
        names(places.children(ids::GICUMBI)),
        [
            "Byumba District Hospital",
            "Kageyo Health Centre",
            "Rutare Health Centre"
        ]
    );
    assert_eq!(places.facilities_under(ids::RWANDA).len(), 6);
    assert_eq!(
        places.facility_level(ids::NYAGAHINGA_HP),
        Some(FacilityLevel::HealthPost)
    );
    assert_eq!(
        places.get(ids::BURERA).map(|place| place.kind),
        Some(PlaceKind::District)
    );
}

#[test]
fn demo_counts() {
    let dataset = dataset();
    assert_eq!(
        (
            dataset.mentors.len(),
            dataset.mentees.len(),
            dataset.supervisors.len()
        ),
        (5, 14, 1)
    );
    assert_eq!(
        (
            dataset.visits.len(),
            dataset.assessments.len(),
            dataset.validations.len()
        ),
        (19, 29, 11)
    );
}

fn assessment(n: u128) -> AssessmentId {
    AssessmentId::from_u128(0x4d45_4e54_4f52_4100_8000_0000_0000_6000 + n)
}

#[test]
fn tracker_row_for_a_mentee_still_in_coaching() {
    let dataset = dataset();
    let row = progress(
        ids::EMMANUEL,
        &CompetencyId::new("eceb"),
        &dataset.assessments,
        &dataset.validations,
    );
    let id = |attempt: &Option<mentora_shared::rules::Attempt>| {
        attempt.as_ref().map(|attempt| attempt.assessment)
    };
    assert_eq!(id(&row.baseline_skills), Some(assessment(13)));
    assert_eq!(id(&row.best_skills), Some(assessment(14)));
    assert_eq!(id(&row.latest_skills), Some(assessment(14)));
    assert_eq!(
        row.best_skills
            .map(|attempt| (attempt.score.achieved(), attempt.score.applicable())),
        Some((14, 15))
    );
    let kinds: Vec<AttemptKind> = row.attempts.iter().map(|attempt| attempt.kind).collect();
    assert_eq!(
        kinds,
        [
            AttemptKind::Observation(ObservationPurpose::Baseline),
            AttemptKind::Observation(ObservationPurpose::Coaching)
        ]
    );
    assert_eq!(row.validation, None);
}

/// The demo's records predate every version 2 in the catalogue: they keep version 1, and each
/// resolves to that version's test or checklist even where a newer one is current.
#[test]
fn demo_records_keep_version_one_and_resolve_it() {
    use mentora_shared::catalogue::Catalogue;
    use mentora_shared::domain::AssessmentKind;
    let catalogue = Catalogue::load_builtin().expect("built-in catalogue loads");
    let dataset = dataset();
    assert!(
        dataset
            .assessments
            .iter()
            .any(|a| a.competency == CompetencyId::new("hbb")),
        "the demo has HBB records, whose current versions are newer"
    );
    for assessment in &dataset.assessments {
        let competency = catalogue
            .competency(&assessment.competency)
            .expect("demo competency is in the catalogue");
        match &assessment.kind {
            AssessmentKind::KnowledgeTest {
                test_version,
                answers,
                ..
            } => {
                assert_eq!(*test_version, 1, "{}", assessment.competency);
                let test = competency
                    .knowledge_test(*test_version)
                    .expect("version 1 resolves");
                assert_eq!(answers.len(), test.questions.len());
                for answer in answers {
                    assert!(test.question(&answer.question).is_some());
                }
            }
            AssessmentKind::Observation { result, .. }
            | AssessmentKind::ChwGroupAssessment { result, .. } => {
                assert_eq!(result.checklist_version, 1, "{}", assessment.competency);
                let checklist = competency
                    .checklist(result.checklist_version)
                    .expect("version 1 resolves");
                assert_eq!(result.responses.len(), checklist.items().count());
            }
        }
    }
}
