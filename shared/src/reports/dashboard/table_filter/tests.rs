//! Tables 1 and 2 for a filter, computed by hand from `review/fixtures.rs` (its module docs list
//! the documents): rango-hc and kigoma-hc are health centres, nyanza-dh a district hospital.

use super::super::fixtures::{M1, M2, areas, data, data_with_affiliations};
use super::super::{DashboardFilter, Period};
use super::*;
use crate::domain::MentorAffiliation::{Ram, Rpa, Rsog};
use crate::domain::TechnicalArea::{Fp, Imci, Mnh, NeonatalHealth};
use crate::reports::brief_tables::cell_text;
use crate::reports::fiscal::FiscalQuarter;

const CAL: FiscalCalendar = FiscalCalendar::RWANDA;
const FY25: Period = Period::Year(FiscalYear(2025));

/// Table 1 as (association, [(total, "n (x%)")] per year, oldest first).
#[track_caller]
fn check1(
    data: &DashboardData,
    filter: &DashboardFilter,
    expect: &[(MentorAffiliation, [(u32, &str); 3])],
) {
    let got: Vec<(MentorAffiliation, Vec<(u32, String)>)> =
        filtered_tables(data, &areas(), CAL, filter)
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
fn table1_counts_hospitals_only_by_the_record_when_nothing_was_recorded() {
    let all = DashboardFilter::all(FY25);
    assert_eq!(
        filtered_tables(&data(), &areas(), CAL, &all).years,
        [FiscalYear(2023), FiscalYear(2024), FiscalYear(2025)]
    );
    // No entry of `data` recorded an affiliation, so marks count for the mentee's record. Ange,
    // Bosco and Chantal are at health centres (Table 2's); Esther, at Nyanza's district
    // hospital, counts for her record's RSOG in FY24.
    check1(
        &data(),
        &all,
        &[
            (Rpa, [NONE; 3]),
            (Ram, [NONE; 3]),
            (Rsog, [NONE, (1, "1 (100%)"), NONE]),
        ],
    );
    // A facility whose level is unknown is in neither table.
    let mut unknown = data();
    unknown.facility_levels.clear();
    check1(
        &unknown,
        &all,
        &[(Rpa, [NONE; 3]), (Ram, [NONE; 3]), (Rsog, [NONE; 3])],
    );
}

#[test]
fn table1_counts_the_association_recorded_with_each_mark() {
    let data = data_with_affiliations();
    // Fatuma's record says RAM, but an RPA mentor assessed and validated her and an RSOG mentor
    // observed her: she counts in the RPA and RSOG rows of FY25, not RAM's. Gad's RPA
    // assessment is at a health centre: not counted. Esther as before.
    check1(
        &data,
        &DashboardFilter::all(FY25),
        &[
            (Rpa, [NONE, NONE, (1, "1 (100%)")]),
            (Ram, [NONE; 3]),
            (Rsog, [NONE, (1, "1 (100%)"), (1, "0 (0%)")]),
        ],
    );
    // Mentor M1: Fatuma's hbb pre-test and validation (RPA); Esther's and the RSOG observation
    // were M2's.
    let m1 = DashboardFilter {
        mentor: Some(M1),
        ..DashboardFilter::all(FY25)
    };
    check1(
        &data,
        &m1,
        &[
            (Rpa, [NONE, NONE, (1, "1 (100%)")]),
            (Ram, [NONE; 3]),
            (Rsog, [NONE; 3]),
        ],
    );
    // The association filter picks mentees by their record and keeps its row: RAM's mentees
    // are Bosco (health centre) and Fatuma, whose marks count for RPA and RSOG.
    let ram = DashboardFilter {
        association: Some(Ram),
        ..DashboardFilter::all(FY25)
    };
    check1(&data, &ram, &[(Ram, [NONE; 3])]);
    // Nyanza's hospital only: Fatuma and Esther, filtered by mentor M2: Fatuma's anc (RSOG,
    // not validated by M2) and Esther (FY24).
    let nyanza_m2 = DashboardFilter {
        facility: Some("nyanza-dh".to_owned()),
        mentor: Some(M2),
        association: Some(Rsog),
        ..DashboardFilter::all(FY25)
    };
    check1(&data, &nyanza_m2, &[(Rsog, [NONE, (1, "1 (100%)"), NONE])]);
}

/// Table 2 as (area, mentors, reached, "n (x%)").
#[track_caller]
fn check2(
    data: &DashboardData,
    filter: &DashboardFilter,
    expect: &[(TechnicalArea, u32, u32, &str)],
) {
    let got: Vec<_> = filtered_tables(data, &areas(), CAL, filter)
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
fn table2_counts_health_centres_by_technical_area() {
    // FY25: Chantal's anc (M1, validated); hbb by Ange (M1, validated) and Bosco (M2).
    check2(
        &data(),
        &DashboardFilter::all(FY25),
        &[
            (Mnh, 1, 1, "1 (100%)"),
            (Imci, 0, 0, "0"),
            (Fp, 0, 0, "0"),
            (NeonatalHealth, 2, 2, "1 (50%)"),
        ],
    );
    // Gad's hbb (M1) at Rango joins them; Fatuma, at a hospital, does not.
    check2(
        &data_with_affiliations(),
        &DashboardFilter::all(FY25),
        &[
            (Mnh, 1, 1, "1 (100%)"),
            (Imci, 0, 0, "0"),
            (Fp, 0, 0, "0"),
            (NeonatalHealth, 2, 3, "1 (33%)"),
        ],
    );
    // A quarter picks its fiscal year; FY24 holds Ange's anc (M2); Esther's fp is at a
    // district hospital, so it is Table 1's.
    let q = Period::Quarter(FiscalQuarter {
        year: FiscalYear(2024),
        quarter: 2,
    });
    check2(
        &data(),
        &DashboardFilter::all(q),
        &[
            (Mnh, 1, 1, "0 (0%)"),
            (Imci, 0, 0, "0"),
            (Fp, 0, 0, "0"),
            (NeonatalHealth, 0, 0, "0"),
        ],
    );
    // An area filter keeps its row only; the mentor filter applies to assessments and
    // validations alike: M1's hbb is Ange's.
    let hbb_m1 = DashboardFilter {
        area: Some(NeonatalHealth),
        mentor: Some(M1),
        ..DashboardFilter::all(FY25)
    };
    check2(&data(), &hbb_m1, &[(NeonatalHealth, 1, 1, "1 (100%)")]);
    // RAM only: Bosco, not validated.
    let ram = DashboardFilter {
        association: Some(Ram),
        ..DashboardFilter::all(FY25)
    };
    check2(
        &data(),
        &ram,
        &[
            (Mnh, 0, 0, "0"),
            (Imci, 0, 0, "0"),
            (Fp, 0, 0, "0"),
            (NeonatalHealth, 1, 1, "0 (0%)"),
        ],
    );
}
