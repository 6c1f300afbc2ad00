//! A small hand-written set of documents for the dashboard tests; every expected figure in
//! `tests.rs` is computed by hand from this list. Today is 2025-03-15 (FY25 Q3, Jan–Mar);
//! FY25 runs 2024-07-01 – 2025-06-30. Mentors: M1 (0xb1) and M2 (0xb2).
//!
//! Mentees (rw-huye unless noted), competencies hbb (neonatal health), anc (MNH), fp (FP):
//! - Ange, rango-hc, RPA: hbb pre-test 2025-01-10 4/10 (M1), hbb post-test 2025-02-10 8/10
//!   (M1), validated hbb 2025-02-10 (M1); anc observation 2024-06-20 5/10 (M2, FY24).
//! - Bosco, rango-hc, RAM: hbb pre-test 2025-01-12 6/10, coaching observations 2025-02-01
//!   5/10 and 2025-03-01 7/10, all M2, no validation (stuck after 3).
//! - Chantal, kigoma-hc, RPA: anc pre-test 2024-08-01 2/10 (M1), validated anc 2024-09-01 (M1).
//! - A duplicate of Ange at rango-hc (RPA), merged: hbb pre-test 2025-01-11 (M1). Never counted.
//! - Esther, nyanza-dh (rw-nyanza), RSOG: fp pre-test 2023-08-01 5/10 (M2), validated fp
//!   2023-09-01 (M2), both FY24.
//!
//! Levels: rango-hc, kigoma-hc and muyogoro-hc are health centres, nyanza-dh a district hospital.
//! No entry records its mentor's affiliation (older data), except in
//! [`data_with_affiliations`], which adds two mentees whose entries do:
//! - Fatuma, nyanza-dh (rw-nyanza), a nurse whose record says RAM: hbb pre-test 2024-10-01 4/10
//!   (M1, RPA), anc observation 2025-01-05 5/10 (M2, RSOG), validated hbb 2025-02-01 (M1, RPA).
//! - Gad, rango-hc, RPA: hbb pre-test 2025-01-20 3/10 (M1, RPA).
//!
//! Visits: rango 2025-03-03 done; rango 2025-02-05 cancelled; kigoma 2025-02-10 planned; kigoma
//! 2024-08-05 done. QI: rango open project with actions due 2025-03-01 not started (overdue),
//! 2025-04-01 in progress, 2025-01-01 done; kigoma closed project with an action due
//! 2025-01-01 not started. CHW sessions at rango: iCCM 2025-01-20 and 2025-02-20, CBMNH
//! 2024-12-01.

use std::collections::{BTreeMap, BTreeSet};

use super::{DashboardChwSession, DashboardData, DashboardProject, DashboardVisit, ExportMentee};
use crate::date;
use crate::documents::chw_session::ChwSession;
use crate::documents::mentee::{AssessmentEntry, History, MenteeRecord, ValidationEntry};
use crate::documents::qi::{ActionItem, ActionStatus, ProjectStatus, QiProject};
use crate::documents::visit::{Visit, VisitPlan, VisitState};
use crate::domain::{
    Assessment, AssessmentId, AssessmentKind, Cadre, CaseKind, ChecklistResult, CompetencyId, Date,
    FacilityLevel, MenteeId, MentorAffiliation, MentorId, ObservationPurpose, Score, TechnicalArea,
    TestPhase, Validation, ValidationId,
};

pub const TODAY: Date = date!(2025, 3, 15);
pub const M1: MentorId = MentorId::from_u128(0xb1);
pub const M2: MentorId = MentorId::from_u128(0xb2);
pub const ANGE: &str = "000000000000000000000000000000a1";
pub const BOSCO: &str = "000000000000000000000000000000a2";
pub const RANGO_PROJECT: &str = "000000000000000000000000000000c1";

pub fn areas() -> BTreeMap<CompetencyId, TechnicalArea> {
    BTreeMap::from([
        (CompetencyId::new("hbb"), TechnicalArea::NeonatalHealth),
        (CompetencyId::new("anc"), TechnicalArea::Mnh),
        (CompetencyId::new("fp"), TechnicalArea::Fp),
    ])
}

/// The health centres of `facilities` and Nyanza's district hospital.
pub fn levels() -> BTreeMap<String, FacilityLevel> {
    let mut levels: BTreeMap<String, FacilityLevel> = facilities()
        .into_iter()
        .map(|(_, f)| (f, FacilityLevel::HealthCentre))
        .collect();
    levels.insert("nyanza-dh".to_owned(), FacilityLevel::DistrictHospital);
    levels
}

pub fn facilities() -> Vec<(String, String)> {
    ["rango-hc", "kigoma-hc", "muyogoro-hc"]
        .into_iter()
        .map(|f| ("rw-huye".to_owned(), f.to_owned()))
        .collect()
}

pub fn test(phase: TestPhase) -> AssessmentKind {
    AssessmentKind::KnowledgeTest {
        phase,
        test_version: 1,
        answers: Vec::new(),
    }
}

