//! The translation checker (`app/i18n_check.rs`, run by `app/build.rs`): the real files pass,
//! and each kind of mistake a translator can make is caught and named.

use super::i18n_check::{self, Entry, Language, check, parse_file, placeholders};
use super::{Lang, Plural};

fn language(code: &str, files: &[(&str, &str)]) -> Language {
    Language {
        code: code.to_owned(),
        files: files
            .iter()
            .map(|(path, json)| i18n_check::File {
                path: (*path).to_owned(),
                sets: parse_file(json).unwrap_or_else(|e| panic!("{path}: {e}")),
            })
            .collect(),
    }
}

const EN: &str = r#"{
  "DKey": { "Delete": "Delete {what}", "Keep": "Keep it" },
  "DCount": { "Left": { "one": "{n} day left for {name}", "other": "{n} days left for {name}" } }
}"#;

/// The problems of a French file `fr` against [`EN`].
fn problems(fr: &str) -> Vec<String> {
    check(&[
        language("en", &[("components/confirm_delete", EN)]),
        language("fr", &[("components/confirm_delete", fr)]),
    ])
}

fn assert_one_problem(fr: &str, expected: &str) {
    let found = problems(fr);
    assert!(
        found.len() == 1 && found[0].contains(expected),
        "expected one problem containing {expected:?}, found {found:#?}"
    );
}

#[test]
fn the_app_translations_are_complete() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let languages = i18n_check::load_dir(&root).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(check(&languages), Vec::<String>::new());
    assert!(languages.len() >= 2, "English and French at least");
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    let built: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(codes, built, "Lang::ALL is the folders under app/i18n/");
}

#[test]
fn a_complete_translation_passes() {
    let fr = r#"{
      "DKey": { "Keep": "La garder", "Delete": "Supprimer {what}" },
      "DCount": { "Left": { "one": "{n} jour pour {name}", "other": "{n} jours pour {name}" } }
    }"#;
    assert_eq!(problems(fr), Vec::<String>::new());
}

#[test]
fn a_missing_key_is_named_with_language_file_and_set() {
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}" },
             "DCount": { "Left": { "one": "{n} j {name}", "other": "{n} j {name}" } } }"#,
        "fr: components/confirm_delete.json: DKey.Keep: missing (English: \"Keep it\")",
    );
}

#[test]
fn a_blank_text_is_caught() {
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "  " },
             "DCount": { "Left": { "one": "{n} j {name}", "other": "{n} j {name}" } } }"#,
        "DKey.Keep: the text is blank",
    );
}

#[test]
fn a_different_placeholder_is_caught() {
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {quoi}", "Keep": "La garder" },
             "DCount": { "Left": { "one": "{n} j {name}", "other": "{n} j {name}" } } }"#,
        "DKey.Delete: placeholders {quoi} but English has {what}",
    );
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer", "Keep": "La garder" },
             "DCount": { "Left": { "one": "{n} j {name}", "other": "{n} j {name}" } } }"#,
        "placeholders none but English has {what}",
    );
}

#[test]
fn a_key_set_or_file_english_lacks_is_caught() {
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder", "Extra": "En trop" },
             "DCount": { "Left": { "one": "{n} j {name}", "other": "{n} j {name}" } } }"#,
        "fr: components/confirm_delete.json: DKey.Extra: English has no such key",
    );
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder" },
             "DCount": { "Left": { "one": "{n} j {name}", "other": "{n} j {name}" } },
             "Other": { "A": "a" } }"#,
        "fr: components/confirm_delete.json: Other: English has no such set",
    );
    let found = check(&[
        language("en", &[("a", r#"{ "AKey": { "A": "a" } }"#)]),
        language(
            "fr",
            &[
                ("a", r#"{ "AKey": { "A": "a" } }"#),
                ("b", r#"{ "BKey": { "B": "b" } }"#),
            ],
        ),
    ]);
    assert_eq!(
        found,
        vec!["fr: b.json: English has no such file".to_owned()]
    );
}

#[test]
fn a_missing_set_or_file_is_caught() {
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder" } }"#,
        "fr: components/confirm_delete.json: DCount: the set is missing",
    );
    let found = check(&[
        language("en", &[("a", r#"{ "AKey": { "A": "a" } }"#)]),
        language("rw", &[]),
    ]);
    assert_eq!(found, vec!["rw: a.json: the file is missing".to_owned()]);
}

#[test]
fn every_plural_form_must_name_the_count() {
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder" },
             "DCount": { "Left": { "one": "un jour pour {name}", "other": "{n} j {name}" } } }"#,
        "DCount.Left: the `one` form does not contain {n}",
    );
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder" },
             "DCount": { "Left": { "one": "{n} j", "other": "{n} j {name}" } } }"#,
        "DCount.Left: the `one` form has placeholders none but English has {name}",
    );
}

#[test]
fn plural_forms_are_exactly_the_language_categories() {
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder" },
             "DCount": { "Left": { "other": "{n} j {name}" } } }"#,
        "DCount.Left: plural forms {other} but this language needs exactly {one, other}",
    );
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder" },
             "DCount": { "Left": { "one": "{n} j {name}", "many": "{n} j {name}", "other": "{n} j {name}" } } }"#,
        "plural forms {one, many, other}",
    );
    assert_one_problem(
        r#"{ "DKey": { "Delete": "Supprimer {what}", "Keep": "La garder" },
             "DCount": { "Left": "{n} jours pour {name}" } }"#,
        "DCount.Left: English has plural forms",
    );
}

