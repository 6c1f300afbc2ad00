use super::*;
use crate::catalogue::Catalogue;
use crate::reports::csv::to_csv;
use crate::setup::csv::read;

/// Rows as a spreadsheet would hand them back: written as CSV, read with the sheet limits.
fn through_csv(rows: &[Vec<String>]) -> Vec<Record> {
    read(&to_csv(rows), LIMITS).expect("our own CSV reads")
}

fn sheet(lines: &[&str]) -> Vec<Record> {
    read(&lines.join("\n"), LIMITS).expect("test CSV reads")
}

const CHECKLIST_HEADER: &str =
    "section_id,section_en,section_fr,step_id,step_en,step_fr,critical,weight,na_allowed";

#[test]
fn every_built_in_version_round_trips_through_csv() {
    let catalogue = Catalogue::load_builtin().expect("built-in catalogue loads");
    let mut versions = 0;
    for competency in &catalogue.competencies {
        for checklist in &competency.checklists {
            let records = through_csv(&checklist_rows(checklist));
            let back = parse_checklist("hbb.csv", &records, checklist.version);
            assert_eq!(back.as_ref(), Ok(checklist), "{} checklist", competency.id);
            versions += 1;
        }
        for test in &competency.knowledge_tests {
            let records = through_csv(&test_rows(test));
            let back = parse_knowledge_test("test.csv", &records, test.version);
            assert_eq!(back.as_ref(), Ok(test), "{} test", competency.id);
            versions += 1;
        }
    }
    assert!(versions >= 26, "only {versions} versions compared");
}

#[test]
fn a_minimal_checklist_reads_with_blank_continuations_and_defaults() {
    let records = sheet(&[
        CHECKLIST_HEADER,
        "prep,Preparation,Préparation,towels,Dry towels ready,Linges secs prêts,yes,,",
        ",,,bag,Bag and mask checked,Ballon et masque vérifiés,no,2,oui",
        "care,Care,Soins,dry,-Dry the baby,-Sécher le bébé,,,",
    ]);
    let checklist = parse_checklist("new.csv", &records, 2).expect("reads");
    assert_eq!(checklist.version, 2);
    assert_eq!(checklist.sections.len(), 2);
    let bag = checklist.item(&ItemId::new("bag")).expect("bag step");
    assert_eq!((bag.critical, bag.weight, bag.na_allowed), (false, 2, true));
    let towels = checklist.item(&ItemId::new("towels")).expect("towels step");
    assert_eq!((towels.critical, towels.weight), (true, 1));
    assert_eq!(
        towels.text.rw, None,
        "no Kinyarwanda column: not translated yet"
    );
    let dry = checklist.item(&ItemId::new("dry")).expect("dry step");
    assert_eq!(dry.text.en, "-Dry the baby");
}

#[test]
fn a_formula_guard_written_by_the_csv_writer_is_taken_off() {
    let records = sheet(&[
        CHECKLIST_HEADER,
        "prep,Preparation,Préparation,towels,'=Dry towels,'=Linges,yes,,",
    ]);
    let checklist = parse_checklist("new.csv", &records, 1).expect("reads");
    let step = checklist.item(&ItemId::new("towels")).expect("step");
    assert_eq!(step.text.en, "=Dry towels");
}

#[test]
fn header_problems_are_all_reported() {
    let records = sheet(&[
        "section_id,section_en,section_fr,step_id,step_en,Step_EN,critical,weigth",
        "prep,Preparation,Préparation,towels,Dry,Sec,yes,1",
    ]);
    let problems = parse_checklist("new.csv", &records, 1).expect_err("refused");
    assert_eq!(
        problems,
        vec![
            SheetProblem::DuplicateColumn {
                column: "step_en".into()
            },
            SheetProblem::UnknownColumn {
                column: "weigth".into()
            },
            SheetProblem::MissingColumn {
                column: "step_fr".into()
            },
            SheetProblem::MissingColumn {
                column: "weight".into()
            },
            SheetProblem::MissingColumn {
                column: "na_allowed".into()
            },
        ]
    );
    assert_eq!(
        parse_checklist("new.csv", &[], 1),
        Err(vec![SheetProblem::Empty])
    );
}

