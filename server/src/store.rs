//! [`SqliteStore`]: the sync core's [`ServerStore`] over SQLite.
//!
//! Tables (migration 2 in `db.rs`): `sync_doc` is the header index (kind, schema version,
//! district, facility, seq) plus the compacted snapshot; `sync_change` holds the change chunks
//! appended since, in order, each with the device that authored it; `sync_device` and
//! `sync_device_doc` are the per-device sync state. Documents are read one at a time, on
//! demand; nothing is cached between requests.
//!
//! Authorship survives compaction: a device writes with its device id as Automerge actor id
//! (the sync core refuses anything else), so every change in a snapshot names its device, and
//! the `device` table maps the device to its user.
//!
//! The store is generic over `Borrow<Connection>`: the server hands it `&*transaction`, so the
//! reads of `handle_request` and the writes of [`ServerStore::apply`] share one transaction;
//! tests hand it an owned connection.
//!
//! [`postgres::PgStore`] is the same store on PostgreSQL (issue 22), sharing the encodings
//! below.

use std::borrow::Borrow;

use automerge::ChangeHash;
use mentora_shared::sync::storage::{ChangedPage, DeviceState, Pending, StoredDoc};
use mentora_shared::sync::{
    DeviceId, DocHeader, DocId, DocKind, PlaceId, Scope, ScopeSet, ServerStore, StoreOp,
};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

pub mod any;
pub mod postgres;

pub use any::DbStore;

/// Storage failures: the database itself (SQLite or PostgreSQL), or a row this code did not
/// write.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {}", postgres::describe(.0))]
    Postgres(#[from] ::postgres::Error),
    #[error("corrupt sync row: {0}")]
    Corrupt(&'static str),
}

impl From<crate::sql::Error> for StoreError {
    fn from(err: crate::sql::Error) -> Self {
        match err {
            crate::sql::Error::Sqlite(e) => Self::Sqlite(e),
            crate::sql::Error::Postgres(e) => Self::Postgres(e),
            crate::sql::Error::NoRows => Self::Sqlite(rusqlite::Error::QueryReturnedNoRows),
            crate::sql::Error::Conversion(..) | crate::sql::Error::Invalid(_) => {
                Self::Corrupt("a value of the wrong type")
            }
        }
    }
}

/// See the module docs.
#[derive(Debug)]
pub struct SqliteStore<C> {
    conn: C,
}

impl<C: Borrow<Connection>> SqliteStore<C> {
    pub fn new(conn: C) -> Self {
        Self { conn }
    }

    fn conn(&self) -> &Connection {
        self.conn.borrow()
    }

    fn apply_one(&self, op: StoreOp) -> Result<(), StoreError> {
        let conn = self.conn();
        match op {
            StoreOp::PutDoc {
                doc_id,
                header,
                seq,
            } => {
                conn.prepare_cached(
                    "INSERT INTO sync_doc (doc_id, kind, schema_version, district, facility, seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (doc_id) DO UPDATE SET seq = excluded.seq,
                       schema_version = max(schema_version, excluded.schema_version)",
                )?
                .execute(params![
                    &doc_id.0[..],
                    header.kind.as_str(),
                    header.schema_version,
                    header.scope.district.as_str(),
                    header.scope.facility.as_ref().map(PlaceId::as_str),
                    to_i64(seq)?,
                ])?;
            }
            StoreOp::AppendChanges {
                doc_id,
                author,
                changes,
            } => {
                let mut insert = conn.prepare_cached(
                    "INSERT INTO sync_change (doc_id, author, bytes) VALUES (?1, ?2, ?3)",
                )?;
                for chunk in changes {
                    insert.execute(params![&doc_id.0[..], &author.0[..], chunk])?;
                }
            }
            StoreOp::Compact { doc_id, snapshot } => {
                conn.prepare_cached("UPDATE sync_doc SET snapshot = ?2 WHERE doc_id = ?1")?
                    .execute(params![&doc_id.0[..], snapshot])?;
                conn.prepare_cached("DELETE FROM sync_change WHERE doc_id = ?1")?
                    .execute([&doc_id.0[..]])?;
            }
            StoreOp::PutDevice { device, state } => {
                let (pending_token, pending, left) = match &state.pending {
                    Some(p) => (
                        Some(to_i64(p.token)?),
                        Some(encode_pending(p)),
                        Some(p.left.iter().flat_map(|id| id.0).collect::<Vec<u8>>()),
                    ),
                    None => (None, None, None),
                };
                conn.prepare_cached(
                    "INSERT OR REPLACE INTO sync_device
                     (device_id, read_scope, last_token, pending_token, pending, pending_left)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    &device.0[..],
                    encode_scope(&state.read_scope),
                    to_i64(state.last_token)?,
                    pending_token,
                    pending,
                    left,
                ])?;
            }
            StoreOp::PutDeviceDocHeads {
                device,
                doc_id,
                heads,
            } => {
                conn.prepare_cached(
                    "INSERT OR REPLACE INTO sync_device_doc (device_id, doc_id, heads)
                     VALUES (?1, ?2, ?3)",
                )?
                .execute(params![
                    &device.0[..],
                    &doc_id.0[..],
                    encode_heads(&heads)
                ])?;
            }
            StoreOp::DropDeviceDocHeads { device, doc_id } => {
                conn.prepare_cached(
                    "DELETE FROM sync_device_doc WHERE device_id = ?1 AND doc_id = ?2",
                )?
                .execute(params![&device.0[..], &doc_id.0[..]])?;
            }
            StoreOp::ClearDeviceDocHeads { device } => {
                conn.prepare_cached("DELETE FROM sync_device_doc WHERE device_id = ?1")?
                    .execute([&device.0[..]])?;
            }
        }
        Ok(())
    }
}

