use super::*;
use crate::catalogue::Catalogue;
use crate::domain::MentorAffiliation;

fn known() -> Known {
    let facility = |id: &str, name: &str| KnownFacility {
        id: id.to_owned(),
        name: name.to_owned(),
        district: "rw-huye".to_owned(),
    };
    let user = |username: &str, name: &str, association| KnownUser {
        username: username.to_owned(),
        display_name: name.to_owned(),
        association,
    };
    Known {
        facilities: vec![
            facility("rango-hc", "Rango Health Centre"),
            facility("simbi-hc", "Simbi Health Centre"),
            facility("simbi-hc2", "Simbi Health Centre"),
        ],
        users: vec![
            user("mentor", "Demo Mentor", None),
            user("amina", "Amina Uwera", Some(MentorAffiliation::Rpa)),
        ],
        mentees: Vec::new(),
    }
}

fn today() -> Date {
    Date::parse("2024-01-01").expect("date")
}

fn catalogue() -> Catalogue {
    Catalogue::load_builtin().expect("catalogue")
}

fn plan_of(text: &str, known: &Known) -> Plan {
    plan(
        &read_csv(text).expect("readable"),
        known,
        &catalogue(),
        today(),
    )
}

/// The stored records once `plan` is written on top of `known`.
fn applied(plan: &Plan, mut known: Known) -> Known {
    for mentee in &plan.mentees {
        known.mentees.push(StoredMentee {
            id: mentee.id,
            facility: mentee.facility.clone(),
            name: mentee.name.clone(),
            cadre: mentee.cadre,
            merged: false,
            assessments: Vec::new(),
            validated: BTreeSet::new(),
        });
    }
    for stored in &mut known.mentees {
        stored.assessments.extend(
            plan.assessments
                .iter()
                .filter(|a| a.mentee == stored.id)
                .map(|a| a.entry().assessment),
        );
        stored.validated.extend(
            plan.validations
                .iter()
                .filter(|v| v.mentee == stored.id)
                .map(|v| v.competency.clone()),
        );
    }
    known
}

fn problems(plan: &Plan) -> Vec<(usize, Problem)> {
    plan.errors
        .iter()
        .map(|e| (e.row, e.problem.clone()))
        .collect()
}

const HEADER: &str = "mentee_name,cadre,facility_code,phone,mentor_username,mentor_name,mentor_association,competency,kind,date,score,critical_steps_done,case,validation_date,validator_username\n";

#[test]
fn the_template_plans_one_mentee_four_assessments_and_a_validation() {
    let plan = plan_of(TRACKER_TEMPLATE, &known());
    assert_eq!(plan.errors, []);
    assert_eq!(plan.mentees.len(), 1);
    let mentee = &plan.mentees[0];
    assert_eq!(mentee.name, "Marie Uwase");
    assert_eq!(mentee.cadre, Cadre::Midwife);
    assert_eq!(mentee.district, "rw-huye");
    assert_eq!(mentee.phone.as_deref(), Some("+250 788 000 001"));
    assert_eq!(mentee.rows, [2, 3, 4, 5]);
    assert_eq!(plan.assessments.len(), 4);
    let named = &plan.assessments[2];
    assert_eq!(named.assessor_name, "Jeanne Mukamana");
    assert_eq!(named.association, Some(MentorAffiliation::Ram));
    assert_eq!(named.score, Score::new(785, 1000).expect("score"));
    let entry = named.entry();
    assert!(matches!(
        entry.assessment.kind,
        AssessmentKind::Observation { ref result, .. }
            if result.critical_steps_missed == [ItemId::new(UNRECORDED_CRITICAL_STEP)]
    ));
    assert_eq!(
        plan.assessments[1].score,
        Score::new(14, 16).expect("score")
    );
    assert_eq!(plan.validations.len(), 1);
    let validation = &plan.validations[0];
    assert_eq!(validation.row, 5);
    assert_eq!(validation.assessment, plan.assessments[3].id);
    // Two post-mentorship observations up to and including the validating one.
    assert_eq!(validation.evaluations_to_validation, 2);
    assert_eq!(
        validation.validated_by,
        crate::documents::mentee::mentor_id("mentor")
    );
    assert_eq!(plan.present, Present::default());
}

