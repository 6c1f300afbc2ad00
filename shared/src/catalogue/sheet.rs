//! Checklists and knowledge tests as spreadsheets (issue 16): programmes write their tools in
//! Excel, so a version goes out as rows and comes back from rows, checked as the loader checks
//! the JSON.
//!
//! A checklist is one row per step ([`CHECKLIST_COLUMNS`]); a test one row per answer option
//! ([`TEST_COLUMNS`]). A section's (question's) own cells are written on its first row and may
//! be left blank on the rows after it, which continue it. Columns are found by their header
//! (any order, any case); the Kinyarwanda and explanation columns may be left out, any other
//! missing or unknown column is a problem, so a misspelt header never drops a column silently.
//!
//! Rows come from [`crate::setup::csv::read`] (or a workbook's first sheet read into the same
//! records), already bounded by [`LIMITS`]. Every problem is collected and names its row and
//! column, or the item as the loader names it; nothing is returned unless there are none.

use std::collections::BTreeMap;

use super::error::CatalogueIssue;
use super::loader::{check_checklist, check_knowledge_test};
use super::model::Question;
use super::model::{AnswerOption, Checklist, ChecklistItem, ChecklistSection, KnowledgeTest};
use crate::domain::{BilingualText, ItemId, OptionId, QuestionId, SectionId};
use crate::setup::csv::{Limits, Record};

mod problem;
mod row;
#[cfg(test)]
mod tests;

pub use problem::SheetProblem;
use row::{Grouping, Next, Row};

/// The most a sheet may hold: far above the largest tool (HBB has 40 steps).
pub const LIMITS: Limits = Limits {
    max_records: 2_001,
    max_fields: 24,
    max_field_chars: 2_000,
};

pub const CHECKLIST_COLUMNS: [&str; 11] = [
    "section_id",
    "section_en",
    "section_fr",
    "section_rw",
    "step_id",
    "step_en",
    "step_fr",
    "step_rw",
    "critical",
    "weight",
    "na_allowed",
];

pub const TEST_COLUMNS: [&str; 12] = [
    "question_id",
    "question_en",
    "question_fr",
    "question_rw",
    "option_id",
    "option_en",
    "option_fr",
    "option_rw",
    "correct",
    "explanation_en",
    "explanation_fr",
    "explanation_rw",
];

/// Columns a sheet may leave out.
const OPTIONAL_COLUMNS: [&str; 7] = [
    "section_rw",
    "step_rw",
    "question_rw",
    "option_rw",
    "explanation_en",
    "explanation_fr",
    "explanation_rw",
];

/// A checklist version as rows, the header first.
pub fn checklist_rows(checklist: &Checklist) -> Vec<Vec<String>> {
    let mut rows = vec![header(&CHECKLIST_COLUMNS)];
    for section in &checklist.sections {
        for (index, step) in section.items.iter().enumerate() {
            let mut row = if index == 0 {
                text_cells(section.id.as_str(), &section.title)
            } else {
                vec![String::new(); 4]
            };
            row.extend(text_cells(step.id.as_str(), &step.text));
            row.push(yes_no(step.critical));
            row.push(step.weight.to_string());
            row.push(yes_no(step.na_allowed));
            rows.push(row);
        }
    }
    rows
}

/// A knowledge-test version as rows, the header first.
pub fn test_rows(test: &KnowledgeTest) -> Vec<Vec<String>> {
    let mut rows = vec![header(&TEST_COLUMNS)];
    for question in &test.questions {
        for (index, option) in question.options.iter().enumerate() {
            let first = index == 0;
            let mut row = if first {
                text_cells(question.id.as_str(), &question.text)
            } else {
                vec![String::new(); 4]
            };
            row.extend(text_cells(option.id.as_str(), &option.text));
            row.push(yes_no(option.id == question.answer));
            match question.explanation.as_ref().filter(|_| first) {
                Some(explanation) => row.extend([
                    explanation.en.clone(),
                    explanation.fr.clone(),
                    explanation.rw.clone().unwrap_or_default(),
                ]),
                None => row.extend([String::new(), String::new(), String::new()]),
            }
            rows.push(row);
        }
    }
    rows
}

fn header(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|column| (*column).to_owned()).collect()
}

