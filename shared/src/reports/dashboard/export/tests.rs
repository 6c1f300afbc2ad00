//! Tables 1 and 2 as export rows, on the dashboard's hand-computed fixture (see
//! `review/tests.rs` for the same figures in the brief's layout).

use super::super::fixtures::{areas, data_with_affiliations as data};
use super::*;

const CAL: FiscalCalendar = FiscalCalendar::RWANDA;

#[test]
fn table1_rows_are_one_per_association_and_year() {
    let [table, _] = tables_export(&data(), &areas(), CAL, FiscalYear(2025), |_| String::new());
    assert_eq!(table.rows.len(), 9);
    let row = |i: usize| table.rows[i].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(
        row(0),
        ["rpa", "FY23", "0", "0", ""],
        "no mentee: no percentage"
    );
    // Fatuma (a hospital nurse of RAM mentored by RPA and RSOG) and Esther (RSOG, FY24).
    assert_eq!(row(1), ["rpa", "FY24", "0", "0", ""]);
    assert_eq!(row(2), ["rpa", "FY25", "1", "1", "100"]);
    assert_eq!(row(5), ["ram", "FY25", "0", "0", ""]);
    assert_eq!(row(7), ["rsog", "FY24", "1", "1", "100"]);
    assert_eq!(row(8), ["rsog", "FY25", "1", "0", "0"]);
    assert!(table.rows.iter().all(|r| r.len() == table.columns.len()));
}

#[test]
fn table2_rows_name_the_area() {
    let [_, table] = tables_export(&data(), &areas(), CAL, FiscalYear(2025), |area| {
        format!("{area:?}")
    });
    let first: Vec<&str> = table.rows[0].iter().map(String::as_str).collect();
    assert_eq!(first, ["Mnh", "FY25", "1", "1", "1", "100"]);
    let imci: Vec<&str> = table.rows[1].iter().map(String::as_str).collect();
    assert_eq!(imci, ["Imci", "FY25", "0", "0", "0", ""]);
    assert!(
        table
            .to_csv()
            .starts_with("\u{feff}technical_area,fiscal_year,mentors,")
    );
}
