//! What the `user` commands change after an account exists: password, disabled flag, scope,
//! sessions. Each is one transaction; a change that takes rights away also ends the sessions
//! it concerns, so no device keeps syncing on the old terms.

use crate::sql::{Db, OptionalExtension as _, params};

use super::sessions::{Token, revoke_other_sessions, revoke_user_sessions};
use super::{AccountError, Password, User, hash_password, unix_now, user_by_id};
use crate::hex;

fn user_id(conn: &Db, username: &str) -> Result<i64, AccountError> {
    conn.query_row(
        "SELECT id FROM user_account WHERE username = ?1",
        [username],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| AccountError::NoSuchUser(username.to_owned()))
}

/// Replaces the password (the caller checks its strength) and ends every session of the user
/// but `keep` (the session that asked for the change, if any); returns how many were ended.
/// Hashes first: call it off the async workers.
pub fn set_password(
    conn: &mut Db,
    username: &str,
    password: &Password,
    keep: Option<&Token>,
) -> Result<usize, AccountError> {
    let hash = hash_password(password)?;
    set_password_hash(conn, username, &hash, keep)
}

/// [`set_password`] with the argon2id hash already made (outside the database lock).
pub fn set_password_hash(
    conn: &mut Db,
    username: &str,
    hash: &str,
    keep: Option<&Token>,
) -> Result<usize, AccountError> {
    let id = user_id(conn, username)?;
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE user_account SET password_hash = ?2 WHERE id = ?1",
        params![id, hash],
    )?;
    let ended = revoke_other_sessions(&tx, id, keep)?;
    tx.commit()?;
    Ok(ended)
}

/// Disables (ending every session) or enables an account; an enabled account signs in again.
/// Returns how many sessions were ended.
pub fn set_disabled(conn: &mut Db, username: &str, disabled: bool) -> Result<usize, AccountError> {
    let tx = conn.transaction()?;
    let id = user_id(&tx, username)?;
    let ended = if disabled {
        tx.execute(
            "UPDATE user_account SET disabled_at = COALESCE(disabled_at, ?2) WHERE id = ?1",
            params![id, unix_now()],
        )?;
        revoke_user_sessions(&tx, id)?
    } else {
        tx.execute(
            "UPDATE user_account SET disabled_at = NULL WHERE id = ?1",
            [id],
        )?;
        0
    };
    tx.commit()?;
    Ok(ended)
}

/// Takes a district or facility out of a user's scope; their devices stop receiving and may no
/// longer write that place's records from their next sync.
pub fn remove_place(conn: &mut Db, username: &str, place: &str) -> Result<User, AccountError> {
    let tx = conn.transaction()?;
    let id = user_id(&tx, username)?;
    let removed = tx.execute(
        "DELETE FROM user_scope WHERE user_id = ?1 AND place_id = ?2",
        params![id, place],
    )?;
    if removed == 0 {
        return Err(AccountError::NoSuchPlace(
            username.to_owned(),
            place.to_owned(),
        ));
    }
    tx.commit()?;
    user_by_id(conn, id)?.ok_or_else(|| AccountError::NoSuchUser(username.to_owned()))
}

/// Revokes one of `username`'s devices, named by the start of its hex id (at least 8 digits, as
/// `GET /api/devices` shows it): its sessions end, it may not sign in again, and at its next
/// sync the server answers `device_revoked`, on which it erases that user's data. Returns the
/// device's full id and how many sessions were ended.
pub fn revoke_device(
    conn: &mut Db,
    username: &str,
    prefix: &str,
) -> Result<(String, usize), AccountError> {
    let prefix = prefix.trim().to_ascii_lowercase();
    let no_device = || AccountError::NoSuchDevice(username.to_owned(), prefix.clone());
    if prefix.len() < 8 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(no_device());
    }
    let tx = conn.transaction()?;
    let id = user_id(&tx, username)?;
    let devices: Vec<Vec<u8>> = tx
        .prepare("SELECT device_id FROM device WHERE user_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<crate::sql::Result<_>>()?;
    let mut matching = devices.iter().filter(|d| hex(d).starts_with(&prefix));
    let device = matching.next().ok_or_else(no_device)?.clone();
    if matching.next().is_some() {
        return Err(AccountError::AmbiguousDevice(username.to_owned(), prefix));
    }
    let now = unix_now();
    tx.execute(
        "UPDATE device SET revoked_at = COALESCE(revoked_at, ?2) WHERE device_id = ?1",
        params![&device[..], now],
    )?;
    let ended = tx.execute(
        "UPDATE session SET revoked_at = ?2 WHERE device_id = ?1 AND revoked_at IS NULL",
        params![&device[..], now],
    )?;
    tx.commit()?;
    Ok((hex(&device), ended))
}

/// Ends every session of a user (a lost tablet): each of their devices must sign in again
/// before it syncs. Returns how many sessions were ended.
pub fn revoke(conn: &mut Db, username: &str) -> Result<usize, AccountError> {
    let tx = conn.transaction()?;
    let id = user_id(&tx, username)?;
    let ended = revoke_user_sessions(&tx, id)?;
    tx.commit()?;
    Ok(ended)
}
