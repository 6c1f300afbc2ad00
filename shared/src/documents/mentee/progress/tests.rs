use std::collections::BTreeSet;

use super::*;
use crate::documents::mentee::{AssessmentEntry, ValidationEntry, mentor_id};
use crate::domain::people::Cadre;
use crate::domain::{
    Assessment, AssessmentId, AssessmentKind, MenteeId, Score, TestPhase, Validation, ValidationId,
};

use CellDetail::{LatestScore, ValidatedOn};
use CompetencyStatus::{InCoaching, NotStarted, Validated};

const MENTEE: MenteeId = MenteeId::from_u128(1);

fn hbb() -> CompetencyId {
    CompetencyId::new("hbb")
}

fn day(d: u8) -> Date {
    Date::new(2024, 3, d).unwrap()
}

fn assessment(n: u128, (d, correct): (u8, u32)) -> AssessmentEntry {
    AssessmentEntry {
        assessment: Assessment {
            id: AssessmentId::from_u128(n),
            mentee: MENTEE,
            assessor: mentor_id("mentor"),
            competency: hbb(),
            date: day(d),
            visit: None,
            kind: AssessmentKind::KnowledgeTest {
                phase: TestPhase::PreTest,
                test_version: 1,
                answers: Vec::new(),
            },
            score: Score::new(correct, 30).unwrap(),
            recorded_at: None,
        },
        assessor_name: "Mentor".to_owned(),
        feedback: None,
        association: None,
    }
}

fn validation(d: u8) -> ValidationEntry {
    ValidationEntry {
        validation: Validation {
            id: ValidationId::from_u128(9),
            mentee: MENTEE,
            competency: hbb(),
            date: day(d),
            validated_by: mentor_id("mentor"),
            visit: None,
            assessment: AssessmentId::from_u128(1),
            evaluations_to_validation: 1,
        },
        validated_by_name: "Mentor".to_owned(),
        association: None,
    }
}

/// Whether the record names HBB, its assessments on HBB as (day, correct of 30) in the order
/// made, the day it was validated → the HBB cell.
#[track_caller]
fn check(
    mentored: bool,
    assessments: &[(u8, u32)],
    validated: Option<u8>,
    expect: Option<(CompetencyStatus, Option<CellDetail>)>,
) {
    let record = MenteeRecord {
        name: "Aline".to_owned(),
        cadre: Cadre::Nurse,
        facility: "rango".to_owned(),
        phone: None,
        association: None,
        competencies: mentored
            .then(|| "hbb".to_owned())
            .into_iter()
            .collect::<BTreeSet<_>>(),
    };
    let history = History {
        assessments: (1..)
            .zip(assessments)
            .map(|(n, &a)| assessment(n, a))
            .collect(),
        validations: validated
            .map(|d| (hbb(), validation(d)))
            .into_iter()
            .collect(),
        ..History::default()
    };
    let got = progress_cell(&record, &history, &ValidationPolicy::default(), &hbb())
        .map(|cell| (cell.status, cell.detail));
    assert_eq!(got, expect);
}

#[test]
fn a_cell_says_the_status_and_the_validation_date_or_latest_score() {
    check(false, &[], None, None);
    // Assessed on a competency the record no longer names: not in the matrix.
    check(false, &[(1, 15)], None, None);
    check(true, &[], None, Some((NotStarted, None)));
    check(
        true,
        &[(1, 15)],
        None,
        Some((InCoaching, Some(LatestScore(50)))),
    );
    // The latest assessment, not the best; percent rounded down (29/30 = 96.7%).
    check(
        true,
        &[(1, 29), (8, 20)],
        None,
        Some((InCoaching, Some(LatestScore(66)))),
    );
    check(
        true,
        &[(1, 20), (8, 29)],
        None,
        Some((InCoaching, Some(LatestScore(96)))),
    );
    check(
        true,
        &[(1, 10), (8, 30)],
        Some(8),
        Some((Validated, Some(ValidatedOn(day(8))))),
    );
}
