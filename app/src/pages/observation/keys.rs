//! The observation screen's strings, in English and French, kept beside the screen.

crate::i18n::keys! {
    ObsKey;
    Title => "Observation", "Observation";
    Loading => "Opening the record…", "Ouverture du dossier…";
    MenteeNotFound => "Mentee not found", "Mentoré introuvable";
    MenteeNotFoundHelp => "This mentee is not on this device. Sync, or open the mentee from the list.", "Ce mentoré n’est pas sur cet appareil. Synchronisez, ou ouvrez le mentoré depuis la liste.";
    BackToMentees => "Back to mentees", "Retour aux mentorés";
    BackToMentee => "Back to the mentee", "Retour au mentoré";
    CompetencyNotFound => "This competency is not in the catalogue", "Cette compétence n’est pas dans le catalogue";
    CompetencyNotFoundHelp => "The link may be from another version of Mentora. Choose the competency again from the mentee’s page.", "Le lien vient peut-être d’une autre version de Mentora. Choisissez de nouveau la compétence depuis la page du mentoré.";
    CatalogueBroken => "The built-in catalogue cannot be read", "Le catalogue intégré est illisible";
    NoChecklist => "This competency has no checklist to observe.", "Cette compétence n’a pas de grille d’observation.";
    Setup => "About this observation", "À propos de cette observation";
    Purpose => "Purpose", "Objectif";
    PurposeBaseline => "Baseline", "Situation de départ";
    PurposeCoaching => "Coaching", "Accompagnement";
    PurposePostMentorship => "Post-mentorship", "Après le mentorat";
    Case => "Case", "Cas";
    CaseSimulation => "Simulation", "Simulation";
    CaseReal => "Real case", "Cas réel";
    Consent => "The patient consented to the observation", "Le patient a consenti à l’observation";
    NoIdentifiers => "Do not record the patient’s name or any identifier: not here, not in the notes.", "N’enregistrez ni le nom du patient ni aucun identifiant : ni ici, ni dans les notes.";
    Checklist => "Checklist", "Grille d’observation";
    Critical => "Critical", "Critique";
    Done => "Done", "Fait";
    NotDone => "Not done", "Non fait";
    NotApplicable => "N/A", "N/A";
    ScoreLabel => "Running score", "Score en cours";
    Feedback => "Feedback", "Rétroaction";
    FeedbackIntro => "Start with what went well, then what to improve.", "Commencez par ce qui s’est bien passé, puis ce qu’il faut améliorer.";
    WentWell => "What went well", "Ce qui s’est bien passé";
    ToImprove => "What to improve", "Ce qu’il faut améliorer";
    Characters => "characters", "caractères";
    Save => "Save the observation", "Enregistrer l’observation";
    Saving => "Saving…", "Enregistrement…";
    DraftKept => "Your marks and notes are kept on this device as you go.", "Vos réponses et notes sont gardées sur cet appareil au fur et à mesure.";
    ErrChooseCase => "Choose whether this is a simulation or a real case.", "Indiquez s’il s’agit d’une simulation ou d’un cas réel.";
    ErrNoConsent => "A real case can be saved only if the patient consented. Tick the consent box, or choose Simulation.", "Un cas réel ne peut être enregistré que si le patient a consenti. Cochez le consentement, ou choisissez Simulation.";
    ErrStepsMissing => "Mark every step before saving. Not marked yet:", "Marquez chaque étape avant d’enregistrer. Pas encore marquées :";
    ErrWentWellTooLong => "“What went well” is too long.", "« Ce qui s’est bien passé » est trop long.";
    ErrToImproveTooLong => "“What to improve” is too long.", "« Ce qu’il faut améliorer » est trop long.";
    ErrNothingApplicable => "Every step is marked N/A: there is nothing to score.", "Toutes les étapes sont N/A : il n’y a rien à noter.";
    ErrCannotScore => "This checklist cannot be scored", "Cette grille ne peut pas être notée";
    ErrNoRandom => "This browser cannot make a record id (no secure random source).", "Ce navigateur ne peut pas créer d’identifiant (pas de source aléatoire sûre).";
    NotSaved => "Not saved — your marks and notes are still here", "Non enregistré — vos réponses et notes sont toujours là";
    Saved => "Saved on this device.", "Enregistré sur cet appareil.";
    Outcome => "Result", "Résultat";
    Score => "Score", "Score";
    NoCriticalMissed => "Every critical step was done.", "Toutes les étapes critiques ont été faites.";
    CriticalMissedList => "Critical steps missed:", "Étapes critiques manquées :";
    Validation => "Validation", "Validation";
    MeetsRule => "This observation meets the validation rule on its own: at least the pass mark, with every critical step done.", "Cette observation satisfait à elle seule la règle de validation : au moins la note de passage, avec toutes les étapes critiques faites.";
    DoesNotMeetRule => "This observation does not meet the validation rule:", "Cette observation ne satisfait pas la règle de validation :";
    GapNotValidation => "Only a post-mentorship observation can validate.", "Seule une observation après le mentorat peut valider.";
    GapNoConsent => "A real case observed without the patient’s consent cannot count.", "Un cas réel observé sans le consentement du patient ne peut pas compter.";
    GapBelowPassMark => "The score is below the pass mark", "Le score est inférieur à la note de passage";
    GapCriticalMissed => "Critical steps were not done", "Des étapes critiques n’ont pas été faites";
    OnlyPostMentorshipValidates => "Only a post-mentorship observation can validate a mentee.", "Seule une observation après le mentorat peut valider un mentoré.";
    NewObservation => "Start another observation", "Commencer une autre observation";
}

crate::i18n::counts! { ObsCount;
    CriticalMissed => ["{n} critical step missed", "{n} critical steps missed"],
        ["{n} étape critique manquée", "{n} étapes critiques manquées"];
    StepsLeft => ["{n} step left", "{n} steps left"], ["{n} étape restante", "{n} étapes restantes"];
}