fn text_cells(id: &str, text: &BilingualText) -> Vec<String> {
    vec![
        id.to_owned(),
        text.en.clone(),
        text.fr.clone(),
        text.rw.clone().unwrap_or_default(),
    ]
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

/// Reads a checklist version from a sheet's records; `file` names the sheet in problems.
pub fn parse_checklist(
    file: &str,
    records: &[Record],
    version: u32,
) -> Result<Checklist, Vec<SheetProblem>> {
    let mut sections: Vec<ChecklistSection> = Vec::new();
    let mut group = Grouping::default();
    let problems = read_rows(records, &CHECKLIST_COLUMNS, |row| {
        let step = ChecklistItem {
            id: ItemId::new(row.required("step_id")),
            text: row.text("step"),
            critical: row.flag("critical"),
            weight: row.weight(),
            na_allowed: row.flag("na_allowed"),
        };
        match group.next(row, "section") {
            Next::Start(id) => sections.push(ChecklistSection {
                id: SectionId::new(id),
                title: row.text("section"),
                items: vec![step],
            }),
            Next::Continue => {
                if let Some(section) = sections.last_mut() {
                    row.same_text("section", &section.title);
                    section.items.push(step);
                }
            }
            Next::Skip => {}
        }
    })?;
    let checklist = Checklist { version, sections };
    let item = format!("checklist v{version}");
    finish(
        problems,
        check_checklist(file, &item, &checklist),
        checklist,
    )
}

/// Reads a knowledge-test version from a sheet's records; `file` names the sheet in problems.
pub fn parse_knowledge_test(
    file: &str,
    records: &[Record],
    version: u32,
) -> Result<KnowledgeTest, Vec<SheetProblem>> {
    // each question with the ids of its options marked correct
    let mut questions: Vec<(Question, Vec<OptionId>)> = Vec::new();
    let mut group = Grouping::default();
    let mut problems = read_rows(records, &TEST_COLUMNS, |row| {
        let option = AnswerOption {
            id: OptionId::new(row.required("option_id")),
            text: row.text("option"),
        };
        let correct = row.flag("correct");
        let explanation = row.explanation();
        let keyed = |option: &AnswerOption| {
            if correct {
                vec![option.id.clone()]
            } else {
                Vec::new()
            }
        };
        match group.next(row, "question") {
            Next::Start(id) => {
                let answers = keyed(&option);
                questions.push((
                    Question {
                        id: QuestionId::new(id),
                        text: row.text("question"),
                        answer: OptionId::new(""),
                        explanation,
                        options: vec![option],
                    },
                    answers,
                ));
            }
            Next::Continue => {
                if let Some((question, answers)) = questions.last_mut() {
                    row.same_text("question", &question.text);
                    if explanation.is_some() && explanation != question.explanation {
                        row.differs("explanation_en");
                    }
                    answers.extend(keyed(&option));
                    question.options.push(option);
                }
            }
            Next::Skip => {}
        }
    })?;
    let questions = questions
        .into_iter()
        .map(|(mut question, answers)| {
            match answers.as_slice() {
                [answer] => question.answer = answer.clone(),
                _ => problems.push(SheetProblem::AnswerCount {
                    question: question.id.to_string(),
                    correct: answers.len(),
                }),
            }
            question
        })
        .collect();
    let test = KnowledgeTest { version, questions };
    let item = format!("knowledge test v{version}");
    finish(problems, check_knowledge_test(file, &item, &test), test)
}

/// Reads every data row with `read`, once the header is known; the problems the rows had.
fn read_rows(
    records: &[Record],
    known: &[&str],
    mut read: impl FnMut(&mut Row<'_>),
) -> Result<Vec<SheetProblem>, Vec<SheetProblem>> {
    let (columns, rows) = columns(records, known)?;
    let mut problems = Vec::new();
    for (line, fields) in rows {
        read(&mut Row {
            line: *line,
            fields,
            columns: &columns,
            problems: &mut problems,
        });
    }
    Ok(problems)
}

fn finish<T>(
    mut problems: Vec<SheetProblem>,
    issues: Vec<CatalogueIssue>,
    value: T,
) -> Result<T, Vec<SheetProblem>> {
    // a row already refused (blank id, bad flag) would only be reported again by the loader
    if problems.is_empty() {
        problems.extend(issues.into_iter().map(SheetProblem::from));
    }
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// Each column read, with its position in the sheet.
type Columns = BTreeMap<&'static str, usize>;

/// The header's column positions, and the data rows.
fn columns<'r>(
    records: &'r [Record],
    known: &[&str],
) -> Result<(Columns, &'r [Record]), Vec<SheetProblem>> {
    let Some(((_, header), rows)) = records.split_first() else {
        return Err(vec![SheetProblem::Empty]);
    };
    let mut problems = Vec::new();
    let mut positions = BTreeMap::new();
    for (at, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        match all_columns().find(|column| **column == name) {
            Some(column) if known.contains(column) => {
                if positions.insert(*column, at).is_some() {
                    problems.push(SheetProblem::DuplicateColumn { column: name });
                }
            }
            _ => problems.push(SheetProblem::UnknownColumn { column: name }),
        }
    }
    for column in known {
        if !positions.contains_key(column) && !OPTIONAL_COLUMNS.contains(column) {
            problems.push(SheetProblem::MissingColumn {
                column: (*column).to_owned(),
            });
        }
    }
    if problems.is_empty() {
        Ok((positions, rows))
    } else {
        Err(problems)
    }
}

fn all_columns() -> impl Iterator<Item = &'static &'static str> {
    CHECKLIST_COLUMNS.iter().chain(TEST_COLUMNS.iter())
}
