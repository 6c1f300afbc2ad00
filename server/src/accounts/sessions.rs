//! Login sessions: opening, checking, sliding expiry, revocation.
//!
//! A session ends when it has not been used for the idle window (`serve --session-idle-days`,
//! 60 days by default: long enough for a mentor offline for weeks), when it is revoked (sign-out,
//! a password change, `user revoke`, `user disable`) or while its user is disabled. Each use
//! slides the window, written at most once per [`REFRESH_EVERY_SECS`] so a syncing tablet does
//! not write the session row on every request. Only the sha256 of a token is stored.

use std::fmt;

use crate::sql::{Db, OptionalExtension, params};
use mentora_shared::sync::DeviceId;
use sha2::{Digest as _, Sha256};

use super::{AccountError, User, unix_now, user_by_id};

/// The idle window when `--session-idle-days` is not given.
pub const DEFAULT_IDLE_DAYS: u32 = 60;
/// How stale the stored last use may get before a request writes it again.
pub const REFRESH_EVERY_SECS: i64 = 60 * 60;
/// Ended sessions are kept this long (so a late device still hears why), then deleted.
const KEEP_ENDED_SECS: i64 = 180 * 24 * 60 * 60;

/// A bearer token as sent to the device: 32 random bytes, hex.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(pub String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl Token {
    fn digest(&self) -> [u8; 32] {
        Sha256::digest(self.0.as_bytes()).into()
    }
}

/// The idle window in seconds.
pub fn idle_secs(idle_days: u32) -> i64 {
    i64::from(idle_days) * 24 * 60 * 60
}

