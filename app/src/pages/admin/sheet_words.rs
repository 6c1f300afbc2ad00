//! What a checked catalogue sheet refuses, in the reader's language: the sheet's own problems
//! (row and column), the catalogue loader's (by item), and why a file is not readable CSV.

use mentora_shared::catalogue::Problem;
use mentora_shared::catalogue::sheet::SheetProblem;
use mentora_shared::domain::Language;
use mentora_shared::setup::csv::CsvError;

use crate::i18n::{I18n, fill};

crate::i18n::keys!(WKey, "pages/admin/sheet_words");

fn say(i18n: I18n, key: WKey, values: &[(&str, &str)]) -> String {
    fill(i18n.t(key), values)
}

pub fn problem_text(i18n: I18n, problem: &SheetProblem) -> String {
    use SheetProblem as P;
    match problem {
        P::Empty => say(i18n, WKey::Empty, &[]),
        P::MissingColumn { column } => say(i18n, WKey::MissingColumn, &[("column", column)]),
        P::UnknownColumn { column } => say(i18n, WKey::UnknownColumn, &[("column", column)]),
        P::DuplicateColumn { column } => say(i18n, WKey::DuplicateColumn, &[("column", column)]),
        P::Blank { line, column } => say(
            i18n,
            WKey::Blank,
            &[("row", &line.to_string()), ("column", column)],
        ),
        P::NotYesNo {
            line,
            column,
            value,
        } => say(
            i18n,
            WKey::NotYesNo,
            &[
                ("row", &line.to_string()),
                ("column", column),
                ("value", value),
            ],
        ),
        P::BadWeight { line, value } => say(
            i18n,
            WKey::BadWeight,
            &[("row", &line.to_string()), ("value", value)],
        ),
        P::NothingToContinue { line, column } => say(
            i18n,
            WKey::NothingToContinue,
            &[("row", &line.to_string()), ("column", column)],
        ),
        P::Differs { line, column } => say(
            i18n,
            WKey::Differs,
            &[("row", &line.to_string()), ("column", column)],
        ),
        P::Split { line, id } => say(i18n, WKey::Split, &[("row", &line.to_string()), ("id", id)]),
        P::AnswerCount { question, correct } => say(
            i18n,
            WKey::AnswerCount,
            &[("question", question), ("n", &correct.to_string())],
        ),
        P::Catalogue { item, problem } => say(
            i18n,
            WKey::Item,
            &[("item", item), ("problem", &loader_text(i18n, problem))],
        ),
    }
}

fn loader_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::DuplicateId(id) => say(i18n, WKey::DuplicateId, &[("id", id)]),
        Problem::BadId => say(i18n, WKey::BadId, &[]),
        Problem::MissingTranslation(language) => say(
            i18n,
            match language {
                Language::En => WKey::MissingEn,
                Language::Fr => WKey::MissingFr,
                Language::Rw => WKey::MissingRw,
            },
            &[],
        ),
        Problem::TooFewOptions(n) => say(i18n, WKey::TooFewOptions, &[("n", &n.to_string())]),
        Problem::AnswerNotAnOption(id) => say(i18n, WKey::AnswerNotAnOption, &[("id", id)]),
        Problem::ZeroWeight => say(i18n, WKey::ZeroWeight, &[]),
        Problem::Empty => say(i18n, WKey::NoRows, &[]),
        Problem::NoCriticalStep => say(i18n, WKey::NoCriticalStep, &[]),
        // what only the loader's JSON files can have: its own English words
        other => other.to_string(),
    }
}

pub fn csv_text(i18n: I18n, error: &CsvError) -> String {
    match error {
        CsvError::TooManyRecords { max } => {
            say(i18n, WKey::TooManyRecords, &[("max", &max.to_string())])
        }
        CsvError::TooManyFields { line, max } => say(
            i18n,
            WKey::TooManyFields,
            &[("row", &line.to_string()), ("max", &max.to_string())],
        ),
        CsvError::FieldTooLong { line, max } => say(
            i18n,
            WKey::FieldTooLong,
            &[("row", &line.to_string()), ("max", &max.to_string())],
        ),
        CsvError::UnclosedQuote { line } => {
            say(i18n, WKey::UnclosedQuote, &[("row", &line.to_string())])
        }
        CsvError::StrayQuote { line } => say(i18n, WKey::StrayQuote, &[("row", &line.to_string())]),
    }
}
