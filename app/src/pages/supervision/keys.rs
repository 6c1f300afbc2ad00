//! The joint supervision visit screen's strings.

use mentora_shared::documents::qi::InputError;
use mentora_shared::documents::supervision::{IssueError, SupervisionError};

crate::i18n::keys! { SKey;
    Title => "Joint supervision visits", "Visites de supervision conjointe";
    Intro => "Once a quarter: review the progress of mentorship activities, supervise the mentors, and agree with the facility's management on solutions to the issues found.", "Une fois par trimestre : revoir l’avancement des activités de mentorat, superviser les mentors et convenir avec la direction de l’établissement de solutions aux problèmes relevés.";
    Record => "Record a supervision visit", "Enregistrer une visite de supervision";
    SupervisorsOnly => "Supervisors record these visits; the past ones are listed below.", "Les superviseurs enregistrent ces visites ; les précédentes sont listées ci-dessous.";
    Date => "Date of the visit", "Date de la visite";
    Team => "Supervision team (who took part)", "Équipe de supervision (participants)";
    Progress => "Progress of mentorship activities", "Avancement des activités de mentorat";
    ProgressHint => "Visits done against planned, mentees assessed and validated, QI actions.", "Visites réalisées contre prévues, mentorés évalués et validés, actions QI.";
    Mentors => "Mentors supervised and what was seen", "Mentors supervisés et constats";
    Issues => "Issues found and agreed solutions", "Problèmes relevés et solutions convenues";
    IssueN => "Issue", "Problème";
    Issue => "Issue found", "Problème relevé";
    Solution => "Agreed solution", "Solution convenue";
    Responsible => "Responsible person", "Responsable";
    Due => "Due date", "Échéance";
    AddIssue => "Add an issue", "Ajouter un problème";
    RemoveIssue => "Remove issue", "Retirer le problème";
    NoIssues => "No issue recorded.", "Aucun problème enregistré.";
    Notes => "Supervisor's overall notes", "Observations générales du superviseur";
    Save => "Save the supervision visit", "Enregistrer la visite de supervision";
    Past => "Past supervision visits, newest first", "Visites de supervision précédentes, de la plus récente à la plus ancienne";
    Empty => "No supervision visit recorded at this place yet.", "Aucune visite de supervision enregistrée sur ce site pour l’instant.";
    RecordedBy => "Recorded by", "Enregistré par";
    ErrFuture => "The date cannot be after today.", "La date ne peut pas être après aujourd’hui.";
    ErrDate => "Enter a valid date.", "Saisissez une date valide.";
    ErrProgress => "Describe the progress of mentorship activities.", "Décrivez l’avancement des activités de mentorat.";
    ErrTooLong => "This is too long.", "C’est trop long.";
    ErrIssue => "Describe the issue.", "Décrivez le problème.";
    ErrSolution => "Write the agreed solution.", "Indiquez la solution convenue.";
    ErrResponsible => "Name who is responsible.", "Indiquez le responsable.";
    ErrDue => "Enter a due date on or after the visit.", "Saisissez une échéance à partir de la date de la visite.";
}

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
