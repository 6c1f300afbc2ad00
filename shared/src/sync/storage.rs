//! The server's storage, behind one small trait, plus an in-memory implementation.
//!
//! The pure server logic ([`super::server::handle_request`]) only *reads* through
//! [`ServerStore`]; every write is returned as [`StoreOp`] data, which the adapter applies with
//! [`ServerStore::apply`] **in the same transaction as the reads and before the response is
//! sent** (so an acknowledged change is on disk, and two requests never interleave). Any
//! implementation (SQLite on the server, the in-memory one for tests) must pass
//! [`conformance::run`].

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;

use automerge::ChangeHash;

use super::types::{DeviceId, DocHeader, DocId, Scope, ScopeSet};

pub mod conformance;

/// A document as stored: a compacted snapshot (`Automerge::save`) plus change chunks appended
/// since, in order. Loading = load the snapshot, then apply the chunks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredDoc {
    pub header: Option<DocHeader>,
    /// Server sequence number of the document's last update.
    pub seq: u64,
    pub snapshot: Option<Vec<u8>>,
    pub changes: Vec<Vec<u8>>,
}

/// What the server remembers about one device (besides per-document heads).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeviceState {
    /// The read scope its cursor was built under; if the user's scope changes, the cursor is
    /// restarted so newly visible documents are sent.
    pub read_scope: ScopeSet,
    /// Last response token issued to this device.
    pub last_token: u64,
    /// What the last response delivered, promoted to known heads when the device acks it.
    pub pending: Option<Pending>,
}

/// The manifest of one response: the heads each delivered document will have on the device.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub token: u64,
    pub docs: Vec<(DocId, Vec<ChangeHash>)>,
    /// The documents it told the device to drop (they left its user's scope): said again in
    /// the next response unless the device acknowledges this one.
    pub left: Vec<DocId>,
}

/// Documents in a scope updated after a cursor, oldest update first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangedPage {
    pub docs: Vec<(DocId, u64)>,
    /// How many more match beyond `limit`.
    pub remaining: u64,
}

/// One write, as data. Applied in order, all or nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreOp {
    /// Create the document, or move it to a new sequence number. An existing document keeps
    /// its kind and scope; its schema version becomes the higher of the stored and given ones.
    PutDoc {
        doc_id: DocId,
        header: DocHeader,
        seq: u64,
    },
    /// Append change chunks (new to the document), authored by `author`.
    AppendChanges {
        doc_id: DocId,
        author: DeviceId,
        changes: Vec<Vec<u8>>,
    },
    /// Replace the snapshot and all appended chunks with one snapshot.
    Compact { doc_id: DocId, snapshot: Vec<u8> },
    PutDevice {
        device: DeviceId,
        state: DeviceState,
    },
    /// Heads the device is known to hold for a document.
    PutDeviceDocHeads {
        device: DeviceId,
        doc_id: DocId,
        heads: Vec<ChangeHash>,
    },
    /// Forget what a device holds of one document (it will get it whole).
    DropDeviceDocHeads { device: DeviceId, doc_id: DocId },
    /// Forget everything about a device's documents (it starts again from nothing).
    ClearDeviceDocHeads { device: DeviceId },
}

/// Server storage as the pure sync logic needs it. Not `Send`-bound, so a single-threaded
/// implementation is fine.
pub trait ServerStore {
    type Error: std::error::Error + 'static;

    /// Highest sequence number of any document (0 when empty).
    fn last_seq(&self) -> Result<u64, Self::Error>;
    fn load_doc(&self, doc_id: DocId) -> Result<Option<StoredDoc>, Self::Error>;
    /// Documents whose header scope `read` allows, with `seq > since`, ascending by seq, at
    /// most `limit`.
    fn changed_since(
        &self,
        read: &ScopeSet,
        since: u64,
        limit: usize,
    ) -> Result<ChangedPage, Self::Error>;
    fn device(&self, device: DeviceId) -> Result<Option<DeviceState>, Self::Error>;
    fn device_doc_heads(
        &self,
        device: DeviceId,
        doc_id: DocId,
    ) -> Result<Option<Vec<ChangeHash>>, Self::Error>;
    /// Documents whose heads the device is known to hold, in id order.
    fn device_doc_ids(&self, device: DeviceId) -> Result<Vec<DocId>, Self::Error>;
    /// A stored document's scope, without loading it.
    fn doc_scope(&self, doc_id: DocId) -> Result<Option<Scope>, Self::Error>;
    /// Apply all ops atomically and durably.
    fn apply(&mut self, ops: Vec<StoreOp>) -> Result<(), Self::Error>;
}