pub fn observation() -> AssessmentKind {
    AssessmentKind::Observation {
        purpose: ObservationPurpose::Coaching,
        case: CaseKind::Simulated,
        result: ChecklistResult {
            checklist_version: 1,
            responses: Vec::new(),
            critical_steps_missed: Vec::new(),
        },
    }
}

pub fn assessment(
    id: u128,
    (competency, date): (&str, Date),
    kind: AssessmentKind,
    achieved: u32,
    assessor: MentorId,
) -> AssessmentEntry {
    AssessmentEntry {
        assessment: Assessment {
            id: AssessmentId::from_u128(id),
            mentee: MenteeId::from_u128(0xa0),
            assessor,
            competency: CompetencyId::new(competency),
            date,
            visit: None,
            kind,
            score: Score::new(achieved, 10).expect("fixture score is valid"),
            recorded_at: None,
        },
        assessor_name: if assessor == M1 {
            "Mentor One"
        } else {
            "Mentor Two"
        }
        .to_owned(),
        feedback: None,
        association: None,
    }
}

pub fn validation(
    id: u128,
    competency: &str,
    date: Date,
    by: MentorId,
) -> (CompetencyId, ValidationEntry) {
    let entry = ValidationEntry {
        validation: Validation {
            id: ValidationId::from_u128(id),
            mentee: MenteeId::from_u128(0xa0),
            competency: CompetencyId::new(competency),
            date,
            validated_by: by,
            visit: None,
            assessment: AssessmentId::from_u128(id),
            evaluations_to_validation: 1,
        },
        validated_by_name: "Mentor".to_owned(),
        association: None,
    };
    (CompetencyId::new(competency), entry)
}

pub fn mentee(
    id: &str,
    (district, facility): (&str, &str),
    (name, association): (&str, MentorAffiliation),
    history: History,
) -> ExportMentee {
    let competencies: BTreeSet<String> = history
        .assessments
        .iter()
        .map(|a| a.assessment.competency.to_string())
        .collect();
    ExportMentee {
        facility: facility.to_owned(),
        district: district.to_owned(),
        id: id.to_owned(),
        record: MenteeRecord {
            name: name.to_owned(),
            cadre: Cadre::Nurse,
            facility: facility.to_owned(),
            phone: None,
            association: Some(association),
            competencies,
        },
        history,
    }
}

const RANGO: (&str, &str) = ("rw-huye", "rango-hc");
const KIGOMA: (&str, &str) = ("rw-huye", "kigoma-hc");

fn mentees() -> Vec<ExportMentee> {
    use MentorAffiliation::{Ram, Rpa, Rsog};
    use TestPhase::{PostTest, PreTest};
    let ange = History {
        assessments: vec![
            assessment(1, ("hbb", date!(2025, 1, 10)), test(PreTest), 4, M1),
            assessment(2, ("hbb", date!(2025, 2, 10)), test(PostTest), 8, M1),
            assessment(3, ("anc", date!(2024, 6, 20)), observation(), 5, M2),
        ],
        validations: BTreeMap::from([validation(0x11, "hbb", date!(2025, 2, 10), M1)]),
        ..History::default()
    };
    let bosco = History {
        assessments: vec![
            assessment(4, ("hbb", date!(2025, 1, 12)), test(PreTest), 6, M2),
            assessment(5, ("hbb", date!(2025, 2, 1)), observation(), 5, M2),
            assessment(6, ("hbb", date!(2025, 3, 1)), observation(), 7, M2),
        ],
        ..History::default()
    };
    let chantal = History {
        assessments: vec![assessment(
            7,
            ("anc", date!(2024, 8, 1)),
            test(PreTest),
            2,
            M1,
        )],
        validations: BTreeMap::from([validation(0x12, "anc", date!(2024, 9, 1), M1)]),
        ..History::default()
    };
    let duplicate = History {
        assessments: vec![assessment(
            8,
            ("hbb", date!(2025, 1, 11)),
            test(PreTest),
            5,
            M1,
        )],
        merged_into: Some(ANGE.to_owned()),
        ..History::default()
    };
    let esther = History {
        assessments: vec![assessment(
            9,
            ("fp", date!(2023, 8, 1)),
            test(PreTest),
            5,
            M2,
        )],
        validations: BTreeMap::from([validation(0x13, "fp", date!(2023, 9, 1), M2)]),
        ..History::default()
    };
    vec![
        mentee(
            "000000000000000000000000000000a5",
            ("rw-nyanza", "nyanza-dh"),
            ("Esther", Rsog),
            esther,
        ),
        mentee(BOSCO, RANGO, ("Bosco", Ram), bosco),
        mentee(
            "000000000000000000000000000000a4",
            RANGO,
            ("Ange U.", Rpa),
            duplicate,
        ),
        mentee(
            "000000000000000000000000000000a3",
            KIGOMA,
            ("Chantal", Rpa),
            chantal,
        ),
        mentee(ANGE, RANGO, ("Ange", Rpa), ange),
    ]
}

