//! A tracker import's row problems in the current language.

use mentora_shared::setup::tracker::{Problem, RowError};

use crate::i18n::{I18n, fill};

crate::i18n::keys! { WKey;
    Row => "Row {row}: {problem}", "Ligne {row} : {problem}";
    MissingValue => "no {column}", "pas de {column}";
    TooLong => "the {column} is over {max} characters", "le champ {column} dépasse {max} caractères";
    UnknownFacility => "unknown facility '{facility}'", "établissement inconnu « {facility} »";
    AmbiguousFacility => "several facilities are called '{facility}': give the facility code", "plusieurs établissements s’appellent « {facility} » : donnez le code de l’établissement";
    UnknownCadre => "unknown cadre '{cadre}' (medical_doctor, intern, nurse, midwife, chw or ceho)", "catégorie inconnue « {cadre} » (medical_doctor, intern, nurse, midwife, chw ou ceho)";
    BadPhone => "the phone may hold only digits, spaces and + - ( )", "le téléphone ne peut contenir que des chiffres, des espaces et + - ( )";
    ConflictingPhone => "the phone differs from row {first_row} for the same mentee", "le téléphone diffère de la ligne {first_row} pour le même mentoré";
    UnknownUser => "unknown {column} '{username}' (no such account)", "{column} inconnu « {username} » (pas de tel compte)";
    UnknownAssociation => "unknown association '{association}' (rpa, ram, rsog, district_based, health_centre_staff, ceho or rbc_clinical_mentor)", "association inconnue « {association} » (rpa, ram, rsog, district_based, health_centre_staff, ceho ou rbc_clinical_mentor)";
    NoMentor => "no mentor: give a mentor_username, or a mentor_name with a mentor_association", "pas de mentor : donnez un mentor_username, ou un mentor_name avec une mentor_association";
    UnknownCompetency => "unknown competency '{competency}'", "compétence inconnue « {competency} »";
    NoCurrentVersion => "competency '{competency}' has no {kind}", "la compétence « {competency} » n’a pas de {kind}";
    UnknownKind => "unknown kind '{kind}' (pre_test, post_test or observation)", "type inconnu « {kind} » (pre_test, post_test ou observation)";
    BadDate => "the {column} '{value}' is not a date written YYYY-MM-DD", "le champ {column} « {value} » n’est pas une date écrite AAAA-MM-JJ";
    FutureDate => "the {column} {date} is in the future", "le champ {column} {date} est dans le futur";
    BadScore => "score '{score}' is neither a percentage (87.5) nor items done (14/16)", "le score « {score} » n’est ni un pourcentage (87.5) ni des éléments faits (14/16)";
    ScoreOutOfRange => "score '{score}' is not between 0 and 100%", "le score « {score} » n’est pas entre 0 et 100 %";
    BadYesNo => "the {column} '{value}' is neither yes nor no", "le champ {column} « {value} » n’est ni yes ni no";
    UnknownCase => "unknown case '{case}' (real or simulated)", "cas inconnu « {case} » (real ou simulated)";
    NotAnObservation => "only an observation has a {column}", "seule une observation a un {column}";
    IncompleteValidation => "a validation needs both its date and its validator: no {missing}", "une validation demande sa date et son validateur : pas de {missing}";
    ValidationBeforeAssessment => "validated on {validation_date}, before the observation of {date}", "validé le {validation_date}, avant l’observation du {date}";
    BelowPassMark => "validated with {score}, below the {pass}% pass mark", "validé avec {score}, sous le seuil de {pass} %";
    CriticalStepsMissed => "validated although a critical step was not done", "validé alors qu’une étape critique n’a pas été faite";
    ValidatedTwice => "row {first_row} already validates this mentee on this competency", "la ligne {first_row} valide déjà ce mentoré pour cette compétence";
    DuplicateRow => "the same assessment as row {first_row}", "la même évaluation que la ligne {first_row}";
}

fn put(i18n: I18n, key: WKey, values: &[(&str, &str)]) -> String {
    fill(i18n.t(key), values)
}

