use proptest::prelude::*;

use super::*;
use crate::catalogue::{AnswerOption, ChecklistItem, ChecklistSection, Question};
use crate::domain::{BilingualText, Percent, SectionId};

fn text() -> BilingualText {
    BilingualText::new("x", "x")
}

/// A checklist of steps given as (weight, critical, na_allowed); step ids are `s0`, `s1`, ...
fn checklist(steps: &[(u32, bool, bool)]) -> Checklist {
    let items = steps
        .iter()
        .enumerate()
        .map(|(index, &(weight, critical, na_allowed))| ChecklistItem {
            id: ItemId::new(format!("s{index}")),
            text: text(),
            critical,
            weight,
            na_allowed,
        })
        .collect();
    Checklist {
        version: 1,
        sections: vec![ChecklistSection {
            id: SectionId::new("main"),
            title: text(),
            items,
        }],
    }
}

fn responses(marks: &[ItemMark]) -> Vec<ItemResponse> {
    marks
        .iter()
        .enumerate()
        .map(|(index, &mark)| ItemResponse {
            item: ItemId::new(format!("s{index}")),
            mark,
        })
        .collect()
}

use ItemMark::{Done as D, NotApplicable as NA, NotDone as X};

const PLAIN: (u32, bool, bool) = (1, false, false);
const CRITICAL: (u32, bool, bool) = (1, true, false);
const OPTIONAL: (u32, bool, bool) = (1, false, true);
const HEAVY_CRITICAL_OPTIONAL: (u32, bool, bool) = (2, true, true);

/// Expect `Ok((achieved, applicable, critical steps missed))` or an error.
#[track_caller]
fn check(
    steps: &[(u32, bool, bool)],
    marks: &[ItemMark],
    expect: Result<(u32, u32, &[&str]), ScoringError>,
) {
    let outcome = score_checklist(&checklist(steps), &responses(marks));
    let outcome = outcome.map(|outcome| {
        (
            outcome.score.achieved(),
            outcome.score.applicable(),
            outcome
                .critical_steps_missed
                .iter()
                .map(ItemId::to_string)
                .collect::<Vec<_>>(),
        )
    });
    let expect = expect.map(|(a, b, missed)| {
        (
            a,
            b,
            missed.iter().map(ToString::to_string).collect::<Vec<_>>(),
        )
    });
    assert_eq!(outcome, expect);
}

#[test]
fn checklist_scores() {
    check(&[PLAIN, PLAIN], &[D, D], Ok((2, 2, &[])));
    check(&[PLAIN, PLAIN], &[D, X], Ok((1, 2, &[])));
    check(&[PLAIN, CRITICAL], &[D, X], Ok((1, 2, &["s1"])));
    check(&[PLAIN, OPTIONAL], &[D, NA], Ok((1, 1, &[])));
    check(&[PLAIN, HEAVY_CRITICAL_OPTIONAL], &[X, D], Ok((2, 3, &[])));
    check(
        &[PLAIN, HEAVY_CRITICAL_OPTIONAL],
        &[D, X],
        Ok((1, 3, &["s1"])),
    );
    check(&[PLAIN, HEAVY_CRITICAL_OPTIONAL], &[D, NA], Ok((1, 1, &[])));
    check(
        &[OPTIONAL, OPTIONAL],
        &[NA, NA],
        Err(ScoringError::NothingApplicable),
    );
    check(
        &[PLAIN, PLAIN],
        &[D, NA],
        Err(ScoringError::NotApplicableNotAllowed(ItemId::new("s1"))),
    );
    check(
        &[PLAIN, PLAIN],
        &[D],
        Err(ScoringError::MissingResponse(ItemId::new("s1"))),
    );
    check(
        &[PLAIN],
        &[D, D],
        Err(ScoringError::UnknownStep(ItemId::new("s1"))),
    );
}

#[test]
fn duplicate_response_is_rejected() {
    let mut marked = responses(&[D, X]);
    marked[1].item = ItemId::new("s0");
    assert_eq!(
        score_checklist(&checklist(&[PLAIN, PLAIN]), &marked),
        Err(ScoringError::DuplicateResponse(ItemId::new("s0")))
    );
}

fn test_with(questions: usize) -> KnowledgeTest {
    let questions = (0..questions)
        .map(|index| Question {
            id: QuestionId::new(format!("q{index}")),
            text: text(),
            options: ["a", "b", "c"]
                .iter()
                .map(|id| AnswerOption {
                    id: OptionId::new(*id),
                    text: text(),
                })
                .collect(),
            answer: OptionId::new("b"),
            explanation: None,
        })
        .collect();
    KnowledgeTest {
        version: 1,
        questions,
    }
}

