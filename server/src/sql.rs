//! [`Db`]: one connection to the server's database, SQLite or PostgreSQL (issue 22), with one
//! API for both, so every query of the server is written once.
//!
//! The API is rusqlite's shape, trimmed to what the server uses: [`Db::execute`],
//! [`Db::query_row`] (with [`OptionalExtension::optional`]), [`Db::query_map`] (all rows, in a
//! `Vec`), [`Db::execute_batch`], and [`Db::transaction`] / [`Db::write_transaction`] giving a
//! [`Tx`] that derefs to the [`Db`] and rolls back unless committed. Statements are written in
//! the SQL both databases accept (`ON CONFLICT … DO UPDATE/NOTHING`, `RETURNING`, `COALESCE`,
//! no `INSERT OR …`, no two-argument `MAX`) with rusqlite's `?N` placeholders, rewritten to
//! `$N` for PostgreSQL ([`postgres_placeholders`]). Both sides cache prepared statements.
//!
//! Values cross as one small [`Value`] model, SQLite's: integers (`i64`; PostgreSQL columns are
//! `BIGINT`), reals, text and bytes (`BYTEA`). Reading a PostgreSQL `BOOLEAN` gives 0 or 1, so
//! a comparison read as a number means the same on both; `SUM` must be cast to `BIGINT` in
//! the statement (PostgreSQL makes it `NUMERIC`, which is not read).
//!
//! The PostgreSQL client is the blocking `postgres` one and must only be used off the async
//! workers (`AppState::with_db` runs jobs on the blocking pool). Transactions are plain
//! `BEGIN`/`COMMIT` statements on both sides, so one [`Tx`] type serves both; the sync store
//! (`store.rs`) runs on the same connection inside it.

use std::cell::RefCell;
use std::collections::HashMap;

pub use postgres_conn::PgConn;

mod postgres_conn;
mod value;

pub use value::{FromValue, Owned, ToValue, Value};

/// A database failure, or a value that does not fit the Rust type asked for.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sqlite: {0}")]
    Sqlite(rusqlite::Error),
    #[error("postgres: {}", crate::store::postgres::describe(.0))]
    Postgres(postgres::Error),
    #[error("the query returned no rows")]
    NoRows,
    #[error("column {0}: {1}")]
    Conversion(usize, String),
    #[error("{0}")]
    Invalid(&'static str),
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        match err {
            rusqlite::Error::QueryReturnedNoRows => Self::NoRows,
            other => Self::Sqlite(other),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(err: postgres::Error) -> Self {
        Self::Postgres(err)
    }
}

impl Error {
    /// The disk (SQLite) or the database's disk (PostgreSQL: `disk_full`, 53100) is full.
    pub fn is_disk_full(&self) -> bool {
        match self {
            Self::Sqlite(err) => err.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            Self::Postgres(err) => err.code() == Some(&postgres::error::SqlState::DISK_FULL),
            _ => false,
        }
    }

    /// A `UNIQUE` or primary key constraint refused the row.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Self::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            }
            Self::Postgres(err) => err.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
            _ => false,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `.optional()` on a one-row result, as rusqlite's.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(Error::NoRows) => Ok(None),
            Err(err) => Err(err),
        }
    }
}

/// The parameters of one statement: an array of one type, or `params![a, b, …]` for mixed ones.
pub trait Params {
    fn values(&self) -> Vec<Value<'_>>;
}

impl Params for &[&dyn ToValue] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(|v| v.to_value()).collect()
    }
}

impl Params for [&dyn ToValue; 0] {
    fn values(&self) -> Vec<Value<'_>> {
        Vec::new()
    }
}

macro_rules! array_params {
    ($($n:literal)*) => {$(
        impl<T: ToValue> Params for [T; $n] {
            fn values(&self) -> Vec<Value<'_>> {
                self.iter().map(ToValue::to_value).collect()
            }
        }
        impl<T: ToValue> Params for &[T; $n] {
            fn values(&self) -> Vec<Value<'_>> {
                self.iter().map(ToValue::to_value).collect()
            }
        }
    )*};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12);

