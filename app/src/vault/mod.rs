//! The user's vault on this device: everything stored (document blobs, drafts, the sign-in
//! token) is sealed under a random data key (AES-256-GCM, `seal`); the data key is kept only
//! wrapped — under a key derived from the user's PIN (PBKDF2-SHA256, `kdf`) and under the
//! device's vault key that the server releases to a signed-in session of its user. While the
//! app is unlocked the data key is held in memory here; locking forgets it.
//!
//! The wrong-attempt count is raised before a PIN is checked and lowered only after it opened
//! the vault, so closing the app mid-check still counts the attempt.

pub mod kdf;
pub mod record;
pub mod seal;

use std::cell::RefCell;

pub use record::{Standing, VaultRecord};
use seal::Key;

use crate::platform;
use crate::store::{hex, unhex_vec};

thread_local! {
    static OPEN: RefCell<Option<(String, Key)>> = const { RefCell::new(None) };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultError {
    /// No vault is open (the app is locked), or another user's is.
    Locked,
    /// This user has no vault on this device.
    Missing,
    /// The browser offers no secure random source or WebCrypto.
    NoCrypto,
    /// The stored vault or value does not open with the key given.
    Unreadable,
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Locked => "the app is locked",
            Self::Missing => "no PIN is set for this user on this device",
            Self::NoCrypto => "this browser offers no secure encryption (use https)",
            Self::Unreadable => "the stored key does not open with this key",
        })
    }
}

fn record_key(username: &str) -> String {
    format!("mentora.vault.{username}")
}

pub fn record(username: &str) -> Option<VaultRecord> {
    serde_json::from_str(&platform::local_get(&record_key(username))?).ok()
}

fn save_record(username: &str, record: &VaultRecord) {
    if let Ok(json) = serde_json::to_string(record) {
        platform::local_set(&record_key(username), &json);
    }
}

pub fn forget_record(username: &str) {
    platform::local_remove(&record_key(username));
    platform::local_remove(&sync_key_key(username));
}

fn sync_key_key(username: &str) -> String {
    format!("mentora.synckey.{username}")
}

/// Keeps the device's vault key, sealed under the open data key, for sync files
/// (`sync::file`): both ends derive the file keys from it, and a file must be made and opened
/// offline. No weaker than before: the sealed copy opens only with the data key, which itself
/// opens only with the PIN or this same vault key from the server.
pub fn keep_sync_key(username: &str, vault_key: [u8; 32]) -> Result<(), VaultError> {
    let sealed = seal_bytes(&vault_key)?;
    platform::local_set(&sync_key_key(username), &hex(&sealed));
    Ok(())
}

/// The key kept by [`keep_sync_key`], while the vault is open; `None` before the device's
/// first online sign-in since sync files exist.
pub fn sync_key(username: &str) -> Option<[u8; 32]> {
    let sealed = unhex_vec(&platform::local_get(&sync_key_key(username))?)?;
    open_bytes(&sealed).ok()?.try_into().ok()
}

/// Whether `username`'s vault is the one open now.
pub fn is_open(username: &str) -> bool {
    OPEN.with_borrow(|open| open.as_ref().is_some_and(|(user, _)| user == username))
}

/// Forgets the data key: nothing sealed can be read until the next unlock.
pub fn lock() {
    OPEN.with_borrow_mut(|open| *open = None);
}

fn nonce() -> Result<[u8; seal::NONCE_LEN], VaultError> {
    let random = platform::random_16().ok_or(VaultError::NoCrypto)?;
    let mut nonce = [0_u8; seal::NONCE_LEN];
    nonce.copy_from_slice(&random[..seal::NONCE_LEN]);
    Ok(nonce)
}

fn random_key() -> Result<Key, VaultError> {
    let (a, b) = (platform::random_16(), platform::random_16());
    let (Some(a), Some(b)) = (a, b) else {
        return Err(VaultError::NoCrypto);
    };
    let mut key = [0_u8; 32];
    key[..16].copy_from_slice(&a);
    key[16..].copy_from_slice(&b);
    Ok(Key(key))
}

fn wrap(under: &Key, data_key: &Key) -> Result<String, VaultError> {
    Ok(hex(&seal::seal(under, nonce()?, &data_key.0)))
}

fn unwrap(under: &Key, wrapped: &str) -> Result<Key, VaultError> {
    let sealed = unhex_vec(wrapped).ok_or(VaultError::Unreadable)?;
    let plain = seal::open(under, &sealed).map_err(|_| VaultError::Unreadable)?;
    <[u8; 32]>::try_from(plain.as_slice())
        .map(Key)
        .map_err(|_| VaultError::Unreadable)
}

/// Seals `plain` under the open vault's data key.
pub fn seal_bytes(plain: &[u8]) -> Result<Vec<u8>, VaultError> {
    let nonce = nonce()?;
    OPEN.with_borrow(|open| {
        let (_, key) = open.as_ref().ok_or(VaultError::Locked)?;
        Ok(seal::seal(key, nonce, plain))
    })
}

/// Opens bytes sealed by [`seal_bytes`].
pub fn open_bytes(sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
    OPEN.with_borrow(|open| {
        let (_, key) = open.as_ref().ok_or(VaultError::Locked)?;
        seal::open(key, sealed).map_err(|_| VaultError::Unreadable)
    })
}

/// Text sealed for `localStorage`: hex of the sealed UTF-8.
pub fn seal_text(text: &str) -> Result<String, VaultError> {
    seal_bytes(text.as_bytes()).map(|sealed| hex(&sealed))
}