#[test]
fn a_reimport_adds_nothing_and_an_edited_one_only_its_new_rows() {
    let first = plan_of(TRACKER_TEMPLATE, &known());
    let stored = applied(&first, known());
    let again = plan_of(TRACKER_TEMPLATE, &stored);
    assert!(again.is_noop(), "{again:?}");
    assert_eq!(again.errors, []);
    assert_eq!(
        again.present,
        Present {
            mentees: 1,
            assessments: 4,
            validations: 1
        }
    );
    // A new row, a new mentee (same name, other cadre) and the name spelt differently.
    let edited = format!(
        "{}Marie  UWASE,midwife,Rango Health Centre,,mentor,,,eceb,pre_test,2023-05-01,50,,,,\nMarie Uwase,nurse,rango-hc,,amina,,,hbb,pre_test,2023-05-01,7/10,,,,\n",
        TRACKER_TEMPLATE
    );
    let plan = plan_of(&edited, &stored);
    assert_eq!(plan.errors, []);
    assert_eq!(plan.assessments.len(), 2);
    assert_eq!(plan.mentees.len(), 1, "only the nurse is new");
    assert_eq!(plan.mentees[0].cadre, Cadre::Nurse);
    assert_eq!(plan.assessments[0].mentee, first.mentees[0].id);
    assert_eq!(
        plan.assessments[1].association,
        Some(MentorAffiliation::Rpa)
    );
    assert_eq!(plan.present.assessments, 4);
}

#[test]
fn ids_are_stable_uuids_from_the_key() {
    let key = ids::MenteeKey::new("rango-hc", " Marie   Uwase ", Cadre::Midwife);
    assert_eq!(
        key,
        ids::MenteeKey::new("rango-hc", "marie uwase", Cadre::Midwife)
    );
    let id = key.mentee_id();
    assert_eq!(id.0.get_version_num(), 8);
    assert_ne!(
        id,
        ids::MenteeKey::new("simbi-hc", "marie uwase", Cadre::Midwife).mentee_id()
    );
    let date = today();
    let hbb = CompetencyId::new("hbb");
    let a = ids::assessment_id(id, &hbb, TrackerKind::Observation, date, 0);
    assert_eq!(
        a,
        ids::assessment_id(id, &hbb, TrackerKind::Observation, date, 0)
    );
    assert_ne!(
        a,
        ids::assessment_id(id, &hbb, TrackerKind::Observation, date, 1)
    );
    assert_ne!(
        a,
        ids::assessment_id(id, &hbb, TrackerKind::PostTest, date, 0)
    );
    // Pinned: changing the derivation would make every re-import a duplicate.
    assert_eq!(id.to_string(), "c9c07416-7d2a-83c5-8cdf-a67d99f159ce");
}

#[test]
fn a_mentee_registered_on_a_tablet_is_used_not_duplicated() {
    let mut stored = known();
    let tablet_id = MenteeId::from_u128(42);
    stored.mentees.push(StoredMentee {
        id: tablet_id,
        facility: "rango-hc".to_owned(),
        name: "marie uwase".to_owned(),
        cadre: Cadre::Midwife,
        merged: false,
        assessments: Vec::new(),
        validated: [CompetencyId::new("hbb")].into_iter().collect(),
    });
    let plan = plan_of(TRACKER_TEMPLATE, &stored);
    assert_eq!(plan.mentees, []);
    assert_eq!(plan.present.mentees, 1);
    assert!(plan.assessments.iter().all(|a| a.mentee == tablet_id));
    assert_eq!(plan.validations, [], "the tablet validated hbb already");
    assert_eq!(plan.present.validations, 1);
}

#[test]
fn two_observations_on_one_day_are_two_assessments_but_a_copied_row_is_an_error() {
    let text = format!(
        "{HEADER}A B,nurse,rango-hc,,mentor,,,hbb,observation,2023-01-02,70,no,,,\nA B,nurse,rango-hc,,mentor,,,hbb,observation,2023-01-02,80,no,,,\nA B,nurse,rango-hc,,mentor,,,hbb,observation,2023-01-02,70,no,,,\n"
    );
    let plan = plan_of(&text, &known());
    assert_eq!(plan.assessments.len(), 2);
    assert_ne!(plan.assessments[0].id, plan.assessments[1].id);
    assert_eq!(
        problems(&plan),
        [(4, Problem::DuplicateRow { first_row: 2 })]
    );
}

