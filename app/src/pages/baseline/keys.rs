//! The baseline assessment screens' strings.

use mentora_shared::documents::baseline::Trend;
use mentora_shared::domain::BaselineAnswer;

crate::i18n::keys! { BKey;
    Title => "Facility baseline", "Évaluation initiale de la structure";
    Intro => "The facility's baseline checklist, scored by section and compared with the previous assessment.", "La liste de contrôle initiale de la structure, notée par section et comparée à l’évaluation précédente.";
    PastTitle => "Assessments, newest first", "Évaluations, de la plus récente à la plus ancienne";
    Empty => "No baseline assessment at this place yet.", "Aucune évaluation initiale sur ce site pour l’instant.";
    Overall => "Overall", "Global";
    See => "See the result", "Voir le résultat";
    By => "by", "par";
    NewTitle => "New assessment", "Nouvelle évaluation";
    DraftKept => "Your answers are kept on this device as you go.", "Vos réponses sont gardées sur cet appareil au fur et à mesure.";
    Date => "Date of the assessment", "Date de l’évaluation";
    SectionOf => "Section", "Section";
    Of => "of", "sur";
    Answered => "answered", "répondus";
    Previous => "Previous section", "Section précédente";
    Next => "Next section", "Section suivante";
    Notes => "Notes (optional)", "Remarques (facultatif)";
    Save => "Save the assessment", "Enregistrer l’évaluation";
    Yes => "Yes", "Oui";
    Partial => "Partly", "En partie";
    No => "No", "Non";
    NotApplicable => "Not applicable", "Sans objet";
    ErrUnanswered => "Answer every item of this section before saving:", "Répondez à chaque élément de cette section avant d’enregistrer :";
    ErrNa => "This item cannot be marked not applicable.", "Cet élément ne peut pas être marqué sans objet.";
    ErrFuture => "The date cannot be after today.", "La date ne peut pas être après aujourd’hui.";
    ErrDate => "Enter a valid date.", "Saisissez une date valide.";
    ErrTooLong => "The notes are too long.", "Les remarques sont trop longues.";
    ErrUnknown => "An answer is for an item the checklist no longer has; start the assessment again.", "Une réponse concerne un élément absent de la liste ; recommencez l’évaluation.";
    NoTool => "The baseline checklist is missing from the catalogue.", "La liste de contrôle initiale manque au catalogue.";
    ResultTitle => "Baseline result", "Résultat de l’évaluation initiale";
    NotFound => "This assessment is not on this device.", "Cette évaluation n’est pas sur cet appareil.";
    Section => "Section", "Section";
    PreviousPct => "Previous", "Précédente";
    NowPct => "Now", "Maintenant";
    Change => "Change", "Évolution";
    ComparedWith => "Compared with the assessment of", "Comparée à l’évaluation du";
    FirstAssessment => "First assessment at this place: nothing to compare with yet.", "Première évaluation sur ce site : rien à comparer pour l’instant.";
    Up => "up", "en hausse de";
    Down => "down", "en baisse de";
    Same => "no change", "sans changement";
    NoComparison => "no comparison", "pas de comparaison";
    NothingApplicable => "nothing applicable", "rien d’applicable";
    UnknownTool => "This assessment used a checklist version this app does not have.", "Cette évaluation a utilisé une version de la liste que cette application n’a pas.";
}

pub fn answer_key(answer: BaselineAnswer) -> BKey {
    match answer {
        BaselineAnswer::Yes => BKey::Yes,
        BaselineAnswer::Partial => BKey::Partial,
        BaselineAnswer::No => BKey::No,
        BaselineAnswer::NotApplicable => BKey::NotApplicable,
    }
}

/// The arrow and the word for a trend; the arrow only helps.
pub fn trend_parts(trend: Trend) -> (&'static str, BKey) {
    match trend {
        Trend::Up => ("↑", BKey::Up),
        Trend::Down => ("↓", BKey::Down),
        Trend::Same => ("=", BKey::Same),
        Trend::NoComparison => ("–", BKey::NoComparison),
    }
}

crate::i18n::counts! { BCount;
    Points => ["{n} point", "{n} points"], ["{n} point", "{n} points"];
}
