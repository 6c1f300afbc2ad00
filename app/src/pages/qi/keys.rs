//! The QI screens' strings, and the labels of cause groups and action statuses.

use mentora_shared::documents::qi::{ActionStatus, CauseGroup, InputError};

crate::i18n::keys! { QKey;
    Title => "Quality improvement", "Amélioration de la qualité";
    Intro => "Gaps found at the debrief become QI projects: root causes, solutions and a time-bound action plan followed up at each visit.", "Les écarts relevés au débriefing deviennent des projets d’amélioration : causes, solutions et plan d’action daté, suivi à chaque visite.";
    FromDebrief => "Opened from the debrief of this visit", "Ouvert depuis le débriefing de cette visite";
    FollowUpTitle => "To follow up at this visit", "À suivre lors de cette visite";
    NothingToFollowUp => "No open actions: every action is done.", "Aucune action ouverte : toutes les actions sont faites.";
    OverdueSince => "Overdue since", "En retard depuis le";
    ProjectsTitle => "Projects at this place", "Projets de ce site";
    NoProjects => "No QI project at this place yet.", "Aucun projet d’amélioration sur ce site pour l’instant.";
    OpenProject => "Open a QI project", "Ouvrir un projet d’amélioration";
    Gap => "Gap found", "Écart constaté";
    GapHint => "What falls short of the standard, e.g. “newborns are not dried within the first minute”.", "Ce qui n’atteint pas la norme, p. ex. « les nouveau-nés ne sont pas séchés dans la première minute ».";
    Competency => "Technical area / competency (optional)", "Domaine technique / compétence (facultatif)";
    NoCompetency => "None", "Aucune";
    Opening => "Opening…", "Ouverture…";
    ProjectOpen => "Open", "Ouvert";
    ProjectClosed => "Closed", "Clôturé";
    OpenedOn => "Opened", "Ouvert le";
    ClosedOn => "closed", "clôturé le";
    CloseProject => "Close the project", "Clôturer le projet";
    ReopenProject => "Reopen the project", "Rouvrir le projet";
    ClosedNotice => "This project is closed: reopen it to change it.", "Ce projet est clôturé : rouvrez-le pour le modifier.";
    See => "See the project", "Voir le projet";
    NotFound => "This project is not on this device.", "Ce projet n’est pas sur cet appareil.";
    Causes => "Root causes", "Causes profondes";
    NoCauses => "No causes yet.", "Aucune cause pour l’instant.";
    Group => "Category", "Catégorie";
    Cause => "Cause", "Cause";
    AddCause => "Add the cause", "Ajouter la cause";
    GroupPeople => "People", "Personnel";
    GroupEquipment => "Equipment", "Équipement";
    GroupProcess => "Process", "Organisation";
    GroupSupplies => "Supplies", "Fournitures";
    GroupOther => "Other", "Autre";
    Solutions => "Solutions", "Solutions";
    NoSolutions => "No solutions yet.", "Aucune solution pour l’instant.";
    Solution => "Solution", "Solution";
    AddSolution => "Add the solution", "Ajouter la solution";
    Actions => "Action plan", "Plan d’action";
    NoActions => "No actions yet.", "Aucune action pour l’instant.";
    Action => "Action", "Action";
    Owner => "Owner (name or role)", "Responsable (nom ou fonction)";
    OwnedBy => "Owner", "Responsable";
    Due => "Due date", "Échéance";
    DueOn => "Due", "Échéance";
    AddAction => "Add the action", "Ajouter l’action";
    Status => "Status", "Statut";
    NotStarted => "Not started", "Pas commencée";
    InProgress => "In progress", "En cours";
    Done => "Done", "Faite";
    Notes => "Notes", "Notes";
    SaveNotes => "Save the notes", "Enregistrer les notes";
    Updated => "Updated", "Mis à jour le";
    ErrEmpty => "Write something here first.", "Écrivez d’abord quelque chose ici.";
    ErrTooLong => "This is too long.", "C’est trop long.";
    ErrDate => "Enter a valid date.", "Saisissez une date valide.";
    Contacts => "Follow-up contacts", "Contacts de suivi";
}

pub fn group_key(group: CauseGroup) -> QKey {
    match group {
        CauseGroup::People => QKey::GroupPeople,
        CauseGroup::Equipment => QKey::GroupEquipment,
        CauseGroup::Process => QKey::GroupProcess,
        CauseGroup::Supplies => QKey::GroupSupplies,
        CauseGroup::Other => QKey::GroupOther,
    }
}

pub fn group_code(group: CauseGroup) -> &'static str {
    match group {
        CauseGroup::People => "people",
        CauseGroup::Equipment => "equipment",
        CauseGroup::Process => "process",
        CauseGroup::Supplies => "supplies",
        CauseGroup::Other => "other",
    }
}

pub fn status_key(status: ActionStatus) -> QKey {
    match status {
        ActionStatus::NotStarted => QKey::NotStarted,
        ActionStatus::InProgress => QKey::InProgress,
        ActionStatus::Done => QKey::Done,
    }
}

/// The symbol beside a status word, so status never rests on colour alone.
pub fn status_symbol(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "○",
        ActionStatus::InProgress => "◐",
        ActionStatus::Done => "✓",
    }
}

pub fn status_code(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "not_started",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Done => "done",
    }
}

pub fn input_key(err: InputError) -> QKey {
    match err {
        InputError::Empty => QKey::ErrEmpty,
        InputError::TooLong => QKey::ErrTooLong,
    }
}

crate::i18n::counts! { QCount;
    Overdue => ["{n} action overdue", "{n} actions overdue"],
        ["{n} action en retard", "{n} actions en retard"];
    OpenActions => ["{n} open action", "{n} open actions"],
        ["{n} action ouverte", "{n} actions ouvertes"];
}
