//! Hand-written assessments for the rules' unit tests.

use crate::domain::{
    Assessment, AssessmentId, AssessmentKind, CaseKind, ChecklistResult, ChwGroupSessionId,
    CompetencyId, Date, ItemId, MenteeId, MentorId, ObservationPurpose, Score, TestPhase, VisitId,
};

pub const MENTEE: MenteeId = MenteeId::from_u128(0xa1);
pub const MENTOR: MentorId = MentorId::from_u128(0xb1);
pub const VISIT: VisitId = VisitId::from_u128(0xc1);

pub fn hbb() -> CompetencyId {
    CompetencyId::new("hbb")
}

fn score(achieved: u32, applicable: u32) -> Score {
    Score::new(achieved, applicable).expect("fixture score is valid")
}

fn result(missed: &[&str]) -> ChecklistResult {
    ChecklistResult {
        checklist_version: 1,
        responses: Vec::new(),
        critical_steps_missed: missed.iter().map(|step| ItemId::new(*step)).collect(),
    }
}

fn assessment(id: u128, date: Date, kind: AssessmentKind, score: Score) -> Assessment {
    Assessment {
        id: AssessmentId::from_u128(id),
        mentee: MENTEE,
        assessor: MENTOR,
        competency: hbb(),
        date,
        visit: Some(VISIT),
        kind,
        score,
        recorded_at: None,
    }
}

/// A post-mentorship observation on a simulated case.
pub fn post(id: u128, date: Date, achieved: u32, applicable: u32, missed: &[&str]) -> Assessment {
    observation(
        id,
        date,
        ObservationPurpose::PostMentorship,
        CaseKind::Simulated,
        achieved,
        applicable,
        missed,
    )
}

pub fn observation(
    id: u128,
    date: Date,
    purpose: ObservationPurpose,
    case: CaseKind,
    achieved: u32,
    applicable: u32,
    missed: &[&str],
) -> Assessment {
    assessment(
        id,
        date,
        AssessmentKind::Observation {
            purpose,
            case,
            result: result(missed),
        },
        score(achieved, applicable),
    )
}

pub fn group(id: u128, date: Date, achieved: u32, applicable: u32) -> Assessment {
    let kind = AssessmentKind::ChwGroupAssessment {
        session: ChwGroupSessionId::from_u128(0xd1),
        result: result(&[]),
    };
    assessment(id, date, kind, score(achieved, applicable))
}

pub fn test(id: u128, date: Date, phase: TestPhase, correct: u32, questions: u32) -> Assessment {
    let kind = AssessmentKind::KnowledgeTest {
        phase,
        test_version: 1,
        answers: Vec::new(),
    };
    assessment(id, date, kind, score(correct, questions))
}
