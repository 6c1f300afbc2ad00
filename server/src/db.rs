//! The database: opening, add-only migrations and the demo seed, on SQLite (the embedded
//! default, [`open`]) or PostgreSQL ([`open_postgres`], issue 22; its schema in `postgres.rs`).
//!
//! SQLite runs in WAL mode with `synchronous=FULL`, so anything the server acknowledges is on
//! disk. Migrations are append-only: a released migration is never edited, only followed.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use mentora_shared::sync::ScopeSet;
use rusqlite::Connection;

use crate::sql::{Backend, Db, OptionalExtension, PgConn, params};

pub mod postgres;

/// Errors opening or migrating the database; the binary turns them into one line on stderr.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create data folder {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("database {path} is not usable: {source}")]
    Setup {
        path: String,
        source: crate::sql::Error,
    },
    #[error("cannot connect to PostgreSQL at {url}: {source}")]
    Connect {
        url: String,
        source: crate::sql::Error,
    },
    #[error("cannot create the demo accounts: {0}")]
    DemoAccounts(#[from] crate::accounts::AccountError),
}

/// Append-only: add new entries at the end, never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    // 1: the place hierarchy (country → region → district → facility).
    "CREATE TABLE place (
        id TEXT PRIMARY KEY,
        parent_id TEXT REFERENCES place(id),
        level TEXT NOT NULL,
        name TEXT NOT NULL
    ) STRICT;",
    // 2: sync storage (see store.rs): header index + snapshot, appended changes with their
    // author, per-device sync state.
    "CREATE TABLE sync_doc (
        doc_id BLOB PRIMARY KEY,
        kind TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        district TEXT NOT NULL,
        facility TEXT,
        seq INTEGER NOT NULL UNIQUE,
        snapshot BLOB
    ) STRICT;
    CREATE INDEX sync_doc_district ON sync_doc (district, seq);
    CREATE INDEX sync_doc_facility ON sync_doc (facility, seq);
    CREATE TABLE sync_change (
        id INTEGER PRIMARY KEY,
        doc_id BLOB NOT NULL,
        author BLOB NOT NULL,
        bytes BLOB NOT NULL
    ) STRICT;
    CREATE INDEX sync_change_doc ON sync_change (doc_id, id);
    CREATE TABLE sync_device (
        device_id BLOB PRIMARY KEY,
        read_scope TEXT NOT NULL,
        last_token INTEGER NOT NULL,
        pending_token INTEGER,
        pending BLOB
    ) STRICT;
    CREATE TABLE sync_device_doc (
        device_id BLOB NOT NULL,
        doc_id BLOB NOT NULL,
        heads BLOB NOT NULL,
        PRIMARY KEY (device_id, doc_id)
    ) STRICT, WITHOUT ROWID;",
    // 3: accounts (see accounts.rs): users, their scope, devices (one user each, forever: the
    // device id is the Automerge actor id) and login sessions (sha256 of the token).
    "CREATE TABLE user_account (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'mentor')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE user_scope (
        user_id INTEGER NOT NULL REFERENCES user_account (id),
        kind TEXT NOT NULL CHECK (kind IN ('district', 'facility')),
        place_id TEXT NOT NULL,
        PRIMARY KEY (user_id, kind, place_id)
    ) STRICT;
    CREATE TABLE device (
        device_id BLOB PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES user_account (id),
        first_login_at INTEGER NOT NULL,
        last_sync_at INTEGER
    ) STRICT;
    CREATE TABLE session (
        token_hash BLOB PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES user_account (id),
        device_id BLOB NOT NULL REFERENCES device (device_id),
        created_at INTEGER NOT NULL
    ) STRICT;",
    // 4: sessions that end (see accounts/sessions.rs): last use and sliding expiry, revocation;
    // disabled accounts. Sessions opened before this start their 60 days from their last sync.
    "ALTER TABLE session ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE session ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE session ADD COLUMN revoked_at INTEGER;
    UPDATE session SET last_used_at = MAX(created_at, COALESCE(
        (SELECT last_sync_at FROM device WHERE device.device_id = session.device_id), 0));
    UPDATE session SET expires_at = last_used_at + 60 * 24 * 60 * 60;
    CREATE INDEX session_user ON session (user_id);
    ALTER TABLE user_account ADD COLUMN disabled_at INTEGER;",
    // 5: bytes of changes stored per user, for the storage quota (sync_api/context.rs);
    // counted as they are stored, since compaction forgets each change's author.
    "CREATE TABLE user_usage (
        user_id INTEGER PRIMARY KEY REFERENCES user_account (id),
        stored_bytes INTEGER NOT NULL
    ) STRICT;",
    // 6: each device's vault key (accounts/vault.rs), released to its user's sessions only;
    // made at the next sign-in for devices bound before.
    "ALTER TABLE device ADD COLUMN vault_key BLOB;",
    // 7: a revoked device (a lost tablet, accounts/admin.rs `revoke_device`): its sessions are
    // ended, it may not sign in again, and at its next sync it erases its user's data.
    "ALTER TABLE device ADD COLUMN revoked_at INTEGER;",
    // 8: the documents the last response told a device to drop (they left its user's scope),
    // said again if that response is not acknowledged (shared `sync::server::left`).
    "ALTER TABLE sync_device ADD COLUMN pending_left BLOB;",
    // 9: programme set-up (setup/): a place's DHIS2 organisation unit id, kept from an import
    // so DHIS2 exports map it; and the log of admin actions (who, when, what, in words).
    "ALTER TABLE place ADD COLUMN dhis2_id TEXT;
    CREATE UNIQUE INDEX place_dhis2_id ON place (dhis2_id) WHERE dhis2_id IS NOT NULL;
    CREATE TABLE admin_action (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
    ) STRICT;",
    // 10: the affiliation a user mentors for (`rpa`, `ram`, `rsog`, `district_based`, `ceho`,
    // … — `MentorAffiliation::code`), sent at sign-in and recorded by the app with each
    // assessment and validation (Table 1); NULL when none was given.
    "ALTER TABLE user_account ADD COLUMN affiliation TEXT;",
    // 11: a deactivated place (setup/places.rs): hidden from new work on the tablets, kept in
    // the hierarchy, the records and the reports.
    "ALTER TABLE place ADD COLUMN active INTEGER NOT NULL DEFAULT 1;",
    // 12: the login throttle in the database (accounts/limiter/shared.rs), used on PostgreSQL
    // where several processes share it; SQLite keeps it in memory and leaves this empty.
    "CREATE TABLE login_throttle (
        kind TEXT NOT NULL CHECK (kind IN ('user', 'address')),
        key TEXT NOT NULL,
        failures INTEGER NOT NULL,
        last_at_ms INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
    ) STRICT;",
];

