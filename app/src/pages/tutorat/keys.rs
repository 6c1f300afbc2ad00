//! The Tutorat cycle screens' strings.

use mentora_shared::documents::qi::InputError;
use mentora_shared::documents::tutorat::{StepError, StepStatus};
use mentora_shared::domain::tutorat::{TutoratError, TutoratStep};

crate::i18n::keys! { TKey;
    Title => "Tutorat cycle", "Cycle de tutorat";
    Intro => "The facility's six-step cycle, each step dated with its status and notes, closed by the handover to the district.", "Le cycle en six étapes de la structure, chaque étape datée avec son état et ses notes, clos par la passation au district.";
    Cycles => "Cycles at this place", "Cycles sur ce site";
    Empty => "No Tutorat cycle at this place yet.", "Aucun cycle de tutorat sur ce site pour l’instant.";
    Start => "Start a Tutorat cycle", "Commencer un cycle de tutorat";
    Starting => "Starting…", "Démarrage…";
    StartedOn => "Started on", "Commencé le";
    StepsDone => "steps done of 6", "étapes faites sur 6";
    NextStep => "Next step:", "Prochaine étape :";
    HandedOver => "Handed over to the district", "Remis au district";
    Open => "Open the cycle", "Ouvrir le cycle";
    NotFound => "This cycle is not on this device.", "Ce cycle n’est pas sur cet appareil.";
    Steps => "The six steps", "Les six étapes";
    SituationalAnalysis => "Situational analysis and action plan", "Analyse situationnelle et plan d’action";
    ThreeDayTraining => "Three-day training", "Formation de trois jours";
    CoachingWeek => "One week of coaching", "Une semaine de coaching";
    StakeholderMeeting => "Stakeholder meeting", "Réunion des parties prenantes";
    SecondVisit => "Second visit", "Deuxième visite";
    DebriefAndHandover => "Debrief and handover", "Débriefing et passation";
    NotStarted => "Not started", "Pas commencée";
    InProgress => "In progress", "En cours";
    Done => "Done", "Faite";
    Step => "Step", "Étape";
    Status => "Status", "État";
    Date => "Date (planned, or done on)", "Date (prévue, ou de réalisation)";
    NoDate => "no date", "sans date";
    Notes => "Notes", "Notes";
    Update => "Update this step", "Mettre à jour cette étape";
    Close => "Close the form", "Fermer le formulaire";
    SaveStep => "Save the step", "Enregistrer l’étape";
    Handover => "Handover to the district", "Passation au district";
    HandoverHint => "Recorded once the debrief step is done.", "Enregistrée une fois l’étape de débriefing faite.";
    HandoverDate => "Date of the handover", "Date de la passation";
    ReceivedBy => "Received by (name or role)", "Reçue par (nom ou fonction)";
    RecordHandover => "Record the handover", "Enregistrer la passation";
    HandoverOn => "Handed over on", "Remis le";
    To => "to", "à";
    ErrNoDate => "A step done needs the date it was done.", "Une étape faite demande sa date de réalisation.";
    ErrFuture => "A step cannot be done after today.", "Une étape ne peut pas être faite après aujourd’hui.";
    ErrOrder => "Steps are done in order: finish the earlier steps first.", "Les étapes se font dans l’ordre : terminez d’abord les précédentes.";
    ErrDatedBefore => "A step cannot be dated before the step before it, nor after the step that follows.", "Une étape ne peut pas être datée avant la précédente, ni après la suivante.";
    ErrReopen => "Reopen the later steps first.", "Rouvrez d’abord les étapes suivantes.";
    ErrComplete => "The cycle is already complete.", "Le cycle est déjà terminé.";
    ErrTooLong => "This is too long.", "C’est trop long.";
    ErrDate => "Enter a valid date.", "Saisissez une date valide.";
    ErrTooEarly => "Mark the debrief and handover step done first.", "Marquez d’abord l’étape de débriefing et passation comme faite.";
    ErrBeforeDebrief => "The handover cannot be before the debrief.", "La passation ne peut pas précéder le débriefing.";
    ErrHandoverFuture => "The handover cannot be after today.", "La passation ne peut pas être après aujourd’hui.";
    ErrReceivedBy => "Say who received it for the district.", "Indiquez qui l’a reçue pour le district.";
}

pub fn step_key(step: TutoratStep) -> TKey {
    match step {
        TutoratStep::SituationalAnalysis => TKey::SituationalAnalysis,
        TutoratStep::ThreeDayTraining => TKey::ThreeDayTraining,
        TutoratStep::CoachingWeek => TKey::CoachingWeek,
        TutoratStep::StakeholderMeeting => TKey::StakeholderMeeting,
        TutoratStep::SecondVisit => TKey::SecondVisit,
        TutoratStep::DebriefAndHandover => TKey::DebriefAndHandover,
    }
}

/// A status in words, with a symbol that only helps.
pub fn status_parts(status: StepStatus) -> (&'static str, TKey) {
    match status {
        StepStatus::NotStarted => ("○", TKey::NotStarted),
        StepStatus::InProgress => ("◐", TKey::InProgress),
        StepStatus::Done => ("✓", TKey::Done),
    }
}

pub fn error_key(err: StepError) -> TKey {
    let text = |e: InputError, empty: TKey| match e {
        InputError::Empty => empty,
        InputError::TooLong => TKey::ErrTooLong,
    };
    match err {
        StepError::DoneWithoutDate => TKey::ErrNoDate,
        StepError::DoneInFuture => TKey::ErrFuture,
        StepError::LaterStepsDone => TKey::ErrReopen,
        StepError::Order(TutoratError::OutOfOrder { .. }) => TKey::ErrOrder,
        StepError::Order(TutoratError::DatedBeforePrevious { .. }) => TKey::ErrDatedBefore,
        StepError::Order(TutoratError::AlreadyComplete) => TKey::ErrComplete,
        StepError::Notes(e) => text(e, TKey::ErrTooLong),
        StepError::HandoverTooEarly => TKey::ErrTooEarly,
        StepError::HandoverBeforeDebrief => TKey::ErrBeforeDebrief,
        StepError::HandoverInFuture => TKey::ErrHandoverFuture,
        StepError::ReceivedBy(e) => text(e, TKey::ErrReceivedBy),
    }
}