impl<C: Borrow<Connection>> ServerStore for SqliteStore<C> {
    type Error = StoreError;

    fn last_seq(&self) -> Result<u64, StoreError> {
        let seq: i64 = self
            .conn()
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM sync_doc")?
            .query_row([], |r| r.get(0))?;
        to_u64(seq)
    }

    fn load_doc(&self, doc_id: DocId) -> Result<Option<StoredDoc>, StoreError> {
        let conn = self.conn();
        let row = conn
            .prepare_cached(
                "SELECT kind, schema_version, district, facility, seq, snapshot
                 FROM sync_doc WHERE doc_id = ?1",
            )?
            .query_row([&doc_id.0[..]], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<Vec<u8>>>(5)?,
                ))
            })
            .optional()?;
        let Some((kind, schema_version, district, facility, seq, snapshot)) = row else {
            return Ok(None);
        };
        let header = DocHeader {
            kind: DocKind::new(&kind).map_err(|_| StoreError::Corrupt("document kind"))?,
            schema_version,
            scope: Scope {
                district: place_name(&district)?,
                facility: facility.as_deref().map(place_name).transpose()?,
            },
        };
        let changes = conn
            .prepare_cached("SELECT bytes FROM sync_change WHERE doc_id = ?1 ORDER BY id")?
            .query_map([&doc_id.0[..]], |r| r.get::<_, Vec<u8>>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(StoredDoc {
            header: Some(header),
            seq: to_u64(seq)?,
            snapshot,
            changes,
        }))
    }

    fn changed_since(
        &self,
        read: &ScopeSet,
        since: u64,
        limit: usize,
    ) -> Result<ChangedPage, StoreError> {
        let (filter, mut args) = scope_filter(read);
        args.insert(0, Value::Integer(to_i64(since)?));
        let mut page = ChangedPage::default();
        let sql = format!(
            "SELECT doc_id, seq FROM sync_doc WHERE seq > ? AND ({filter}) ORDER BY seq LIMIT ?"
        );
        let mut query_args = args.clone();
        query_args.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(query_args), |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (id, seq) in rows {
            let id: [u8; 16] = id
                .try_into()
                .map_err(|_| StoreError::Corrupt("document id"))?;
            page.docs.push((DocId(id), to_u64(seq)?));
        }
        if page.docs.len() == limit
            && let Some((_, last)) = page.docs.last()
        {
            args[0] = Value::Integer(to_i64(*last)?);
            let count: i64 = self
                .conn()
                .prepare_cached(&format!(
                    "SELECT COUNT(*) FROM sync_doc WHERE seq > ? AND ({filter})"
                ))?
                .query_row(params_from_iter(args), |r| r.get(0))?;
            page.remaining = to_u64(count)?;
        }
        Ok(page)
    }

    fn device(&self, device: DeviceId) -> Result<Option<DeviceState>, StoreError> {
        let row = self
            .conn()
            .prepare_cached(
                "SELECT read_scope, last_token, pending_token, pending, pending_left
                 FROM sync_device WHERE device_id = ?1",
            )?
            .query_row([&device.0[..]], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<Vec<u8>>>(3)?,
                    r.get::<_, Option<Vec<u8>>>(4)?,
                ))
            })
            .optional()?;
        let Some((scope, last_token, pending_token, pending, left)) = row else {
            return Ok(None);
        };
        let pending = match (pending_token, pending) {
            (Some(token), Some(bytes)) => {
                let mut pending = decode_pending(to_u64(token)?, &bytes)?;
                pending.left = decode_doc_ids(left.as_deref().unwrap_or_default())?;
                Some(pending)
            }
            _ => None,
        };
        Ok(Some(DeviceState {
            read_scope: decode_scope(&scope)?,
            last_token: to_u64(last_token)?,
            pending,
        }))
    }

    fn device_doc_heads(
        &self,
        device: DeviceId,
        doc_id: DocId,
    ) -> Result<Option<Vec<ChangeHash>>, StoreError> {
        let heads = self
            .conn()
            .prepare_cached(
                "SELECT heads FROM sync_device_doc WHERE device_id = ?1 AND doc_id = ?2",
            )?
            .query_row(params![&device.0[..], &doc_id.0[..]], |r| {
                r.get::<_, Vec<u8>>(0)
            })
            .optional()?;
        heads.map(|h| decode_heads(&h)).transpose()
    }

    fn device_doc_ids(&self, device: DeviceId) -> Result<Vec<DocId>, StoreError> {
        let ids = self
            .conn()
            .prepare_cached(
                "SELECT doc_id FROM sync_device_doc WHERE device_id = ?1 ORDER BY doc_id",
            )?
            .query_map([&device.0[..]], |r| r.get::<_, Vec<u8>>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        decode_doc_ids(&ids.concat())
    }

    fn doc_scope(&self, doc_id: DocId) -> Result<Option<Scope>, StoreError> {
        let row = self
            .conn()
            .prepare_cached("SELECT district, facility FROM sync_doc WHERE doc_id = ?1")?
            .query_row([&doc_id.0[..]], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .optional()?;
        let Some((district, facility)) = row else {
            return Ok(None);
        };
        Ok(Some(Scope {
            district: place_name(&district)?,
            facility: facility.as_deref().map(place_name).transpose()?,
        }))
    }

    /// Atomic on its own (a savepoint), and durable when the caller's transaction commits.
    fn apply(&mut self, ops: Vec<StoreOp>) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.execute_batch("SAVEPOINT store_apply")?;
        let result = ops.into_iter().try_for_each(|op| self.apply_one(op));
        match result {
            Ok(()) => conn.execute_batch("RELEASE store_apply")?,
            // Some errors (`SQLITE_FULL`, `SQLITE_IOERR`, `SQLITE_NOMEM`) make SQLite roll back the
            // whole transaction itself: the savepoint is gone with it, and the error to report is
            // the one that caused it, not "no such savepoint".
            Err(_) if conn.is_autocommit() => {}
            Err(_) => conn.execute_batch("ROLLBACK TO store_apply; RELEASE store_apply")?,
        }
        result
    }
}