/// Opens (creating if needed) the database at `path`, applies pending migrations, and, if `demo`
/// is set and the database has no users yet, seeds the demo places and accounts. A database
/// that has users is never seeded: `--demo` left on in production adds nothing.
pub fn open(path: &Path, demo: bool) -> Result<Connection, DbError> {
    let shown = path.display().to_string();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let conn = Connection::open(path).map_err(|source| DbError::Open {
        path: shown.clone(),
        source,
    })?;
    let setup = |source| DbError::Setup {
        path: shown.clone(),
        source,
    };
    configure(&conn).map_err(|e| setup(e.into()))?;
    let mut db = Db::from(conn);
    prepare(&mut db, demo, &shown)?;
    match db {
        Db::Sqlite(conn) => Ok(conn),
        Db::Postgres(_) => unreachable!("opened as SQLite above"),
    }
}

/// The database of a command-line tool (`user`, `place`, …): PostgreSQL at `url` if given,
/// else SQLite in `data_dir`; migrated, never seeded.
pub fn open_cli(data_dir: &Path, url: Option<&crate::config::DatabaseUrl>) -> Result<Db, DbError> {
    match url {
        Some(url) => open_postgres(url.secret(), false),
        None => open(&data_dir.join("mentora.db"), false).map(Db::from),
    }
}

/// Connects to PostgreSQL at `url` (`postgres://user:password@host:port/database`), applies
/// pending migrations under the migration lock, and seeds the demo as [`open`] does.
pub fn open_postgres(url: &str, demo: bool) -> Result<Db, DbError> {
    let mut db = Db::from(connect_postgres(url)?);
    prepare(&mut db, demo, &crate::config::redact_url(url))?;
    Ok(db)
}

/// One more connection to an already migrated PostgreSQL database (the pool's others).
pub fn connect_postgres(url: &str) -> Result<PgConn, DbError> {
    PgConn::connect(url).map_err(|source| DbError::Connect {
        url: crate::config::redact_url(url),
        source,
    })
}

/// Migrates and, if asked and there are no users, seeds the demo.
fn prepare(db: &mut Db, demo: bool, shown: &str) -> Result<(), DbError> {
    let setup = |source| DbError::Setup {
        path: shown.to_owned(),
        source,
    };
    migrate(db).map_err(setup)?;
    if demo && crate::accounts::user_count(db).map_err(setup)? == 0 {
        seed_demo(db).map_err(setup)?;
        for user in crate::demo::accounts() {
            crate::accounts::add_user(db, &user)?;
        }
    }
    Ok(())
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidQuery);
    }
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;")
}

