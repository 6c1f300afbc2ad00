//! [`PgStore`]: the sync core's [`ServerStore`] over PostgreSQL (issue 22), for deployments
//! where several server processes share one database.
//!
//! The tables are those of [`super::SqliteStore`] (`sync_doc`, `sync_change`, `sync_device`,
//! `sync_device_doc`; see `db.rs` migrations 2 and 8) with PostgreSQL types, created by
//! the server's PostgreSQL [`MIGRATIONS`] (`db/postgres.rs`) when a store is opened, and every
//! value is encoded as the SQLite store encodes it (same helpers). Only the sync store lives
//! here; the server's other tables are reached through `sql::Db` like SQLite's. The server
//! itself uses [`PgDbStore`] on a connection of its pool, inside `Db::write_transaction`
//! (which takes [`SYNC_LOCK`] as [`PgStore::transaction`] does); [`PgStore`] owns its
//! connection, for the conformance and concurrency tests.
//!
//! # Sequence numbers with several processes
//!
//! The pure sync core reads [`ServerStore::last_seq`] and gives every document it updates the
//! next numbers, in the same transaction as its reads and [`ServerStore::apply`]. A device
//! pages `changed_since(cursor)` and moves its cursor to the highest seq it was sent, so a
//! document committed *after* a reader saw a higher seq would never reach it. With SQLite one
//! writer at a time makes that impossible; on PostgreSQL two transactions could read the same
//! `last_seq` (one would then fail on the `UNIQUE` seq), or commit out of order.
//!
//! So a sync transaction ([`PgStore::transaction`]) first takes a **transaction-level
//! advisory lock** ([`SYNC_LOCK`], `pg_advisory_xact_lock`), held until it commits or rolls
//! back, and only then reads anything. Sync transactions are therefore serial across every
//! process on the database, as SQLite's `BEGIN IMMEDIATE` made them within one: each reads
//! `last_seq` after the previous one's commit is visible (PostgreSQL makes a commit visible
//! before it releases the transaction's locks), so seqs are assigned without gaps and become
//! visible in order. The transaction runs at `READ COMMITTED` (the default), where every
//! statement takes a fresh snapshot: under `REPEATABLE READ` the snapshot would be taken by
//! the lock statement itself, before the wait, and miss the commit waited for.
//!
//! Why a lock rather than a counter row (`SELECT … FOR UPDATE` on a one-row table): the effect
//! is the same, since every sync reads `last_seq` (a pull too: it bounds the device's
//! cursor) and so would queue on that row anyway; the advisory lock needs no table, and
//! nothing to keep in step with `MAX(seq)`. What stays parallel across processes is the work
//! outside the transaction: HTTP, decoding and bounding the request, and loading pushed
//! documents with Automerge (`sync_api::preload`, re-checked by seq under the lock).
//!
//! Plain reads through [`PgStore`] (outside [`PgStore::transaction`]) take no lock: they see
//! whole committed sync transactions, which become visible in seq order.
//!
//! # Client
//!
//! The blocking `postgres` client: the server already runs its SQLite work on tokio's blocking
//! pool (`AppState::with_db`) and the [`ServerStore`] trait is synchronous, so the same
//! shape fits without an async store; `postgres` runs `tokio-postgres` on a runtime of its own
//! (so it must not be called from inside an async task). A [`PgStore`] is one connection.

use std::cell::RefCell;

use automerge::ChangeHash;
use mentora_shared::sync::storage::{ChangedPage, DeviceState, StoredDoc};
use mentora_shared::sync::{DeviceId, DocHeader, DocId, DocKind, Scope, ScopeSet, ServerStore};
use mentora_shared::sync::{PlaceId, StoreOp};
use postgres::{Client, GenericClient, Transaction};

use super::{
    StoreError, decode_doc_ids, decode_heads, decode_pending, decode_scope, encode_heads,
    encode_pending, encode_scope, place_name, to_i64, to_u64,
};

/// The advisory lock key every sync transaction holds (see the module docs): "mentora" in
/// ASCII, so another application's locks on the same database are unlikely to collide.
pub const SYNC_LOCK: i64 = 0x006d_656e_746f_7261;

/// The server's PostgreSQL migrations (`db/postgres.rs`), which create these tables too.
pub use crate::db::postgres::MIGRATIONS;

