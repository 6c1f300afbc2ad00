//! [`DbStore`]: the sync store on whichever database a [`Db`] connection is, so the sync path
//! (`sync_api.rs`, `sync_file.rs`) is written once: [`super::SqliteStore`] or
//! [`super::postgres::PgDbStore`], inside the caller's transaction.

use automerge::ChangeHash;
use mentora_shared::sync::storage::{ChangedPage, DeviceState, StoredDoc};
use mentora_shared::sync::{DeviceId, DocId, Scope, ScopeSet, ServerStore, StoreOp};

use super::postgres::PgDbStore;
use super::{SqliteStore, StoreError};
use crate::sql::Db;

/// See the module docs.
#[derive(Debug)]
pub enum DbStore<'a> {
    Sqlite(SqliteStore<&'a rusqlite::Connection>),
    Postgres(PgDbStore<'a>),
}

impl<'a> DbStore<'a> {
    pub fn new(db: &'a Db) -> Self {
        match db {
            Db::Sqlite(conn) => Self::Sqlite(SqliteStore::new(conn)),
            Db::Postgres(conn) => Self::Postgres(PgDbStore::new(conn)),
        }
    }
}

macro_rules! both {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            DbStore::Sqlite($s) => $e,
            DbStore::Postgres($s) => $e,
        }
    };
}

impl ServerStore for DbStore<'_> {
    type Error = StoreError;

    fn last_seq(&self) -> Result<u64, StoreError> {
        both!(self, s => s.last_seq())
    }
    fn load_doc(&self, doc_id: DocId) -> Result<Option<StoredDoc>, StoreError> {
        both!(self, s => s.load_doc(doc_id))
    }
    fn changed_since(
        &self,
        read: &ScopeSet,
        since: u64,
        limit: usize,
    ) -> Result<ChangedPage, StoreError> {
        both!(self, s => s.changed_since(read, since, limit))
    }
    fn device(&self, id: DeviceId) -> Result<Option<DeviceState>, StoreError> {
        both!(self, s => s.device(id))
    }
    fn device_doc_heads(
        &self,
        id: DeviceId,
        doc_id: DocId,
    ) -> Result<Option<Vec<ChangeHash>>, StoreError> {
        both!(self, s => s.device_doc_heads(id, doc_id))
    }
    fn device_doc_ids(&self, id: DeviceId) -> Result<Vec<DocId>, StoreError> {
        both!(self, s => s.device_doc_ids(id))
    }
    fn doc_scope(&self, doc_id: DocId) -> Result<Option<Scope>, StoreError> {
        both!(self, s => s.doc_scope(doc_id))
    }
    fn apply(&mut self, ops: Vec<StoreOp>) -> Result<(), StoreError> {
        both!(self, s => s.apply(ops))
    }
}