fn migrate(db: &mut Db) -> crate::sql::Result<()> {
    let (list, create) = match db.backend() {
        Backend::Sqlite => (
            MIGRATIONS,
            "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY) STRICT;",
        ),
        Backend::Postgres => (
            postgres::MIGRATIONS,
            "CREATE TABLE IF NOT EXISTS schema_migration (version BIGINT PRIMARY KEY);",
        ),
    };
    let tx = db.transaction()?;
    if tx.backend() == Backend::Postgres {
        tx.execute("SELECT pg_advisory_xact_lock(?1)", [postgres::MIGRATE_LOCK])?;
    }
    tx.execute_batch(create)?;
    let applied: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migration",
        [],
        |row| row.get(0),
    )?;
    for (index, sql) in list.iter().enumerate() {
        let version = i64::try_from(index + 1).unwrap_or(i64::MAX);
        if version > applied {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migration (version) VALUES (?1)",
                [version],
            )?;
        }
    }
    tx.commit()
}

/// Number of migrations this build knows; a database at a higher version is from a newer server.
pub const MIGRATION_COUNT: usize = MIGRATIONS.len();

/// The database's schema version: the last migration applied to it.
pub fn schema_version(conn: &Db) -> crate::sql::Result<i64> {
    conn.query_row("SELECT MAX(version) FROM schema_migration", [], |row| {
        row.get(0)
    })
}

fn seed_demo(conn: &mut Db) -> crate::sql::Result<()> {
    let existing: Option<String> = conn
        .query_row("SELECT id FROM place LIMIT 1", [], |row| row.get(0))
        .optional()?;
    if existing.is_some() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for place in crate::demo::places() {
        tx.execute(
            "INSERT INTO place (id, parent_id, level, name) VALUES (?1, ?2, ?3, ?4)",
            params![place.id, place.parent_id, place.level, place.name],
        )?;
    }
    tx.commit()
}

/// One row of the place hierarchy as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlaceRow {
    pub id: String,
    pub parent_id: Option<String>,
    pub level: String,
    pub name: String,
}

/// The places `read` reaches (its districts, its facilities, and every place under them) with
/// their ancestors, so a list can name each facility's district; in the given order.
pub fn places_in_scope(all: Vec<PlaceRow>, read: &ScopeSet) -> Vec<PlaceRow> {
    if read.everything {
        return all;
    }
    let parents: HashMap<&str, &str> = all
        .iter()
        .filter_map(|p| Some((p.id.as_str(), p.parent_id.as_deref()?)))
        .collect();
    // Walking up stops after as many steps as there are places, so a cycle cannot hang it.
    let lineage = |id: &str| {
        std::iter::successors(Some(id.to_owned()), |at| {
            parents.get(at.as_str()).map(|p| (*p).to_owned())
        })
        .take(all.len())
        .collect::<Vec<String>>()
    };
    let granted = |id: &str| {
        read.districts.iter().any(|d| d.as_str() == id)
            || read.facilities.iter().any(|f| f.as_str() == id)
    };
    let mut shown = HashSet::new();
    for place in &all {
        let line = lineage(&place.id);
        if line.iter().any(|id| granted(id)) {
            shown.extend(line);
        }
    }
    all.into_iter().filter(|p| shown.contains(&p.id)).collect()
}

/// Each place's DHIS2 organisation unit id, where an import kept one.
pub fn place_dhis2_ids(conn: &mut Db) -> crate::sql::Result<Vec<(String, String)>> {
    conn.query_map(
        "SELECT id, dhis2_id FROM place WHERE dhis2_id IS NOT NULL",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// The ids of deactivated places.
pub fn inactive_places(conn: &Db) -> crate::sql::Result<Vec<String>> {
    conn.query_map(
        "SELECT id FROM place WHERE active = 0 ORDER BY id",
        [],
        |row| row.get(0),
    )
}

pub fn places(conn: &Db) -> crate::sql::Result<Vec<PlaceRow>> {
    conn.query_map(
        "SELECT id, parent_id, level, name FROM place ORDER BY name",
        [],
        |row| {
            Ok(PlaceRow {
                id: row.get(0)?,
                parent_id: row.get(1)?,
                level: row.get(2)?,
                name: row.get(3)?,
            })
        },
    )
}
