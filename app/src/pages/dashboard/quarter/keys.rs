//! The quarterly coordination pack's texts.

crate::i18n::keys! { QKey;
    Title => "Quarterly coordination pack", "Dossier de coordination trimestriel";
    Intro => "One fiscal quarter for the coordination meeting: progress, indicators, QI status, challenges and advocacy items, from the records synced to this device, ready to print.", "Un trimestre fiscal pour la réunion de coordination : progrès, indicateurs, état de l’AQ, difficultés et plaidoyer, à partir des données synchronisées sur cet appareil, prêt à imprimer.";
    Link => "Quarterly coordination pack", "Dossier de coordination trimestriel";
    Quarter => "Fiscal quarter", "Trimestre fiscal";
    AllPlaces => "All places in your scope", "Tous les lieux de votre périmètre";
    Progress => "1. Progress", "1. Progrès";
    Indicators => "2. Indicators", "2. Indicateurs";
    VisitsPerMonth => "Visits done and planned per month", "Visites réalisées et prévues par mois";
    Month => "Month", "Mois";
    Planned => "Planned (not cancelled)", "Prévues (non annulées)";
    Done => "Done", "Réalisées";
    Total => "Quarter", "Trimestre";
    QiStatus => "3. Quality improvement status, as of today", "3. État de l’amélioration de la qualité, à ce jour";
    NoOpenProject => "No open QI project.", "Aucun projet AQ en cours.";
    Facility => "Facility", "Établissement";
    Gap => "Gap", "Écart";
    Opened => "Opened", "Ouvert le";
    OpenActions => "Open actions", "Actions en cours";
    OverdueActions => "Overdue actions", "Actions en retard";
    Notes => "4. Challenges and advocacy items", "4. Difficultés et plaidoyer";
    NotesHint => "Typed here for this quarter; kept on this device as you type (not synced) and printed with the pack.", "Saisis ici pour ce trimestre ; gardés sur cet appareil au fil de la saisie (non synchronisés) et imprimés avec le dossier.";
    Challenges => "Challenges", "Difficultés";
    Advocacy => "Advocacy items", "Points de plaidoyer";
    Outcomes => "Facility outcome indicators", "Indicateurs de résultats des établissements";
    NoOutcomes => "No outcome indicator value entered for this quarter.", "Aucune valeur d’indicateur de résultat saisie pour ce trimestre.";
    Indicator => "Indicator", "Indicateur";
    NothingWritten => "Nothing written.", "Rien d’écrit.";
}
