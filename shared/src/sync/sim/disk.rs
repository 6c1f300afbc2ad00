//! A device's storage in memory, as the browser adapter keeps it (`app/src/store`): blobs per
//! document (each with the header of its write), server heads, cursor, resync list. Lets the
//! simulation restart a device from exactly what it persisted. What each effect means is
//! decided once, in [`crate::sync::device_store`]; this carries out the primitive writes, and
//! passes the device store conformance suite (the test below).

use std::collections::BTreeMap;
use std::convert::Infallible;

use automerge::ChangeHash;

use crate::sync::client::{ClientPersist, ClientSaved};
use crate::sync::device_store::conformance::ready;
use crate::sync::device_store::{DeviceContents, DeviceStore, DeviceWrite, StoredBlob};
use crate::sync::types::{DocHeader, DocId};

#[derive(Clone, Debug, Default)]
pub(crate) struct Disk {
    pub(crate) blobs: BTreeMap<DocId, Vec<(DocHeader, Vec<u8>)>>,
    heads: BTreeMap<DocId, Vec<ChangeHash>>,
    cursor: u64,
    ack: u64,
    resync: Vec<DocId>,
}

impl DeviceStore for Disk {
    type Error = Infallible;

    /// Nothing can fail half-way, so applying the writes one by one is one transaction.
    async fn write(&mut self, writes: &[DeviceWrite<'_>]) -> Result<(), Infallible> {
        for write in writes {
            match *write {
                DeviceWrite::AppendBlob {
                    doc_id,
                    header,
                    bytes,
                } => {
                    let blobs = self.blobs.entry(doc_id).or_default();
                    blobs.push((header.clone(), bytes.to_vec()));
                }
                DeviceWrite::DropBlobs { doc_id } => {
                    self.blobs.remove(&doc_id);
                }
                DeviceWrite::PutServerHeads { doc_id, heads } => {
                    self.heads.insert(doc_id, heads.to_vec());
                }
                DeviceWrite::DropServerHeads { doc_id } => {
                    self.heads.remove(&doc_id);
                }
                DeviceWrite::PutCursor { cursor, ack } => {
                    self.cursor = cursor;
                    self.ack = ack;
                }
                DeviceWrite::PutResync { docs } => self.resync = docs.to_vec(),
            }
        }
        Ok(())
    }

    async fn read(&self) -> Result<DeviceContents, Infallible> {
        let blobs = self
            .blobs
            .iter()
            .flat_map(|(doc_id, blobs)| {
                blobs.iter().map(|(header, bytes)| StoredBlob {
                    doc_id: *doc_id,
                    header: header.clone(),
                    bytes: bytes.clone(),
                })
            })
            .collect();
        Ok(DeviceContents {
            blobs,
            server_heads: self.heads.iter().map(|(d, h)| (*d, h.clone())).collect(),
            cursor: self.cursor,
            ack: self.ack,
            resync: self.resync.clone(),
        })
    }
}

impl Disk {
    /// Carries out one batch of writes, as one transaction would.
    pub(crate) fn apply(&mut self, ops: &[ClientPersist]) {
        let Ok(()) = ready(self.persist(ops));
    }

    /// Most blobs stored for any one document.
    pub(crate) fn max_blobs(&self) -> usize {
        self.blobs.values().map(Vec::len).max().unwrap_or(0)
    }

    /// What the adapter hands `ClientSync::restore` at start-up.
    pub(crate) fn saved(&self) -> ClientSaved {
        let Ok(saved) = ready(self.load());
        saved
    }
}

#[test]
fn disk_passes_the_device_store_conformance_suite() {
    use crate::sync::device_store::conformance;
    ready(conformance::run(async || Disk::default()));
}
