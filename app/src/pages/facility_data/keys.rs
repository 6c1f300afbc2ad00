//! The facility data screen's strings, month names and the wording of a verification factor.

use mentora_shared::domain::Proportion;
use mentora_shared::rules::DataAccuracy;

use crate::i18n::I18n;

crate::i18n::keys! { FKey;
    Title => "Facility data", "Données de la structure";
    Intro => "Monthly values of the programme's indicators at this facility, and data verification against the registers.", "Valeurs mensuelles des indicateurs du programme dans cette structure, et vérification des données dans les registres.";
    Month => "Month", "Mois";
    Indicators => "Indicators for the month", "Indicateurs du mois";
    Count => "Number", "Nombre";
    SaveValue => "Save value", "Enregistrer la valeur";
    Saved => "Saved value", "Valeur enregistrée";
    NotEntered => "No value entered for this month.", "Aucune valeur saisie pour ce mois.";
    EnteredBy => "entered by", "saisie par";
    Conflict => "Conflict: two devices recorded different entries; the most recent is shown. Save again to settle it.", "Conflit : deux appareils ont enregistré des saisies différentes ; la plus récente est affichée. Enregistrez à nouveau pour trancher.";
    Trend => "Last 12 months", "12 derniers mois";
    NoValues => "no values yet", "aucune valeur pour l’instant";
    MonthsMissing => "months without a value", "mois sans valeur";
    ErrNumber => "Enter a whole number (0 or more).", "Saisissez un nombre entier (0 ou plus).";
    ErrTooLarge => "The number is too large.", "Le nombre est trop grand.";
    ErrNumerator => "The first number cannot be larger than the second.", "Le premier nombre ne peut pas dépasser le second.";
    ErrNote => "The note is too long.", "La note est trop longue.";
    Verification => "Data verification", "Vérification des données";
    VerificationIntro => "Recount an indicator in its register and compare it with the value reported for the month.", "Recomptez un indicateur dans son registre et comparez-le à la valeur déclarée pour le mois.";
    Indicator => "Indicator", "Indicateur";
    Source => "Register", "Registre";
    Reported => "Value reported", "Valeur déclarée";
    Recounted => "Value recounted from registers", "Valeur recomptée dans les registres";
    Note => "Note (optional)", "Note (facultatif)";
    Factor => "Verification factor", "Facteur de vérification";
    FactorHelp => "Enter both values to see the factor.", "Saisissez les deux valeurs pour voir le facteur.";
    SaveVerification => "Save verification", "Enregistrer la vérification";
    PastVerifications => "Past verifications", "Vérifications précédentes";
    NoVerifications => "No verification recorded yet.", "Aucune vérification enregistrée pour l’instant.";
    VerifiedBy => "verified by", "vérifiée par";
    On => "on", "le";
    NoIndicators => "The catalogue has no data verification form.", "Le catalogue ne contient pas de formulaire de vérification des données.";
    Unreadable => "Some facility data on this device cannot be read.", "Certaines données de la structure sur cet appareil sont illisibles.";
    Accurate => "accurate within", "exact dans la marge de";
    OverReporting => "over-reporting beyond", "sur-déclaration au-delà de";
    UnderReporting => "under-reporting beyond", "sous-déclaration au-delà de";
    ZeroButFound => "no factor: nothing was reported although the registers hold cases", "pas de facteur : rien n’a été déclaré alors que les registres contiennent des cas";
    NothingToVerify => "no factor: nothing reported and nothing found in the registers", "pas de facteur : rien de déclaré et rien trouvé dans les registres";
}

pub use crate::locale::{month_name, percent};

/// "80% — over-reporting beyond ±10%": the factor, then what it means, in words.
pub fn factor_text(
    i18n: I18n,
    factor: Option<Proportion>,
    accuracy: DataAccuracy,
    tolerance_basis_points: u16,
) -> String {
    let lang = i18n.lang();
    let tolerance = percent(lang, u32::from(tolerance_basis_points / 100));
    let band = |key: FKey| format!("{} ±{tolerance}", i18n.t(key));
    let meaning = match accuracy {
        DataAccuracy::Accurate => band(FKey::Accurate),
        DataAccuracy::OverReported => band(FKey::OverReporting),
        DataAccuracy::UnderReported => band(FKey::UnderReporting),
        DataAccuracy::ReportedZeroButFound => i18n.t(FKey::ZeroButFound).to_owned(),
        DataAccuracy::NothingToVerify => i18n.t(FKey::NothingToVerify).to_owned(),
    };
    match factor.and_then(Proportion::percent_rounded) {
        Some(value) => format!("{} — {meaning}", percent(lang, value)),
        None => meaning,
    }
}