#[test]
fn a_language_the_app_cannot_show_is_refused() {
    let found = check(&[
        language("en", &[("a", r#"{ "AKey": { "A": "a" } }"#)]),
        language("sw", &[("a", r#"{ "AKey": { "A": "a" } }"#)]),
    ]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("sw: the app knows no language `sw`"),
        "{found:?}"
    );
}

#[test]
fn english_sets_are_checked_too() {
    let found = check(&[language(
        "en",
        &[(
            "a",
            r#"{ "AKey": { "A": "a", "B": { "one": "{n} b", "other": "b" } }, "lower": { "x": "" } }"#,
        )],
    )]);
    let expected = [
        "en: a.json: AKey: a set is all texts or all counted phrases, not both",
        "en: a.json: AKey.B: the `other` form does not contain {n}",
        "en: a.json: lower: a set name must be a Rust type name",
        "en: a.json: lower.x: a key must be a Rust variant name",
        "en: a.json: lower.x: the text is blank",
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (found, expected) in found.iter().zip(expected) {
        assert!(found.starts_with(expected), "{found:?} is not {expected:?}");
    }
}

#[test]
fn the_reader_keeps_order_and_escapes_and_refuses_duplicates() {
    let sets = parse_file(
        "\u{feff}{ \"K\": { \"B\": \"a \\\"q\\\" \\u00e9 \\ud83d\\ude00\\n\", \"A\": { \"one\": \"x\", \"other\": \"y\" } } }",
    )
    .expect("valid");
    assert_eq!(sets[0].name, "K");
    assert_eq!(
        sets[0].entries[0],
        ("B".to_owned(), Entry::Text("a \"q\" é 😀\n".to_owned()))
    );
    assert_eq!(sets[0].entries[1].0, "A");
    let twice = parse_file("{ \"K\": {\n \"A\": \"a\",\n \"A\": \"b\" } }").unwrap_err();
    assert_eq!(twice, "line 3: \"A\" is written twice");
    assert!(parse_file("{ \"K\": { \"A\": 1 } }").is_err());
    assert!(parse_file("{ \"K\": { \"A\": \"a\" } } x").is_err());
    assert!(parse_file("{ \"K\": { \"A\": \"a\", } }").is_err());
}

#[test]
fn placeholders_are_names_in_braces_only() {
    let names = placeholders("{n} of {total} → {\"data_element\": uid} {} { x}");
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["n", "total"]);
}

#[test]
fn the_checker_knows_the_same_languages_as_lang() {
    let known: Vec<(&str, &str)> = i18n_check::KNOWN.iter().map(|k| (k.0, k.1)).collect();
    let lang: Vec<(&str, String)> = Lang::KNOWN
        .iter()
        .map(|l| (l.code(), format!("{l:?}")))
        .collect();
    assert_eq!(known.len(), lang.len());
    for ((code, variant), (lang_code, lang_variant)) in known.iter().zip(&lang) {
        assert_eq!((code, *variant), (lang_code, lang_variant.as_str()));
    }
    // `Counted::forms` has one form per `Plural` category, in this order.
    for lang in Lang::KNOWN {
        assert_eq!(
            i18n_check::categories(lang.code()),
            Some(&["one", "other"][..])
        );
        assert_eq!(lang.plural(1), Plural::One);
    }
}

#[test]
fn the_generated_rust_is_literals_per_key_and_language() {
    let fr = r#"{
      "DKey": { "Delete": "Supprimer « {what} »", "Keep": "La garder" },
      "DCount": { "Left": { "one": "{n} jour pour {name}", "other": "{n} jours pour {name}" } }
    }"#;
    let languages = [
        language("en", &[("components/confirm_delete", EN)]),
        language("fr", &[("components/confirm_delete", fr)]),
    ];
    let keys = i18n_check::set_source(&languages, "components/confirm_delete", "DKey");
    assert!(
        keys.contains("pub enum DKey {\n    Delete,\n    Keep,\n}"),
        "{keys}"
    );
    assert!(
        keys.contains("pub const ALL: &[DKey] = &[DKey::Delete, DKey::Keep];"),
        "{keys}"
    );
    assert!(keys.contains("impl crate::i18n::Text for DKey"), "{keys}");
    assert!(
        keys.contains("(DKey::Delete, crate::i18n::Lang::Fr) => \"Supprimer « {what} »\","),
        "{keys}"
    );
    // Kinyarwanda has no folder here: never offered, English stands in for it.
    assert!(keys.contains("English stands in: rw"), "{keys}");
    assert!(
        keys.contains("(DKey::Keep, crate::i18n::Lang::Rw) => \"Keep it\","),
        "{keys}"
    );
    let counts = i18n_check::set_source(&languages, "components/confirm_delete", "DCount");
    assert!(
        counts.contains("impl crate::i18n::Counted for DCount"),
        "{counts}"
    );
    assert!(
        counts.contains(
            "(DCount::Left, crate::i18n::Lang::En) => [\"{n} day left for {name}\", \"{n} days left for {name}\"],"
        ),
        "{counts}"
    );
    assert_eq!(
        i18n_check::languages_source(&languages),
        "&[Lang::En, Lang::Fr]\n"
    );
}
