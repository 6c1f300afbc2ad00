//! Tutorat cycles read from and written to the sync engine.

use automerge::Automerge;
use mentora_shared::documents::tutorat::{self, Tutorat};
use mentora_shared::sync::DocId;

use crate::error::AppError;
use crate::store::hex;
use crate::{engine, facility_docs};

/// A cycle with its document id.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    pub doc: DocId,
    pub cycle: Tutorat,
}

pub fn href(doc: DocId) -> String {
    format!("/tutorat/{}", hex(&doc.0))
}

fn read(doc: DocId, automerge: &Automerge) -> Result<Cycle, AppError> {
    tutorat::read(automerge)
        .map(|cycle| Cycle { doc, cycle })
        .map_err(AppError::unreadable)
}

/// One cycle; `None` when the document is not on this device.
pub fn load(doc: DocId) -> Option<Result<Cycle, AppError>> {
    engine::read_one(doc, |_, automerge| read(doc, automerge))
}

/// The cycles of a facility, newest first; unreadable ones last, as errors.
pub fn at_facility(facility: &str) -> Vec<Result<Cycle, (DocId, AppError)>> {
    let mut rows = facility_docs::all_of_kind(tutorat::KIND, facility, read);
    facility_docs::newest_first(&mut rows, |c| c.cycle.started_on);
    facility_docs::with_doc_on_error(rows)
}
