//! The CHW group session screen's strings, in English and French.

crate::i18n::keys! {
    ChwKey;
    Title => "CHW group sessions", "Séances de groupe des ASC";
    Intro => "Each group of 5–9 community health workers is mentored once a quarter in each technical area.", "Chaque groupe de 5 à 9 agents de santé communautaire est encadré une fois par trimestre dans chaque domaine technique.";
    Quarter => "This quarter", "Ce trimestre";
    Reached => "reached this quarter", "atteint ce trimestre";
    NotReached => "not reached this quarter", "pas encore atteint ce trimestre";
    ChwsReached => "CHWs reached this quarter", "ASC atteints ce trimestre";
    SessionsThisQuarter => "Sessions this quarter", "Séances de ce trimestre";
    NoSessions => "No group session recorded this quarter yet.", "Aucune séance de groupe enregistrée ce trimestre.";
    RunSession => "Run a group session", "Animer une séance de groupe";
    ContinueSession => "A group session in progress was kept on this device.", "Une séance de groupe en cours a été conservée sur cet appareil.";
    Facilitator => "Facilitator", "Animateur";
    Area => "Technical area", "Domaine technique";
    Competency => "Assessment tool (competency)", "Outil d’évaluation (compétence)";
    Date => "Date", "Date";
    Place => "Where the group met", "Lieu de la rencontre";
    PlaceHelp => "The health centre or a volunteer’s home.", "Le centre de santé ou le domicile d’un volontaire.";
    Participants => "CHWs present", "ASC présents";
    NoChws => "No community health worker is registered at this place. Register them on the Mentees screen (cadre “Community health worker”).", "Aucun agent de santé communautaire n’est enregistré ici. Enregistrez-les dans l’écran Mentorés (cadre « Agent de santé communautaire »).";
    SizeOk => "within the 5–9 range", "dans la fourchette de 5 à 9";
    SizeSmall => "fewer than the programme’s 5–9: you can still save, the session will be flagged", "moins que les 5 à 9 prévus : vous pouvez enregistrer, la séance sera signalée";
    SizeLarge => "more than the programme’s 5–9: you can still save, the session will be flagged", "plus que les 5 à 9 prévus : vous pouvez enregistrer, la séance sera signalée";
    Flagged => "Group size outside 5–9", "Taille du groupe hors de 5 à 9";
    Assessments => "Assessment per CHW", "Évaluation de chaque ASC";
    Critical => "Critical step", "Étape critique";
    Done => "Done", "Fait";
    NotDone => "Not done", "Non fait";
    NotApplicable => "N/A", "N/A";
    StepsLeft => "steps left", "étapes restantes";
    Feedback => "Feedback to the group", "Retour au groupe";
    Save => "Save the session", "Enregistrer la séance";
    Saving => "Saving…", "Enregistrement…";
    Cancel => "Discard this session", "Abandonner cette séance";
    DraftKept => "Kept on this device as you go: you can close the app and continue later.", "Conservé sur cet appareil au fur et à mesure : vous pouvez fermer l’application et reprendre plus tard.";
    Saved => "Group session saved on this device.", "Séance de groupe enregistrée sur cet appareil.";
    NotSaved => "Not saved", "Non enregistré";
    ErrNoCompetency => "Choose the assessment tool.", "Choisissez l’outil d’évaluation.";
    ErrBadDate => "Enter the date of the session.", "Saisissez la date de la séance.";
    ErrNoParticipants => "Tick the CHWs present.", "Cochez les ASC présents.";
    ErrStepsMissing => "Mark every step for every CHW.", "Marquez chaque étape pour chaque ASC.";
    ErrTooLong => "The feedback is too long.", "Le retour est trop long.";
    ErrCannotScore => "The checklist could not be scored", "La grille n’a pas pu être notée";
    Loading => "Opening the records on this device…", "Ouverture des dossiers sur cet appareil…";
    Unreadable => "A session record could not be read", "Une séance n’a pas pu être lue";
}

crate::i18n::counts! { ChwCount;
    Chws => ["{n} CHW", "{n} CHWs"], ["{n} ASC", "{n} ASC"];
    Sessions => ["{n} session", "{n} sessions"], ["{n} séance", "{n} séances"];
}
