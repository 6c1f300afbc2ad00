//! `backup` and `restore`: a copy of the database taken while the server runs, and putting one
//! back with the server stopped.
//!
//! A backup uses SQLite's online backup API: a consistent snapshot, copied a few pages at a time
//! so the server's writers wait only briefly. It is written beside its destination and renamed
//! into place once complete and checked, so a failed backup never leaves a file that looks
//! whole. A restore checks the file (a Mentora database, whole, not from a newer server), keeps
//! the database it replaces beside it, and opens the restored one once, which brings its schema
//! up to date. Devices that synced after the backup was taken are told so at their next sync
//! (`SyncResponse::restored`) and push everything again: nothing a tablet still holds is lost.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::db;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("no database at {0}")]
    NoDatabase(String),
    #[error("{0} already exists: choose another name, a backup never overwrites a file")]
    Exists(String),
    #[error("{0} is not a Mentora database")]
    NotMentora(String),
    #[error("{path} is damaged: {detail}")]
    Damaged { path: String, detail: String },
    #[error("{path} was made by a newer Mentora (schema {found}, this one knows {known})")]
    Newer {
        path: String,
        found: i64,
        known: usize,
    },
    #[error("database error on {path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Open(#[from] db::DbError),
}

/// What a backup or a restore holds, for the operator's one-line report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub schema_version: i64,
    pub documents: i64,
    pub users: i64,
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn sqlite(path: &Path) -> impl Fn(rusqlite::Error) -> BackupError + '_ {
    move |source| BackupError::Sqlite {
        path: shown(path),
        source,
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: shown(path),
        source,
    }
}

/// The file a backup or a restore writes first, renamed into place when it is whole.
fn partial(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Copies the database at `database` to `to`, safely while the server is serving.
pub fn backup(database: &Path, to: &Path) -> Result<Summary, BackupError> {
    if !database.is_file() {
        return Err(BackupError::NoDatabase(shown(database)));
    }
    if to.exists() {
        return Err(BackupError::Exists(shown(to)));
    }
    let source = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(sqlite(database))?;
    source
        .busy_timeout(Duration::from_secs(5))
        .map_err(sqlite(database))?;
    let staging = partial(to);
    let _stale = std::fs::remove_file(&staging);
    let copied = (|| {
        let mut copy = Connection::open(&staging).map_err(sqlite(&staging))?;
        Backup::new(&source, &mut copy)
            .and_then(|step| step.run_to_completion(256, Duration::from_millis(5), None))
            .map_err(sqlite(&staging))?;
        let summary = check(&copy, &staging)?;
        copy.close().map_err(|(_, e)| sqlite(&staging)(e))?;
        std::fs::File::open(&staging)
            .and_then(|f| f.sync_all())
            .map_err(io(&staging))?;
        Ok(summary)
    })();
    match copied {
        Ok(summary) => {
            std::fs::rename(&staging, to).map_err(io(to))?;
            Ok(summary)
        }
        Err(e) => {
            let _partial_removed = std::fs::remove_file(&staging);
            Err(e)
        }
    }
}

/// Puts the backup `from` in place of the database at `database` (the server must be stopped).
/// The database it replaces is kept as `<database>.before-restore-<unix seconds>`; returns what
/// the restored database holds and where the old one went.
pub fn restore(
    from: &Path,
    database: &Path,
    now: u64,
) -> Result<(Summary, Option<PathBuf>), BackupError> {
    let backup = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| BackupError::NotMentora(shown(from)))?;
    check(&backup, from)?;
    drop(backup);
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let staging = partial(database);
    let _stale = std::fs::remove_file(&staging);
    std::fs::copy(from, &staging).map_err(io(&staging))?;
    let kept = if database.is_file() {
        // Fold the old database's write-ahead log into it first, so the copy kept is whole.
        let old = Connection::open(database).map_err(sqlite(database))?;
        old.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(sqlite(database))?;
        old.close().map_err(|(_, e)| sqlite(database)(e))?;
        let mut name = database.as_os_str().to_owned();
        name.push(format!(".before-restore-{now}"));
        let kept = PathBuf::from(name);
        std::fs::rename(database, &kept).map_err(io(&kept))?;
        for suffix in ["-wal", "-shm"] {
            let mut side = database.as_os_str().to_owned();
            side.push(suffix);
            let _gone = std::fs::remove_file(PathBuf::from(side));
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&staging, database).map_err(io(database))?;
    let restored = db::open(database, false)?;
    let summary = check(&restored, database)?;
    Ok((summary, kept))
}

/// A whole Mentora database this server can open: its integrity, its schema, what it holds.
fn check(conn: &Connection, path: &Path) -> Result<Summary, BackupError> {
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| BackupError::NotMentora(shown(path)))?;
    if integrity != "ok" {
        return Err(BackupError::Damaged {
            path: shown(path),
            detail: integrity,
        });
    }
    let is_mentora: bool = conn
        .query_row(
            "SELECT COUNT(*) = 2 FROM sqlite_master
             WHERE type = 'table' AND name IN ('sync_doc', 'user_account')",
            [],
            |r| r.get(0),
        )
        .map_err(sqlite(path))?;
    if !is_mentora {
        return Err(BackupError::NotMentora(shown(path)));
    }
    let schema_version: i64 = conn
        .query_row("SELECT MAX(version) FROM schema_migration", [], |r| {
            r.get(0)
        })
        .map_err(sqlite(path))?;
    let known = db::MIGRATION_COUNT;
    if usize::try_from(schema_version).map_or(true, |v| v > known) {
        return Err(BackupError::Newer {
            path: shown(path),
            found: schema_version,
            known,
        });
    }
    let count = |sql| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    Ok(Summary {
        schema_version,
        documents: count("SELECT COUNT(*) FROM sync_doc").map_err(sqlite(path))?,
        users: count("SELECT COUNT(*) FROM user_account").map_err(sqlite(path))?,
    })
}
