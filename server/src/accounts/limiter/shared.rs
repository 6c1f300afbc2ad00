//! The login throttle in the database (`login_throttle`, migration 12), for PostgreSQL, where
//! several server processes share one database: the rules of [`super::LoginLimiter`] (free
//! failures, then a doubling delay, forgotten a day after the last attempt), with the clock in
//! Unix milliseconds so every process reads the same times.
//!
//! Each call is one transaction holding [`LOGIN_LOCK`] (a transaction-level advisory lock), so
//! two processes reserving at once cannot both slip under the limit. Size: rows are forgotten
//! [`super::FORGET_AFTER`] after their last attempt; an address's own limit slows a flood of
//! made-up usernames from it. Unlike the in-memory tables there is no fixed capacity.

use std::net::IpAddr;
use std::time::Duration;

use super::{Attempt, FORGET_AFTER, MAX_ADDRESS_FAILURES, MAX_FAILURES, address_key, wait_left};
use crate::sql::{Backend, Db, OptionalExtension as _};

/// The advisory lock key held while the throttle table is read and written.
pub const LOGIN_LOCK: i64 = crate::store::postgres::SYNC_LOCK + 2;

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Reserves an attempt for `username` from `address` at `now_ms`, or says how long to wait.
pub fn begin(
    db: &mut Db,
    username: &str,
    address: Option<IpAddr>,
    now_ms: i64,
) -> crate::sql::Result<Result<Attempt, Duration>> {
    let address = address.map(address_key);
    let address_text = address.map(|a| a.to_string());
    let tx = db.transaction()?;
    if tx.backend() == Backend::Postgres {
        tx.execute("SELECT pg_advisory_xact_lock(?1)", [LOGIN_LOCK])?;
    }
    tx.execute(
        "DELETE FROM login_throttle WHERE last_at_ms < ?1",
        [now_ms.saturating_sub(millis(FORGET_AFTER))],
    )?;
    let wait = |kind: &str, key: &str, free: u32| -> crate::sql::Result<Option<Duration>> {
        let row: Option<(i64, i64)> = tx
            .query_row(
                "SELECT failures, last_at_ms FROM login_throttle WHERE kind = ?1 AND key = ?2",
                [kind, key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(failures, last)| {
            let since = u64::try_from(now_ms.saturating_sub(last)).unwrap_or(0);
            wait_left(
                u32::try_from(failures).unwrap_or(u32::MAX),
                free,
                Duration::from_millis(since),
            )
        }))
    };
    let user_wait = wait("user", username, MAX_FAILURES)?;
    let address_wait = match &address_text {
        Some(a) => wait("address", a, MAX_ADDRESS_FAILURES)?,
        None => None,
    };
    if let Some(wait) = user_wait.max(address_wait) {
        tx.commit()?;
        return Ok(Err(wait));
    }
    let reserve = |kind: &str, key: &str| {
        tx.execute(
            "INSERT INTO login_throttle (kind, key, failures, last_at_ms) VALUES (?1, ?2, 1, ?3)
             ON CONFLICT (kind, key) DO UPDATE
             SET failures = login_throttle.failures + 1, last_at_ms = excluded.last_at_ms",
            crate::sql::params![kind, key, now_ms],
        )
    };
    reserve("user", username)?;
    if let Some(a) = &address_text {
        reserve("address", a)?;
    }
    tx.commit()?;
    Ok(Ok(Attempt {
        username: username.to_owned(),
        address,
    }))
}

/// The password was right: the username starts afresh and the address gets its attempt back.
pub fn succeeded(db: &mut Db, attempt: &Attempt) -> crate::sql::Result<()> {
    let tx = db.transaction()?;
    if tx.backend() == Backend::Postgres {
        tx.execute("SELECT pg_advisory_xact_lock(?1)", [LOGIN_LOCK])?;
    }
    tx.execute(
        "DELETE FROM login_throttle WHERE kind = 'user' AND key = ?1",
        [&attempt.username],
    )?;
    if let Some(address) = attempt.address {
        let key = address.to_string();
        tx.execute(
            "UPDATE login_throttle SET failures = failures - 1
             WHERE kind = 'address' AND key = ?1",
            [&key],
        )?;
        tx.execute(
            "DELETE FROM login_throttle WHERE kind = 'address' AND key = ?1 AND failures <= 0",
            [&key],
        )?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().expect("dir");
        let conn = crate::db::open(&dir.path().join("t.db"), false).expect("open");
        (dir, Db::from(conn))
    }

    #[test]
    fn the_shared_table_throttles_like_the_memory_one_and_forgets() {
        let (_dir, mut db) = db();
        let address: Option<IpAddr> = "10.0.0.1".parse().ok();
        let t0 = 1_000_000_000;
        for _ in 0..MAX_FAILURES {
            assert!(begin(&mut db, "amina", address, t0).expect("db").is_ok());
        }
        let wait = begin(&mut db, "amina", address, t0).expect("db");
        assert_eq!(wait.err(), Some(super::super::FIRST_DELAY));
        // Another user from the same address is still free.
        let other = begin(&mut db, "bosco", address, t0)
            .expect("db")
            .expect("free");
        succeeded(&mut db, &other).expect("db");
        // A day later the record is forgotten.
        let later = t0 + millis(FORGET_AFTER) + 1;
        assert!(begin(&mut db, "amina", address, later).expect("db").is_ok());
    }
}
