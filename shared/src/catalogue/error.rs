//! Catalogue errors: each names the file, the item and the problem, so an author can fix the
//! JSON without reading Rust.

use crate::domain::Language;

/// What is wrong with one item.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("malformed json: {0}")]
    Malformed(String),
    #[error("id {0:?} is used twice")]
    DuplicateId(String),
    #[error("id must be non-empty lowercase letters, digits, '_' or '-'")]
    BadId,
    #[error("{0:?} text is missing")]
    MissingTranslation(Language),
    #[error("needs at least two options, has {0}")]
    TooFewOptions(usize),
    #[error("answer key {0:?} is not one of the options")]
    AnswerNotAnOption(String),
    #[error("weight must be greater than zero")]
    ZeroWeight,
    #[error("is empty")]
    Empty,
    #[error("has no critical step")]
    NoCriticalStep,
    #[error("version {found} must be greater than the previous version {previous}")]
    VersionNotIncreasing { found: u32, previous: u32 },
    #[error("version must be at least 1")]
    VersionZero,
    #[error("file should be named {expected:?}")]
    FileNameMismatch { expected: String },
    #[error("has no catalogue entry")]
    MissingEntry,
    #[error("tolerance {0} basis points is above 100%")]
    ToleranceOutOfRange(u16),
}

/// One problem found in one item of one file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {item}: {problem}")]
pub struct CatalogueIssue {
    pub file: String,
    /// A path to the item, e.g. `hbb/checklist v1/section prepare/item towels`.
    pub item: String,
    pub problem: Problem,
}

/// Every problem found while loading; loading fails if there is at least one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the catalogue has {} problem(s):\n{}", .0.len(), render(.0))]
pub struct CatalogueError(pub Vec<CatalogueIssue>);

fn render(issues: &[CatalogueIssue]) -> String {
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