#[track_caller]
fn check_test(
    questions: usize,
    answers: &[(&str, Option<&str>)],
    expect: Result<(u32, u32), ScoringError>,
) {
    let answers: Vec<KnowledgeAnswer> = answers
        .iter()
        .map(|(question, chosen)| KnowledgeAnswer {
            question: QuestionId::new(*question),
            chosen: chosen.map(OptionId::new),
        })
        .collect();
    let score = score_knowledge_test(&test_with(questions), &answers)
        .map(|score| (score.achieved(), score.applicable()));
    assert_eq!(score, expect);
}

#[test]
fn knowledge_test_scores() {
    check_test(2, &[("q0", Some("b")), ("q1", Some("b"))], Ok((2, 2)));
    check_test(2, &[("q0", Some("b")), ("q1", Some("a"))], Ok((1, 2)));
    check_test(3, &[("q0", Some("b"))], Ok((1, 3)));
    check_test(2, &[("q0", None), ("q1", Some("b"))], Ok((1, 2)));
    check_test(
        2,
        &[("q9", Some("b"))],
        Err(ScoringError::UnknownQuestion(QuestionId::new("q9"))),
    );
    check_test(
        2,
        &[("q0", Some("b")), ("q0", Some("a"))],
        Err(ScoringError::DuplicateAnswer(QuestionId::new("q0"))),
    );
    check_test(
        2,
        &[("q0", Some("z"))],
        Err(ScoringError::UnknownOption {
            question: QuestionId::new("q0"),
            option: OptionId::new("z"),
        }),
    );
    check_test(0, &[], Err(ScoringError::EmptyTest));
}

fn step_strategy() -> impl Strategy<Value = ((u32, bool, bool), ItemMark)> {
    (1u32..=5, any::<bool>(), any::<bool>(), 0u8..3).prop_map(
        |(weight, critical, na_allowed, mark)| {
            let mark = match mark {
                0 => D,
                1 => X,
                _ if na_allowed => NA,
                _ => D,
            };
            ((weight, critical, na_allowed), mark)
        },
    )
}

fn outcome_of(steps: &[((u32, bool, bool), ItemMark)]) -> Result<ChecklistOutcome, ScoringError> {
    let (definitions, marks): (Vec<_>, Vec<_>) = steps.iter().copied().unzip();
    score_checklist(&checklist(&definitions), &responses(&marks))
}

proptest! {
    #[test]
    fn score_is_within_0_and_100(steps in prop::collection::vec(step_strategy(), 1..40)) {
        if let Ok(outcome) = outcome_of(&steps) {
            prop_assert!(outcome.score.achieved() <= outcome.score.applicable());
            prop_assert!(outcome.score.basis_points_floor() <= 10_000);
            prop_assert!(outcome.score.percent_floor() <= 100);
        } else {
            prop_assert!(steps.iter().all(|(_, mark)| *mark == NA));
        }
    }

    #[test]
    fn doing_a_step_never_lowers_the_score(steps in prop::collection::vec(step_strategy(), 1..40), pick in any::<prop::sample::Index>()) {
        let index = pick.index(steps.len());
        let mut better = steps.clone();
        better[index].1 = D;
        if let (Ok(before), Ok(after)) = (outcome_of(&steps), outcome_of(&better)) {
            prop_assert!(after.score.cmp_value(before.score).is_ge());
            prop_assert!(after.critical_steps_missed.len() <= before.critical_steps_missed.len());
        }
    }

    #[test]
    fn not_applicable_steps_are_excluded(steps in prop::collection::vec(step_strategy(), 1..40), weight in 1u32..=5, critical in any::<bool>()) {
        let mut with_na = steps.clone();
        with_na.push(((weight, critical, true), NA));
        prop_assert_eq!(outcome_of(&steps), outcome_of(&with_na));
    }

    #[test]
    fn the_85_percent_boundary_is_exact(total in 1u32..400, done in 0u32..400) {
        let done = done.min(total);
        let steps: Vec<_> = (0..total).map(|index| (PLAIN, if index < done { D } else { X })).collect();
        let outcome = outcome_of(&steps).expect("scorable");
        // 85% of `total` steps means done/total >= 17/20, in integers.
        prop_assert_eq!(outcome.score.meets(Percent::whole(85)), 20 * done >= 17 * total);
        prop_assert_eq!(outcome.score.meets(Percent::whole(85)), outcome.score.basis_points_floor() >= 8500);
    }

    #[test]
    fn basis_point_thresholds_are_exact(achieved in 0u32..=10_000, threshold in 0u16..=10_000) {
        let score = Score::new(achieved, 10_000).expect("valid");
        let threshold = Percent::from_basis_points(threshold).expect("valid");
        prop_assert_eq!(score.meets(threshold), achieved >= u32::from(threshold.basis_points()));
    }
}
