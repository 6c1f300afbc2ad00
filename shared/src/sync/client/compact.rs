//! When to replace a document's stored blobs with one snapshot (device-side compaction).
//!
//! The device store keeps a document as a list of blobs whose concatenation is
//! `Automerge::load_incremental` input; an edit appends one small blob (`save_after`), which is
//! what makes "saved" cheap. Left alone, a record edited 500 times is 500 blobs, read and parsed
//! one by one at start-up. So this core counts what it asked the adapter to store and, past a
//! threshold, asks instead for `Automerge::save()` to replace them all
//! ([`ClientPersist::Compact`]); the adapter does that in one transaction.
//!
//! The threshold (`ClientConfig::compact_at_blobs`, `compact_min_bytes`):
//! - **32 blobs.** Start-up cost is dominated by the number of blobs (one IndexedDB record and
//!   one `load_incremental` call each, change chunks applied one by one) rather than their
//!   bytes: a saved form is ~150–300 bytes. 32 keeps a document at most one snapshot plus 30
//!   small appends, while a mentee snapshot (0.2–1 KiB measured, a few KiB with more history)
//!   is rewritten at most once per 31 edits: well under 100 bytes of extra writing per edit.
//!   (Native debug build: restoring a record edited 500 times took 166 ms from 500 blobs,
//!   8 ms from its one snapshot.)
//! - **incremental bytes above the snapshot (and above 8 KiB).** A few large appends (a merge of
//!   two records, a big update from the server) make the stored form more than twice its
//!   compacted size and slower to load than the snapshot. Rewriting the snapshot only after at
//!   least as many bytes were appended bounds the write amplification to 2×. The 8 KiB floor
//!   keeps small documents, whose fresh snapshot is a few hundred bytes, from being rewritten
//!   every few edits: below it, the blob count decides.
//!
//! Only a write triggers compaction: a document nobody changes is never rewritten.

use automerge::ChangeHash;

use super::{ClientConfig, ClientDoc, ClientPersist};
use crate::sync::types::DocId;

/// What the device store holds for one document, as far as this core asked it to store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stored {
    /// Blobs stored; 0 = nothing stored yet (or nothing this core knows of).
    pub(crate) blobs: usize,
    /// Size of the first blob: the snapshot, after a compaction.
    pub(crate) base_bytes: usize,
    /// Total size of the blobs after the first.
    pub(crate) incremental_bytes: usize,
}

impl Stored {
    /// Counts the blobs the adapter loaded at start-up.
    pub(crate) fn from_blobs(blobs: &[Vec<u8>]) -> Self {
        Self {
            blobs: blobs.len(),
            base_bytes: blobs.first().map_or(0, Vec::len),
            incremental_bytes: blobs.iter().skip(1).map(Vec::len).sum(),
        }
    }

    /// Whether appending `next` bytes should become a snapshot instead. With nothing stored
    /// the first write is a snapshot too: it is the same bytes a first append would be, and
    /// replacing clears anything the store held that did not load.
    fn should_compact(&self, next: usize, cfg: &ClientConfig) -> bool {
        self.blobs == 0
            || self.blobs + 1 >= cfg.compact_at_blobs
            || self.incremental_bytes.saturating_add(next)
                > self.base_bytes.max(cfg.compact_min_bytes)
    }
}

impl ClientDoc {
    /// The write that stores the changes made since `before`: an append, or a snapshot that
    /// replaces every stored blob. Updates the bookkeeping as if the adapter carried it out.
    pub(super) fn persist_since(
        &mut self,
        doc_id: DocId,
        before: &[ChangeHash],
        cfg: &ClientConfig,
    ) -> ClientPersist {
        let header = self.header.clone();
        let bytes = self.doc.save_after(before);
        if self.stored.should_compact(bytes.len(), cfg) {
            let bytes = self.doc.save();
            self.stored = Stored {
                blobs: 1,
                base_bytes: bytes.len(),
                incremental_bytes: 0,
            };
            ClientPersist::Compact {
                doc_id,
                header,
                bytes,
            }
        } else {
            self.stored.blobs += 1;
            self.stored.incremental_bytes += bytes.len();
            ClientPersist::DocBytes {
                doc_id,
                header,
                bytes,
            }
        }
    }
}

#[cfg(test)]
mod tests;
