//! Hand-written mentee documents for the export and DHIS2 unit tests; the expected figures in
//! those tests are computed by hand from these.
//!
//! - Aline (nurse, rango-hc, rw-huye), competencies hbb and kmc: hbb pre-test 2024-01-10 4/10,
//!   coaching observation on a real case with consent 2024-02-05 7/12 missing `dry_baby`,
//!   post-test 2024-03-30 9/10, post-mentorship observation (simulated) 2024-03-31 12/12,
//!   validated on hbb 2024-03-31 after 2 evaluations. kmc has nothing: not started.
//! - Jean (midwife, rango-hc), competency hbb: pre-test 2024-04-01 3/10 (in coaching).
//! - Claudine (CHW, nyanza-dh, rw-nyanza), competency iccm: group assessment 2023-12-31 5/6
//!   missing `count_breaths`, validated on iccm 2024-01-02 after 1 evaluation.
//! - A duplicate of Aline at rango-hc, merged, with a pre-test on 2024-01-15: never exported.

use std::collections::{BTreeMap, BTreeSet};

use crate::date;
use crate::documents::mentee::{AssessmentEntry, Feedback, History, MenteeRecord, ValidationEntry};
use crate::domain::{
    Assessment, AssessmentId, AssessmentKind, Cadre, CaseKind, ChecklistResult, ChwGroupSessionId,
    CompetencyId, Date, ItemId, MenteeId, MentorId, ObservationPurpose, Score, TestPhase,
    Validation, ValidationId,
};

pub const ALINE: &str = "000000000000000000000000000000a1";
pub const JEAN: &str = "000000000000000000000000000000a2";
pub const CLAUDINE: &str = "000000000000000000000000000000a3";
pub const DUPLICATE: &str = "000000000000000000000000000000a4";

fn record(name: &str, cadre: Cadre, facility: &str, competencies: &[&str]) -> MenteeRecord {
    MenteeRecord {
        name: name.to_owned(),
        cadre,
        facility: facility.to_owned(),
        phone: Some("+250 788 000 000".to_owned()),
        association: None,
        competencies: competencies
            .iter()
            .map(|c| (*c).to_owned())
            .collect::<BTreeSet<_>>(),
    }
}

fn checklist(missed: &[&str]) -> ChecklistResult {
    ChecklistResult {
        checklist_version: 1,
        responses: Vec::new(),
        critical_steps_missed: missed.iter().map(|s| ItemId::new(*s)).collect(),
    }
}

fn entry(
    id: u128,
    competency: &str,
    date: Date,
    kind: AssessmentKind,
    (achieved, applicable): (u32, u32),
    feedback: Option<Feedback>,
) -> AssessmentEntry {
    AssessmentEntry {
        assessment: Assessment {
            id: AssessmentId::from_u128(id),
            mentee: MenteeId::from_u128(0xa1),
            assessor: MentorId::from_u128(0xb1),
            competency: CompetencyId::new(competency),
            date,
            visit: None,
            kind,
            score: Score::new(achieved, applicable).expect("fixture score is valid"),
            recorded_at: None,
        },
        assessor_name: "Demo Mentor".to_owned(),
        feedback,
        association: None,
    }
}

fn test(phase: TestPhase) -> AssessmentKind {
    AssessmentKind::KnowledgeTest {
        phase,
        test_version: 1,
        answers: Vec::new(),
    }
}

fn validation(id: u128, competency: &str, date: Date, evaluations: u32) -> ValidationEntry {
    ValidationEntry {
        validation: Validation {
            id: ValidationId::from_u128(id),
            mentee: MenteeId::from_u128(0xa1),
            competency: CompetencyId::new(competency),
            date,
            validated_by: MentorId::from_u128(0xb1),
            visit: None,
            assessment: AssessmentId::from_u128(4),
            evaluations_to_validation: evaluations,
        },
        validated_by_name: "Demo Mentor".to_owned(),
        association: None,
    }
}

fn mentee(
    id: &str,
    (facility, district): (&str, &str),
    record: MenteeRecord,
    history: History,
) -> super::ExportMentee {
    super::ExportMentee {
        facility: facility.to_owned(),
        district: district.to_owned(),
        id: id.to_owned(),
        record,
        history,
    }
}

const RANGO: (&str, &str) = ("rango-hc", "rw-huye");
const NYANZA: (&str, &str) = ("nyanza-dh", "rw-nyanza");

/// The four documents, in an order the exports must not depend on.
pub fn mentees() -> Vec<super::ExportMentee> {
    let aline = History {
        assessments: vec![
            entry(
                1,
                "hbb",
                date!(2024, 1, 10),
                test(TestPhase::PreTest),
                (4, 10),
                None,
            ),
            entry(
                2,
                "hbb",
                date!(2024, 2, 5),
                AssessmentKind::Observation {
                    purpose: ObservationPurpose::Coaching,
                    case: CaseKind::Real {
                        patient_consent: true,
                    },
                    result: checklist(&["dry_baby"]),
                },
                (7, 12),
                Some(Feedback {
                    went_well: "Good bag-mask seal".to_owned(),
                    to_improve: "Dry the baby first, then ventilate".to_owned(),
                }),
            ),
            entry(
                3,
                "hbb",
                date!(2024, 3, 30),
                test(TestPhase::PostTest),
                (9, 10),
                None,
            ),
            entry(
                4,
                "hbb",
                date!(2024, 3, 31),
                AssessmentKind::Observation {
                    purpose: ObservationPurpose::PostMentorship,
                    case: CaseKind::Simulated,
                    result: checklist(&[]),
                },
                (12, 12),
                None,
            ),
        ],
        validations: BTreeMap::from([(
            CompetencyId::new("hbb"),
            validation(0x11, "hbb", date!(2024, 3, 31), 2),
        )]),
        ..History::default()
    };
    let jean = History {
        assessments: vec![entry(
            5,
            "hbb",
            date!(2024, 4, 1),
            test(TestPhase::PreTest),
            (3, 10),
            None,
        )],
        ..History::default()
    };
    let claudine = History {
        assessments: vec![entry(
            6,
            "iccm",
            date!(2023, 12, 31),
            AssessmentKind::ChwGroupAssessment {
                session: ChwGroupSessionId::from_u128(0xc1),
                result: checklist(&["count_breaths"]),
            },
            (5, 6),
            None,
        )],
        validations: BTreeMap::from([(
            CompetencyId::new("iccm"),
            validation(0x13, "iccm", date!(2024, 1, 2), 1),
        )]),
        ..History::default()
    };
    let duplicate = History {
        assessments: vec![entry(
            7,
            "hbb",
            date!(2024, 1, 15),
            test(TestPhase::PreTest),
            (5, 10),
            None,
        )],
        merged_into: Some(ALINE.to_owned()),
        ..History::default()
    };
    vec![
        mentee(
            CLAUDINE,
            NYANZA,
            record("Claudine Mukamana", Cadre::Chw, "nyanza-dh", &["iccm"]),
            claudine,
        ),
        mentee(
            JEAN,
            RANGO,
            record("Jean Bosco Habimana", Cadre::Midwife, "rango-hc", &["hbb"]),
            jean,
        ),
        mentee(
            DUPLICATE,
            RANGO,
            record("Aline U.", Cadre::Nurse, "rango-hc", &["hbb"]),
            duplicate,
        ),
        mentee(
            ALINE,
            RANGO,
            record("Aline Uwase", Cadre::Nurse, "rango-hc", &["hbb", "kmc"]),
            aline,
        ),
    ]
}
