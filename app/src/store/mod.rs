//! The device's copy of the user's documents, in IndexedDB.
//!
//! One database per user (`mentora-<username>`), so on a shared tablet one user's records never
//! show for another. Stores:
//! - `blobs` (auto-increment key): `{doc, kind, schema, district, facility, bytes}`; a document is
//!   the concatenation of its blobs (`Automerge::load_incremental` input), so an edit is one small
//!   append, written with strict durability before the UI says "saved". When `ClientSync` asks
//!   for it (`ClientPersist::Compact`), all of a document's blobs are replaced by one snapshot in
//!   the same transaction; the `doc` index (version 2) finds them.
//! - `heads` (key: doc id): the heads the server is known to hold, 32 bytes each.
//! - `meta` (key: name): the sync cursor and ack token, and the documents to fetch whole.
//!
//! [`IdbStore`] implements `mentora_shared::sync::DeviceStore`: what each `ClientPersist` effect
//! means is decided there, once for this store and the simulation's disk.

pub mod idb;

use automerge::ChangeHash;
use js_sys::{Object, Reflect, Uint8Array};
use mentora_shared::sync::device_store::{DeviceContents, DeviceStore, DeviceWrite, StoredBlob};
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId, Scope};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::JsValue;
use web_sys::{IdbDatabase, IdbTransaction};

pub use idb::IdbError;

use crate::vault::{self, seal};

/// 1: the three stores. 2: index `doc` on `blobs`, for compaction.
const VERSION: u32 = 2;
const BLOBS: &str = "blobs";
const BY_DOC: &str = "doc";
const HEADS: &str = "heads";
const META: &str = "meta";

#[derive(Debug, Clone)]
pub struct IdbStore {
    db: IdbDatabase,
}

/// Brings a database of any older version (or none) to [`VERSION`]; each step is skipped when
/// already done, and the whole upgrade is one transaction, aborted if a step fails.
fn upgrade(db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), IdbError> {
    idb::create_store(db, BLOBS, true)?;
    idb::create_store(db, HEADS, false)?;
    idb::create_store(db, META, false)?;
    idb::create_index(tx, BLOBS, BY_DOC, "doc")
}

/// A stored blob: the document's header travels with its bytes (kind and scope are the same in
/// every blob; the schema version is the highest of them). The bytes are sealed under the
/// user's data key (`vault`); ids, kind and places stay clear for the index and the sync.
fn blob_value(doc_id: &DocId, header: &DocHeader, bytes: &[u8]) -> Result<Object, IdbError> {
    let sealed = vault::seal_bytes(bytes).map_err(|e| IdbError(format!("cannot save: {e}")))?;
    let value = Object::new();
    set(&value, "doc", &hex(&doc_id.0).into());
    set(&value, "kind", &header.kind.as_str().into());
    set(&value, "schema", &header.schema_version.to_string().into());
    set(&value, "district", &header.scope.district.as_str().into());
    let facility = header.scope.facility.as_ref().map_or("", PlaceId::as_str);
    set(&value, "facility", &facility.into());
    set(&value, "bytes", &Uint8Array::from(sealed.as_slice()).into());
    Ok(value)
}

