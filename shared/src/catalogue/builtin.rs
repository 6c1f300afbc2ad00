//! The catalogue shipped with the app, embedded at compile time so it loads offline, natively
//! and in wasm32, with no file system.

use super::loader::CatalogueSource;

macro_rules! sources {
    ($($file:literal),* $(,)?) => {
        &[$(CatalogueSource { file: $file, text: include_str!(concat!("../../catalogue/", $file)) }),*]
    };
}

/// Every file of the built-in catalogue.
pub const BUILTIN_SOURCES: &[CatalogueSource<'static>] = sources![
    "programmes.json",
    "facility_baseline.json",
    "data_verification.json",
    "competencies/amtsl_pph.json",
    "competencies/cbmnh_home_visit.json",
    "competencies/cbp_fp_counselling.json",
    "competencies/eceb.json",
    "competencies/hbb.json",
    "competencies/hiv_art_initiation.json",
    "competencies/iccm_malaria.json",
    "competencies/imci_danger_signs.json",
    "competencies/implant_insertion.json",
    "competencies/partograph.json",
    "competencies/severe_malaria.json",
    "competencies/severe_pre_eclampsia.json",
    "competencies/tb_screening.json",
];
