//! The programme catalogue: programmes, technical areas, competencies with versioned skills
//! checklists and knowledge tests, the facility baseline tool and the data verification form.
//!
//! Content lives as JSON under `shared/catalogue/` (English and French), embedded in the binary
//! and checked by [`Catalogue::load_builtin`]; malformed content is rejected with the file, item
//! and problem named.

mod builtin;
mod error;
mod fingerprint;
mod loader;
mod model;
pub mod sheet;

pub use builtin::BUILTIN_SOURCES;
pub use error::{CatalogueError, CatalogueIssue, Problem};
pub use loader::{CatalogueSource, load};
pub use model::{
    AnswerOption, Catalogue, Checklist, ChecklistItem, ChecklistSection, Competency,
    DataVerificationForm, FacilityTool, IndicatorDefinition, KnowledgeTest, ProgrammeInfo,
    ProgrammesFile, Question, TechnicalAreaInfo,
};

impl Catalogue {
    /// Loads and checks the catalogue shipped with the app.
    pub fn load_builtin() -> Result<Catalogue, CatalogueError> {
        load(BUILTIN_SOURCES)
    }
}

#[cfg(test)]
mod tests;