#[test]
fn every_problem_is_named_with_its_row() {
    let rows = [
        // 2: several cells at once
        ",doctor,Rango HC,abc,,,,nope,quiz,2023-13-01,,,,,",
        // 3
        "A,nurse,simbi health centre,,ghost,,,hbb,pre_test,2025-01-01,101,yes,real,,",
        // 4
        "A,nurse,rango-hc,,,Someone,,hbb,observation,2023-01-01,1/0,maybe,lab,2023-01-01,",
        // 5
        "A,nurse,rango-hc,,,,xyz,hbb,observation,2023-01-01,84.99,no,,2022-12-01,mentor",
        // 6
        "A,nurse,rango-hc,,mentor,,,hbb,post_test,2023-01-01,9/8,,,2023-01-01,mentor",
        // 7 and 8: one mentee validated twice; 9: another phone
        "B,nurse,rango-hc,1,mentor,,,hbb,observation,2023-01-01,90,yes,,2023-01-01,mentor",
        "B,nurse,rango-hc,1,mentor,,,hbb,observation,2023-01-02,95,yes,,2023-01-02,ghost2",
        "B,nurse,rango-hc,1,mentor,,,hbb,observation,2023-01-03,96,yes,,2023-01-03,amina",
        "B,nurse,rango-hc,2,mentor,,,hbb,pre_test,2023-01-03,1.2345678,,,,",
        "B,nurse,rango-hc,2,mentor,,,hbb,pre_test,2023-01-03,12%,,,,",
    ];
    let text = format!("{HEADER}{}\n", rows.join("\n"));
    let plan = plan_of(&text, &known());
    let column = |c: &str| c.to_owned();
    let expected = vec![
        (
            2,
            Problem::MissingValue {
                column: column("mentee_name"),
            },
        ),
        (
            2,
            Problem::UnknownCadre {
                cadre: column("doctor"),
            },
        ),
        (
            2,
            Problem::UnknownFacility {
                facility: column("Rango HC"),
            },
        ),
        (2, Problem::BadPhone),
        (2, Problem::NoMentor),
        (
            2,
            Problem::UnknownKind {
                kind: column("quiz"),
            },
        ),
        (
            2,
            Problem::UnknownCompetency {
                competency: column("nope"),
            },
        ),
        (
            2,
            Problem::BadDate {
                column: column("date"),
                value: column("2023-13-01"),
            },
        ),
        (
            2,
            Problem::MissingValue {
                column: column("score"),
            },
        ),
        (
            3,
            Problem::AmbiguousFacility {
                facility: column("simbi health centre"),
            },
        ),
        (
            3,
            Problem::UnknownUser {
                column: column("mentor_username"),
                username: column("ghost"),
            },
        ),
        (
            3,
            Problem::FutureDate {
                column: column("date"),
                date: column("2025-01-01"),
            },
        ),
        (
            3,
            Problem::ScoreOutOfRange {
                score: column("101"),
            },
        ),
        (
            3,
            Problem::NotAnObservation {
                column: column("critical_steps_done"),
            },
        ),
        (
            3,
            Problem::NotAnObservation {
                column: column("case"),
            },
        ),
        (4, Problem::NoMentor),
        (
            4,
            Problem::ScoreOutOfRange {
                score: column("1/0"),
            },
        ),
        (
            4,
            Problem::BadYesNo {
                column: column("critical_steps_done"),
                value: column("maybe"),
            },
        ),
        (
            4,
            Problem::UnknownCase {
                case: column("lab"),
            },
        ),
        (
            4,
            Problem::IncompleteValidation {
                missing: column("validator_username"),
            },
        ),
        (
            5,
            Problem::UnknownAssociation {
                association: column("xyz"),
            },
        ),
        (
            5,
            Problem::ValidationBeforeAssessment {
                validation_date: column("2022-12-01"),
                date: column("2023-01-01"),
            },
        ),
        (
            5,
            Problem::BelowPassMark {
                score: Score::new(8499, 10000).expect("score"),
                pass_mark_percent: 85,
            },
        ),
        (5, Problem::CriticalStepsMissed),
        (
            6,
            Problem::ScoreOutOfRange {
                score: column("9/8"),
            },
        ),
        (
            6,
            Problem::NotAnObservation {
                column: column("validation_date"),
            },
        ),
        (
            8,
            Problem::UnknownUser {
                column: column("validator_username"),
                username: column("ghost2"),
            },
        ),
        (9, Problem::ValidatedTwice { first_row: 7 }),
        (
            10,
            Problem::BadScore {
                score: column("1.2345678"),
            },
        ),
        (11, Problem::ConflictingPhone { first_row: 7 }),
    ];
    let mut got = problems(&plan);
    got.sort_by_key(|(row, p)| (*row, format!("{p:?}")));
    let mut want = expected;
    want.sort_by_key(|(row, p)| (*row, format!("{p:?}")));
    assert_eq!(got, want);
    // In words, with the row.
    let rango = plan
        .errors
        .iter()
        .find(|e| matches!(e.problem, Problem::UnknownFacility { .. }))
        .expect("unknown facility");
    assert_eq!(rango.to_string(), "row 2: unknown facility 'Rango HC'");
    for error in &plan.errors {
        assert!(
            error
                .to_string()
                .starts_with(&format!("row {}: ", error.row))
        );
    }
}

