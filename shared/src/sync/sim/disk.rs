//! A device's storage as the browser adapter keeps it (`app/src/store`): blobs per document
//! (the header stored with them), server heads, cursor, resync list. Lets the simulation restart a device
//! from exactly what it persisted.

use std::collections::BTreeMap;

use automerge::ChangeHash;

use crate::sync::client::{ClientPersist, ClientSaved, SavedDoc};
use crate::sync::types::{DocHeader, DocId};

#[derive(Clone, Debug, Default)]
pub(crate) struct Disk {
    pub(crate) blobs: BTreeMap<DocId, (DocHeader, Vec<Vec<u8>>)>,
    heads: BTreeMap<DocId, Vec<ChangeHash>>,
    cursor: u64,
    ack: u64,
    resync: Vec<DocId>,
}

impl Disk {
    /// Carries out one batch of writes, as one transaction would.
    pub(crate) fn apply(&mut self, ops: &[ClientPersist]) {
        for op in ops {
            match op {
                ClientPersist::DocBytes {
                    doc_id,
                    header,
                    bytes,
                } => {
                    // Like the adapter, the header read back has the highest schema version
                    // of the blobs (kind and scope are the same in all of them).
                    let entry = self
                        .blobs
                        .entry(*doc_id)
                        .or_insert_with(|| (header.clone(), Vec::new()));
                    entry.0 = entry.0.newest(header);
                    entry.1.push(bytes.clone());
                }
                ClientPersist::Compact {
                    doc_id,
                    header,
                    bytes,
                } => {
                    self.blobs
                        .insert(*doc_id, (header.clone(), vec![bytes.clone()]));
                }
                ClientPersist::DocServerHeads { doc_id, heads } => {
                    self.heads.insert(*doc_id, heads.clone());
                }
                ClientPersist::Cursor { cursor, ack } => {
                    self.cursor = *cursor;
                    self.ack = *ack;
                }
                ClientPersist::Forget { doc_id } => {
                    self.blobs.remove(doc_id);
                    self.heads.remove(doc_id);
                }
                ClientPersist::Resync { docs } => self.resync.clone_from(docs),
            }
        }
    }

    /// Most blobs stored for any one document.
    pub(crate) fn max_blobs(&self) -> usize {
        self.blobs.values().map(|(_, b)| b.len()).max().unwrap_or(0)
    }

    /// What the adapter hands `ClientSync::restore` at start-up.
    pub(crate) fn saved(&self) -> ClientSaved {
        let docs = self
            .blobs
            .iter()
            .map(|(id, (header, blobs))| SavedDoc {
                doc_id: *id,
                header: header.clone(),
                blobs: blobs.clone(),
                server_heads: self.heads.get(id).cloned().unwrap_or_default(),
            })
            .collect();
        ClientSaved {
            cursor: self.cursor,
            ack: self.ack,
            docs,
            resync: self.resync.clone(),
        }
    }
}
