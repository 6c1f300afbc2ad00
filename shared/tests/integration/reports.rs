//! Tables 1 and 2 and the data verification over the demo dataset, against values worked out
//! by hand from the demo's records (see `shared/src/demo/records.rs`: dates, assessors and steps missed).
//!
//! The demo's places are the server's demo places (Huye: Kabutare DH, Rango HC, Simbi HC;
//! Nyanza: Nyanza DH, Busoro HP). Every record kept its facility's level when the places moved
//! there (Byumba DH → Kabutare DH, Butaro DH → Nyanza DH, Rutare HC → Rango HC, Kageyo HC →
//! Simbi HC), so Tables 1 and 2 are the same figures.

use mentora_shared::catalogue::Catalogue;
use mentora_shared::demo;
use mentora_shared::domain::{
    CompetencyId, Dataset, MenteeId, MentorAffiliation, Percent, Proportion, TechnicalArea,
};
use mentora_shared::reports::{FiscalCalendar, FiscalYear, Mark, TableInput};
use mentora_shared::rules::{DataAccuracy, check_indicator};

fn dataset() -> Dataset {
    demo::dataset().expect("demo builds")
}

/// Every assessment and validation of `dataset` as the tables count them, each for the mentor's
/// affiliation (a dataset's mentees carry no association).
fn marks_of(dataset: &Dataset) -> TableInput<MenteeId> {
    let mark = |mentee, date, competency: &CompetencyId, mentor| Mark {
        mentee,
        date,
        competency: competency.clone(),
        mentor,
        association: dataset.mentor(mentor).map(|m| m.affiliation),
        mentee_association: None,
        level: dataset
            .mentee(mentee)
            .and_then(|m| dataset.places.facility_level(m.facility)),
    };
    TableInput {
        assessments: (dataset.assessments.iter())
            .map(|a| mark(a.mentee, a.date, &a.competency, a.assessor))
            .collect(),
        validations: (dataset.validations.iter())
            .map(|v| mark(v.mentee, v.date, &v.competency, v.validated_by))
            .collect(),
    }
}

const FY20: FiscalYear = FiscalYear(2020);
const FY21: FiscalYear = FiscalYear(2021);

/// (total mentees, validated, rounded %) per fiscal year, FY20 then FY21.
#[track_caller]
fn check_table1(association: MentorAffiliation, expect: [(u32, u32, Option<u32>); 2]) {
    let rows = marks_of(&dataset()).table1(FiscalCalendar::RWANDA, &[association], &[FY20, FY21]);
    let got: Vec<_> = rows[0]
        .cells
        .iter()
        .map(|cell| {
            (
                cell.total_mentees,
                cell.validated.numerator,
                cell.validated.percent_rounded(),
            )
        })
        .collect();
    assert_eq!(got, expect, "{association:?}");
}

#[test]
fn table1_by_association_and_fiscal_year() {
    // Hospital mentorship only (Kabutare and Nyanza district hospitals), by the mentor's
    // affiliation. Jean Bosco, Diane and Olivier work at Kabutare, Grace and Emmanuel at Nyanza DH.
    // FY20: Olivier (RPA) missed a critical step; Jean Bosco (RAM, HBB) and Diane (RSOG, AMTSL) validated.
    // FY21: Olivier validated by RPA; RAM saw Diane (validated, ECEB) and Emmanuel (coaching);
    // Grace validated by RSOG on her second post-mentorship assessment.
    check_table1(MentorAffiliation::Rpa, [(1, 0, Some(0)), (1, 1, Some(100))]);
    check_table1(
        MentorAffiliation::Ram,
        [(1, 1, Some(100)), (2, 1, Some(50))],
    );
    check_table1(
        MentorAffiliation::Rsog,
        [(1, 1, Some(100)), (1, 1, Some(100))],
    );
    // The district-based mentor's three FY21 mentees are at health centres (Solange at Rango,
    // Theogene and Chantal at Simbi): Table 2's, not Table 1's.
    check_table1(
        MentorAffiliation::DistrictBased,
        [(0, 0, None), (0, 0, None)],
    );
}

/// (mentors, mentees reached, validated in ≥1 competency, rounded %).
#[track_caller]
fn check_table2(area: TechnicalArea, expect: (u32, u32, u32, Option<u32>)) {
    let areas = Catalogue::load_builtin()
        .expect("catalogue")
        .competency_areas();
    let rows = marks_of(&dataset()).table2(&areas, FiscalCalendar::RWANDA, FY21, &[area]);
    let row = &rows[0];
    let validated = row.validated_in_at_least_one;
    assert_eq!(
        (
            row.mentors,
            row.mentees_reached,
            validated.numerator,
            validated.percent_rounded()
        ),
        expect,
        "{area:?}"
    );
}

#[test]
fn table2_by_technical_area_fy21_at_health_centres() {
    use TechnicalArea::*;
    // Health centres only: the hospitals' MNH, FP and neonatal mentorship is Table 1's.
    check_table2(Mnh, (1, 1, 0, Some(0)));
    check_table2(Imci, (1, 1, 1, Some(100)));
    check_table2(Fp, (1, 1, 1, Some(100)));
    check_table2(NeonatalHealth, (0, 0, 0, None));
    // The CHWs of Rango's group are registered at the health centre: the ICCM group assessment
    // of 18 March 2021 reached all six and validated four (one read the test late, one missed
    // three steps): 4/6 = 67%.
    check_table2(Iccm, (1, 6, 4, Some(67)));
    check_table2(Cbmnh, (0, 0, 0, None));
}

#[test]
fn data_verification() {
    let dataset = dataset();
    let checks: Vec<_> = dataset.data_verifications[0]
        .counts
        .iter()
        .map(|count| check_indicator(count, Percent::whole(10)))
        .map(|check| {
            (
                check.indicator.to_string(),
                check.factor.and_then(Proportion::percent_rounded),
                check.accuracy,
            )
        })
        .collect();
    assert_eq!(
        checks,
        [
            (
                "facility_births".to_owned(),
                Some(98),
                DataAccuracy::Accurate
            ),
            (
                "uterotonic_third_stage".to_owned(),
                Some(86),
                DataAccuracy::OverReported
            ),
            (
                "magnesium_sulfate_given".to_owned(),
                Some(133),
                DataAccuracy::UnderReported
            ),
        ]
    );
}
