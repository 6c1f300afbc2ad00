//! The history of changes of one document, for the audit trail: who changed what, and when,
//! read from the Automerge history itself (nothing is logged beside it, so nothing can be left
//! out or forged apart from the data).
//!
//! Each change is named by its actor — the device id, which the server maps to a user — and
//! its time (stamped by `fields::at_time`, 0 when unknown). What it changed is reduced to the
//! root fields it touched: `phone` changed, an entry added to `assessments`, `deleted:<id>`
//! read as `deleted`. The app turns those into words.

use std::collections::BTreeSet;

use automerge::{Automerge, ChangeHash, Patch, PatchAction, Prop, ROOT, ReadDoc as _};

/// What a change did to one root field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EditAction {
    /// The field was absent before, or an entry was added to the map it holds.
    Added,
    Changed,
    Removed,
}

/// One root field a change touched.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    /// The root key, with an entry suffix dropped (`deleted:ab12` → `deleted`).
    pub field: String,
    pub action: EditAction,
}

/// One change of a document, oldest first in [`history`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeEntry {
    /// The writing device's id (its Automerge actor id) in lowercase hex.
    pub actor: String,
    /// Unix seconds; 0 when the writer did not stamp it.
    pub time: i64,
    /// The first change of the document: it created the record.
    pub created: bool,
    pub edits: Vec<Edit>,
}

/// Every change of `doc`, oldest first: a change always comes after those it depends on.
pub fn history(doc: &Automerge) -> Vec<ChangeEntry> {
    doc.get_changes(&[])
        .into_iter()
        .map(|change| {
            let deps = change.deps().to_vec();
            ChangeEntry {
                actor: change.actor_id().to_hex_string(),
                time: change.timestamp(),
                created: deps.is_empty(),
                edits: edits(doc, &deps, change.hash()),
            }
        })
        .collect()
}

/// The root fields one change touched, from the patches between its dependencies and itself.
fn edits(doc: &Automerge, deps: &[ChangeHash], hash: ChangeHash) -> Vec<Edit> {
    let mut out = BTreeSet::new();
    for patch in doc.diff(deps, &[hash]) {
        if let Some(edit) = edit_of(doc, deps, &patch) {
            out.insert(edit);
        }
    }
    out.into_iter().collect()
}

fn edit_of(doc: &Automerge, deps: &[ChangeHash], patch: &Patch) -> Option<Edit> {
    let (field, action) = match (patch.path.first(), &patch.action) {
        (None, PatchAction::PutMap { key, .. }) => {
            let existed = doc
                .get_at(ROOT, key.as_str(), deps)
                .ok()
                .flatten()
                .is_some();
            let action = if existed {
                EditAction::Changed
            } else {
                EditAction::Added
            };
            (key.clone(), action)
        }
        (None, PatchAction::DeleteMap { key }) => (key.clone(), EditAction::Removed),
        (None, _) => return None,
        (Some((_, Prop::Map(field))), action) => {
            let action = match action {
                PatchAction::PutMap { key, .. } if patch.path.len() == 1 => {
                    let existed = doc
                        .get_at(&patch.obj, key.as_str(), deps)
                        .ok()
                        .flatten()
                        .is_some();
                    if existed {
                        EditAction::Changed
                    } else {
                        EditAction::Added
                    }
                }
                PatchAction::DeleteMap { .. } if patch.path.len() == 1 => EditAction::Removed,
                _ => EditAction::Changed,
            };
            (field.clone(), action)
        }
        (Some((_, Prop::Seq(_))), _) => return None,
    };
    let field = field.split(':').next().unwrap_or_default().to_owned();
    Some(Edit { field, action })
}

#[cfg(test)]
mod tests;
