use serde_json::{Value, json};

use super::*;
use crate::domain::Language;

/// Loads the built-in catalogue with `file` rewritten by `mutate`, and checks the issues found.
#[track_caller]
fn check(file: &str, mutate: impl FnOnce(&mut Value), expect: &[(&str, Problem)]) {
    let mut texts: Vec<(&str, String)> = BUILTIN_SOURCES
        .iter()
        .map(|source| (source.file, source.text.to_owned()))
        .collect();
    let (_, text) = texts
        .iter_mut()
        .find(|(name, _)| *name == file)
        .expect("file is built in");
    let mut value: Value = serde_json::from_str(text).expect("built-in file parses");
    mutate(&mut value);
    *text = value.to_string();
    let sources: Vec<CatalogueSource<'_>> = texts
        .iter()
        .map(|(file, text)| CatalogueSource { file, text })
        .collect();
    let issues = load(&sources)
        .err()
        .map(|error| error.0)
        .unwrap_or_default();
    let expect: Vec<CatalogueIssue> = expect
        .iter()
        .map(|(item, problem)| CatalogueIssue {
            file: file.to_owned(),
            item: (*item).to_owned(),
            problem: problem.clone(),
        })
        .collect();
    assert_eq!(issues, expect);
}

const HBB: &str = "competencies/hbb.json";

fn first_step(value: &mut Value) -> &mut Value {
    &mut value["checklists"][0]["sections"][0]["items"][0]
}

fn first_question(value: &mut Value) -> &mut Value {
    &mut value["knowledge_tests"][0]["questions"][0]
}

#[test]
fn builtin_catalogue_loads() {
    let catalogue = Catalogue::load_builtin().expect("built-in catalogue is valid");
    assert_eq!(catalogue.competencies.len(), 13);
    check(HBB, |_| {}, &[]);
}

#[test]
fn rejections_name_file_item_and_problem() {
    check(
        HBB,
        |v| first_step(v)["weight"] = json!(0),
        &[("hbb checklist v1 step identify_helper", Problem::ZeroWeight)],
    );
    check(
        HBB,
        |v| first_step(v)["text"]["fr"] = json!(" "),
        &[(
            "hbb checklist v1 step identify_helper",
            Problem::MissingTranslation(Language::Fr),
        )],
    );
    check(
        HBB,
        |v| v["name"]["en"] = json!(""),
        &[("hbb name", Problem::MissingTranslation(Language::En))],
    );
    check(
        HBB,
        |v| first_step(v)["id"] = json!("warm_area"),
        &[(
            "hbb checklist v1 step warm_area",
            Problem::DuplicateId("warm_area".into()),
        )],
    );
    check(
        HBB,
        |v| first_step(v)["id"] = json!("Bad Id"),
        &[("hbb checklist v1 step Bad Id", Problem::BadId)],
    );
    check(
        HBB,
        |v| first_question(v)["answer"] = json!("z"),
        &[(
            "hbb knowledge test v1 question golden_minute",
            Problem::AnswerNotAnOption("z".into()),
        )],
    );
    check(
        HBB,
        |v| first_question(v)["explanation"] = json!({"en": "Breathing by one minute", "fr": ""}),
        &[(
            "hbb knowledge test v1 question golden_minute explanation",
            Problem::MissingTranslation(Language::Fr),
        )],
    );
    check(
        HBB,
        |v| first_question(v)["options"] = json!([]),
        &[
            (
                "hbb knowledge test v1 question golden_minute",
                Problem::TooFewOptions(0),
            ),
            (
                "hbb knowledge test v1 question golden_minute",
                Problem::AnswerNotAnOption("a".into()),
            ),
        ],
    );
    check(
        HBB,
        |v| v["knowledge_tests"][0]["questions"] = json!([]),
        &[("hbb knowledge test v1", Problem::Empty)],
    );
    check(
        HBB,
        |v| v["knowledge_tests"] = json!([]),
        &[("hbb knowledge test", Problem::Empty)],
    );
    check(
        HBB,
        |v| v["checklists"][0]["sections"][0]["items"] = json!([]),
        &[("hbb checklist v1 section prepare", Problem::Empty)],
    );
    check(
        HBB,
        |v| v["id"] = json!("hbb2"),
        &[(
            "hbb2",
            Problem::FileNameMismatch {
                expected: "competencies/hbb2.json".into(),
            },
        )],
    );
    check(
        HBB,
        |v| v["cadres"] = json!([]),
        &[("hbb cadres", Problem::Empty)],
    );
    check(
        HBB,
        |v| {
            for section in v["checklists"][0]["sections"]
                .as_array_mut()
                .into_iter()
                .flatten()
            {
                for step in section["items"].as_array_mut().into_iter().flatten() {
                    step["critical"] = json!(false);
                }
            }
        },
        &[("hbb checklist v1", Problem::NoCriticalStep)],
    );
    check(
        HBB,
        |v| {
            let mut second = v["checklists"][0].clone();
            second["version"] = json!(1);
            // Right after version 1: hbb also has a version 2, which still follows.
            v["checklists"]
                .as_array_mut()
                .expect("array")
                .insert(1, second);
        },
        &[(
            "hbb checklist v1",
            Problem::VersionNotIncreasing {
                found: 1,
                previous: 1,
            },
        )],
    );
    check(
        HBB,
        |v| v["checklists"][0]["version"] = json!(0),
        &[("hbb checklist v0", Problem::VersionZero)],
    );
}

