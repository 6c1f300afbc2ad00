//! Why the server refused an admin action or an import, in the admin's language: the server
//! names a stable `code` (`user_exists`, `place_wrong_kind`, …) and the values its sentence
//! needs (`{"error": {"code", "message", "params"}}`); each code has a key of [`AdminKey`]. An
//! unknown code (a newer server) is said with [`AdminKey::Unknown`]; the server's English
//! `message` only reaches the console (`AppError::log`).

use std::collections::BTreeMap;

use crate::error::AppError;
use crate::i18n::{Lang, Text, fill};
use crate::platform::FetchError;

crate::i18n::keys!(AdminKey, "pages/admin/refusals");

/// The key that says a refusal, by its code (and, for a place of the wrong kind, the kind).
pub fn refusal_key(code: &str, params: &BTreeMap<String, String>) -> AdminKey {
    match code {
        "user_exists" => AdminKey::UserExists,
        "no_such_user" => AdminKey::NoSuchUser,
        "bad_username" => AdminKey::BadUsername,
        "bad_display_name" => AdminKey::BadDisplayName,
        "password_too_short" => AdminKey::PasswordTooShort,
        "password_is_username" => AdminKey::PasswordIsUsername,
        "password_repeated" => AdminKey::PasswordRepeated,
        "password_common" => AdminKey::PasswordCommon,
        "bad_place" => AdminKey::BadPlace,
        "mentor_needs_facility" => AdminKey::MentorNeedsFacility,
        "needs_place" => AdminKey::NeedsPlace,
        "user_disabled" => AdminKey::UserDisabled,
        "device_taken" => AdminKey::DeviceTaken,
        "device_revoked" => AdminKey::DeviceRevoked,
        "no_such_device" => AdminKey::NoSuchDevice,
        "ambiguous_device" => AdminKey::AmbiguousDevice,
        "user_has_no_place" => AdminKey::UserHasNoPlace,
        "place_wrong_kind" if params.get("kind").is_some_and(|k| k == "district") => {
            AdminKey::PlaceNotDistrict
        }
        "place_wrong_kind" => AdminKey::PlaceNotFacility,
        "own_account" => AdminKey::OwnAccount,
        "no_such_place" => AdminKey::NoSuchPlace,
        "file_empty" => AdminKey::FileEmpty,
        "unknown_column" => AdminKey::UnknownColumn,
        "missing_column" => AdminKey::MissingColumn,
        "duplicate_column" => AdminKey::DuplicateColumn,
        "file_too_large" => AdminKey::FileTooLarge,
        "too_many_rows" => AdminKey::TooManyRows,
        "csv_too_many_fields" => AdminKey::CsvTooManyFields,
        "csv_field_too_long" => AdminKey::CsvFieldTooLong,
        "csv_unclosed_quote" => AdminKey::CsvUnclosedQuote,
        "csv_stray_quote" => AdminKey::CsvStrayQuote,
        "not_dhis2" => AdminKey::NotDhis2,
        "not_workbook" => AdminKey::NotWorkbook,
        "bad_base64" => AdminKey::BadBase64,
        "text_or_workbook" => AdminKey::TextOrWorkbook,
        "rows_to_fix" => AdminKey::RowsToFix,
        _ => AdminKey::Unknown,
    }
}

/// A refusal's sentence in `lang`, its placeholders filled with the server's values.
pub fn refusal_text(code: &str, params: &BTreeMap<String, String>, lang: Lang) -> String {
    let values: Vec<(&str, &str)> = params
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    fill(refusal_key(code, params).text(lang), &values)
}

/// A failed admin request as an [`AppError`]: a 422 naming its code is a refusal said in the
/// admin's language, no network is the screen's own `offline` sentence, anything else the
/// app's (`AppError::from_fetch`).
pub fn admin_error(
    error: FetchError,
    detail: Option<serde_json::Value>,
    offline: impl Text,
) -> AppError {
    let message = detail
        .as_ref()
        .and_then(|d| d["message"].as_str())
        .map(str::to_owned);
    let code = detail
        .as_ref()
        .and_then(|d| d["code"].as_str())
        .map(str::to_owned);
    match (error, code) {
        (FetchError::Unreachable, _) => AppError::invalid(offline),
        (FetchError::Status(422), Some(code)) => {
            let params = detail
                .as_ref()
                .and_then(|d| d["params"].as_object())
                .map(|params| {
                    params
                        .iter()
                        .map(|(name, value)| {
                            let value = value
                                .as_str()
                                .map_or_else(|| value.to_string(), str::to_owned);
                            (name.clone(), value)
                        })
                        .collect()
                })
                .unwrap_or_default();
            AppError::AdminRefused {
                code,
                params,
                detail: message.unwrap_or_default(),
            }
        }
        (error, _) => AppError::from_fetch(error, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_english_is_the_servers_sentence_the_e2e_specs_match() {
        let exists = AppError::AdminRefused {
            code: "user_exists".to_owned(),
            params: params(&[("username", "mentor")]),
            detail: "user mentor already exists".to_owned(),
        };
        assert_eq!(exists.text(Lang::En), "user mentor already exists");
        assert_eq!(exists.text(Lang::Fr), "l’utilisateur mentor existe déjà");
        let kind = params(&[("place", "rw-huye"), ("kind", "facility")]);
        assert_eq!(
            refusal_text("place_wrong_kind", &kind, Lang::En),
            "rw-huye is not a facility"
        );
        let kind = params(&[("place", "rango-hc"), ("kind", "district")]);
        assert_eq!(
            refusal_text("place_wrong_kind", &kind, Lang::En),
            "rango-hc is not a district"
        );
        assert_eq!(
            refusal_text("password_too_short", &params(&[("min", "10")]), Lang::En),
            "password must be at least 10 characters"
        );
    }

    #[test]
    fn an_unknown_code_is_said_generically_without_the_servers_words() {
        let newer = AppError::AdminRefused {
            code: "something_new".to_owned(),
            params: BTreeMap::new(),
            detail: "an English sentence".to_owned(),
        };
        for &lang in Lang::ALL {
            let text = newer.text(lang);
            assert_eq!(text, AdminKey::Unknown.text(lang));
            assert!(!text.contains("English"));
        }
    }

    #[test]
    fn every_key_but_unknown_has_a_code() {
        const CODES: [&str; 35] = [
            "user_exists",
            "no_such_user",
            "bad_username",
            "bad_display_name",
            "password_too_short",
            "password_is_username",
            "password_repeated",
            "password_common",
            "bad_place",
            "mentor_needs_facility",
            "needs_place",
            "user_disabled",
            "device_taken",
            "device_revoked",
            "no_such_device",
            "ambiguous_device",
            "user_has_no_place",
            "place_wrong_kind",
            "own_account",
            "no_such_place",
            "file_empty",
            "unknown_column",
            "missing_column",
            "duplicate_column",
            "file_too_large",
            "too_many_rows",
            "csv_too_many_fields",
            "csv_field_too_long",
            "csv_unclosed_quote",
            "csv_stray_quote",
            "not_dhis2",
            "not_workbook",
            "bad_base64",
            "text_or_workbook",
            "rows_to_fix",
        ];
        let district = params(&[("kind", "district")]);
        let mut used: Vec<AdminKey> = CODES
            .iter()
            .map(|code| refusal_key(code, &BTreeMap::new()))
            .collect();
        used.push(refusal_key("place_wrong_kind", &district));
        for key in AdminKey::ALL {
            if *key != AdminKey::Unknown {
                assert!(used.contains(key), "{key:?} has no code");
            }
        }
    }
}
