//! Choosing what a response carries: documents in the device's read scope updated after its
//! cursor, each as the changes it lacks (or whole, if it holds nothing of it), within a byte
//! and count budget.
//!
//! Cursor invariant: after applying a response with cursor `c`, the device holds every
//! readable document whose last update has `seq <= c`, at least as of that update. Candidates
//! are visited in ascending seq and the cursor only passes a document once it is included
//! (or known to need nothing), so truncating the response at any document keeps it true.

use automerge::ChangeHash;

use super::{Run, ServerError};
use crate::sync::storage::ServerStore;
use crate::sync::types::{DocId, has_change, sorted_heads};
use crate::sync::wire::{DocBody, DocUpdate, SyncResponse};

impl<S: ServerStore> Run<'_, S> {
    pub(super) fn collect(
        &mut self,
        since: u64,
        resync: &[DocId],
        pushed_changed: &[DocId],
    ) -> Result<SyncResponse, ServerError<S::Error>> {
        let read = self.ctx.access.read.clone();
        let page = self
            .store
            .changed_since(&read, since, self.cfg.max_response_docs)
            .map_err(ServerError::Store)?;
        let truncated = page.remaining > 0;
        // Documents pushed in this request have new seqs above everything in the page; they
        // come after it, unless the page is cut short (then a later request covers them).
        let mut candidates: Vec<(DocId, u64)> = page
            .docs
            .into_iter()
            .filter(|(id, _)| !pushed_changed.contains(id))
            .collect();
        if !truncated {
            let first_new = self.next_seq + 1 - pushed_changed.len() as u64;
            candidates.extend(
                pushed_changed
                    .iter()
                    .zip(first_new..)
                    .map(|(id, s)| (*id, s)),
            );
        }
        let mut response = SyncResponse {
            cursor: since,
            ..SyncResponse::default()
        };
        let mut bytes = 0usize;
        let mut included = std::collections::BTreeSet::new();
        // Requested re-sends first: they are what the device is stuck on.
        for doc_id in resync {
            if included.insert(*doc_id)
                && let Some(update) = self.update_for(*doc_id)?
            {
                bytes += update.body.len();
                response.docs.push(update);
            }
        }
        let mut cut_at = None;
        for (i, (doc_id, seq)) in candidates.iter().enumerate() {
            let full = response.docs.len() >= self.cfg.max_response_docs;
            if full || (bytes >= self.cfg.max_response_bytes && !response.docs.is_empty()) {
                cut_at = Some(i);
                break;
            }
            if included.insert(*doc_id)
                && let Some(update) = self.update_for(*doc_id)?
            {
                bytes += update.body.len();
                response.docs.push(update);
            }
            response.cursor = *seq;
        }
        match cut_at {
            Some(i) => response.remaining = (candidates.len() - i) as u64 + page.remaining,
            None if truncated => response.remaining = page.remaining,
            // Everything up to the newest update is covered.
            None => response.cursor = response.cursor.max(self.next_seq),
        }
        Ok(response)
    }

    /// What the device lacks of one document, or `None` if it lacks nothing (or may not read it).
    fn update_for(&mut self, doc_id: DocId) -> Result<Option<DocUpdate>, ServerError<S::Error>> {
        if !self.load(doc_id).map_err(ServerError::Store)? {
            return Ok(None);
        }
        let base = self.known(doc_id).map_err(ServerError::Store)?;
        let Some(loaded) = self.docs.get(&doc_id) else {
            return Ok(None);
        };
        if !self.ctx.access.read.allows(&loaded.header.scope) {
            return Ok(None);
        }
        let doc = &loaded.doc;
        let heads = sorted_heads(doc.get_heads());
        let body = match base {
            None => DocBody::Snapshot(doc.save()),
            Some(base) => {
                // Heads we never saw (e.g. changes still in flight) say nothing: drop them, and
                // the device gets a superset, which is harmless.
                let base: Vec<ChangeHash> =
                    base.into_iter().filter(|h| has_change(doc, h)).collect();
                if base.is_empty() && !heads.is_empty() {
                    DocBody::Snapshot(doc.save())
                } else {
                    let changes = doc.get_changes(&base);
                    if changes.is_empty() {
                        return Ok(None);
                    }
                    DocBody::Changes(changes.iter().map(|c| c.raw_bytes().to_vec()).collect())
                }
            }
        };
        Ok(Some(DocUpdate {
            doc_id,
            header: loaded.header.clone(),
            heads,
            body,
        }))
    }
}
