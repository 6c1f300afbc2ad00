//! Tables 1 and 2 on a hand-written list of marks; every expected figure is worked out by hand
//! below. FY25 runs 2024-07-01 – 2025-06-30. Competencies: hbb (neonatal health), anc (MNH).
//! Each mark: mentee, date, competency, mentor, the affiliation recorded with it, the
//! association on the mentee's record, the facility level (Ph provincial hospital, Dh district
//! hospital, Hc health centre).
//!
//! Assessments:
//! - amina (Hc, record RAM): hbb 2024-08-01 (M1, RAM) and anc 2024-09-01 (M2, RPA).
//! - bea (Dh, a nurse whose record says RAM): hbb 2024-10-01 (M1, RPA) and anc 2024-11-01 (M2,
//!   RSOG); anc 2024-05-01 (M2, none recorded: older data, FY24).
//! - cyr (Ph, no record association): anc 2025-01-01 (M3, none recorded).
//! - dan (Dh, record RPA): hbb 2025-01-15 (M3, district-based).
//! - eve (level unknown): hbb 2025-03-01 (M2, RAM).
//! - fay (Ph, record RPA): hbb 2025-02-01 (M1, none recorded).
//! - gil (Dh, no record association): hbb 2025-04-01 (M1, RPA).
//!
//! Validations: amina hbb 2024-09-15 (RAM, Hc); bea hbb 2024-12-01 (RPA) and anc 2024-06-01
//! (none recorded, FY24); cyr anc 2025-02-01 (RPA, but no RPA assessment); fay hbb 2025-03-01
//! (none recorded); hal hbb 2025-02-01 (Hc, RAM, never assessed).

use super::*;
use crate::date;
use crate::domain::FacilityLevel::{
    DistrictHospital as Dh, HealthCentre as Hc, ProvincialHospital as Ph,
};
use crate::domain::MentorAffiliation::{DistrictBased, Ram, Rpa, Rsog};
use crate::domain::TechnicalArea::{Fp, Mnh, NeonatalHealth};

const CAL: FiscalCalendar = FiscalCalendar::RWANDA;
const FY24: FiscalYear = FiscalYear(2024);
const FY25: FiscalYear = FiscalYear(2025);
const M1: MentorId = MentorId::from_u128(1);
const M2: MentorId = MentorId::from_u128(2);
const M3: MentorId = MentorId::from_u128(3);

type Affiliation = Option<MentorAffiliation>;
type Row<'a> = (
    &'static str,
    Date,
    &'a str,
    MentorId,
    Affiliation,
    Affiliation,
    Option<FacilityLevel>,
);