#[test]
fn row_problems_name_the_row_and_column() {
    let records = sheet(&[
        CHECKLIST_HEADER,
        ",,,orphan,Orphan,Orphelin,no,,",
        "prep,Preparation,Préparation,,Dry,Sec,maybe,0,",
        ",Prep,,bag,Bag,Ballon,yes,,",
        "care,Care,Soins,dry,Dry,Sécher,yes,,",
        "prep,Preparation,Préparation,late,Late,Tard,yes,,",
    ]);
    let problems = parse_checklist("new.csv", &records, 1).expect_err("refused");
    assert_eq!(
        problems,
        vec![
            SheetProblem::NothingToContinue {
                line: 2,
                column: "section_id".into()
            },
            SheetProblem::Blank {
                line: 3,
                column: "step_id".into()
            },
            SheetProblem::NotYesNo {
                line: 3,
                column: "critical".into(),
                value: "maybe".into()
            },
            SheetProblem::BadWeight {
                line: 3,
                value: "0".into()
            },
            SheetProblem::Differs {
                line: 4,
                column: "section_en".into()
            },
            SheetProblem::Split {
                line: 6,
                id: "prep".into()
            },
        ]
    );
}

#[test]
fn the_loaders_checks_name_the_item() {
    let records = sheet(&[
        CHECKLIST_HEADER,
        "prep,Preparation,,towels,Dry towels,Linges,no,,",
        ",,,towels,Again,Encore,no,,",
    ]);
    let problems = parse_checklist("hbb-v2.csv", &records, 2).expect_err("refused");
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        vec![
            "checklist v2 step towels: id \"towels\" is used twice",
            "checklist v2 section prep: Fr text is missing",
            "checklist v2: has no critical step",
        ]
    );
}

const TEST_HEADER: &str = "question_id,question_en,question_fr,option_id,option_en,option_fr,correct,explanation_en,explanation_fr";

#[test]
fn a_test_reads_and_needs_exactly_one_key_per_question() {
    let good = sheet(&[
        TEST_HEADER,
        "q1,First breath?,Premier souffle ?,a,60 s,60 s,yes,The golden minute,La minute d'or",
        ",,,b,5 min,5 min,,,",
    ]);
    let test = parse_knowledge_test("t.csv", &good, 3).expect("reads");
    let question = &test.questions[0];
    assert_eq!(question.answer, OptionId::new("a"));
    assert_eq!(question.options.len(), 2);
    assert_eq!(
        question.explanation.as_ref().map(|e| e.en.as_str()),
        Some("The golden minute")
    );

    let bad = sheet(&[
        TEST_HEADER,
        "q1,First?,Premier ?,a,A,A,yes,",
        ",,,b,B,B,yes,",
        "q2,Second?,Deuxième ?,a,A,A,no,",
        ",,,b,B,B,no,",
    ]);
    assert_eq!(
        parse_knowledge_test("t.csv", &bad, 1),
        Err(vec![
            SheetProblem::AnswerCount {
                question: "q1".into(),
                correct: 2
            },
            SheetProblem::AnswerCount {
                question: "q2".into(),
                correct: 0
            },
        ])
    );
}

#[test]
fn a_one_option_question_is_the_loaders_to_refuse() {
    let records = sheet(&[TEST_HEADER, "q1,Only?,Seule ?,a,A,A,yes,"]);
    let problems = parse_knowledge_test("t.csv", &records, 1).expect_err("refused");
    assert_eq!(
        problems,
        vec![SheetProblem::Catalogue {
            item: "knowledge test v1 question q1".into(),
            problem: crate::catalogue::Problem::TooFewOptions(1)
        }]
    );
}