/// Parameters of different types, as rusqlite's `params!`.
macro_rules! params {
    () => { &[] as &[&dyn $crate::sql::ToValue] };
    ($($param:expr),+ $(,)?) => {
        &[$(&$param as &dyn $crate::sql::ToValue),+] as &[&dyn $crate::sql::ToValue]
    };
}
pub(crate) use params;

/// Which database a [`Db`] talks to, for the few places that differ (backups, metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// One connection. See the module docs.
#[expect(
    clippy::large_enum_variant,
    reason = "a handful of connections per process, each moved rarely (into and out of the pool)"
)]
pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(RefCell<PgConn>),
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(conn) => conn.fmt(f),
            Self::Postgres(_) => f.write_str("Db::Postgres"),
        }
    }
}

impl From<rusqlite::Connection> for Db {
    fn from(conn: rusqlite::Connection) -> Self {
        Self::Sqlite(conn)
    }
}

impl From<PgConn> for Db {
    fn from(conn: PgConn) -> Self {
        Self::Postgres(RefCell::new(conn))
    }
}

/// One row of a result, read by column index.
#[expect(
    missing_debug_implementations,
    reason = "the rows of both clients print nothing useful"
)]
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

/// A column index (as rusqlite's `RowIndex`, so `row.get::<_, T>(0)` reads the same).
pub trait RowIndex {
    fn index(self) -> usize;
}

impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

impl Row<'_> {
    pub fn get<I: RowIndex, T: FromValue>(&self, idx: I) -> Result<T> {
        let idx = idx.index();
        let value = match self {
            Self::Sqlite(row) => Owned::from(row.get_ref(idx)?),
            Self::Postgres(row) => postgres_conn::read(row, idx)?,
        };
        T::from_value(value).map_err(|what| Error::Conversion(idx, what))
    }
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (the sync store's SQLite side, backups).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Self::Sqlite(conn) => Some(conn),
            Self::Postgres(_) => None,
        }
    }

    /// The PostgreSQL connection (the sync store's PostgreSQL side).
    pub fn postgres(&self) -> Option<&RefCell<PgConn>> {
        match self {
            Self::Sqlite(_) => None,
            Self::Postgres(conn) => Some(conn),
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        let values = params.values();
        match self {
            Self::Sqlite(conn) => Ok(conn
                .prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(values.iter()))?),
            Self::Postgres(conn) => conn.borrow_mut().execute(sql, &values),
        }
    }

    /// The first row of a query, through `f`; [`Error::NoRows`] when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let values = params.values();
        match self {
            Self::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                match rows.next()? {
                    Some(row) => f(&Row::Sqlite(row)),
                    None => Err(Error::NoRows),
                }
            }
            Self::Postgres(conn) => {
                let rows = conn.borrow_mut().query(sql, &values)?;
                match rows.first() {
                    Some(row) => f(&Row::Postgres(row)),
                    None => Err(Error::NoRows),
                }
            }
        }
    }

    /// Every row of a query, each through `f`, in order.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: impl Params,
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let values = params.values();
        match self {
            Self::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(f(&Row::Sqlite(row))?);
                }
                Ok(out)
            }
            Self::Postgres(conn) => {
                let rows = conn.borrow_mut().query(sql, &values)?;
                rows.iter().map(|row| f(&Row::Postgres(row))).collect()
            }
        }
    }

    /// A statement to run (rusqlite's `prepare`; both sides cache the prepared statement).
    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(Stmt {
            db: self,
            sql: sql.to_owned(),
        })
    }

    /// As [`Db::prepare`]: every statement is cached.
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        self.prepare(sql)
    }

    /// Several statements without parameters (migrations), as they are written.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Self::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Self::Postgres(conn) => conn.borrow_mut().batch_execute(sql),
        }
    }

    /// A transaction that takes its write lock on its first write (SQLite's `DEFERRED`).
    pub fn transaction(&mut self) -> Result<Tx<'_>> {
        self.execute_batch("BEGIN")?;
        Ok(Tx {
            db: self,
            done: false,
        })
    }

    /// A transaction that holds the write lock from its start: SQLite's `BEGIN IMMEDIATE`; on
    /// PostgreSQL the sync lock (`store::postgres::SYNC_LOCK`), which serialises sync
    /// transactions across every server process (see `store/postgres.rs`). Every transaction
    /// that writes sync documents (a sync, a sync file, a tracker import, the demo records)
    /// must be one, so sequence numbers are assigned one transaction at a time.
    pub fn write_transaction(&mut self) -> Result<Tx<'_>> {
        match self {
            Self::Sqlite(_) => self.execute_batch("BEGIN IMMEDIATE")?,
            Self::Postgres(_) => {
                self.execute_batch("BEGIN")?;
                let tx = Tx {
                    db: self,
                    done: false,
                };
                tx.execute(
                    "SELECT pg_advisory_xact_lock(?1)",
                    [crate::store::postgres::SYNC_LOCK],
                )?;
                return Ok(tx);
            }
        }
        Ok(Tx {
            db: self,
            done: false,
        })
    }
}