#[test]
fn malformed_json_and_schema_errors() {
    let issue = |problem_prefix: &str, file: &str, text: &str| {
        let mut sources: Vec<CatalogueSource<'_>> = BUILTIN_SOURCES.to_vec();
        sources.retain(|source| source.file != file);
        sources.push(CatalogueSource { file, text });
        let issues = load(&sources)
            .err()
            .map(|error| error.0)
            .unwrap_or_default();
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].file, file);
        assert!(
            issues[0].to_string().starts_with(&format!("{file}: line")),
            "{}",
            issues[0]
        );
        assert!(
            matches!(&issues[0].problem, Problem::Malformed(message) if message.contains(problem_prefix)),
            "{issues:?}"
        );
    };
    issue("EOF", HBB, "{");
    issue(
        "unknown variant `dentistry`",
        HBB,
        &BUILTIN_SOURCES[7]
            .text
            .replace("\"neonatal_health\"", "\"dentistry\""),
    );
    issue(
        "unknown field `colour`",
        "programmes.json",
        &BUILTIN_SOURCES[0]
            .text
            .replacen("\"country\"", "\"colour\": 1, \"country\"", 1),
    );
}

#[test]
fn missing_and_unknown_files() {
    let without_programmes: Vec<CatalogueSource<'_>> = BUILTIN_SOURCES
        .iter()
        .copied()
        .filter(|source| source.file != "programmes.json")
        .collect();
    let issues = load(&without_programmes)
        .err()
        .map(|error| error.0)
        .unwrap_or_default();
    assert_eq!(
        issues,
        [CatalogueIssue {
            file: "programmes.json".into(),
            item: "file".into(),
            problem: Problem::MissingEntry
        }]
    );
    let mut with_stray = BUILTIN_SOURCES.to_vec();
    with_stray.push(CatalogueSource {
        file: "notes.txt",
        text: "",
    });
    let issues = load(&with_stray)
        .err()
        .map(|error| error.0)
        .unwrap_or_default();
    assert_eq!(
        issues,
        [CatalogueIssue {
            file: "notes.txt".into(),
            item: "file".into(),
            problem: Problem::MissingEntry
        }]
    );
    let mut duplicated = BUILTIN_SOURCES.to_vec();
    duplicated.push(CatalogueSource {
        file: "competencies/hbb.json",
        text: BUILTIN_SOURCES[7].text,
    });
    let issues = load(&duplicated)
        .err()
        .map(|error| error.0)
        .unwrap_or_default();
    assert_eq!(
        issues,
        [CatalogueIssue {
            file: HBB.into(),
            item: "hbb".into(),
            problem: Problem::DuplicateId("hbb".into())
        }]
    );
}

#[test]
fn programmes_file_must_cover_every_programme_and_area() {
    check(
        "programmes.json",
        |v| {
            v["programmes"].as_array_mut().expect("array").remove(4);
        },
        &[("programme mesh", Problem::MissingEntry)],
    );
    check(
        "programmes.json",
        |v| v["technical_areas"][9]["name"]["fr"] = json!(""),
        &[(
            "technical area malaria",
            Problem::MissingTranslation(Language::Fr),
        )],
    );
    check(
        "data_verification.json",
        |v| v[0]["tolerance_basis_points"] = json!(20_000),
        &[(
            "data verification form v1",
            Problem::ToleranceOutOfRange(20_000),
        )],
    );
    check(
        "data_verification.json",
        |v| v[0]["indicators"][1]["id"] = json!("anc_first_visits"),
        &[(
            "data verification form v1 indicator anc_first_visits",
            Problem::DuplicateId("anc_first_visits".into()),
        )],
    );
    check(
        "facility_baseline.json",
        |v| v[0]["sections"][0]["items"][0]["text"]["en"] = json!(""),
        &[(
            "baseline tool v1 step reports_on_time",
            Problem::MissingTranslation(Language::En),
        )],
    );
}

#[test]
fn error_message_lists_every_issue() {
    let error = CatalogueError(vec![
        CatalogueIssue {
            file: "a.json".into(),
            item: "x".into(),
            problem: Problem::ZeroWeight,
        },
        CatalogueIssue {
            file: "b.json".into(),
            item: "y".into(),
            problem: Problem::Empty,
        },
    ]);
    assert_eq!(
        error.to_string(),
        "the catalogue has 2 problem(s):\na.json: x: weight must be greater than zero\nb.json: y: is empty"
    );
}
