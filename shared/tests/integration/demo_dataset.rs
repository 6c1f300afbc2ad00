//! The demo dataset is deterministic, consistent with the rules, and shaped as documented.

use mentora_shared::demo::{self, ids};
use mentora_shared::domain::{CompetencyId, Dataset, FacilityLevel, PlaceKind};

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
    // Exactly the places the server seeds (`serve --demo`), which the end-to-end specs rely on.
    assert_eq!(places.len(), 9);
    let names = |list: Vec<&mentora_shared::domain::Place>| {
        list.iter()
            .map(|place| place.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(places.children(ids::RWANDA)), ["Southern Province"]);
    assert_eq!(
        names(places.children(ids::SOUTHERN_PROVINCE)),
        ["Huye", "Nyanza"]
    );
    assert_eq!(
        names(places.children(ids::HUYE)),
        [
            "Kabutare District Hospital",
            "Rango Health Centre",
            "Simbi Health Centre"
        ]
    );
    assert_eq!(
        names(places.children(ids::NYANZA)),
        ["Busoro Health Post", "Nyanza District Hospital"]
    );
    assert_eq!(places.facilities_under(ids::RWANDA).len(), 5);
    assert_eq!(
        places.facility_level(ids::BUSORO_HP),
        Some(FacilityLevel::HealthPost)
    );
    assert_eq!(
        places.get(ids::NYANZA).map(|place| place.kind),
        Some(PlaceKind::District)
    );
}

#[test]
fn demo_places_have_the_servers_codes_parents_first() {
    let places = dataset().places;
    let order: Vec<_> = demo::places_in_insert_order().collect();
    assert_eq!(order.len(), places.len());
    let codes: Vec<_> = order.iter().map(|id| demo::place_code(*id)).collect();
    assert_eq!(
        codes,
        [
            "rw",
            "rw-south",
            "rw-huye",
            "rw-nyanza",
            "kabutare-dh",
            "rango-hc",
            "simbi-hc",
            "nyanza-dh",
            "busoro-hp"
        ]
        .map(Some)
    );
    for (index, id) in order.iter().enumerate() {
        if let Some(parent) = places.get(*id).and_then(|place| place.parent) {
            assert!(order[..index].contains(&parent), "{id} before its parent");
        }
    }
    assert_eq!(
        demo::place_code(mentora_shared::domain::PlaceId::from_u128(1)),
        None
    );
}

#[test]
fn demo_accounts_are_people_of_the_dataset() {
    use mentora_shared::domain::MentorAffiliation;
    use mentora_shared::policy::Role;
    let dataset = dataset();
    let accounts = demo::accounts();
    let summary: Vec<_> = accounts
        .iter()
        .map(|a| {
            (
                a.username,
                a.display_name,
                a.role,
                a.districts.iter().map(|d| demo::place_code(*d)).collect(),
                a.facilities.iter().map(|f| demo::place_code(*f)).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "mentor",
                "Demo Mentor",
                Role::Mentor,
                vec![Some("rw-huye")],
                vec![Some("rango-hc")]
            ),
            (
                "supervisor",
                "Demo Supervisor",
                Role::Supervisor,
                vec![Some("rw-huye")],
                vec![]
            ),
            ("admin", "Demo Admin", Role::Admin, vec![], vec![]),
        ]
    );
    // The mentor account is the dataset's district-based Demo Mentor of Rango, under the id
    // every device computes from the username.
    let mentor = dataset
        .mentors
        .iter()
        .find(|m| m.id == demo::demo_mentor())
        .expect("the mentor account is a mentor");
    assert_eq!(
        mentor.id,
        mentora_shared::documents::mentee::mentor_id("mentor")
    );
    assert_eq!(mentor.name, accounts[0].display_name);
    assert_eq!(mentor.affiliation, MentorAffiliation::DistrictBased);
    assert_eq!(Some(mentor.affiliation), accounts[0].affiliation);
    assert_eq!(mentor.assigned_facilities, [ids::RANGO_HC]);
    let supervisor = dataset
        .supervisors
        .iter()
        .find(|s| s.id == ids::DEMO_SUPERVISOR)
        .expect("the supervisor account is a supervisor");
    assert_eq!(supervisor.name, accounts[1].display_name);
    assert_eq!(supervisor.scope, ids::HUYE);
}

#[test]
fn demo_counts() {
    let dataset = dataset();
    // Five mentors of the records plus the mentor account's Demo Mentor; Patrick (Nyanza) and
    // the supervisor account's Demo Supervisor (Huye).
    assert_eq!(
        (
            dataset.mentors.len(),
            dataset.mentees.len(),
            dataset.supervisors.len()
        ),
        (6, 14, 2)
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