/// One statement of a [`Db`], run as many times as needed (see [`Db::prepare`]).
#[derive(Debug)]
pub struct Stmt<'a> {
    db: &'a Db,
    sql: String,
}

impl Stmt<'_> {
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        self.db.execute(&self.sql, params)
    }

    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.db.query_row(&self.sql, params, f)
    }

    /// Every row through `f`, as rusqlite's (each item a `Result`, to collect or iterate).
    pub fn query_map<T>(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let rows = self.db.query_map(&self.sql, params, |row| Ok(f(row)))?;
        Ok(rows.into_iter())
    }

    /// Whether the query returns a row.
    pub fn exists(&mut self, params: impl Params) -> Result<bool> {
        self.db
            .query_row(&self.sql, params, |_| Ok(()))
            .optional()
            .map(|row| row.is_some())
    }
}

/// A transaction on a [`Db`]: derefs to it; rolled back when dropped uncommitted.
#[derive(Debug)]
pub struct Tx<'a> {
    db: &'a mut Db,
    done: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.db.execute_batch("COMMIT")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            // A failed rollback leaves the connection in a failed transaction; the next BEGIN
            // says so, which is all there is to do here.
            let _ignored = self.db.execute_batch("ROLLBACK");
        }
    }
}

/// `?N` placeholders (and bare `?`, numbered in order) as PostgreSQL's `$N`, outside quoted
/// strings and identifiers.
pub fn postgres_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    let mut next = 1usize;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    out.push_str(&next.to_string());
                    next += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// Statements prepared on one PostgreSQL connection, by their text.
type StatementCache = HashMap<String, postgres::Statement>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            postgres_placeholders("SELECT a FROM t WHERE b = ?2 AND c = ?1 AND d = '?3'"),
            "SELECT a FROM t WHERE b = $2 AND c = $1 AND d = '?3'"
        );
        assert_eq!(
            postgres_placeholders("INSERT INTO t VALUES (?, ?)"),
            "INSERT INTO t VALUES ($1, $2)"
        );
    }

    #[test]
    fn sqlite_round_trips_values_and_rolls_back_uncommitted() {
        let mut db = Db::from(rusqlite::Connection::open_in_memory().expect("open"));
        db.execute_batch("CREATE TABLE t (a INTEGER, b TEXT, c BLOB)")
            .expect("create");
        {
            let tx = db.transaction().expect("begin");
            tx.execute(
                "INSERT INTO t VALUES (?1, ?2, ?3)",
                params![7i64, "x", vec![1u8, 2]],
            )
            .expect("insert");
            tx.commit().expect("commit");
        }
        {
            let tx = db.transaction().expect("begin");
            tx.execute("INSERT INTO t VALUES (8, 'y', NULL)", [])
                .expect("insert");
        }
        let rows = db
            .query_map("SELECT a, b, c FROM t ORDER BY a", [], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<Vec<u8>>>(2)?,
                ))
            })
            .expect("rows");
        assert_eq!(rows, vec![(7, "x".to_owned(), Some(vec![1, 2]))]);
        let none = db
            .query_row("SELECT a FROM t WHERE a = 99", [], |r| r.get::<_, i64>(0))
            .optional()
            .expect("query");
        assert_eq!(none, None);
    }
}
