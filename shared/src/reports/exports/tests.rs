use super::fixtures::{ALINE, CLAUDINE, JEAN, mentees};
use super::*;

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn mentees_are_sorted_by_place_then_name_and_merged_duplicates_are_left_out() {
    let table = mentees_table(&mentees());
    assert_eq!(table.name, "mentees");
    assert_eq!(
        table.header(),
        [
            "mentee_id",
            "name",
            "cadre",
            "association",
            "facility",
            "district",
            "competencies",
            "validated_count",
            "in_coaching_count"
        ]
    );
    assert_eq!(
        table.rows,
        [
            // hbb validated, kmc not started.
            row(&[
                ALINE,
                "Aline Uwase",
                "nurse",
                "",
                "rango-hc",
                "rw-huye",
                "hbb; kmc",
                "1",
                "0"
            ]),
            // hbb has one pre-test and no validation: in coaching.
            row(&[
                JEAN,
                "Jean Bosco Habimana",
                "midwife",
                "",
                "rango-hc",
                "rw-huye",
                "hbb",
                "0",
                "1"
            ]),
            row(&[
                CLAUDINE,
                "Claudine Mukamana",
                "chw",
                "",
                "nyanza-dh",
                "rw-nyanza",
                "iccm",
                "1",
                "0"
            ]),
        ]
    );
}

#[test]
fn assessments_carry_score_case_missed_steps_and_feedback_but_no_phone() {
    let table = assessments_table(&mentees());
    assert_eq!(table.columns.len(), 18);
    assert_eq!(
        table.rows.len(),
        6,
        "the merged duplicate's pre-test is left out"
    );
    let id = |n: u8| format!("00000000-0000-0000-0000-0000000000{n:02x}");
    let aline = |n: u8, rest: &[&str]| {
        let mut cells = vec![id(n), ALINE.to_owned(), "Aline Uwase".to_owned()];
        cells.extend(["rango-hc", "rw-huye", "hbb"].map(str::to_owned));
        cells.extend(rest.iter().map(|c| (*c).to_owned()));
        cells
    };
    assert_eq!(
        table.rows[0],
        aline(
            1,
            &[
                "2024-01-10",
                "knowledge_test",
                "pre_test",
                "",
                "4",
                "10",
                "40.00",
                "",
                "",
                "Demo Mentor",
                "",
                ""
            ]
        )
    );
    // 7/12 is 58.333…%, shown rounded down.
    assert_eq!(
        table.rows[1],
        aline(
            2,
            &[
                "2024-02-05",
                "observation",
                "coaching",
                "real_with_consent",
                "7",
                "12",
                "58.33",
                "1",
                "dry_baby",
                "Demo Mentor",
                "Good bag-mask seal",
                "Dry the baby first, then ventilate"
            ]
        )
    );
    assert_eq!(
        table.rows[3],
        aline(
            4,
            &[
                "2024-03-31",
                "observation",
                "post_mentorship",
                "simulated",
                "12",
                "12",
                "100.00",
                "0",
                "",
                "Demo Mentor",
                "",
                ""
            ]
        )
    );
    assert_eq!(table.rows[4][0], id(5));
    assert_eq!(table.rows[4][1], JEAN);
    // 5/6 is 83.333…%.
    assert_eq!(
        table.rows[5][6..15],
        row(&[
            "2023-12-31",
            "chw_group_assessment",
            "",
            "",
            "5",
            "6",
            "83.33",
            "1",
            "count_breaths"
        ])
    );
    let everything = table.to_csv();
    assert!(
        !everything.contains("+250"),
        "phone numbers are never exported"
    );
}

#[test]
fn validations_list_who_validated_and_after_how_many_evaluations() {
    let table = validations_table(&mentees());
    assert_eq!(
        table.header(),
        [
            "validation_id",
            "mentee_id",
            "mentee_name",
            "facility",
            "district",
            "competency",
            "date",
            "validated_by",
            "evaluations_to_validation"
        ]
    );
    assert_eq!(
        table.rows,
        [
            row(&[
                "00000000-0000-0000-0000-000000000011",
                ALINE,
                "Aline Uwase",
                "rango-hc",
                "rw-huye",
                "hbb",
                "2024-03-31",
                "Demo Mentor",
                "2"
            ]),
            row(&[
                "00000000-0000-0000-0000-000000000013",
                CLAUDINE,
                "Claudine Mukamana",
                "nyanza-dh",
                "rw-nyanza",
                "iccm",
                "2024-01-02",
                "Demo Mentor",
                "1"
            ]),
        ]
    );
}

#[test]
fn csv_has_the_header_first_and_guards_formulas() {
    let mut docs = mentees();
    docs.retain(|m| m.id == JEAN);
    docs[0].record.name = "=HYPERLINK(\"x\")".to_owned();
    let csv = mentees_table(&docs).to_csv();
    assert_eq!(
        csv,
        format!(
            "\u{feff}mentee_id,name,cadre,association,facility,district,competencies,validated_count,in_coaching_count\r\n\
             {JEAN},\"'=HYPERLINK(\"\"x\"\")\",midwife,,rango-hc,rw-huye,hbb,0,1\r\n"
        )
    );
}

#[test]
fn no_documents_give_a_header_only() {
    for table in [
        mentees_table(&[]),
        assessments_table(&[]),
        validations_table(&[]),
    ] {
        assert!(table.rows.is_empty());
        assert_eq!(table.to_csv().matches("\r\n").count(), 1);
    }
}
