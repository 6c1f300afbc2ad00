//! The joint supervision visit screen's strings.

use mentora_shared::documents::qi::InputError;
use mentora_shared::documents::supervision::{IssueError, SupervisionError};

crate::i18n::keys!(SKey, "pages/supervision/keys");

/// The form's message for a refused visit, and the id of the field to mark invalid.
pub fn error_key(err: SupervisionError) -> (String, SKey) {
    let text = |e: InputError, empty: SKey| match e {
        InputError::Empty => empty,
        InputError::TooLong => SKey::ErrTooLong,
    };
    match err {
        SupervisionError::FutureDate => ("sup-date".to_owned(), SKey::ErrFuture),
        SupervisionError::Team(e) => ("sup-team".to_owned(), text(e, SKey::ErrTooLong)),
        SupervisionError::Progress(e) => ("sup-progress".to_owned(), text(e, SKey::ErrProgress)),
        SupervisionError::Mentors(e) => ("sup-mentors".to_owned(), text(e, SKey::ErrTooLong)),
        SupervisionError::Notes(e) => ("sup-notes".to_owned(), text(e, SKey::ErrTooLong)),
        SupervisionError::Issue { index, error } => match error {
            IssueError::Issue(e) => (format!("sup-issue-{index}-issue"), text(e, SKey::ErrIssue)),
            IssueError::Solution(e) => (
                format!("sup-issue-{index}-solution"),
                text(e, SKey::ErrSolution),
            ),
            IssueError::Responsible(e) => (
                format!("sup-issue-{index}-responsible"),
                text(e, SKey::ErrResponsible),
            ),
            IssueError::DueBeforeVisit => (format!("sup-issue-{index}-due"), SKey::ErrDue),
        },
    }
}