/// SQL condition (with `?` placeholders) selecting documents a scope allows.
fn scope_filter(read: &ScopeSet) -> (String, Vec<Value>) {
    if read.everything {
        return ("1".to_owned(), Vec::new());
    }
    let mut parts = vec!["0".to_owned()];
    let mut args = Vec::new();
    for (column, places) in [
        ("district", &read.districts),
        ("facility", &read.facilities),
    ] {
        if !places.is_empty() {
            let marks = vec!["?"; places.len()].join(", ");
            parts.push(format!("{column} IN ({marks})"));
            args.extend(places.iter().map(|p| Value::Text(p.as_str().to_owned())));
        }
    }
    (parts.join(" OR "), args)
}

/// `*` for everything, else `d=NAME` and `f=NAME` joined by commas (names never hold `,`/`=`).
fn encode_scope(scope: &ScopeSet) -> String {
    let mut parts = Vec::new();
    if scope.everything {
        parts.push("*".to_owned());
    }
    parts.extend(scope.districts.iter().map(|d| format!("d={}", d.as_str())));
    parts.extend(scope.facilities.iter().map(|f| format!("f={}", f.as_str())));
    parts.join(",")
}

fn decode_scope(text: &str) -> Result<ScopeSet, StoreError> {
    let mut scope = ScopeSet::default();
    let bad = || StoreError::Corrupt("device read scope");
    for part in text.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            None if part == "*" => scope.everything = true,
            Some(("d", name)) => {
                scope
                    .districts
                    .insert(PlaceId::new(name).map_err(|_| bad())?);
            }
            Some(("f", name)) => {
                scope
                    .facilities
                    .insert(PlaceId::new(name).map_err(|_| bad())?);
            }
            _ => return Err(bad()),
        }
    }
    Ok(scope)
}