fn visit(
    n: u128,
    (district, facility): (&str, &str),
    start: Date,
    state: VisitState,
) -> DashboardVisit {
    DashboardVisit {
        id: format!("{n:032x}"),
        facility: facility.to_owned(),
        district: district.to_owned(),
        visit: Visit {
            plan: VisitPlan {
                start,
                end: start,
                mentors: vec!["Mentor One".to_owned()],
                activities: BTreeSet::new(),
                expected_mentees: BTreeSet::new(),
                notes: String::new(),
            },
            state,
            activities: Vec::new(),
        },
    }
}

fn action(text: &str, due: Date, status: ActionStatus) -> (String, ActionItem) {
    let item = ActionItem {
        text: text.to_owned(),
        owner: "Head of maternity".to_owned(),
        due,
        status,
        notes: String::new(),
        updated: date!(2025, 1, 1),
    };
    (text.to_owned(), item)
}

fn project(
    id: &str,
    facility: &str,
    status: ProjectStatus,
    actions: Vec<(String, ActionItem)>,
) -> DashboardProject {
    DashboardProject {
        id: id.to_owned(),
        district: "rw-huye".to_owned(),
        project: QiProject {
            facility: facility.to_owned(),
            gap: format!("Gap at {facility}"),
            competency: None,
            opened_on: date!(2024, 12, 1),
            status,
            causes: Vec::new(),
            solutions: Vec::new(),
            actions,
        },
    }
}

fn session(area: TechnicalArea, date: Date) -> DashboardChwSession {
    DashboardChwSession {
        facility: "rango-hc".to_owned(),
        district: "rw-huye".to_owned(),
        session: ChwSession {
            technical_area: area,
            date,
            place: "Rango".to_owned(),
            facilitator: M1,
            facilitator_name: "Mentor One".to_owned(),
            feedback: String::new(),
            participants: BTreeMap::new(),
        },
    }
}

pub const FATUMA: &str = "000000000000000000000000000000a6";

/// [`data`] with Fatuma and Gad, whose entries record their mentors' affiliations.
pub fn data_with_affiliations() -> DashboardData {
    use MentorAffiliation::{Ram, Rpa, Rsog};
    use TestPhase::PreTest;
    let with = |mut entry: AssessmentEntry, association| {
        entry.association = Some(association);
        entry
    };
    let (competency, mut validated) = validation(0x14, "hbb", date!(2025, 2, 1), M1);
    validated.association = Some(Rpa);
    let fatuma = History {
        assessments: vec![
            with(
                assessment(10, ("hbb", date!(2024, 10, 1)), test(PreTest), 4, M1),
                Rpa,
            ),
            with(
                assessment(11, ("anc", date!(2025, 1, 5)), observation(), 5, M2),
                Rsog,
            ),
        ],
        validations: BTreeMap::from([(competency, validated)]),
        ..History::default()
    };
    let gad = History {
        assessments: vec![with(
            assessment(12, ("hbb", date!(2025, 1, 20)), test(PreTest), 3, M1),
            Rpa,
        )],
        ..History::default()
    };
    let mut data = data();
    data.mentees.push(mentee(
        FATUMA,
        ("rw-nyanza", "nyanza-dh"),
        ("Fatuma", Ram),
        fatuma,
    ));
    data.mentees.push(mentee(
        "000000000000000000000000000000a7",
        RANGO,
        ("Gad", Rpa),
        gad,
    ));
    data
}

pub fn data() -> DashboardData {
    use ActionStatus::{Done, InProgress, NotStarted};
    DashboardData {
        mentees: mentees(),
        visits: vec![
            visit(0xd1, RANGO, date!(2025, 3, 3), VisitState::Done),
            visit(0xd2, RANGO, date!(2025, 2, 5), VisitState::Cancelled),
            visit(0xd3, KIGOMA, date!(2025, 2, 10), VisitState::Planned),
            visit(0xd4, KIGOMA, date!(2024, 8, 5), VisitState::Done),
        ],
        projects: vec![
            project(
                RANGO_PROJECT,
                "rango-hc",
                ProjectStatus::Open,
                vec![
                    action("Buy a bag-mask", date!(2025, 3, 1), NotStarted),
                    action("Train night staff", date!(2025, 4, 1), InProgress),
                    action("Post the algorithm", date!(2025, 1, 1), Done),
                ],
            ),
            project(
                "000000000000000000000000000000c2",
                "kigoma-hc",
                ProjectStatus::Closed {
                    on: date!(2025, 2, 1),
                },
                vec![action("Old action", date!(2025, 1, 1), NotStarted)],
            ),
        ],
        chw_sessions: vec![
            session(TechnicalArea::Iccm, date!(2025, 1, 20)),
            session(TechnicalArea::Iccm, date!(2025, 2, 20)),
            session(TechnicalArea::Cbmnh, date!(2024, 12, 1)),
        ],
        facility_levels: levels(),
    }
}