/// In-memory [`ServerStore`], for tests and simulation. Cloning it is a "disk image": the
/// simulation restarts the server from a clone.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    docs: BTreeMap<DocId, StoredDoc>,
    by_seq: BTreeMap<u64, DocId>,
    devices: HashMap<DeviceId, DeviceState>,
    device_heads: HashMap<(DeviceId, DocId), Vec<ChangeHash>>,
    /// Who authored each appended chunk, for the audit trail.
    pub authors: Vec<(DocId, DeviceId, usize)>,
}

impl ServerStore for MemoryStore {
    type Error = Infallible;

    fn last_seq(&self) -> Result<u64, Infallible> {
        Ok(self.by_seq.keys().next_back().copied().unwrap_or(0))
    }
    fn load_doc(&self, doc_id: DocId) -> Result<Option<StoredDoc>, Infallible> {
        Ok(self.docs.get(&doc_id).cloned())
    }
    fn changed_since(
        &self,
        read: &ScopeSet,
        since: u64,
        limit: usize,
    ) -> Result<ChangedPage, Infallible> {
        let mut page = ChangedPage::default();
        let visible = self
            .by_seq
            .range(since.saturating_add(1)..)
            .filter(|(_, id)| {
                let header = self.docs.get(id).and_then(|d| d.header.as_ref());
                header.is_some_and(|h| read.allows(&h.scope))
            });
        for (seq, id) in visible {
            if page.docs.len() < limit {
                page.docs.push((*id, *seq));
            } else {
                page.remaining += 1;
            }
        }
        Ok(page)
    }
    fn device(&self, device: DeviceId) -> Result<Option<DeviceState>, Infallible> {
        Ok(self.devices.get(&device).cloned())
    }
    fn device_doc_heads(
        &self,
        device: DeviceId,
        doc_id: DocId,
    ) -> Result<Option<Vec<ChangeHash>>, Infallible> {
        Ok(self.device_heads.get(&(device, doc_id)).cloned())
    }
    fn device_doc_ids(&self, device: DeviceId) -> Result<Vec<DocId>, Infallible> {
        let mut ids: Vec<DocId> = self
            .device_heads
            .keys()
            .filter(|(d, _)| *d == device)
            .map(|(_, id)| *id)
            .collect();
        ids.sort_unstable();
        Ok(ids)
    }
    fn doc_scope(&self, doc_id: DocId) -> Result<Option<Scope>, Infallible> {
        let header = self.docs.get(&doc_id).and_then(|d| d.header.as_ref());
        Ok(header.map(|h| h.scope.clone()))
    }
    fn apply(&mut self, ops: Vec<StoreOp>) -> Result<(), Infallible> {
        for op in ops {
            match op {
                StoreOp::PutDoc {
                    doc_id,
                    header,
                    seq,
                } => {
                    let doc = self.docs.entry(doc_id).or_default();
                    self.by_seq.remove(&doc.seq);
                    let kept = match doc.header.take() {
                        Some(stored) => stored.newest(&header),
                        None => header,
                    };
                    doc.header = Some(kept);
                    doc.seq = seq;
                    self.by_seq.insert(seq, doc_id);
                }
                StoreOp::AppendChanges {
                    doc_id,
                    author,
                    changes,
                } => {
                    self.authors.push((doc_id, author, changes.len()));
                    self.docs.entry(doc_id).or_default().changes.extend(changes);
                }
                StoreOp::Compact { doc_id, snapshot } => {
                    let doc = self.docs.entry(doc_id).or_default();
                    doc.snapshot = Some(snapshot);
                    doc.changes.clear();
                }
                StoreOp::PutDevice { device, state } => {
                    self.devices.insert(device, state);
                }
                StoreOp::PutDeviceDocHeads {
                    device,
                    doc_id,
                    heads,
                } => {
                    self.device_heads.insert((device, doc_id), heads);
                }
                StoreOp::DropDeviceDocHeads { device, doc_id } => {
                    self.device_heads.remove(&(device, doc_id));
                }
                StoreOp::ClearDeviceDocHeads { device } => {
                    self.device_heads.retain(|(d, _), _| *d != device);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