fn marks(rows: &[Row<'_>]) -> Vec<Mark<&'static str>> {
    rows.iter()
        .map(
            |&(mentee, date, competency, mentor, association, mentee_association, level)| Mark {
                mentee,
                date,
                competency: CompetencyId::new(competency),
                mentor,
                association,
                mentee_association,
                level,
            },
        )
        .collect()
}

fn input() -> TableInput<&'static str> {
    let (ram, rpa, rsog) = (Some(Ram), Some(Rpa), Some(Rsog));
    TableInput {
        assessments: marks(&[
            ("amina", date!(2024, 8, 1), "hbb", M1, ram, ram, Some(Hc)),
            ("amina", date!(2024, 9, 1), "anc", M2, rpa, ram, Some(Hc)),
            ("bea", date!(2024, 10, 1), "hbb", M1, rpa, ram, Some(Dh)),
            ("bea", date!(2024, 11, 1), "anc", M2, rsog, ram, Some(Dh)),
            ("bea", date!(2024, 5, 1), "anc", M2, None, ram, Some(Dh)),
            ("cyr", date!(2025, 1, 1), "anc", M3, None, None, Some(Ph)),
            (
                "dan",
                date!(2025, 1, 15),
                "hbb",
                M3,
                Some(DistrictBased),
                rpa,
                Some(Dh),
            ),
            ("eve", date!(2025, 3, 1), "hbb", M2, ram, None, None),
            ("fay", date!(2025, 2, 1), "hbb", M1, None, rpa, Some(Ph)),
            ("gil", date!(2025, 4, 1), "hbb", M1, rpa, None, Some(Dh)),
        ]),
        validations: marks(&[
            ("amina", date!(2024, 9, 15), "hbb", M1, ram, ram, Some(Hc)),
            ("bea", date!(2024, 12, 1), "hbb", M1, rpa, ram, Some(Dh)),
            ("bea", date!(2024, 6, 1), "anc", M2, None, ram, Some(Dh)),
            ("cyr", date!(2025, 2, 1), "anc", M2, rpa, None, Some(Ph)),
            ("fay", date!(2025, 3, 1), "hbb", M1, None, rpa, Some(Ph)),
            ("hal", date!(2025, 2, 1), "hbb", M1, ram, None, Some(Hc)),
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
fn table1_counts_hospital_mentees_by_the_mentoring_association() {
    // RPA FY25: bea (mentored by an RPA mentor although her record says RAM), fay (older marks:
    // her record's RPA) and gil; bea and fay validated for RPA. Not cyr (an RPA validation but
    // no RPA assessment), not dan (his mentor was district-based, whatever his record says),
    // not amina (a health centre).
    check1(Rpa, [(0, 0, None), (3, 2, Some(67))]);
    // RAM FY24: bea's older anc assessment and validation recorded no association, so they
    // count for her record's RAM. FY25: amina is at a health centre and eve's facility level
    // is unknown; bea's FY25 marks recorded RPA and RSOG.
    check1(Ram, [(1, 1, Some(100)), (0, 0, None)]);
    // RSOG FY25: bea again (mentored by two associations, she counts in both rows); her
    // validation was RPA's.
    check1(Rsog, [(0, 0, None), (1, 0, Some(0))]);
    // A recorded district-based affiliation is kept, not replaced by the record's RPA.
    check1(DistrictBased, [(0, 0, None), (1, 0, Some(0))]);
}

#[test]
fn a_mark_counts_for_its_recorded_affiliation_else_the_mentee_record() {
    let [amina_hbb, amina_anc, _, _, bea_old, cyr, dan, ..] =
        <[Mark<&str>; 10]>::try_from(input().assessments).expect("ten assessments");
    assert_eq!(amina_hbb.counted_for(), Some(Ram));
    assert_eq!(amina_anc.counted_for(), Some(Rpa));
    assert_eq!(bea_old.counted_for(), Some(Ram));
    assert_eq!(cyr.counted_for(), None);
    assert_eq!(dan.counted_for(), Some(DistrictBased));
}

/// (mentors, mentees reached, validated in ≥1 competency, rounded %).
#[track_caller]
fn check2(year: FiscalYear, area: TechnicalArea, expect: (u32, u32, u32, Option<u32>)) {
    let areas = BTreeMap::from([
        (CompetencyId::new("hbb"), NeonatalHealth),
        (CompetencyId::new("anc"), Mnh),
    ]);
    let rows = input().table2(&areas, CAL, year, &[area]);
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
    assert_eq!(got, expect, "{area:?}");
}

#[test]
fn table2_counts_health_centres_by_technical_area() {
    // Health centres only: amina. MNH FY25: her anc (M2), not validated on anc.
    check2(FY25, Mnh, (1, 1, 0, Some(0)));
    // Neonatal FY25: her hbb (M1), validated; the hospitals' hbb (bea, dan, fay, gil) and eve
    // (level unknown) are not counted, nor hal (validated, never assessed).
    check2(FY25, NeonatalHealth, (1, 1, 1, Some(100)));
    check2(FY25, Fp, (0, 0, 0, None));
    // FY24 MNH: only bea's anc, at a district hospital.
    check2(FY24, Mnh, (0, 0, 0, None));
}

#[test]
fn the_tables_levels_are_the_briefs() {
    assert!(TABLE1_LEVELS.iter().all(|l| l.is_hospital()));
    assert_eq!(TABLE1_LEVELS.len(), 2);
    assert_eq!(TABLE2_LEVELS, [FacilityLevel::HealthCentre]);
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
