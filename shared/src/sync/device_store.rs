//! The device's storage, behind one small trait: the twin of [`super::storage`] for the tablet.
//!
//! [`ClientSync`](super::client::ClientSync) decides what to store as [`ClientPersist`] effects;
//! this module decides, once for every store, what each effect means ([`writes`]: a compaction
//! is "drop the document's blobs, then append the snapshot", a forget is "drop its blobs and its
//! server heads") and how a cold start reads back ([`DeviceContents::into_saved`]: blobs grouped
//! by document in write order, the newest schema version, server heads only for documents that
//! have blobs). A [`DeviceStore`] only carries out the primitive [`DeviceWrite`]s and reads its
//! contents back. IndexedDB in the app (`app/src/store`) and the simulation's disk implement it;
//! both must pass [`conformance::run`].
//!
//! The trait is async because IndexedDB is, and its futures are not `Send` (browser handles are
//! single-threaded). A store that never waits (the simulation's disk) returns ready futures,
//! driven with [`conformance::ready`].

use std::collections::BTreeMap;

use automerge::ChangeHash;

use super::client::{ClientPersist, ClientSaved, SavedDoc};
use super::types::{DocHeader, DocId};

pub mod conformance;

/// One primitive write. A batch of them is applied in order, all or nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DeviceWrite<'a> {
    /// Store a blob after the document's others (the header travels with it).
    AppendBlob {
        doc_id: DocId,
        header: &'a DocHeader,
        bytes: &'a [u8],
    },
    /// Remove every blob of the document, including blobs appended earlier in the same batch.
    DropBlobs {
        doc_id: DocId,
    },
    PutServerHeads {
        doc_id: DocId,
        heads: &'a [ChangeHash],
    },
    DropServerHeads {
        doc_id: DocId,
    },
    PutCursor {
        cursor: u64,
        ack: u64,
    },
    /// Replace the list of documents to fetch whole.
    PutResync {
        docs: &'a [DocId],
    },
}

/// What each effect means for a store, the one place that says it.
pub fn writes(ops: &[ClientPersist]) -> Vec<DeviceWrite<'_>> {
    let mut out = Vec::with_capacity(ops.len() + 2);
    for op in ops {
        match op {
            ClientPersist::DocBytes {
                doc_id,
                header,
                bytes,
            } => out.push(DeviceWrite::AppendBlob {
                doc_id: *doc_id,
                header,
                bytes,
            }),
            ClientPersist::Compact {
                doc_id,
                header,
                bytes,
            } => {
                // In the same batch, so a crash leaves either the old blobs or the snapshot.
                out.push(DeviceWrite::DropBlobs { doc_id: *doc_id });
                out.push(DeviceWrite::AppendBlob {
                    doc_id: *doc_id,
                    header,
                    bytes,
                });
            }
            ClientPersist::DocServerHeads { doc_id, heads } => {
                out.push(DeviceWrite::PutServerHeads {
                    doc_id: *doc_id,
                    heads,
                });
            }
            ClientPersist::Cursor { cursor, ack } => out.push(DeviceWrite::PutCursor {
                cursor: *cursor,
                ack: *ack,
            }),
            ClientPersist::Forget { doc_id } => {
                out.push(DeviceWrite::DropBlobs { doc_id: *doc_id });
                out.push(DeviceWrite::DropServerHeads { doc_id: *doc_id });
            }
            ClientPersist::Resync { docs } => out.push(DeviceWrite::PutResync { docs }),
        }
    }
    out
}

/// A stored blob as read back.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredBlob {
    pub doc_id: DocId,
    /// The header of the write that stored it.
    pub header: DocHeader,
    pub bytes: Vec<u8>,
}

/// Everything a store holds, as it holds it (before [`DeviceContents::into_saved`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeviceContents {
    /// Each document's blobs in the order they were written (documents in any order).
    pub blobs: Vec<StoredBlob>,
    /// Server heads by document, in any order, at most one entry per document.
    pub server_heads: Vec<(DocId, Vec<ChangeHash>)>,
    /// 0 and 0 when never written.
    pub cursor: u64,
    pub ack: u64,
    pub resync: Vec<DocId>,
}

impl DeviceContents {
    /// What `ClientSync::restore` takes at a cold start: documents in id order, each with its
    /// blobs in write order and the highest schema version among them (kind and scope are the
    /// same in every blob); server heads of documents without blobs are left out.
    pub fn into_saved(self) -> ClientSaved {
        let mut docs: BTreeMap<DocId, SavedDoc> = BTreeMap::new();
        for blob in self.blobs {
            match docs.get_mut(&blob.doc_id) {
                Some(saved) => {
                    saved.header = saved.header.newest(&blob.header);
                    saved.blobs.push(blob.bytes);
                }
                None => {
                    docs.insert(
                        blob.doc_id,
                        SavedDoc {
                            doc_id: blob.doc_id,
                            header: blob.header,
                            blobs: vec![blob.bytes],
                            server_heads: Vec::new(),
                        },
                    );
                }
            }
        }
        for (doc_id, heads) in self.server_heads {
            if let Some(saved) = docs.get_mut(&doc_id) {
                saved.server_heads = heads;
            }
        }
        ClientSaved {
            cursor: self.cursor,
            ack: self.ack,
            docs: docs.into_values().collect(),
            resync: self.resync,
        }
    }
}

/// Device storage as the sync engine needs it. Callers use [`DeviceStore::persist`] and
/// [`DeviceStore::load`]; implementations provide the primitive [`DeviceStore::write`] and
/// [`DeviceStore::read`].
#[expect(
    async_fn_in_trait,
    reason = "the browser's store is single-threaded: its futures are not Send, and need not be"
)]
pub trait DeviceStore {
    type Error: std::error::Error + 'static;

    /// Carries out `writes` in order, in one transaction, durably before returning: if it
    /// fails, none of them took effect.
    async fn write(&mut self, writes: &[DeviceWrite<'_>]) -> Result<(), Self::Error>;

    /// Everything stored (one consistent read).
    async fn read(&self) -> Result<DeviceContents, Self::Error>;

    /// Stores one batch of the engine's effects, all or nothing; an empty batch writes nothing.
    async fn persist(&mut self, ops: &[ClientPersist]) -> Result<(), Self::Error> {
        if ops.is_empty() {
            return Ok(());
        }
        self.write(&writes(ops)).await
    }

    /// What the engine restarts from.
    async fn load(&self) -> Result<ClientSaved, Self::Error> {
        Ok(self.read().await?.into_saved())
    }
}
