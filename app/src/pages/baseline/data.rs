//! Baseline assessments read from the sync engine, the tool each was made with, and which
//! assessment came before which.

use automerge::Automerge;
use mentora_shared::catalogue::FacilityTool;
use mentora_shared::documents::baseline::{self, Baseline, SectionScore};
use mentora_shared::sync::DocId;

use crate::catalogue;
use crate::error::AppError;
use crate::store::hex;
use crate::{engine, facility_docs};

/// An assessment with its document id.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub doc: DocId,
    pub baseline: Baseline,
}

impl Assessment {
    pub fn href(&self) -> String {
        href(self.doc)
    }

    /// Its scores by section, with the tool version it was made with; `None` if this app does
    /// not have that version.
    pub fn scores(&self) -> Option<Vec<SectionScore>> {
        tool(self.baseline.tool_version)
            .map(|tool| baseline::section_scores(&tool, &self.baseline.answers))
    }

    fn order(&self) -> (mentora_shared::domain::Date, [u8; 16]) {
        (self.baseline.date, self.doc.0)
    }
}

pub fn href(doc: DocId) -> String {
    format!("/baseline/{}", hex(&doc.0))
}

/// The catalogue's baseline tool of `version`.
pub fn tool(version: u32) -> Option<FacilityTool> {
    catalogue::catalogue()
        .ok()?
        .baseline_tools
        .iter()
        .find(|tool| tool.version == version)
        .cloned()
}

/// The tool new assessments use.
pub fn current_tool() -> Option<FacilityTool> {
    catalogue::catalogue()
        .ok()?
        .current_baseline_tool()
        .cloned()
}

fn read(doc: DocId, automerge: &Automerge) -> Result<Assessment, AppError> {
    baseline::read(automerge)
        .map(|baseline| Assessment { doc, baseline })
        .map_err(AppError::unreadable)
}

/// One assessment; `None` when the document is not on this device.
pub fn load(doc: DocId) -> Option<Result<Assessment, AppError>> {
    engine::read_one(doc, |_, automerge| read(doc, automerge))
}

/// The assessments of a facility, newest first; unreadable ones last, as errors.
pub fn at_facility(facility: &str) -> Vec<Result<Assessment, (DocId, AppError)>> {
    let mut rows = facility_docs::all_of_kind(baseline::KIND, facility, read);
    facility_docs::newest_first(&mut rows, Assessment::order);
    facility_docs::with_doc_on_error(rows)
}

/// The assessment of the same facility made just before `this` (by date, then id).
pub fn previous_of(this: &Assessment) -> Option<Assessment> {
    at_facility(&this.baseline.facility)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|other| other.order() < this.order())
        .max_by_key(Assessment::order)
}
