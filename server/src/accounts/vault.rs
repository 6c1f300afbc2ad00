//! The device's vault key: 32 random bytes per device, made at its first sign-in and kept here.
//!
//! The app encrypts what it stores under a data key that the user's PIN unlocks; the same data
//! key is also wrapped under this vault key, which the server releases only to a signed-in
//! session of the device's user (`POST /api/login`, `GET /api/me`). So "forgot PIN" is a password
//! sign-in online, and a tablet taken away holds nothing the server's key alone would open: the
//! wrapped data key stays on the tablet, the vault key on the server.

use crate::sql::{Db, OptionalExtension as _};
use mentora_shared::sync::DeviceId;

use super::AccountError;

/// The vault key of `device`, made now if it has none (devices bound before migration 6).
pub fn device_vault_key(conn: &Db, device: DeviceId) -> Result<[u8; 32], AccountError> {
    let stored: Option<Option<Vec<u8>>> = conn
        .query_row(
            "SELECT vault_key FROM device WHERE device_id = ?1",
            [&device.0[..]],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(key) = stored.flatten().and_then(|k| <[u8; 32]>::try_from(k).ok()) {
        return Ok(key);
    }
    let mut key = [0_u8; 32];
    getrandom::fill(&mut key).map_err(|_| AccountError::Hash)?;
    // Only where none is set yet, so two first sign-ins at once agree on the key kept.
    conn.execute(
        "UPDATE device SET vault_key = ?2 WHERE device_id = ?1 AND vault_key IS NULL",
        crate::sql::params![&device.0[..], &key[..]],
    )?;
    let kept: Option<Vec<u8>> = conn.query_row(
        "SELECT vault_key FROM device WHERE device_id = ?1",
        [&device.0[..]],
        |r| r.get(0),
    )?;
    kept.and_then(|k| <[u8; 32]>::try_from(k).ok())
        .ok_or(AccountError::Hash)
}
