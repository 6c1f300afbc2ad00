//! The comments' strings: the panel under a visit, an assessment or a QI project, the inbox and
//! the header's count.

use mentora_shared::documents::comment::{CommentError, TargetKind};
use mentora_shared::documents::qi::InputError;

crate::i18n::keys!(CoKey, "pages/comments/keys");

pub fn target_key(kind: TargetKind) -> CoKey {
    match kind {
        TargetKind::Visit => CoKey::OnVisit,
        TargetKind::Assessment => CoKey::OnAssessment,
        TargetKind::QiProject => CoKey::OnQi,
    }
}

/// The form's message for a refused comment.
pub fn error_key(err: CommentError) -> CoKey {
    let text = |e: InputError| match e {
        InputError::Empty => CoKey::ErrEmpty,
        InputError::TooLong => CoKey::ErrTooLong,
    };
    match err {
        CommentError::NoTarget => CoKey::ErrTarget,
        CommentError::Text(e) | CommentError::Reply(e) => text(e),
    }
}

crate::i18n::counts!(CoCount, "pages/comments/keys");