/// A problem in the current language.
pub fn problem_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::MissingValue { column } => put(i18n, WKey::MissingValue, &[("column", column)]),
        Problem::TooLong { column, max } => put(
            i18n,
            WKey::TooLong,
            &[("column", column), ("max", &max.to_string())],
        ),
        Problem::UnknownFacility { facility } => {
            put(i18n, WKey::UnknownFacility, &[("facility", facility)])
        }
        Problem::AmbiguousFacility { facility } => {
            put(i18n, WKey::AmbiguousFacility, &[("facility", facility)])
        }
        Problem::UnknownCadre { cadre } => put(i18n, WKey::UnknownCadre, &[("cadre", cadre)]),
        Problem::BadPhone => i18n.t(WKey::BadPhone).to_owned(),
        Problem::ConflictingPhone { first_row } => put(
            i18n,
            WKey::ConflictingPhone,
            &[("first_row", &first_row.to_string())],
        ),
        Problem::UnknownUser { column, username } => put(
            i18n,
            WKey::UnknownUser,
            &[("column", column), ("username", username)],
        ),
        Problem::UnknownAssociation { association } => put(
            i18n,
            WKey::UnknownAssociation,
            &[("association", association)],
        ),
        Problem::NoMentor => i18n.t(WKey::NoMentor).to_owned(),
        Problem::UnknownCompetency { competency } => {
            put(i18n, WKey::UnknownCompetency, &[("competency", competency)])
        }
        Problem::NoCurrentVersion { competency, kind } => put(
            i18n,
            WKey::NoCurrentVersion,
            &[("competency", competency), ("kind", kind)],
        ),
        Problem::UnknownKind { kind } => put(i18n, WKey::UnknownKind, &[("kind", kind)]),
        Problem::BadDate { column, value } => {
            put(i18n, WKey::BadDate, &[("column", column), ("value", value)])
        }
        Problem::FutureDate { column, date } => put(
            i18n,
            WKey::FutureDate,
            &[("column", column), ("date", date)],
        ),
        Problem::BadScore { score } => put(i18n, WKey::BadScore, &[("score", score)]),
        Problem::ScoreOutOfRange { score } => put(i18n, WKey::ScoreOutOfRange, &[("score", score)]),
        Problem::BadYesNo { column, value } => put(
            i18n,
            WKey::BadYesNo,
            &[("column", column), ("value", value)],
        ),
        Problem::UnknownCase { case } => put(i18n, WKey::UnknownCase, &[("case", case)]),
        Problem::NotAnObservation { column } => {
            put(i18n, WKey::NotAnObservation, &[("column", column)])
        }
        Problem::IncompleteValidation { missing } => {
            put(i18n, WKey::IncompleteValidation, &[("missing", missing)])
        }
        Problem::ValidationBeforeAssessment {
            validation_date,
            date,
        } => put(
            i18n,
            WKey::ValidationBeforeAssessment,
            &[("validation_date", validation_date), ("date", date)],
        ),
        Problem::BelowPassMark {
            score,
            pass_mark_percent,
        } => put(
            i18n,
            WKey::BelowPassMark,
            &[
                (
                    "score",
                    &format!("{}/{}", score.achieved(), score.applicable()),
                ),
                ("pass", &pass_mark_percent.to_string()),
            ],
        ),
        Problem::CriticalStepsMissed => i18n.t(WKey::CriticalStepsMissed).to_owned(),
        Problem::ValidatedTwice { first_row } => put(
            i18n,
            WKey::ValidatedTwice,
            &[("first_row", &first_row.to_string())],
        ),
        Problem::DuplicateRow { first_row } => put(
            i18n,
            WKey::DuplicateRow,
            &[("first_row", &first_row.to_string())],
        ),
    }
}

/// One row's problem, with its row.
pub fn row_text(i18n: I18n, error: &RowError) -> String {
    put(
        i18n,
        WKey::Row,
        &[
            ("row", &error.row.to_string()),
            ("problem", &problem_text(i18n, &error.problem)),
        ],
    )
}
