//! Expected figures computed by hand from `fixtures.rs` (its module docs list the documents).

use super::fixtures::{BOSCO, M1, M2, RANGO_PROJECT, TODAY, areas, data, facilities};
use super::*;
use crate::date;
use crate::domain::{CompetencyId, Date, MentorAffiliation, MentorId, TechnicalArea, YearMonth};
use crate::reports::fiscal::{FiscalCalendar, FiscalQuarter, FiscalYear};

const CAL: FiscalCalendar = FiscalCalendar::RWANDA;
const FY25: Period = Period::Year(FiscalYear(2025));

fn figures(filter: &DashboardFilter) -> Headline {
    headline(&data(), &areas(), CAL, filter, TODAY)
}

#[test]
fn headline_for_the_whole_fiscal_year() {
    // Assessments in FY25: Ange 2 (M1), Bosco 3 (M2), Chantal 1 (M1); the duplicate is merged
    // and Esther's and Ange's anc are FY24. Validations in FY25: Ange hbb, Chantal anc.
    // Visits starting in FY25: 4, one cancelled, two done. Rango's open project: 2 actions not
    // done, one due before today. iCCM at rango in Jan–Mar 2025: one group.
    assert_eq!(
        figures(&DashboardFilter::all(FY25)),
        Headline {
            mentors_active: 2,
            mentees_reached: 3,
            mentees_validated: 2,
            visits_planned: 3,
            visits_done: 2,
            qi_actions_open: 2,
            qi_actions_overdue: 1,
            chw_groups_reached: 1,
        }
    );
}

#[test]
fn each_filter_narrows_the_headline() {
    let month = figures(&DashboardFilter::all(Period::Month(YearMonth {
        year: 2025,
        month: 3,
    })));
    // March 2025: Bosco's observation (M2); the rango visit of 3 March.
    assert_eq!(
        (
            month.mentors_active,
            month.mentees_reached,
            month.mentees_validated
        ),
        (1, 1, 0)
    );
    assert_eq!((month.visits_planned, month.visits_done), (1, 1));

    let kigoma = figures(&DashboardFilter {
        facility: Some("kigoma-hc".to_owned()),
        ..DashboardFilter::all(FY25)
    });
    // Chantal only; two kigoma visits, one done; the kigoma project is closed; no CHW session.
    assert_eq!(
        kigoma,
        Headline {
            mentors_active: 1,
            mentees_reached: 1,
            mentees_validated: 1,
            visits_planned: 2,
            visits_done: 1,
            qi_actions_open: 0,
            qi_actions_overdue: 0,
            chw_groups_reached: 0,
        }
    );

    let ram = figures(&DashboardFilter {
        association: Some(MentorAffiliation::Ram),
        ..DashboardFilter::all(FY25)
    });
    assert_eq!(
        (
            ram.mentors_active,
            ram.mentees_reached,
            ram.mentees_validated
        ),
        (1, 1, 0)
    );

    let m1 = figures(&DashboardFilter {
        mentor: Some(M1),
        ..DashboardFilter::all(FY25)
    });
    assert_eq!(
        (m1.mentors_active, m1.mentees_reached, m1.mentees_validated),
        (1, 2, 2)
    );

    let neonatal = figures(&DashboardFilter {
        area: Some(TechnicalArea::NeonatalHealth),
        ..DashboardFilter::all(FY25)
    });
    // hbb: Ange (M1) and Bosco (M2); only Ange validated; no neonatal CHW group.
    assert_eq!(
        (
            neonatal.mentors_active,
            neonatal.mentees_reached,
            neonatal.mentees_validated
        ),
        (2, 2, 1)
    );
    assert_eq!(neonatal.chw_groups_reached, 0);

    let nyanza = figures(&DashboardFilter {
        district: Some("rw-nyanza".to_owned()),
        ..DashboardFilter::all(Period::Year(FiscalYear(2024)))
    });
    assert_eq!((nyanza.mentees_reached, nyanza.mentees_validated), (1, 1));
}

#[test]
fn needs_attention_lists_places_mentees_and_actions() {
    let items = needs_attention(
        &data(),
        &areas(),
        &facilities(),
        &DashboardFilter::all(FY25),
        TODAY,
    );
    let place = |d: &str, f: &str| Attention::NoVisitThisMonth {
        district: d.to_owned(),
        facility: f.to_owned(),
    };
    assert_eq!(
        items,
        vec![
            // rango had a visit on 3 March; kigoma's are in February and August.
            place("rw-huye", "kigoma-hc"),
            place("rw-huye", "muyogoro-hc"),
            place("rw-nyanza", "nyanza-dh"),
            Attention::StuckInCoaching {
                facility: "rango-hc".to_owned(),
                mentee_name: "Bosco".to_owned(),
                mentee_id: BOSCO.to_owned(),
                competency: CompetencyId::new("hbb"),
                assessments: 3,
            },
            Attention::OverdueAction {
                facility: "rango-hc".to_owned(),
                due: date!(2025, 3, 1),
                project_id: RANGO_PROJECT.to_owned(),
                gap: "Gap at rango-hc".to_owned(),
                action: "Buy a bag-mask".to_owned(),
            },
        ]
    );
    // M1 made none of Bosco's assessments; the place filter keeps rango only.
    let m1_rango = DashboardFilter {
        facility: Some("rango-hc".to_owned()),
        mentor: Some(M1),
        ..DashboardFilter::all(FY25)
    };
    let items = needs_attention(&data(), &areas(), &facilities(), &m1_rango, TODAY);
    assert_eq!(items.len(), 1);
    assert!(matches!(items[0], Attention::OverdueAction { .. }));
}

