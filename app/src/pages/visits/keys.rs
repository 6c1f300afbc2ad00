//! The visit screens' strings, and the labels of visit states, activity kinds and months.

use mentora_shared::documents::visit::{
    ActivityError, ActivityKind, PlanError, Standing, VisitState,
};

crate::i18n::keys! { VKey;
    Title => "Visits", "Visites";
    PlanVisit => "Plan a visit", "Planifier une visite";
    EditPlan => "Edit the plan", "Modifier le plan";
    SavePlan => "Save the plan", "Enregistrer le plan";
    DraftKept => "Draft kept on this device while you type.", "Brouillon gardé sur cet appareil pendant la saisie.";
    Start => "First day", "Premier jour";
    End => "Last day (empty for one day)", "Dernier jour (vide pour un seul jour)";
    Mentors => "Mentors (separate names with commas)", "Mentors (séparez les noms par des virgules)";
    PlannedActivities => "Planned activities", "Activités prévues";
    ExpectedMentees => "Mentees expected", "Mentorés attendus";
    NoMenteesHere => "No mentees registered at this place yet.", "Aucun mentoré enregistré ici pour l’instant.";
    Notes => "Notes (optional)", "Notes (facultatif)";
    MentorsLabel => "Mentors", "Mentors";
    NotesLabel => "Notes", "Notes";
    Upcoming => "Upcoming and under way", "À venir et en cours";
    Past => "Done and cancelled", "Terminées et annulées";
    NoUpcoming => "No visit planned.", "Aucune visite prévue.";
    NoPast => "No past visits.", "Aucune visite passée.";
    Agenda => "Agenda", "Agenda";
    StatePlanned => "Planned", "Prévue";
    StateInProgress => "In progress", "En cours";
    StateDone => "Done", "Terminée";
    StateCancelled => "Cancelled", "Annulée";
    KindEntryMeeting => "Entry meeting", "Réunion d’ouverture";
    KindDataReview => "Data review", "Revue des données";
    KindLdhf => "LDHF simulation session", "Séance de simulation FDHF";
    KindCaseObservation => "Case observation", "Observation de cas";
    KindWardRound => "Ward round / bedside teaching", "Visite des services / enseignement au lit";
    KindDebrief => "Debrief", "Débriefing";
    OpenQiOnGap => "Open a QI project on this gap", "Ouvrir un projet d’amélioration sur cet écart";
    SeeQiProject => "See the QI project opened on this gap", "Voir le projet d’amélioration ouvert sur cet écart";
    NoGapWritten => "No gap written in this debrief's notes.", "Aucun écart noté dans ce débriefing.";
    OpenQiElsewhere => "Open a QI project", "Ouvrir un projet d’amélioration";
    MonthTable => "Visits done against planned, by month", "Visites faites et prévues, par mois";
    Cadence => "Cadence target", "Objectif de fréquence";
    CadenceDistrict => "District-based mentor: 2 two-day visits a month", "Mentor de district : 2 visites de deux jours par mois";
    CadenceAssociation => "Association team (RPA, RAM, RSOG): 1 three-day visit a month", "Équipe d’association (RPA, RAM, RSOG) : 1 visite de trois jours par mois";
    CadenceCeho => "CEHO: 1 visit a quarter", "CEHO : 1 visite par trimestre";
    Month => "Month", "Mois";
    Planned => "Planned", "Prévues";
    Done => "Done", "Faites";
    Cancelled => "Cancelled", "Annulées";
    Target => "Target", "Objectif";
    Standing => "Against the target", "Par rapport à l’objectif";
    PerQuarter => "in the quarter", "dans le trimestre";
    Met => "✓ Target met", "✓ Objectif atteint";
    OnTrack => "◐ Enough planned", "◐ Assez de visites prévues";
    Below => "✗ Below target", "✗ Sous l’objectif";
    VisitOf => "Visit", "Visite";
    NotFound => "This visit is not on this device.", "Cette visite n’est pas sur cet appareil.";
    StartVisit => "Start visit", "Commencer la visite";
    FinishVisit => "Finish visit", "Terminer la visite";
    CancelVisit => "Cancel visit", "Annuler la visite";
    ConfirmCancel => "Yes, cancel this visit", "Oui, annuler cette visite";
    KeepVisit => "Keep it", "La garder";
    CancelledNotice => "This visit was cancelled.", "Cette visite a été annulée.";
    LogActivity => "Log an activity", "Enregistrer une activité";
    LogExplain => "Tap what just happened, then add the details.", "Touchez ce qui vient de se passer, puis ajoutez les détails.";
    Activities => "Activities logged", "Activités enregistrées";
    NoActivities => "No activity logged yet.", "Aucune activité enregistrée pour l’instant.";
    Date => "Date", "Date";
    Time => "Time (optional)", "Heure (facultatif)";
    Topic => "Topic", "Thème";
    Participants => "Participants", "Participants";
    Mentee => "Mentee observed", "Mentoré observé";
    ChooseMentee => "Choose…", "Choisir…";
    Competency => "Competency", "Compétence";
    OpenChecklist => "Open the observation checklist", "Ouvrir la grille d’observation";
    Observation => "Saved observation this refers to", "Observation enregistrée concernée";
    NotSavedYet => "Not saved yet", "Pas encore enregistrée";
    SaveActivity => "Log it", "L’enregistrer";
    CloseForm => "Close", "Fermer";
    LoggedBy => "logged by", "par";
    UnknownMentee => "a mentee not on this device", "un mentoré absent de cet appareil";
    ErrBadStart => "The first day is not a valid date.", "Le premier jour n’est pas une date valide.";
    ErrBadEnd => "The last day is not a valid date.", "Le dernier jour n’est pas une date valide.";
    ErrEndBeforeStart => "The last day is before the first day.", "Le dernier jour est avant le premier jour.";
    ErrTooManyDays => "A visit lasts at most 31 days.", "Une visite dure au plus 31 jours.";
    ErrNoMentor => "Name at least one mentor.", "Indiquez au moins un mentor.";
    ErrTooManyMentors => "At most 10 mentors.", "10 mentors au plus.";
    ErrTooLong => "A text is too long.", "Un texte est trop long.";
    ErrBadDate => "The date is not valid.", "La date n’est pas valide.";
    ErrBadTime => "The time is not valid.", "L’heure n’est pas valide.";
    ErrEmptyTopic => "Enter the topic of the session.", "Saisissez le thème de la séance.";
    ErrParticipants => "Participants: a whole number from 1 to 200.", "Participants : un nombre entier de 1 à 200.";
    ErrNoMentee => "Choose the mentee observed.", "Choisissez le mentoré observé.";
    Jan => "January", "janvier";
    Feb => "February", "février";
    Mar => "March", "mars";
    Apr => "April", "avril";
    May => "May", "mai";
    Jun => "June", "juin";
    Jul => "July", "juillet";
    Aug => "August", "août";
    Sep => "September", "septembre";
    Oct => "October", "octobre";
    Nov => "November", "novembre";
    Dec => "December", "décembre";
}

