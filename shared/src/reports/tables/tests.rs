//! Tables 1 and 2 on a hand-written list of marks; every expected figure is worked out by hand
//! below. FY25 runs 2024-07-01 – 2025-06-30. Competencies: hbb (neonatal health), anc (MNH).
//!
//! Assessments: amina hbb 2024-08-01 (M1, RAM, health centre) and anc 2024-09-01 (M2, RPA,
//! health centre); bea hbb 2024-10-01 (M1, RAM, hospital) and anc 2024-05-01 (M2, RPA,
//! hospital, FY24); cyr anc 2025-01-01 (M3, no association, hospital); eve hbb 2025-03-01 (M2,
//! RAM, level unknown).
//! Validations: amina hbb 2024-09-15 (RAM); bea anc 2024-06-01 (RPA, FY24); cyr anc 2025-02-01
//! (RPA, but no RPA assessment); dan hbb 2025-02-01 (RAM, never assessed).

use super::*;
use crate::date;
use crate::domain::FacilityLevel::{DistrictHospital as Dh, HealthCentre as Hc};
use crate::domain::MentorAffiliation::{Ram, Rpa, Rsog};
use crate::domain::TechnicalArea::{Fp, Mnh, NeonatalHealth};

const CAL: FiscalCalendar = FiscalCalendar::RWANDA;
const FY24: FiscalYear = FiscalYear(2024);
const FY25: FiscalYear = FiscalYear(2025);
const M1: MentorId = MentorId::from_u128(1);
const M2: MentorId = MentorId::from_u128(2);
const M3: MentorId = MentorId::from_u128(3);

type Row<'a> = (
    &'static str,
    Date,
    &'a str,
    MentorId,
    Option<MentorAffiliation>,
    Option<FacilityLevel>,
);

fn marks(rows: &[Row<'_>]) -> Vec<Mark<&'static str>> {
    rows.iter()
        .map(
            |&(mentee, date, competency, mentor, association, level)| Mark {
                mentee,
                date,
                competency: CompetencyId::new(competency),
                mentor,
                association,
                level,
            },
        )
        .collect()
}

fn input() -> TableInput<&'static str> {
    TableInput {
        assessments: marks(&[
            ("amina", date!(2024, 8, 1), "hbb", M1, Some(Ram), Some(Hc)),
            ("amina", date!(2024, 9, 1), "anc", M2, Some(Rpa), Some(Hc)),
            ("bea", date!(2024, 10, 1), "hbb", M1, Some(Ram), Some(Dh)),
            ("bea", date!(2024, 5, 1), "anc", M2, Some(Rpa), Some(Dh)),
            ("cyr", date!(2025, 1, 1), "anc", M3, None, Some(Dh)),
            ("eve", date!(2025, 3, 1), "hbb", M2, Some(Ram), None),
        ]),
        validations: marks(&[
            ("amina", date!(2024, 9, 15), "hbb", M1, Some(Ram), Some(Hc)),
            ("bea", date!(2024, 6, 1), "anc", M2, Some(Rpa), Some(Dh)),
            ("cyr", date!(2025, 2, 1), "anc", M2, Some(Rpa), Some(Dh)),
            ("dan", date!(2025, 2, 1), "hbb", M1, Some(Ram), Some(Hc)),
        ]),
    }
}

/// (total mentees, validated, rounded %) for FY24 then FY25.
#[track_caller]
fn check1(association: MentorAffiliation, expect: [(u32, u32, Option<u32>); 2]) {
    let rows = input().table1(CAL, &[association], &[FY24, FY25]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].association, association);
    let got: Vec<_> = rows[0]
        .cells
        .iter()
        .map(|c| {
            let v = c.validated;
            assert_eq!(
                v.denominator, c.total_mentees,
                "validated is out of the total"
            );
            (c.total_mentees, v.numerator, v.percent_rounded())
        })
        .collect();
    assert_eq!(got, expect, "{association:?}");
    let years: Vec<_> = rows[0].cells.iter().map(|c| c.fiscal_year).collect();
    assert_eq!(years, [FY24, FY25]);
}

#[test]
fn table1_by_the_mentoring_association() {
    // RPA FY24: bea, validated by RPA. FY25: amina; cyr's RPA validation has no RPA assessment
    // and amina's validation was RAM's.
    check1(Rpa, [(1, 1, Some(100)), (1, 0, Some(0))]);
    // RAM FY25: amina (also in RPA's row), bea and eve; only amina validated (dan was never
    // assessed).
    check1(Ram, [(0, 0, None), (3, 1, Some(33))]);
    check1(Rsog, [(0, 0, None), (0, 0, None)]);
}

/// (mentors, mentees reached, validated in ≥1 competency, rounded %).
#[track_caller]
fn check2(
    year: FiscalYear,
    area: TechnicalArea,
    levels: &[FacilityLevel],
    expect: (u32, u32, u32, Option<u32>),
) {
    let areas = BTreeMap::from([
        (CompetencyId::new("hbb"), NeonatalHealth),
        (CompetencyId::new("anc"), Mnh),
    ]);
    let rows = input().table2(&areas, CAL, year, &[area], levels);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.technical_area, area);
    let v = row.validated_in_at_least_one;
    assert_eq!(v.denominator, row.mentees_reached);
    let got = (
        row.mentors,
        row.mentees_reached,
        v.numerator,
        v.percent_rounded(),
    );
    assert_eq!(got, expect, "{area:?} {levels:?}");
}

#[test]
fn table2_by_technical_area() {
    // MNH FY25: amina (M2) and cyr (M3); cyr validated.
    check2(FY25, Mnh, &[], (2, 2, 1, Some(50)));
    // Neonatal FY25: amina, bea (M1) and eve (M2); amina validated, dan was never reached.
    check2(FY25, NeonatalHealth, &[], (2, 3, 1, Some(33)));
    check2(FY25, Fp, &[], (0, 0, 0, None));
    check2(FY24, Mnh, &[], (1, 1, 1, Some(100)));
    check2(FY24, NeonatalHealth, &[], (0, 0, 0, None));
}

#[test]
fn table2_counts_only_facilities_of_the_levels() {
    // Health centres: amina only; an unknown level is outside any scope.
    check2(FY25, Mnh, &[Hc], (1, 1, 0, Some(0)));
    check2(FY25, NeonatalHealth, &[Hc], (1, 1, 1, Some(100)));
    check2(FY25, Mnh, &[Dh], (1, 1, 1, Some(100)));
    check2(FY25, NeonatalHealth, &[Dh], (1, 1, 0, Some(0)));
    check2(FY25, NeonatalHealth, &[Hc, Dh], (1, 2, 1, Some(50)));
}

#[track_caller]
fn check_text(numerator: u32, denominator: u32, expect: &str) {
    assert_eq!(cell_text(Proportion::new(numerator, denominator)), expect);
}

#[test]
fn cells_read_as_in_the_brief() {
    check_text(80, 137, "80 (58%)");
    check_text(1, 8, "1 (13%)");
    check_text(2, 3, "2 (67%)");
    check_text(0, 5, "0 (0%)");
    check_text(0, 0, "0");
}
