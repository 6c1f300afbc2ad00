//! What a sheet import refuses, each naming its row and column or the catalogue item.

use std::fmt;

use crate::catalogue::{CatalogueIssue, Problem};

/// What is wrong with a sheet, a row or a cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetProblem {
    /// The sheet has no header row.
    Empty,
    MissingColumn {
        column: String,
    },
    UnknownColumn {
        column: String,
    },
    DuplicateColumn {
        column: String,
    },
    /// A cell that must be filled is blank (`line` is the sheet's row number).
    Blank {
        line: usize,
        column: String,
    },
    /// A yes/no cell holds something else.
    NotYesNo {
        line: usize,
        column: String,
        value: String,
    },
    /// A weight that is not a whole number from 1 to 1000.
    BadWeight {
        line: usize,
        value: String,
    },
    /// The first row continues a section or question that was never started.
    NothingToContinue {
        line: usize,
        column: String,
    },
    /// A section's or question's cells differ from those on its first row.
    Differs {
        line: usize,
        column: String,
    },
    /// A section or question comes back after another one started.
    Split {
        line: usize,
        id: String,
    },
    /// A question with no option marked correct, or with several.
    AnswerCount {
        question: String,
        correct: usize,
    },
    /// What the catalogue loader would refuse (duplicate ids, bad slugs, missing French, no
    /// critical step, …), naming the item.
    Catalogue {
        item: String,
        problem: Problem,
    },
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the sheet is empty"),
            Self::MissingColumn { column } => write!(f, "column {column} is missing"),
            Self::UnknownColumn { column } => write!(f, "column {column:?} is not one we read"),
            Self::DuplicateColumn { column } => write!(f, "column {column} appears twice"),
            Self::Blank { line, column } => write!(f, "row {line}: {column} is blank"),
            Self::NotYesNo {
                line,
                column,
                value,
            } => write!(f, "row {line}: {column} is {value:?}, not yes or no"),
            Self::BadWeight { line, value } => {
                write!(
                    f,
                    "row {line}: weight {value:?} is not a whole number from 1 to 1000"
                )
            }
            Self::NothingToContinue { line, column } => {
                write!(
                    f,
                    "row {line}: {column} is blank but there is nothing above to continue"
                )
            }
            Self::Differs { line, column } => {
                write!(
                    f,
                    "row {line}: {column} differs from the first row of the same id"
                )
            }
            Self::Split { line, id } => {
                write!(f, "row {line}: {id} comes back after another one started")
            }
            Self::AnswerCount { question, correct } => write!(
                f,
                "question {question}: {correct} options are marked correct, exactly one must be"
            ),
            Self::Catalogue { item, problem } => write!(f, "{item}: {problem}"),
        }
    }
}

impl From<CatalogueIssue> for SheetProblem {
    fn from(issue: CatalogueIssue) -> Self {
        Self::Catalogue {
            item: issue.item,
            problem: issue.problem,
        }
    }
}