pub fn state_key(state: VisitState) -> VKey {
    match state {
        VisitState::Planned => VKey::StatePlanned,
        VisitState::InProgress => VKey::StateInProgress,
        VisitState::Done => VKey::StateDone,
        VisitState::Cancelled => VKey::StateCancelled,
    }
}

pub fn kind_key(kind: ActivityKind) -> VKey {
    match kind {
        ActivityKind::EntryMeeting => VKey::KindEntryMeeting,
        ActivityKind::DataReview => VKey::KindDataReview,
        ActivityKind::LdhfSimulation => VKey::KindLdhf,
        ActivityKind::CaseObservation => VKey::KindCaseObservation,
        ActivityKind::WardRound => VKey::KindWardRound,
        ActivityKind::Debrief => VKey::KindDebrief,
    }
}

pub fn standing_key(standing: Standing) -> VKey {
    match standing {
        Standing::Met => VKey::Met,
        Standing::OnTrack => VKey::OnTrack,
        Standing::Below => VKey::Below,
    }
}

pub fn plan_error_key(err: PlanError) -> VKey {
    match err {
        PlanError::BadStart => VKey::ErrBadStart,
        PlanError::BadEnd => VKey::ErrBadEnd,
        PlanError::EndBeforeStart => VKey::ErrEndBeforeStart,
        PlanError::TooManyDays => VKey::ErrTooManyDays,
        PlanError::NoMentor => VKey::ErrNoMentor,
        PlanError::TooManyMentors => VKey::ErrTooManyMentors,
        PlanError::TooLong => VKey::ErrTooLong,
    }
}

pub fn activity_error_key(err: ActivityError) -> VKey {
    match err {
        ActivityError::BadDate => VKey::ErrBadDate,
        ActivityError::BadTime => VKey::ErrBadTime,
        ActivityError::EmptyTopic => VKey::ErrEmptyTopic,
        ActivityError::BadParticipants => VKey::ErrParticipants,
        ActivityError::NoMentee => VKey::ErrNoMentee,
        ActivityError::TooLong => VKey::ErrTooLong,
    }
}

/// The month's name (1 = January); an impossible month is clamped into range rather than
/// failing, since the value may come from another device's document.
pub fn month_key(month: u8) -> VKey {
    const MONTHS: [VKey; 12] = [
        VKey::Jan,
        VKey::Feb,
        VKey::Mar,
        VKey::Apr,
        VKey::May,
        VKey::Jun,
        VKey::Jul,
        VKey::Aug,
        VKey::Sep,
        VKey::Oct,
        VKey::Nov,
        VKey::Dec,
    ];
    MONTHS[usize::from(month.clamp(1, 12) - 1)]
}

crate::i18n::counts! { VCount;
    Participants => ["{n} participant", "{n} participants"], ["{n} participant", "{n} participants"];
    DoneInQuarter => ["{n} done", "{n} done"], ["{n} faite", "{n} faites"];
}
