//! The test in progress, as kept in `localStorage` after every change: closing the app or handing
//! the tablet over mid-test loses nothing. Pure, so it is tested natively.

use std::collections::BTreeMap;

use mentora_shared::catalogue::KnowledgeTest;
use mentora_shared::domain::{BilingualText, KnowledgeAnswer, OptionId, QuestionId};
use serde::{Deserialize, Serialize};

/// The answers chosen so far and where the mentee was in the test.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestAnswers {
    /// The test version the answers were given on: a draft from an older version is dropped
    /// rather than scored against questions it was not answering.
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub answers: BTreeMap<QuestionId, OptionId>,
    /// Index of the question shown in question-by-question mode.
    #[serde(default)]
    pub current: usize,
    #[serde(default)]
    pub as_list: bool,
}

impl TestAnswers {
    /// The draft to start from: the saved one cleaned against `test` (answers to questions or
    /// options that no longer exist are dropped, the position is kept in range), or a new one.
    pub fn restored(saved: Option<TestAnswers>, test: &KnowledgeTest) -> TestAnswers {
        let mut draft = saved
            .filter(|d| d.version == test.version)
            .unwrap_or_default();
        draft.version = test.version;
        draft.answers.retain(|question, option| {
            test.question(question)
                .is_some_and(|q| q.options.iter().any(|o| &o.id == option))
        });
        draft.current = draft.current.min(test.questions.len().saturating_sub(1));
        draft
    }

    /// One answer per question, in test order; unanswered questions have no choice.
    pub fn answers(&self, test: &KnowledgeTest) -> Vec<KnowledgeAnswer> {
        test.questions
            .iter()
            .map(|q| KnowledgeAnswer {
                question: q.id.clone(),
                chosen: self.answers.get(&q.id).cloned(),
            })
            .collect()
    }

    /// The 1-based numbers of the questions not answered yet.
    pub fn unanswered(&self, test: &KnowledgeTest) -> Vec<usize> {
        (1..)
            .zip(&test.questions)
            .filter(|(_, q)| !self.answers.contains_key(&q.id))
            .map(|(number, _)| number)
            .collect()
    }
}

/// A question answered wrongly or left blank, with what to show on the result screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missed {
    /// 1-based, as the questions were numbered during the test.
    pub number: usize,
    pub question: BilingualText,
    pub chosen: Option<BilingualText>,
    pub correct: Option<BilingualText>,
    /// Why the key is right, where the test version gives a reason.
    pub explanation: Option<BilingualText>,
}

/// The questions of `test` that `answers` got wrong or left blank, in test order.
pub fn missed(test: &KnowledgeTest, answers: &[KnowledgeAnswer]) -> Vec<Missed> {
    (1..)
        .zip(&test.questions)
        .filter_map(|(number, question)| {
            let chosen = answers
                .iter()
                .find(|a| a.question == question.id)
                .and_then(|a| a.chosen.as_ref());
            if chosen == Some(&question.answer) {
                return None;
            }
            let text_of = |id: &OptionId| {
                question
                    .options
                    .iter()
                    .find(|o| &o.id == id)
                    .map(|o| o.text.clone())
            };
            Some(Missed {
                number,
                question: question.text.clone(),
                chosen: chosen.and_then(text_of),
                correct: text_of(&question.answer),
                explanation: question.explanation.clone(),
            })
        })
        .collect()
}

/// A threshold in basis points as a percentage without needless decimals: 85, 87.5, 87.25.
pub fn percent_number(basis_points: u16) -> String {
    let (whole, rest) = (basis_points / 100, basis_points % 100);
    match rest {
        0 => whole.to_string(),
        r if r % 10 == 0 => format!("{whole}.{}", r / 10),
        r => format!("{whole}.{r:02}"),
    }
}

#[cfg(test)]
mod tests {
    use mentora_shared::catalogue::{AnswerOption, Question};

    use super::*;

    fn test_v(version: u32) -> KnowledgeTest {
        let question = |id: &str, answer: &str| Question {
            id: QuestionId::new(id),
            text: BilingualText::new(id, id),
            options: ["a", "b"]
                .map(|o| AnswerOption {
                    id: OptionId::new(o),
                    text: BilingualText::new(o, o),
                })
                .to_vec(),
            answer: OptionId::new(answer),
            explanation: None,
        };
        KnowledgeTest {
            version,
            questions: vec![
                question("q1", "a"),
                question("q2", "b"),
                question("q3", "a"),
            ],
        }
    }

    fn chose(pairs: &[(&str, &str)]) -> TestAnswers {
        TestAnswers {
            version: 1,
            answers: pairs
                .iter()
                .map(|(q, o)| (QuestionId::new(*q), OptionId::new(*o)))
                .collect(),
            ..TestAnswers::default()
        }
    }

    #[test]
    fn restoring_keeps_valid_answers_and_drops_stale_ones() {
        let mut saved = chose(&[("q1", "a"), ("gone", "a"), ("q2", "z")]);
        saved.current = 99;
        let draft = TestAnswers::restored(Some(saved), &test_v(1));
        assert_eq!(draft.answers, chose(&[("q1", "a")]).answers);
        assert_eq!(draft.current, 2);
    }

    #[test]
    fn a_draft_of_another_version_is_dropped() {
        let draft = TestAnswers::restored(Some(chose(&[("q1", "a")])), &test_v(2));
        assert!(draft.answers.is_empty());
        assert_eq!(draft.version, 2);
    }

    #[test]
    fn answers_cover_every_question_in_order_and_score_blanks_as_wrong() {
        let test = test_v(1);
        let answers = chose(&[("q2", "b"), ("q1", "b")]).answers(&test);
        let order: Vec<_> = answers.iter().map(|a| a.question.as_str()).collect();
        assert_eq!(order, ["q1", "q2", "q3"]);
        assert_eq!(answers[2].chosen, None);
        let score = mentora_shared::rules::score_knowledge_test(&test, &answers);
        assert_eq!(score.map(|s| (s.achieved(), s.applicable())), Ok((1, 3)));
    }

    #[test]
    fn unanswered_and_missed_are_numbered_from_one() {
        let test = test_v(1);
        let draft = chose(&[("q1", "b"), ("q2", "b")]);
        assert_eq!(draft.unanswered(&test), [3]);
        let missed = missed(&test, &draft.answers(&test));
        let numbers: Vec<_> = missed.iter().map(|m| m.number).collect();
        assert_eq!(numbers, [1, 3]);
        assert_eq!(missed[0].chosen, Some(BilingualText::new("b", "b")));
        assert_eq!(missed[0].correct, Some(BilingualText::new("a", "a")));
        assert_eq!(missed[1].chosen, None);
    }

    #[test]
    fn a_draft_survives_a_json_round_trip() {
        let draft = chose(&[("q1", "a")]);
        let text = serde_json::to_string(&draft).unwrap_or_default();
        assert_eq!(serde_json::from_str::<TestAnswers>(&text).ok(), Some(draft));
    }

    #[test]
    fn percentages_drop_needless_decimals() {
        assert_eq!(percent_number(8500), "85");
        assert_eq!(percent_number(8750), "87.5");
        assert_eq!(percent_number(8725), "87.25");
    }
}