/// A blob's document bytes: opened with the data key, or as they are if written before the
/// device store was encrypted (sealed by [`IdbStore::seal_legacy`] at the next start).
fn blob_bytes(blob: &JsValue) -> Result<Vec<u8>, IdbError> {
    let stored = get_bytes(blob, "bytes").ok_or_else(|| corrupt("document"))?;
    if !seal::is_sealed(&stored) {
        return Ok(stored);
    }
    vault::open_bytes(&stored).map_err(|e| IdbError(format!("cannot read a stored document: {e}")))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes of any length from hex (a sealed value kept in `localStorage`).
pub fn unhex_vec(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

pub fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != N * 2 {
        return None;
    }
    let mut out = [0_u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ignored = Reflect::set(object, &JsValue::from_str(key), value);
}

fn get_str(object: &JsValue, key: &str) -> Option<String> {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()?
        .as_string()
}

fn get_bytes(object: &JsValue, key: &str) -> Option<Vec<u8>> {
    let value = Reflect::get(object, &JsValue::from_str(key)).ok()?;
    value.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

fn corrupt(what: &str) -> IdbError {
    IdbError(format!("device storage holds an unreadable {what}"))
}

fn header_from(value: &JsValue) -> Option<DocHeader> {
    let kind = DocKind::new(&get_str(value, "kind")?).ok()?;
    let schema_version = get_str(value, "schema")?.parse().ok()?;
    let district = PlaceId::new(&get_str(value, "district")?).ok()?;
    let facility = match get_str(value, "facility") {
        Some(f) if !f.is_empty() => Some(PlaceId::new(&f).ok()?),
        _ => None,
    };
    Some(DocHeader {
        kind,
        schema_version,
        scope: Scope { district, facility },
    })
}

fn doc_ids_from_bytes(bytes: &[u8]) -> Option<Vec<DocId>> {
    if !bytes.len().is_multiple_of(16) {
        return None;
    }
    bytes
        .chunks_exact(16)
        .map(|chunk| chunk.try_into().ok().map(DocId))
        .collect()
}

fn heads_from_bytes(bytes: &[u8]) -> Option<Vec<ChangeHash>> {
    if !bytes.len().is_multiple_of(32) {
        return None;
    }
    bytes
        .chunks(32)
        .map(|chunk| ChangeHash::try_from(chunk).ok())
        .collect()
}

impl IdbStore {
    pub async fn open(username: &str) -> Result<Self, IdbError> {
        let name = format!("mentora-{username}");
        Ok(Self {
            db: idb::open(&name, VERSION, upgrade).await?,
        })
    }

    /// Seals, in one transaction, the blobs written before the device store was encrypted;
    /// returns how many. A no-op once done.
    pub async fn seal_legacy(&self) -> Result<usize, IdbError> {
        let tx = idb::transaction(&self.db, &[BLOBS], true)?;
        let blobs = idb::get_all(&tx, BLOBS).await?;
        let keys = idb::get_all_keys(&tx, BLOBS).await?;
        let mut sealed = 0;
        for (blob, key) in blobs.iter().zip(keys.iter()) {
            let Some(bytes) = get_bytes(&blob, "bytes").filter(|b| !seal::is_sealed(b)) else {
                continue;
            };
            let Ok(value) = vault::seal_bytes(&bytes) else {
                let _ignored = tx.abort();
                return Err(IdbError(
                    "cannot seal device storage: the app is locked".into(),
                ));
            };
            set(
                &blob.clone().into(),
                "bytes",
                &Uint8Array::from(value.as_slice()).into(),
            );
            if let Err(e) = idb::put(&tx, BLOBS, Some(&key), &blob) {
                let _ignored = tx.abort();
                return Err(e);
            }
            sealed += 1;
        }
        idb::committed(&tx).await?;
        Ok(sealed)
    }

    /// Closes the connection (the engine stops): a pending transaction still completes, and
    /// deleting the database is no longer blocked by it.
    pub fn close(&self) {
        self.db.close();
    }

    /// Deletes `username`'s database (sign-out, erase after wrong attempts, revocation).
    pub async fn delete(username: &str) -> Result<(), IdbError> {
        idb::delete_database(&format!("mentora-{username}")).await
    }
}

/// What each effect means is decided once, in `mentora_shared::sync::device_store` (shared
/// with the simulation's disk); this carries out the primitive writes and reads, and passes
/// the device store conformance suite in headless Chromium (`app/tests/device_store.rs`).
impl DeviceStore for IdbStore {
    type Error = IdbError;

    /// Writes in one strict transaction; returns once they are durable. All or nothing: if a
    /// write fails the transaction is aborted rather than left to commit the writes before it.
    async fn write(&mut self, writes: &[DeviceWrite<'_>]) -> Result<(), IdbError> {
        if writes.is_empty() {
            return Ok(());
        }
        let tx = idb::transaction(&self.db, &[BLOBS, HEADS, META], true)?;
        if let Err(e) = write(&tx, writes).await {
            let _ignored = tx.abort();
            return Err(e);
        }
        idb::committed(&tx).await
    }

    /// Everything stored, in one read transaction. Blobs come in key (write) order.
    async fn read(&self) -> Result<DeviceContents, IdbError> {
        let tx = idb::transaction(&self.db, &[BLOBS, HEADS, META], false)?;
        let blobs = idb::get_all(&tx, BLOBS).await?;
        let heads = idb::get_all(&tx, HEADS).await?;
        let cursor_req = idb::store(&tx, META)?
            .get(&JsValue::from_str("cursor"))
            .map_err(|_| corrupt("cursor"))?;
        let cursor = idb::request("cannot read device storage", &cursor_req).await?;
        let resync_req = idb::store(&tx, META)?
            .get(&JsValue::from_str("resync"))
            .map_err(|_| corrupt("resync"))?;
        let resync = idb::request("cannot read device storage", &resync_req).await?;

        let blobs = blobs
            .iter()
            .map(|blob| {
                let doc_id = get_str(&blob, "doc")
                    .and_then(|d| unhex::<16>(&d))
                    .ok_or_else(|| corrupt("document id"))?;
                Ok(StoredBlob {
                    doc_id: DocId(doc_id),
                    header: header_from(&blob).ok_or_else(|| corrupt("document header"))?,
                    bytes: blob_bytes(&blob)?,
                })
            })
            .collect::<Result<Vec<_>, IdbError>>()?;
        let server_heads = heads
            .iter()
            .map(|entry| {
                let doc_id = get_str(&entry, "doc")
                    .and_then(|d| unhex::<16>(&d))
                    .ok_or_else(|| corrupt("document id"))?;
                let hashes = get_bytes(&entry, "heads")
                    .and_then(|b| heads_from_bytes(&b))
                    .ok_or_else(|| corrupt("sync state"))?;
                Ok((DocId(doc_id), hashes))
            })
            .collect::<Result<Vec<_>, IdbError>>()?;
        let (cursor, ack) = if cursor.is_object() {
            let read = |key| {
                get_str(&cursor, key)
                    .and_then(|v| v.parse::<u64>().ok())
                    .ok_or_else(|| corrupt("sync cursor"))
            };
            (read("cursor")?, read("ack")?)
        } else {
            (0, 0)
        };
        let resync = if resync.is_object() {
            let bytes = get_bytes(&resync, "docs").ok_or_else(|| corrupt("resync list"))?;
            doc_ids_from_bytes(&bytes).ok_or_else(|| corrupt("resync list"))?
        } else {
            Vec::new()
        };
        Ok(DeviceContents {
            blobs,
            server_heads,
            cursor,
            ack,
            resync,
        })
    }
}

async fn write(tx: &IdbTransaction, writes: &[DeviceWrite<'_>]) -> Result<(), IdbError> {
    for write in writes {
        match *write {
            DeviceWrite::AppendBlob {
                doc_id,
                header,
                bytes,
            } => idb::put(tx, BLOBS, None, &blob_value(&doc_id, header, bytes)?.into())?,
            DeviceWrite::DropBlobs { doc_id } => {
                // Requests run in order, so blobs appended earlier in this transaction are
                // found and deleted too.
                let id = JsValue::from_str(&hex(&doc_id.0));
                for key in idb::index_keys(tx, BLOBS, BY_DOC, &id).await?.iter() {
                    idb::delete(tx, BLOBS, &key)?;
                }
            }
            DeviceWrite::PutServerHeads { doc_id, heads } => {
                let id = hex(&doc_id.0);
                let value = Object::new();
                set(&value, "doc", &id.clone().into());
                let bytes: Vec<u8> = heads.iter().flat_map(|h| h.0).collect();
                set(&value, "heads", &Uint8Array::from(bytes.as_slice()).into());
                idb::put(tx, HEADS, Some(&id.into()), &value)?;
            }
            DeviceWrite::DropServerHeads { doc_id } => {
                idb::delete(tx, HEADS, &JsValue::from_str(&hex(&doc_id.0)))?;
            }
            DeviceWrite::PutCursor { cursor, ack } => {
                let value = Object::new();
                set(&value, "cursor", &cursor.to_string().into());
                set(&value, "ack", &ack.to_string().into());
                idb::put(tx, META, Some(&"cursor".into()), &value)?;
            }
            DeviceWrite::PutResync { docs } => {
                let bytes: Vec<u8> = docs.iter().flat_map(|d| d.0).collect();
                let value = Object::new();
                set(&value, "docs", &Uint8Array::from(bytes.as_slice()).into());
                idb::put(tx, META, Some(&"resync".into()), &value)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_rejects_bad_input() {
        let bytes = [0_u8, 1, 0xab, 0xff];
        assert_eq!(hex(&bytes), "0001abff");
        assert_eq!(unhex::<4>("0001abff"), Some(bytes));
        assert_eq!(unhex::<4>("0001abf"), None);
        assert_eq!(unhex::<4>("zz01abff"), None);
    }

    #[test]
    fn heads_need_whole_32_byte_hashes() {
        assert_eq!(heads_from_bytes(&[7; 64]).map(|h| h.len()), Some(2));
        assert_eq!(heads_from_bytes(&[7; 33]), None);
    }
}