fn encode_heads(heads: &[ChangeHash]) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

fn decode_heads(bytes: &[u8]) -> Result<Vec<ChangeHash>, StoreError> {
    let chunks = bytes.chunks_exact(32);
    if !chunks.remainder().is_empty() {
        return Err(StoreError::Corrupt("heads"));
    }
    chunks
        .map(|c| {
            <[u8; 32]>::try_from(c)
                .map(ChangeHash)
                .map_err(|_| StoreError::Corrupt("heads"))
        })
        .collect()
}

/// Per document: 16-byte id, heads count as u16 big-endian, 32-byte heads.
fn encode_pending(p: &Pending) -> Vec<u8> {
    let mut out = Vec::with_capacity(p.docs.len() * 50);
    for (doc_id, heads) in &p.docs {
        out.extend_from_slice(&doc_id.0);
        let n = u16::try_from(heads.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&n.to_be_bytes());
        out.extend(heads.iter().take(usize::from(n)).flat_map(|h| h.0));
    }
    out
}

fn decode_pending(token: u64, mut bytes: &[u8]) -> Result<Pending, StoreError> {
    let bad = || StoreError::Corrupt("pending manifest");
    let mut docs = Vec::new();
    while !bytes.is_empty() {
        let (id, rest) = bytes.split_first_chunk::<16>().ok_or_else(bad)?;
        let (n, rest) = rest.split_first_chunk::<2>().ok_or_else(bad)?;
        let len = usize::from(u16::from_be_bytes(*n)) * 32;
        let heads = rest.get(..len).ok_or_else(bad)?;
        docs.push((DocId(*id), decode_heads(heads)?));
        bytes = &rest[len..];
    }
    Ok(Pending {
        token,
        docs,
        left: Vec::new(),
    })
}

/// Document ids stored back to back (16 bytes each).
fn decode_doc_ids(bytes: &[u8]) -> Result<Vec<DocId>, StoreError> {
    let (ids, rest) = bytes.as_chunks::<16>();
    if !rest.is_empty() {
        return Err(StoreError::Corrupt("document id list"));
    }
    Ok(ids.iter().map(|id| DocId(*id)).collect())
}

fn place_name(s: &str) -> Result<PlaceId, StoreError> {
    PlaceId::new(s).map_err(|_| StoreError::Corrupt("place name"))
}

fn to_i64(n: u64) -> Result<i64, StoreError> {
    i64::try_from(n).map_err(|_| StoreError::Corrupt("number out of range"))
}

fn to_u64(n: i64) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|_| StoreError::Corrupt("negative number"))
}