#[test]
fn trends_per_month_and_per_competency() {
    let months = [
        YearMonth {
            year: 2025,
            month: 1,
        },
        YearMonth {
            year: 2025,
            month: 2,
        },
        YearMonth {
            year: 2025,
            month: 3,
        },
    ];
    let all = DashboardFilter::all(FY25);
    let validations: Vec<u32> = validations_per_month(&data(), &areas(), &all, &months)
        .iter()
        .map(|m| m.count)
        .collect();
    assert_eq!(validations, vec![0, 1, 0]);
    let visits: Vec<(u32, u32)> = visits_per_month(&data(), &all, &months)
        .iter()
        .map(|m| (m.planned, m.done))
        .collect();
    // February: the kigoma visit planned, rango's cancelled; March: rango done.
    assert_eq!(visits, vec![(0, 0), (1, 0), (1, 1)]);
    assert_eq!(
        pre_post_by_competency(&data(), &areas(), CAL, &all),
        vec![
            PrePost {
                competency: CompetencyId::new("anc"),
                pre_tests: 1,
                pre_mean: Some(2000),
                post_tests: 0,
                post_mean: None,
            },
            PrePost {
                competency: CompetencyId::new("hbb"),
                pre_tests: 2,
                pre_mean: Some(5000),
                post_tests: 1,
                post_mean: Some(8000),
            },
        ]
    );
}

#[test]
fn options_come_from_the_data_present() {
    let options = filter_options(&data(), &areas(), CAL);
    assert_eq!(options.districts, vec!["rw-huye", "rw-nyanza"]);
    assert_eq!(options.facilities.len(), 3);
    assert_eq!(
        options.associations,
        vec![
            MentorAffiliation::Rpa,
            MentorAffiliation::Ram,
            MentorAffiliation::Rsog
        ]
    );
    assert_eq!(
        options.areas,
        vec![
            TechnicalArea::Mnh,
            TechnicalArea::Fp,
            TechnicalArea::NeonatalHealth
        ]
    );
    let mentors: Vec<(&str, MentorId)> = options
        .mentors
        .iter()
        .map(|m| (m.name.as_str(), m.id))
        .collect();
    assert_eq!(mentors, vec![("Mentor One", M1), ("Mentor Two", M2)]);
    assert_eq!(options.years, vec![FiscalYear(2025), FiscalYear(2024)]);
}

#[test]
fn period_codes_round_trip() {
    let periods = [
        FY25,
        Period::Quarter(FiscalQuarter {
            year: FiscalYear(2025),
            quarter: 3,
        }),
        Period::Month(YearMonth {
            year: 2025,
            month: 3,
        }),
    ];
    for period in periods {
        assert_eq!(Period::from_code(&period.code()), Some(period));
    }
    assert_eq!(periods.map(Period::code), ["fy2025", "fy2025q3", "2025-03"]);
    for bad in ["", "fy", "fy2025q5", "2025-13", "x"] {
        assert_eq!(Period::from_code(bad), None, "{bad}");
    }
    assert_eq!(
        Period::Month(YearMonth {
            year: 2024,
            month: 7
        })
        .fiscal_year(CAL),
        FiscalYear(2025)
    );
}

#[test]
fn monthly_report_lines_are_the_month_s_work_oldest_first() {
    let february = DashboardFilter::all(Period::Month(YearMonth {
        year: 2025,
        month: 2,
    }));
    let lines: Vec<(Date, String, LineKind, Option<u16>)> =
        report_lines(&data(), &areas(), CAL, &february)
            .into_iter()
            .map(|l| (l.date, l.mentee_name, l.kind, l.score))
            .collect();
    // Bosco's coaching observation 5/10 (M2); Ange's post-test 8/10 and validation (M1).
    assert_eq!(
        lines,
        vec![
            (
                date!(2025, 2, 1),
                "Bosco".to_owned(),
                LineKind::CoachingObservation,
                Some(5000)
            ),
            (
                date!(2025, 2, 10),
                "Ange".to_owned(),
                LineKind::PostTest,
                Some(8000)
            ),
            (
                date!(2025, 2, 10),
                "Ange".to_owned(),
                LineKind::Validation,
                None
            ),
        ]
    );
    let m1 = DashboardFilter {
        mentor: Some(M1),
        ..february
    };
    assert_eq!(report_lines(&data(), &areas(), CAL, &m1).len(), 2);
}
