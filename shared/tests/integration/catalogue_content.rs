//! The shipped catalogue meets the content bar of issue 3.

use mentora_shared::catalogue::Catalogue;
use mentora_shared::domain::{CompetencyId, Language, TechnicalArea};

fn catalogue() -> Catalogue {
    Catalogue::load_builtin().expect("built-in catalogue loads")
}

#[test]
fn at_least_twelve_competencies_with_eight_steps_critical_ones_and_five_questions() {
    let catalogue = catalogue();
    assert!(catalogue.competencies.len() >= 12);
    for competency in &catalogue.competencies {
        let checklist = competency.current_checklist().expect("has a checklist");
        assert!(
            checklist.items().count() >= 8,
            "{} has fewer than 8 steps",
            competency.id
        );
        assert!(
            checklist.items().any(|step| step.critical),
            "{} has no critical step",
            competency.id
        );
        let test = competency.current_knowledge_test().expect("has a test");
        assert!(
            test.questions.len() >= 5,
            "{} has fewer than 5 questions",
            competency.id
        );
        for language in [Language::En, Language::Fr] {
            assert!(!competency.name.get(language).is_empty());
        }
    }
}

#[track_caller]
fn check_present(id: &str, area: TechnicalArea) {
    let catalogue = catalogue();
    let competency = catalogue
        .competency(&CompetencyId::new(id))
        .unwrap_or_else(|| panic!("{id} is missing"));
    assert_eq!(competency.technical_area, area, "{id}");
}

#[test]
fn required_competencies_are_shipped() {
    check_present("hbb", TechnicalArea::NeonatalHealth);
    check_present("eceb", TechnicalArea::NeonatalHealth);
    check_present("amtsl_pph", TechnicalArea::Mnh);
    check_present("severe_pre_eclampsia", TechnicalArea::Mnh);
    check_present("partograph", TechnicalArea::Mnh);
    check_present("imci_danger_signs", TechnicalArea::Imci);
    check_present("implant_insertion", TechnicalArea::Fp);
    check_present("iccm_malaria", TechnicalArea::Iccm);
    check_present("cbmnh_home_visit", TechnicalArea::Cbmnh);
    check_present("cbp_fp_counselling", TechnicalArea::CbpFp);
    check_present("hiv_art_initiation", TechnicalArea::Hiv);
    check_present("tb_screening", TechnicalArea::Tb);
    check_present("severe_malaria", TechnicalArea::Malaria);
}

#[test]
fn every_technical_area_has_a_competency_and_facility_tools_are_shipped() {
    let catalogue = catalogue();
    for area in TechnicalArea::ALL {
        assert!(
            catalogue.competencies_in(area).next().is_some(),
            "{area:?} has no competency"
        );
        assert!(catalogue.area_name(area).is_some());
    }
    let baseline = catalogue.current_baseline_tool().expect("baseline tool");
    assert!(
        baseline
            .sections
            .iter()
            .flat_map(|section| &section.items)
            .count()
            >= 20
    );
    let form = catalogue
        .current_data_verification_form()
        .expect("data verification form");
    assert!(form.indicators.len() >= 8);
    assert_eq!(form.tolerance_basis_points, 1000);
}

#[test]
fn catalogue_round_trips_through_json() {
    let catalogue = catalogue();
    let json = serde_json::to_string(&catalogue).expect("serializes");
    assert_eq!(
        serde_json::from_str::<Catalogue>(&json).expect("deserializes"),
        catalogue
    );
}
