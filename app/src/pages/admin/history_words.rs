//! A tracker import's row problems in the current language.

use mentora_shared::setup::tracker::{Problem, RowError};

use crate::i18n::{I18n, fill};

crate::i18n::keys!(WKey, "pages/admin/history_words");

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