/// Binds the device to the user (refusing a device of another user, or a disabled user) and
/// opens a session that ends after `idle_days` without use.
pub fn open_session(
    conn: &mut Db,
    user: &User,
    device: DeviceId,
    idle_days: u32,
) -> Result<Token, AccountError> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|_| AccountError::Hash)?;
    let token = Token(raw.iter().map(|b| format!("{b:02x}")).collect());
    let now = unix_now();
    let tx = conn.transaction()?;
    if user_disabled(&tx, user.id)? {
        return Err(AccountError::Disabled);
    }
    let owner: Option<i64> = tx
        .query_row(
            "SELECT user_id FROM device WHERE device_id = ?1",
            [&device.0[..]],
            |r| r.get(0),
        )
        .optional()?;
    if device_revoked(&tx, device)? {
        return Err(AccountError::DeviceRevoked);
    }
    match owner {
        Some(owner) if owner != user.id => return Err(AccountError::DeviceTaken),
        Some(_) => {}
        None => {
            tx.execute(
                "INSERT INTO device (device_id, user_id, first_login_at) VALUES (?1, ?2, ?3)",
                params![&device.0[..], user.id, now],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO session (token_hash, user_id, device_id, created_at, last_used_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![
            &token.digest()[..],
            user.id,
            &device.0[..],
            now,
            now.saturating_add(idle_secs(idle_days))
        ],
    )?;
    tx.execute(
        "DELETE FROM session WHERE user_id = ?1 AND (revoked_at < ?2 OR expires_at < ?2)",
        params![user.id, now.saturating_sub(KEEP_ENDED_SECS)],
    )?;
    tx.commit()?;
    Ok(token)
}

fn device_revoked(conn: &Db, device: DeviceId) -> crate::sql::Result<bool> {
    let revoked: Option<i64> = conn
        .prepare_cached("SELECT revoked_at FROM device WHERE device_id = ?1")?
        .query_row([&device.0[..]], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(revoked.is_some())
}

fn user_disabled(conn: &Db, user_id: i64) -> crate::sql::Result<bool> {
    let disabled: Option<i64> = conn
        .prepare_cached("SELECT disabled_at FROM user_account WHERE id = ?1")?
        .query_row([user_id], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(disabled.is_some())
}

/// Who a token belongs to.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub device: DeviceId,
}

/// What a presented token is worth, in the order the checks are made.
#[derive(Debug, Clone)]
pub enum SessionCheck {
    Valid(Session),
    /// No session has this token (or it was deleted long after it ended).
    Unknown,
    UserDisabled,
    /// The device was revoked (a lost tablet): it erases its user's data.
    DeviceRevoked,
    Revoked,
    Expired,
}

struct Row {
    user_id: i64,
    device: Vec<u8>,
    last_used_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    disabled_at: Option<i64>,
    device_revoked_at: Option<i64>,
}

fn row(conn: &Db, token: &Token) -> crate::sql::Result<Option<Row>> {
    conn.prepare_cached(
        "SELECT s.user_id, s.device_id, s.last_used_at, s.expires_at, s.revoked_at, u.disabled_at,
                d.revoked_at
         FROM session s JOIN user_account u ON u.id = s.user_id
         LEFT JOIN device d ON d.device_id = s.device_id WHERE s.token_hash = ?1",
    )?
    .query_row([&token.digest()[..]], |r| {
        Ok(Row {
            user_id: r.get(0)?,
            device: r.get(1)?,
            last_used_at: r.get(2)?,
            expires_at: r.get(3)?,
            revoked_at: r.get(4)?,
            disabled_at: r.get(5)?,
            device_revoked_at: r.get(6)?,
        })
    })
    .optional()
}

/// Checks a token at `now` against the idle window and, when valid and the stored last use is
/// older than [`REFRESH_EVERY_SECS`], slides the window.
pub fn check_session(
    conn: &Db,
    token: &Token,
    now: i64,
    idle_days: u32,
) -> crate::sql::Result<SessionCheck> {
    let Some(row) = row(conn, token)? else {
        return Ok(SessionCheck::Unknown);
    };
    if row.disabled_at.is_some() {
        return Ok(SessionCheck::UserDisabled);
    }
    if row.device_revoked_at.is_some() {
        return Ok(SessionCheck::DeviceRevoked);
    }
    if row.revoked_at.is_some() {
        return Ok(SessionCheck::Revoked);
    }
    let idle = idle_secs(idle_days);
    if now >= row.expires_at || now >= row.last_used_at.saturating_add(idle) {
        return Ok(SessionCheck::Expired);
    }
    let device = <[u8; 16]>::try_from(row.device)
        .map_err(|_| crate::sql::Error::Invalid("unexpected row"))?;
    let Some(user) = user_by_id(conn, row.user_id)? else {
        return Ok(SessionCheck::Unknown);
    };
    if now - row.last_used_at >= REFRESH_EVERY_SECS {
        conn.prepare_cached(
            "UPDATE session SET last_used_at = ?2, expires_at = ?3 WHERE token_hash = ?1",
        )?
        .execute(params![&token.digest()[..], now, now.saturating_add(idle)])?;
    }
    Ok(SessionCheck::Valid(Session {
        user,
        device: DeviceId(device),
    }))
}

/// The session of a token that is neither revoked, expired (as last stored) nor of a disabled
/// user. Read-only; [`check_session`] is the full check made before a handler runs.
pub fn session(conn: &Db, token: &Token) -> crate::sql::Result<Option<Session>> {
    let Some(row) = row(conn, token)? else {
        return Ok(None);
    };
    if row.disabled_at.is_some() || row.revoked_at.is_some() || unix_now() >= row.expires_at {
        return Ok(None);
    }
    let device = <[u8; 16]>::try_from(row.device)
        .map_err(|_| crate::sql::Error::Invalid("unexpected row"))?;
    Ok(user_by_id(conn, row.user_id)?.map(|user| Session {
        user,
        device: DeviceId(device),
    }))
}

/// Ends the session of `token` (sign-out). Returns whether the token was known; signing out of
/// an already ended session is not an error.
pub fn revoke_token(conn: &Db, token: &Token) -> crate::sql::Result<bool> {
    conn.execute(
        "UPDATE session SET revoked_at = COALESCE(revoked_at, ?2) WHERE token_hash = ?1",
        params![&token.digest()[..], unix_now()],
    )
    .map(|n| n > 0)
}

/// Ends every open session of a user; returns how many were open.
pub fn revoke_user_sessions(conn: &Db, user_id: i64) -> crate::sql::Result<usize> {
    revoke_other_sessions(conn, user_id, None)
}

/// Ends every open session of a user but the one of `keep`; returns how many were ended.
pub fn revoke_other_sessions(
    conn: &Db,
    user_id: i64,
    keep: Option<&Token>,
) -> crate::sql::Result<usize> {
    let keep = keep
        .map(|token| token.digest().to_vec())
        .unwrap_or_default();
    conn.execute(
        "UPDATE session SET revoked_at = ?2
         WHERE user_id = ?1 AND revoked_at IS NULL AND token_hash != ?3",
        params![user_id, unix_now(), keep],
    )
}

/// Records when a device last synced (shown next to supervisors' figures later).
pub fn touch_device(conn: &Db, device: DeviceId) -> crate::sql::Result<()> {
    conn.prepare_cached("UPDATE device SET last_sync_at = ?2 WHERE device_id = ?1")?
        .execute(params![&device.0[..], unix_now()])?;
    Ok(())
}
