//! Documents that left a device's read scope.
//!
//! When a user's scope shrinks (a mentor moves district, a facility is taken off them), the
//! documents their device holds outside the new scope must leave the device. The server knows
//! what a device holds (its known heads, plus what the last response delivered) and, when the
//! scope the device last synced under differs from today's, names those the new scope does not
//! allow in [`SyncResponse::left`](crate::sync::wire::SyncResponse::left). The device drops them
//! once its own changes to them have been pushed (`sync::client`).
//!
//! The list rides in the response's manifest (`Pending::left`): a response that is lost (not
//! acknowledged by the next request) has its list said again, so a dropped connection cannot
//! leave documents behind.

use std::collections::BTreeSet;

use super::Run;
use crate::sync::storage::{DeviceState, Pending, ServerStore};
use crate::sync::types::DocId;
use crate::sync::wire::MAX_LEFT;

impl<S: ServerStore> Run<'_, S> {
    /// The documents to name as left in this response; forgets the device's heads for them,
    /// so they are sent whole should the scope grow back.
    pub(super) fn left_scope(
        &mut self,
        state: &DeviceState,
        previous: Option<&Pending>,
        acked: bool,
    ) -> Result<Vec<DocId>, S::Error> {
        let read = &self.ctx.access.read;
        let mut candidates = BTreeSet::new();
        if let Some(p) = previous.filter(|_| !acked) {
            candidates.extend(p.left.iter().copied());
        }
        let synced_before = state.last_token > 0;
        if synced_before && state.read_scope != *read {
            candidates.extend(self.store.device_doc_ids(self.ctx.device)?);
            if let Some(p) = previous {
                candidates.extend(p.docs.iter().map(|(id, _)| *id));
            }
        }
        // Said again but readable once more (the scope grew back): it stays.
        let mut left = Vec::new();
        for doc_id in candidates {
            if let Some(scope) = self.store.doc_scope(doc_id)?
                && !read.allows(&scope)
            {
                left.push(doc_id);
            }
        }
        if left.len() > MAX_LEFT {
            self.warnings.push(format!(
                "{} documents left a device's scope, more than one response names; \
                 the rest stay on it",
                left.len()
            ));
            left.truncate(MAX_LEFT);
        }
        for doc_id in &left {
            self.set_known(*doc_id, None);
        }
        Ok(left)
    }
}

#[cfg(test)]
mod tests;
