//! What the cascade screen reads from the device: promotions, and every mentee's validations
//! (from every facility on the device, since a promoted mentor validates at their new place).

use std::collections::BTreeMap;

use mentora_shared::documents::cascade::{self, LineageMentee, Promotion};
use mentora_shared::documents::mentee;
use mentora_shared::sync::PlaceId;

use crate::engine;
use crate::error::AppError;
use crate::store::hex;

/// A promotion with the facility its document is kept at, or why it cannot be read.
pub(super) type PromotionRow = Result<(Option<String>, Promotion), AppError>;

/// Every promotion on the device; unreadable ones as reasons.
pub(super) fn promotions() -> Vec<PromotionRow> {
    let mut rows = engine::read_all(cascade::KIND, |_, header, automerge| {
        let kept_at = header
            .scope
            .facility
            .as_ref()
            .map(|f| PlaceId::as_str(f).to_owned());
        cascade::read(automerge)
            .map(|p| (kept_at, p))
            .map_err(AppError::unreadable)
    });
    rows.sort_by_key(|row| {
        row.as_ref()
            .ok()
            .map(|(_, p)| (p.date, p.mentee_name.clone()))
    });
    rows
}

/// Every readable, unmerged mentee with who validated them, by name.
pub(super) fn lineage_mentees() -> Vec<LineageMentee> {
    let mut rows: Vec<LineageMentee> = engine::read_all(mentee::KIND, |doc, _, automerge| {
        let record = mentee::read(automerge).ok()?;
        let history = mentee::read_history(automerge).ok()?;
        if history.merged_into.is_some() {
            return None;
        }
        let validated_by: BTreeMap<_, _> = history
            .validations
            .values()
            .map(|v| (v.validation.validated_by, v.validated_by_name.clone()))
            .collect();
        Some(LineageMentee {
            id: hex(&doc.0),
            name: record.name,
            validated_by,
        })
    })
    .into_iter()
    .flatten()
    .collect();
    rows.sort_by_key(|m| m.name.to_lowercase());
    rows
}
