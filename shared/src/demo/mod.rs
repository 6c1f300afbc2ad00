//! The one demo dataset, small and deterministic: Rwanda → Southern Province → the Huye and
//! Nyanza districts, two district hospitals, two health centres and a health post; association,
//! district-based and CEHO mentors; facility mentees and a CHW group; two fiscal years of
//! assessments and validations, visits, a baseline, QI projects, a coaching plan, a data
//! verification and CHW sessions; and the demo sign-in accounts.
//!
//! The server seeds its places and accounts from it (`serve --demo`, codes from
//! [`place_code`]) and, with `serve --demo-records`, its mentees with their assessments and
//! validations as mentee documents. Ids and dates are fixed; scores are computed from the
//! built-in catalogue by the real rules, and validations are recorded by
//! [`crate::rules::validate`], so the demo never contradicts them.

mod facility;
mod people;
mod places;
mod records;
mod visits;

use crate::catalogue::{Catalogue, CatalogueError};
use crate::domain::Dataset;
use crate::rules::ScoringError;

pub use people::{Account, accounts, demo_mentor, mentees, mentors, supervisors};
pub use places::{code as place_code, in_insert_order as places_in_insert_order, places};

/// The demo's fixed ids, for tests and for the adapters' seeding code.
pub mod ids {
    pub use super::people::*;
    pub use super::places::*;
    pub use super::records::{CBMNH_SESSION, ICCM_SESSION};
}

/// Why the demo could not be built: only if the built-in catalogue changed under it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DemoError {
    #[error("built-in catalogue: {0}")]
    Catalogue(#[from] CatalogueError),
    #[error("competency {0} is not in the built-in catalogue")]
    UnknownCompetency(String),
    #[error("scoring demo assessment: {0}")]
    Scoring(#[from] ScoringError),
}

/// A deterministic id in the demo's range: `4d454e54-4f52-4100-8000-00000000nnnn`.
pub(crate) const fn demo_uuid(n: u128) -> u128 {
    0x4d45_4e54_4f52_4100_8000_0000_0000_0000 | n
}

/// The demo dataset, scored against the built-in catalogue.
pub fn dataset() -> Result<Dataset, DemoError> {
    dataset_with(&Catalogue::load_builtin()?)
}

/// The demo dataset, scored against `catalogue` (which must hold the built-in competencies).
pub fn dataset_with(catalogue: &Catalogue) -> Result<Dataset, DemoError> {
    let assessments = records::assessments(catalogue)?;
    let validations = records::validations(&assessments);
    Ok(Dataset {
        places: places(),
        mentors: mentors(),
        mentees: mentees(),
        supervisors: supervisors(),
        visits: visits::visits(),
        assessments,
        validations,
        baselines: vec![facility::baseline()],
        qi_projects: facility::qi_projects(),
        coaching_plans: vec![facility::coaching_plan()],
        chw_sessions: facility::chw_sessions(),
        data_verifications: vec![facility::data_verification()],
        tutorat_cycles: Vec::new(),
    })
}
