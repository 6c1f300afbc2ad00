//! Typed mapping between Automerge documents and domain records.
//!
//! Each aggregate is one document (see ARCHITECTURE.md, "Document granularity"). Writers update
//! field by field, never by rewriting the whole root, so two tablets editing different fields of
//! the same record offline both keep their edits; sets (such as a mentee's competencies) are maps
//! keyed by id, so concurrent additions never duplicate. Readers tolerate missing optional
//! fields and report anything else as a typed error: the bytes came from another device.

pub mod audit;
pub mod baseline;
pub mod cascade;
pub mod chw_session;
pub mod comment;
pub mod contact;
pub mod deletion;
pub mod facility_data;
pub mod fields;
pub mod mentee;
pub mod order;
pub mod qi;
pub mod schema;
pub mod supervision;
pub mod tutorat;
pub mod visit;

/// A document does not have the shape its header promises.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    #[error("field `{0}` is missing")]
    Missing(&'static str),
    #[error("field `{field}` is not valid: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error("automerge: {0}")]
    Automerge(String),
}

impl From<automerge::AutomergeError> for DocError {
    fn from(err: automerge::AutomergeError) -> Self {
        Self::Automerge(err.to_string())
    }
}