#[test]
fn scores_are_exact() {
    let score = |s: &str| check::parse_score(s);
    assert_eq!(score("87.5"), Ok(Score::new(875, 1000).expect("s")));
    assert_eq!(score("87,5 %"), Ok(Score::new(875, 1000).expect("s")));
    assert_eq!(score("100"), Ok(Score::new(100, 100).expect("s")));
    assert_eq!(score("14 / 16"), Ok(Score::new(14, 16).expect("s")));
    assert!(score("85").is_ok_and(|s| s.meets(crate::domain::Percent::whole(85))));
    assert!(matches!(
        score("100.01"),
        Err(Problem::ScoreOutOfRange { .. })
    ));
    assert!(matches!(score("-5"), Err(Problem::BadScore { .. })));
    assert!(matches!(
        score("17/16"),
        Err(Problem::ScoreOutOfRange { .. })
    ));
    assert!(matches!(score("abc"), Err(Problem::BadScore { .. })));
    assert!(matches!(
        score("99999999999"),
        Err(Problem::ScoreOutOfRange { .. })
    ));
}

#[test]
fn unreadable_files_are_refused_whole() {
    assert_eq!(read_csv(""), Err(FileError::Empty));
    assert_eq!(
        read_csv("mentee_name,cadre\n"),
        Err(FileError::MissingColumn {
            column: "facility_code".to_owned()
        })
    );
    assert!(matches!(
        read_csv("mentee_name,colour\n"),
        Err(FileError::UnknownColumn { .. })
    ));
    assert!(matches!(
        read_csv("cadre,cadre\n"),
        Err(FileError::DuplicateColumn { .. })
    ));
    assert!(matches!(
        read_csv(&"x".repeat(MAX_FILE_BYTES + 1)),
        Err(FileError::TooLarge { .. })
    ));
    let long = format!("{HEADER}{}\n", "a".repeat(300));
    assert!(matches!(read_csv(&long), Err(FileError::Csv { .. })));
    // Columns in any order, optional ones left out.
    let rows = read_csv("date,kind,competency,facility_code,cadre,mentee_name,score,mentor_username\n2023-01-01,pre_test,hbb,rango-hc,nurse,A B,50,mentor\n")
        .expect("readable");
    let plan = plan(&rows, &known(), &catalogue(), today());
    assert_eq!((plan.errors.len(), plan.assessments.len()), (0, 1));
}

#[test]
fn the_plan_round_trips_as_json() {
    let plan = plan_of(TRACKER_TEMPLATE, &known());
    let json = serde_json::to_string(&plan).expect("json");
    let back: Plan = serde_json::from_str(&json).expect("back");
    assert_eq!(back, plan);
    let error = RowError {
        row: 14,
        problem: Problem::UnknownFacility {
            facility: "Rango HC".to_owned(),
        },
    };
    assert_eq!(
        serde_json::to_value(&error).expect("json"),
        serde_json::json!({"row": 14, "problem": "unknown_facility", "facility": "Rango HC"})
    );
}
