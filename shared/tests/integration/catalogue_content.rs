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

/// Published versions never change. If this fails after editing a checklist or test, revert the
/// edit and publish the change as a new version instead; only then add its fingerprint here.
#[test]
fn published_versions_never_change() {
    let got: Vec<String> = catalogue()
        .published_fingerprints()
        .into_iter()
        .map(|(competency, kind, version, fingerprint)| {
            format!("{competency} {kind} v{version} {fingerprint:016x}")
        })
        .collect();
    let pinned: Vec<&str> = PUBLISHED
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    assert_eq!(got, pinned);
}

const PUBLISHED: &str = "
    amtsl_pph checklist v1 ff886b13a2d5cee3
    amtsl_pph test v1 ce8d5780d026922b
    cbmnh_home_visit checklist v1 d3ba543f65b32631
    cbmnh_home_visit test v1 4bc464491f71cc8b
    cbp_fp_counselling checklist v1 3718f06b85027206
    cbp_fp_counselling test v1 e44b4ffbd96d600c
    eceb checklist v1 b1fa1b8a9d73dac8
    eceb test v1 70ba3baa3ad29e61
    hbb checklist v1 002f6b21c87d04a7
    hbb test v1 f194005bd92bc99e
    hiv_art_initiation checklist v1 6565a1d128e37c38
    hiv_art_initiation test v1 99b554cc5e228eb1
    iccm_malaria checklist v1 8f321a76624e74cc
    iccm_malaria test v1 73533e0bee310101
    imci_danger_signs checklist v1 bf5aa1dadb757765
    imci_danger_signs test v1 75bddd298abd3ba3
    implant_insertion checklist v1 7b710db401ca3aa5
    implant_insertion test v1 4880bc1fc933b5d4
    partograph checklist v1 f8a76281b58de6b5
    partograph test v1 573c85e515e05d28
    severe_malaria checklist v1 1a2748b16f8a5504
    severe_malaria test v1 3c3be17fee02adce
    severe_pre_eclampsia checklist v1 3eb274b16cefaf0b
    severe_pre_eclampsia test v1 d08d57754f5b10fa
    tb_screening checklist v1 33dfca02f9339b94
    tb_screening test v1 c43beef51e28220e
";
