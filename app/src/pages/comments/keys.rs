//! The comments' strings: the panel under a visit, an assessment or a QI project, the inbox and
//! the header's count.

use mentora_shared::documents::comment::{CommentError, TargetKind};
use mentora_shared::documents::qi::InputError;

crate::i18n::keys! { CoKey;
    Title => "Comments", "Commentaires";
    Intro => "Comments and requests from supervisors on visits, assessments and QI projects. Acknowledge each one once you have read it.", "Commentaires et demandes des superviseurs sur les visites, les évaluations et les projets QI. Accusez réception de chacun après l’avoir lu.";
    Waiting => "Waiting for you", "En attente de votre réponse";
    Read => "Already acknowledged or written by you", "Déjà lus ou écrits par vous";
    NoneWaiting => "No comment is waiting for you.", "Aucun commentaire ne vous attend.";
    NoComments => "No comments yet.", "Aucun commentaire pour l’instant.";
    Comment => "Comment", "Commenter";
    WriteComment => "Write a comment or request", "Écrire un commentaire ou une demande";
    CommentLabel => "Comment or request for the mentor", "Commentaire ou demande pour le mentor";
    CommentHint => "No patient names or other identifiers.", "Aucun nom ni autre identifiant de patient.";
    Send => "Save the comment", "Enregistrer le commentaire";
    Acknowledge => "Acknowledge", "Accuser réception";
    Acknowledged => "Acknowledged", "Lu";
    NotAcknowledged => "Not acknowledged yet", "Pas encore lu";
    AcknowledgedBy => "Acknowledged by", "Lu par";
    Reply => "Reply (optional)", "Réponse (facultative)";
    ReplyFrom => "Reply from", "Réponse de";
    By => "by", "par";
    Open => "Open", "Ouvrir";
    OnVisit => "On a visit", "Sur une visite";
    OnAssessment => "On an assessment", "Sur une évaluation";
    OnQi => "On a QI project", "Sur un projet QI";
    HeaderLink => "Comments", "Commentaires";
    ErrEmpty => "Write the comment first.", "Écrivez d’abord le commentaire.";
    ErrTooLong => "This is too long.", "C’est trop long.";
    ErrTarget => "This record cannot be commented on.", "Ce dossier ne peut pas être commenté.";
}

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

crate::i18n::counts! { CoCount;
    Waiting => ["{n} comment waiting", "{n} comments waiting"],
        ["{n} commentaire en attente", "{n} commentaires en attente"];
}