pub fn open_text(sealed: &str) -> Result<String, VaultError> {
    let bytes = unhex_vec(sealed).ok_or(VaultError::Unreadable)?;
    String::from_utf8(open_bytes(&bytes)?).map_err(|_| VaultError::Unreadable)
}

/// Makes `username`'s vault with a new data key, wrapped under `pin` and, when the server gave
/// it, the device's vault key; leaves it open.
pub async fn create(
    username: &str,
    pin: &str,
    vault_key: Option<[u8; 32]>,
) -> Result<(), VaultError> {
    let salt = platform::random_16().ok_or(VaultError::NoCrypto)?;
    let pin_key = kdf::derive(pin, &salt, record::PIN_ITERATIONS).await?;
    let data_key = random_key()?;
    let recovery_wrapped = match vault_key {
        Some(k) => Some(wrap(&Key(k), &data_key)?),
        None => None,
    };
    let record = VaultRecord {
        salt: hex(&salt),
        iterations: record::PIN_ITERATIONS,
        pin_wrapped: wrap(&pin_key, &data_key)?,
        recovery_wrapped,
        wrong: 0,
        lock_minutes: record::IDLE_LOCK_MINUTES,
    };
    save_record(username, &record);
    OPEN.with_borrow_mut(|open| *open = Some((username.to_owned(), data_key)));
    Ok(())
}

/// What a PIN did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinOutcome {
    Opened,
    /// Wrong; what the lock screen offers now.
    Wrong(Standing),
    /// PINs no longer unlock (too many wrong).
    NotAllowed(Standing),
}

pub async fn unlock_with_pin(username: &str, pin: &str) -> Result<PinOutcome, VaultError> {
    let mut record = record(username).ok_or(VaultError::Missing)?;
    if !matches!(record::standing(record.wrong), Standing::Pin { .. }) {
        return Ok(PinOutcome::NotAllowed(record::standing(record.wrong)));
    }
    record.wrong = record.wrong.saturating_add(1);
    save_record(username, &record);
    let salt = unhex_vec(&record.salt).ok_or(VaultError::Unreadable)?;
    let pin_key = kdf::derive(pin, &salt, record.iterations).await?;
    match unwrap(&pin_key, &record.pin_wrapped) {
        Ok(data_key) => {
            record.wrong = 0;
            save_record(username, &record);
            OPEN.with_borrow_mut(|open| *open = Some((username.to_owned(), data_key)));
            Ok(PinOutcome::Opened)
        }
        Err(_) => Ok(PinOutcome::Wrong(record::standing(record.wrong))),
    }
}

/// Opens the vault with the device's vault key (after a password sign-in), and clears the
/// wrong-attempt count. Adds the vault-key wrapping if the vault had none yet.
pub fn unlock_with_vault_key(username: &str, vault_key: [u8; 32]) -> Result<(), VaultError> {
    let mut record = record(username).ok_or(VaultError::Missing)?;
    let wrapped = record
        .recovery_wrapped
        .as_ref()
        .ok_or(VaultError::Unreadable)?;
    let data_key = unwrap(&Key(vault_key), wrapped)?;
    record.wrong = 0;
    save_record(username, &record);
    OPEN.with_borrow_mut(|open| *open = Some((username.to_owned(), data_key)));
    Ok(())
}

/// Adds the vault-key wrapping to the open vault that lacks it (a PIN set offline).
pub fn add_vault_key(username: &str, vault_key: [u8; 32]) -> Result<(), VaultError> {
    let mut record = record(username).ok_or(VaultError::Missing)?;
    if record.recovery_wrapped.is_some() {
        return Ok(());
    }
    let wrapped = OPEN.with_borrow(|open| match open {
        Some((user, data_key)) if user == username => wrap(&Key(vault_key), data_key),
        _ => Err(VaultError::Locked),
    })?;
    record.recovery_wrapped = Some(wrapped);
    save_record(username, &record);
    Ok(())
}

/// Keeps the server's idle-lock minutes for `username` (1 to 480; anything else is ignored).
pub fn set_lock_minutes(username: &str, minutes: u32) {
    if let Some(mut record) = record(username)
        && record.lock_minutes != minutes
        && (1..=480).contains(&minutes)
    {
        record.lock_minutes = minutes;
        save_record(username, &record);
    }
}

/// Counts a wrong password typed on the lock screen; returns the standing after it.
pub fn count_wrong(username: &str) -> Standing {
    let Some(mut record) = record(username) else {
        return Standing::Erase;
    };
    record.wrong = record.wrong.saturating_add(1);
    save_record(username, &record);
    record::standing(record.wrong)
}

/// Wraps the open vault's data key under a new PIN ("forgot PIN": the data stays).
pub async fn set_pin(username: &str, pin: &str) -> Result<(), VaultError> {
    let mut record = record(username).ok_or(VaultError::Missing)?;
    let salt = platform::random_16().ok_or(VaultError::NoCrypto)?;
    let pin_key = kdf::derive(pin, &salt, record::PIN_ITERATIONS).await?;
    let wrapped = OPEN.with_borrow(|open| match open {
        Some((user, data_key)) if user == username => wrap(&pin_key, data_key),
        _ => Err(VaultError::Locked),
    })?;
    record.salt = hex(&salt);
    record.iterations = record::PIN_ITERATIONS;
    record.pin_wrapped = wrapped;
    record.wrong = 0;
    save_record(username, &record);
    Ok(())
}