/// One connection to the sync store on PostgreSQL. See the module docs.
pub struct PgStore {
    client: RefCell<Client>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/database`, libpq's URL form; its
    /// `options=-csearch_path%3D<schema>` selects a schema) and applies pending migrations.
    /// No TLS: the database is expected on the same host or a private network.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let db = crate::db::open_postgres(url, false).map_err(|err| match err {
            crate::db::DbError::Setup { source, .. }
            | crate::db::DbError::Connect { source, .. } => StoreError::from(source),
            _ => StoreError::Corrupt("cannot open the database"),
        })?;
        let crate::sql::Db::Postgres(conn) = db else {
            return Err(StoreError::Corrupt("not a PostgreSQL connection"));
        };
        Ok(Self {
            client: RefCell::new(conn.into_inner().into_client()),
        })
    }

    /// Runs `work` in one sync transaction: the advisory lock first, then every read and
    /// apply of `work`, committed if it returns `Ok` and rolled back otherwise.
    pub fn transaction<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut PgTransaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let client = self.client.get_mut();
        let mut tx = client.transaction().map_err(StoreError::from)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SYNC_LOCK])
            .map_err(StoreError::from)?;
        let mut store = PgTransaction {
            tx: RefCell::new(tx),
        };
        let out = work(&mut store)?;
        store.tx.into_inner().commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// The database's sync schema version: the last migration applied.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT MAX(version) FROM schema_migration", &[])?;
        Ok(row.get::<_, Option<i64>>(0).unwrap_or(0))
    }
}

/// [`ServerStore`] inside one [`PgStore::transaction`].
pub struct PgTransaction<'a> {
    tx: RefCell<Transaction<'a>>,
}

impl std::fmt::Debug for PgTransaction<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgTransaction").finish_non_exhaustive()
    }
}

/// The error with the server's message, which `postgres::Error`'s own text ("db error") leaves
/// out.
pub(crate) fn describe(err: &postgres::Error) -> String {
    match err.as_db_error() {
        Some(db) => format!("{err}: {db}"),
        None => err.to_string(),
    }
}

// The queries, for a plain connection and for a transaction alike.

fn last_seq(c: &mut impl GenericClient) -> Result<u64, StoreError> {
    let row = c.query_one("SELECT COALESCE(MAX(seq), 0) FROM sync_doc", &[])?;
    to_u64(row.get(0))
}

fn load_doc(c: &mut impl GenericClient, doc_id: DocId) -> Result<Option<StoredDoc>, StoreError> {
    let id = &doc_id.0[..];
    let Some(row) = c.query_opt(
        "SELECT kind, schema_version, district, facility, seq, snapshot
         FROM sync_doc WHERE doc_id = $1",
        &[&id],
    )?
    else {
        return Ok(None);
    };
    let kind: &str = row.get(0);
    let schema_version: i64 = row.get(1);
    let facility: Option<&str> = row.get(3);
    let header = DocHeader {
        kind: DocKind::new(kind).map_err(|_| StoreError::Corrupt("document kind"))?,
        schema_version: u32::try_from(schema_version)
            .map_err(|_| StoreError::Corrupt("schema version"))?,
        scope: Scope {
            district: place_name(row.get(2))?,
            facility: facility.map(place_name).transpose()?,
        },
    };
    let changes = c
        .query(
            "SELECT bytes FROM sync_change WHERE doc_id = $1 ORDER BY id",
            &[&id],
        )?
        .iter()
        .map(|r| r.get::<_, Vec<u8>>(0))
        .collect();
    Ok(Some(StoredDoc {
        header: Some(header),
        seq: to_u64(row.get(4))?,
        snapshot: row.get(5),
        changes,
    }))
}

fn changed_since(
    c: &mut impl GenericClient,
    read: &ScopeSet,
    since: u64,
    limit: usize,
) -> Result<ChangedPage, StoreError> {
    let districts: Vec<&str> = read.districts.iter().map(PlaceId::as_str).collect();
    let facilities: Vec<&str> = read.facilities.iter().map(PlaceId::as_str).collect();
    let filter = "($2 OR district = ANY($3) OR facility = ANY($4))";
    let limit_arg = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = c.query(
        &format!(
            "SELECT doc_id, seq FROM sync_doc WHERE seq > $1 AND {filter} ORDER BY seq LIMIT $5"
        ),
        &[
            &to_i64(since)?,
            &read.everything,
            &districts,
            &facilities,
            &limit_arg,
        ],
    )?;
    let mut page = ChangedPage::default();
    for row in rows {
        let id: [u8; 16] = row
            .get::<_, &[u8]>(0)
            .try_into()
            .map_err(|_| StoreError::Corrupt("document id"))?;
        page.docs.push((DocId(id), to_u64(row.get(1))?));
    }
    if page.docs.len() == limit
        && let Some((_, last)) = page.docs.last()
    {
        let row = c.query_one(
            &format!("SELECT COUNT(*) FROM sync_doc WHERE seq > $1 AND {filter}"),
            &[&to_i64(*last)?, &read.everything, &districts, &facilities],
        )?;
        page.remaining = to_u64(row.get(0))?;
    }
    Ok(page)
}

fn device(c: &mut impl GenericClient, device: DeviceId) -> Result<Option<DeviceState>, StoreError> {
    let Some(row) = c.query_opt(
        "SELECT read_scope, last_token, pending_token, pending, pending_left
         FROM sync_device WHERE device_id = $1",
        &[&&device.0[..]],
    )?
    else {
        return Ok(None);
    };
    let pending_token: Option<i64> = row.get(2);
    let pending_bytes: Option<&[u8]> = row.get(3);
    let left: Option<&[u8]> = row.get(4);
    let pending = match (pending_token, pending_bytes) {
        (Some(token), Some(bytes)) => {
            let mut pending = decode_pending(to_u64(token)?, bytes)?;
            pending.left = decode_doc_ids(left.unwrap_or_default())?;
            Some(pending)
        }
        _ => None,
    };
    Ok(Some(DeviceState {
        read_scope: decode_scope(row.get(0))?,
        last_token: to_u64(row.get(1))?,
        pending,
    }))
}

fn device_doc_heads(
    c: &mut impl GenericClient,
    device: DeviceId,
    doc_id: DocId,
) -> Result<Option<Vec<ChangeHash>>, StoreError> {
    let row = c.query_opt(
        "SELECT heads FROM sync_device_doc WHERE device_id = $1 AND doc_id = $2",
        &[&&device.0[..], &&doc_id.0[..]],
    )?;
    row.map(|r| decode_heads(r.get(0))).transpose()
}

fn device_doc_ids(c: &mut impl GenericClient, device: DeviceId) -> Result<Vec<DocId>, StoreError> {
    let ids: Vec<u8> = c
        .query(
            "SELECT doc_id FROM sync_device_doc WHERE device_id = $1 ORDER BY doc_id",
            &[&&device.0[..]],
        )?
        .iter()
        .flat_map(|r| r.get::<_, Vec<u8>>(0))
        .collect();
    decode_doc_ids(&ids)
}

fn doc_scope(c: &mut impl GenericClient, doc_id: DocId) -> Result<Option<Scope>, StoreError> {
    let Some(row) = c.query_opt(
        "SELECT district, facility FROM sync_doc WHERE doc_id = $1",
        &[&&doc_id.0[..]],
    )?
    else {
        return Ok(None);
    };
    let facility: Option<&str> = row.get(1);
    Ok(Some(Scope {
        district: place_name(row.get(0))?,
        facility: facility.map(place_name).transpose()?,
    }))
}

/// All of `ops` in a savepoint of `tx`: all or nothing, durable when `tx` commits.
fn apply(tx: &mut Transaction<'_>, ops: Vec<StoreOp>) -> Result<(), StoreError> {
    let mut savepoint = tx.transaction()?;
    for op in ops {
        apply_one(&mut savepoint, op)?;
    }
    savepoint.commit()?;
    Ok(())
}

/// As [`apply`], on a client inside a transaction begun with a plain `BEGIN` (`sql::Tx`).
fn apply_in_savepoint(c: &mut Client, ops: Vec<StoreOp>) -> Result<(), StoreError> {
    c.batch_execute("SAVEPOINT mentora_apply")?;
    let applied = ops.into_iter().try_for_each(|op| apply_one(c, op));
    match applied {
        Ok(()) => c.batch_execute("RELEASE SAVEPOINT mentora_apply")?,
        Err(_) => c.batch_execute("ROLLBACK TO SAVEPOINT mentora_apply")?,
    }
    applied
}

fn apply_one(c: &mut impl GenericClient, op: StoreOp) -> Result<(), StoreError> {
    match op {
        StoreOp::PutDoc {
            doc_id,
            header,
            seq,
        } => {
            c.execute(
                "INSERT INTO sync_doc (doc_id, kind, schema_version, district, facility, seq)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (doc_id) DO UPDATE SET seq = excluded.seq,
                   schema_version = GREATEST(sync_doc.schema_version, excluded.schema_version)",
                &[
                    &&doc_id.0[..],
                    &header.kind.as_str(),
                    &i64::from(header.schema_version),
                    &header.scope.district.as_str(),
                    &header.scope.facility.as_ref().map(PlaceId::as_str),
                    &to_i64(seq)?,
                ],
            )?;
        }
        StoreOp::AppendChanges {
            doc_id,
            author,
            changes,
        } => {
            let insert =
                c.prepare("INSERT INTO sync_change (doc_id, author, bytes) VALUES ($1, $2, $3)")?;
            for chunk in changes {
                c.execute(&insert, &[&&doc_id.0[..], &&author.0[..], &chunk])?;
            }
        }
        StoreOp::Compact { doc_id, snapshot } => {
            c.execute(
                "UPDATE sync_doc SET snapshot = $2 WHERE doc_id = $1",
                &[&&doc_id.0[..], &snapshot],
            )?;
            c.execute(
                "DELETE FROM sync_change WHERE doc_id = $1",
                &[&&doc_id.0[..]],
            )?;
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
            c.execute(
                "INSERT INTO sync_device
                 (device_id, read_scope, last_token, pending_token, pending, pending_left)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (device_id) DO UPDATE SET read_scope = excluded.read_scope,
                   last_token = excluded.last_token, pending_token = excluded.pending_token,
                   pending = excluded.pending, pending_left = excluded.pending_left",
                &[
                    &&device.0[..],
                    &encode_scope(&state.read_scope),
                    &to_i64(state.last_token)?,
                    &pending_token,
                    &pending,
                    &left,
                ],
            )?;
        }
        StoreOp::PutDeviceDocHeads {
            device,
            doc_id,
            heads,
        } => {
            c.execute(
                "INSERT INTO sync_device_doc (device_id, doc_id, heads) VALUES ($1, $2, $3)
                 ON CONFLICT (device_id, doc_id) DO UPDATE SET heads = excluded.heads",
                &[&&device.0[..], &&doc_id.0[..], &encode_heads(&heads)],
            )?;
        }
        StoreOp::DropDeviceDocHeads { device, doc_id } => {
            c.execute(
                "DELETE FROM sync_device_doc WHERE device_id = $1 AND doc_id = $2",
                &[&&device.0[..], &&doc_id.0[..]],
            )?;
        }
        StoreOp::ClearDeviceDocHeads { device } => {
            c.execute(
                "DELETE FROM sync_device_doc WHERE device_id = $1",
                &[&&device.0[..]],
            )?;
        }
    }
    Ok(())
}

/// Reads outside a sync transaction (no lock); [`ServerStore::apply`] is a sync transaction
/// of its own.
impl ServerStore for PgStore {
    type Error = StoreError;

    fn last_seq(&self) -> Result<u64, StoreError> {
        last_seq(&mut *self.client.borrow_mut())
    }
    fn load_doc(&self, doc_id: DocId) -> Result<Option<StoredDoc>, StoreError> {
        load_doc(&mut *self.client.borrow_mut(), doc_id)
    }
    fn changed_since(
        &self,
        read: &ScopeSet,
        since: u64,
        limit: usize,
    ) -> Result<ChangedPage, StoreError> {
        changed_since(&mut *self.client.borrow_mut(), read, since, limit)
    }
    fn device(&self, id: DeviceId) -> Result<Option<DeviceState>, StoreError> {
        device(&mut *self.client.borrow_mut(), id)
    }
    fn device_doc_heads(
        &self,
        id: DeviceId,
        doc_id: DocId,
    ) -> Result<Option<Vec<ChangeHash>>, StoreError> {
        device_doc_heads(&mut *self.client.borrow_mut(), id, doc_id)
    }
    fn device_doc_ids(&self, id: DeviceId) -> Result<Vec<DocId>, StoreError> {
        device_doc_ids(&mut *self.client.borrow_mut(), id)
    }
    fn doc_scope(&self, doc_id: DocId) -> Result<Option<Scope>, StoreError> {
        doc_scope(&mut *self.client.borrow_mut(), doc_id)
    }
    fn apply(&mut self, ops: Vec<StoreOp>) -> Result<(), StoreError> {
        self.transaction(|tx| tx.apply(ops))
    }
}

impl ServerStore for PgTransaction<'_> {
    type Error = StoreError;

    fn last_seq(&self) -> Result<u64, StoreError> {
        last_seq(&mut *self.tx.borrow_mut())
    }
    fn load_doc(&self, doc_id: DocId) -> Result<Option<StoredDoc>, StoreError> {
        load_doc(&mut *self.tx.borrow_mut(), doc_id)
    }
    fn changed_since(
        &self,
        read: &ScopeSet,
        since: u64,
        limit: usize,
    ) -> Result<ChangedPage, StoreError> {
        changed_since(&mut *self.tx.borrow_mut(), read, since, limit)
    }
    fn device(&self, id: DeviceId) -> Result<Option<DeviceState>, StoreError> {
        device(&mut *self.tx.borrow_mut(), id)
    }
    fn device_doc_heads(
        &self,
        id: DeviceId,
        doc_id: DocId,
    ) -> Result<Option<Vec<ChangeHash>>, StoreError> {
        device_doc_heads(&mut *self.tx.borrow_mut(), id, doc_id)
    }
    fn device_doc_ids(&self, id: DeviceId) -> Result<Vec<DocId>, StoreError> {
        device_doc_ids(&mut *self.tx.borrow_mut(), id)
    }
    fn doc_scope(&self, doc_id: DocId) -> Result<Option<Scope>, StoreError> {
        doc_scope(&mut *self.tx.borrow_mut(), doc_id)
    }
    /// Atomic on its own (a savepoint), durable when the sync transaction commits.
    fn apply(&mut self, ops: Vec<StoreOp>) -> Result<(), StoreError> {
        apply(self.tx.get_mut(), ops)
    }
}

/// [`ServerStore`] on a connection of the server's pool (`sql::Db`), inside whatever
/// transaction the caller runs: the sync path's `Db::write_transaction` holds [`SYNC_LOCK`].
pub struct PgDbStore<'a> {
    conn: &'a RefCell<crate::sql::PgConn>,
}

impl<'a> PgDbStore<'a> {
    pub fn new(conn: &'a RefCell<crate::sql::PgConn>) -> Self {
        Self { conn }
    }
}

impl std::fmt::Debug for PgDbStore<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgDbStore").finish_non_exhaustive()
    }
}

impl ServerStore for PgDbStore<'_> {
    type Error = StoreError;

    fn last_seq(&self) -> Result<u64, StoreError> {
        last_seq(self.conn.borrow_mut().client())
    }
    fn load_doc(&self, doc_id: DocId) -> Result<Option<StoredDoc>, StoreError> {
        load_doc(self.conn.borrow_mut().client(), doc_id)
    }
    fn changed_since(
        &self,
        read: &ScopeSet,
        since: u64,
        limit: usize,
    ) -> Result<ChangedPage, StoreError> {
        changed_since(self.conn.borrow_mut().client(), read, since, limit)
    }
    fn device(&self, id: DeviceId) -> Result<Option<DeviceState>, StoreError> {
        device(self.conn.borrow_mut().client(), id)
    }
    fn device_doc_heads(
        &self,
        id: DeviceId,
        doc_id: DocId,
    ) -> Result<Option<Vec<ChangeHash>>, StoreError> {
        device_doc_heads(self.conn.borrow_mut().client(), id, doc_id)
    }
    fn device_doc_ids(&self, id: DeviceId) -> Result<Vec<DocId>, StoreError> {
        device_doc_ids(self.conn.borrow_mut().client(), id)
    }
    fn doc_scope(&self, doc_id: DocId) -> Result<Option<Scope>, StoreError> {
        doc_scope(self.conn.borrow_mut().client(), doc_id)
    }
    /// Atomic on its own (a savepoint), durable when the caller's transaction commits.
    fn apply(&mut self, ops: Vec<StoreOp>) -> Result<(), StoreError> {
        apply_in_savepoint(self.conn.borrow_mut().client(), ops)
    }
}
