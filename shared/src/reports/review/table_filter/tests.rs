//! Tables 1 and 2 for a filter, computed by hand from `review/fixtures.rs` (its module docs list
//! the documents).

use super::super::fixtures::{M1, M2, areas, data};
use super::super::{Period, ReviewFilter};
use super::*;
use crate::domain::MentorAffiliation::{Ram, Rpa, Rsog};
use crate::domain::TechnicalArea::{Fp, Imci, Mnh, NeonatalHealth};
use crate::reports::fiscal::FiscalQuarter;
use crate::reports::tables::cell_text;

const CAL: FiscalCalendar = FiscalCalendar::RWANDA;
const FY25: Period = Period::Year(FiscalYear(2025));

fn tables(filter: &ReviewFilter) -> FilteredTables {
    filtered_tables(&data(), &areas(), CAL, filter)
}

/// Table 1 as (association, [(total, "n (x%)")] per year, oldest first).
#[track_caller]
fn check1(filter: &ReviewFilter, expect: &[(MentorAffiliation, [(u32, &str); 3])]) {
    let got: Vec<(MentorAffiliation, Vec<(u32, String)>)> = tables(filter)
        .table1
        .into_iter()
        .map(|row| {
            let cells = (row.cells.iter())
                .map(|c| (c.total_mentees, cell_text(c.validated)))
                .collect();
            (row.association, cells)
        })
        .collect();
    let expect: Vec<(MentorAffiliation, Vec<(u32, String)>)> = (expect.iter())
        .map(|(a, cells)| (*a, cells.iter().map(|&(n, t)| (n, t.to_owned())).collect()))
        .collect();
    assert_eq!(got, expect);
}

const NONE: (u32, &str) = (0, "0");

#[test]
fn table1_counts_by_the_mentee_record_association() {
    let all = ReviewFilter::all(FY25);
    assert_eq!(
        tables(&all).years,
        [FiscalYear(2023), FiscalYear(2024), FiscalYear(2025)]
    );
    // RPA: Ange (anc in FY24, validated only in FY25) and Chantal; the merged duplicate is
    // left out. RAM: Bosco, never validated. RSOG: Esther, FY24.
    check1(
        &all,
        &[
            (Rpa, [NONE, (1, "0 (0%)"), (2, "2 (100%)")]),
            (Ram, [NONE, NONE, (1, "0 (0%)")]),
            (Rsog, [NONE, (1, "1 (100%)"), NONE]),
        ],
    );
    // Mentor M2 on RPA: only Ange's anc observation (FY24); one row.
    let m2_rpa = ReviewFilter {
        mentor: Some(M2),
        association: Some(Rpa),
        ..ReviewFilter::all(FY25)
    };
    check1(&m2_rpa, &[(Rpa, [NONE, (1, "0 (0%)"), NONE])]);
    // Kigoma only: Chantal.
    let kigoma = ReviewFilter {
        facility: Some("kigoma-hc".to_owned()),
        ..ReviewFilter::all(FY25)
    };
    check1(
        &kigoma,
        &[
            (Rpa, [NONE, NONE, (1, "1 (100%)")]),
            (Ram, [NONE; 3]),
            (Rsog, [NONE; 3]),
        ],
    );
}

/// Table 2 as (area, mentors, reached, "n (x%)").
#[track_caller]
fn check2(filter: &ReviewFilter, expect: &[(TechnicalArea, u32, u32, &str)]) {
    let got: Vec<_> = tables(filter)
        .table2
        .into_iter()
        .map(|r| {
            let text = cell_text(r.validated_in_at_least_one);
            (r.technical_area, r.mentors, r.mentees_reached, text)
        })
        .collect();
    let expect: Vec<_> = (expect.iter())
        .map(|&(area, mentors, reached, text)| (area, mentors, reached, text.to_owned()))
        .collect();
    assert_eq!(got, expect);
}

#[test]
fn table2_counts_by_technical_area() {
    // FY25: Chantal's anc (M1, validated); hbb by Ange (M1, validated) and Bosco (M2).
    check2(
        &ReviewFilter::all(FY25),
        &[
            (Mnh, 1, 1, "1 (100%)"),
            (Imci, 0, 0, "0"),
            (Fp, 0, 0, "0"),
            (NeonatalHealth, 2, 2, "1 (50%)"),
        ],
    );
    // A quarter picks its fiscal year; FY24 holds Ange's anc (M2) and Esther's fp.
    let q = Period::Quarter(FiscalQuarter {
        year: FiscalYear(2024),
        quarter: 2,
    });
    check2(
        &ReviewFilter::all(q),
        &[
            (Mnh, 1, 1, "0 (0%)"),
            (Imci, 0, 0, "0"),
            (Fp, 1, 1, "1 (100%)"),
            (NeonatalHealth, 0, 0, "0"),
        ],
    );
    // An area filter keeps its row only; the mentor filter applies to assessments and
    // validations alike: M1's hbb is Ange's.
    let hbb_m1 = ReviewFilter {
        area: Some(NeonatalHealth),
        mentor: Some(M1),
        ..ReviewFilter::all(FY25)
    };
    check2(&hbb_m1, &[(NeonatalHealth, 1, 1, "1 (100%)")]);
    // RAM only: Bosco, not validated.
    let ram = ReviewFilter {
        association: Some(Ram),
        ..ReviewFilter::all(FY25)
    };
    check2(
        &ram,
        &[
            (Mnh, 0, 0, "0"),
            (Imci, 0, 0, "0"),
            (Fp, 0, 0, "0"),
            (NeonatalHealth, 1, 1, "0 (0%)"),
        ],
    );
}
