//! Sync by file, for places with no network at all: the request a sync would send, saved on the
//! tablet and carried (USB stick, SD card, phone) to a connected computer, and the server's
//! answer carried back. Sync is one batched, idempotent message, so a file is just that message,
//! sealed.
//!
//! Sealed means authenticated and unreadable to whoever carries it: AES-256-GCM under a key both
//! ends know and nobody else does, derived from the device's vault key (made by the server at
//! the device's first sign-in, released only to its user's sessions, kept sealed on the tablet).
//! Each direction has its own key, so an answer cannot be passed off as a request. The header
//! (magic, version, direction, device id, nonce) is authenticated too: a file made for another
//! device, changed or cut short is refused whole, and says which of these it can tell.
//!
//! ```text
//! file = "MSFL"  version:u8=1  direction:u8 (1 to the server, 2 to the device)
//!        device:16  nonce:12  AES-256-GCM(sync message, aad = the 34 bytes before) with its tag
//! ```

use aes_gcm::aead::{Aead as _, KeyInit as _, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use sha2::{Digest as _, Sha256};

use super::types::DeviceId;
use super::wire::Limits;

pub const MAGIC: [u8; 4] = *b"MSFL";
pub const VERSION: u8 = 1;
const HEADER_LEN: usize = 4 + 1 + 1 + 16 + 12;
const TAG_LEN: usize = 16;

/// Which way a file goes; each has its own key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the tablet: a sync request.
    ToServer = 1,
    /// From the server: the answer for one device.
    ToDevice = 2,
}

impl Direction {
    fn from_byte(b: u8) -> Option<Self> {
        match b {
            1 => Some(Self::ToServer),
            2 => Some(Self::ToDevice),
            _ => None,
        }
    }

    /// The largest file of this direction: the sync message's own limit plus the envelope.
    pub fn max_file_bytes(self) -> usize {
        let message = match self {
            Self::ToServer => Limits::REQUEST.max_message_bytes,
            Self::ToDevice => Limits::RESPONSE.max_message_bytes,
        };
        message + HEADER_LEN + TAG_LEN
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("this is not a Mentora sync file")]
    NotASyncFile,
    #[error("this sync file was made by a newer Mentora (format {0})")]
    UnsupportedVersion(u8),
    #[error("this is an answer file for a tablet, not a tablet's sync file")]
    AnswerNotRequest,
    #[error("this is a tablet's sync file, not an answer from the server")]
    RequestNotAnswer,
    #[error("this sync file is cut short")]
    Truncated,
    #[error("this sync file is larger than any sync ({limit} bytes)")]
    TooLarge { limit: usize },
    #[error("this sync file was made for another tablet")]
    OtherDevice,
    #[error("this sync file was changed or damaged after it was made, or is not for this device")]
    Tampered,
}

impl FileError {
    /// A stable machine-readable name, sent by the server beside its words so a client can say
    /// it in the person's language.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotASyncFile => "sync_file_not_one",
            Self::UnsupportedVersion(_) => "sync_file_newer",
            Self::AnswerNotRequest => "sync_file_answer_not_request",
            Self::RequestNotAnswer => "sync_file_request_not_answer",
            Self::Truncated => "sync_file_truncated",
            Self::TooLarge { .. } => "sync_file_too_large",
            Self::OtherDevice => "sync_file_other_device",
            Self::Tampered => "sync_file_tampered",
        }
    }

    /// The error a [`FileError::code`] names (its numbers, which the code does not carry, are 0).
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::NotASyncFile,
            Self::UnsupportedVersion(0),
            Self::AnswerNotRequest,
            Self::RequestNotAnswer,
            Self::Truncated,
            Self::TooLarge { limit: 0 },
            Self::OtherDevice,
            Self::Tampered,
        ]
        .into_iter()
        .find(|error| error.code() == code)
    }
}

/// The key of one direction for one device.
fn key(vault_key: &[u8; 32], direction: Direction) -> Aes256Gcm {
    let mut hash = Sha256::new();
    hash.update(b"mentora sync file v1\0");
    hash.update([direction as u8]);
    hash.update(vault_key);
    let derived: [u8; 32] = hash.finalize().into();
    Aes256Gcm::new(&derived.into())
}

/// Seals `message` for `direction`. `nonce` must be fresh random bytes (the caller has the
/// random source; this module stays pure).
pub fn seal(
    direction: Direction,
    device: DeviceId,
    vault_key: &[u8; 32],
    nonce: [u8; 12],
    message: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + message.len() + TAG_LEN);
    out.extend_from_slice(&MAGIC);
    out.push(VERSION);
    out.push(direction as u8);
    out.extend_from_slice(&device.0);
    out.extend_from_slice(&nonce);
    let sealed = key(vault_key, direction).encrypt(
        Nonce::from_slice(&nonce),
        Payload {
            msg: message,
            aad: &out,
        },
    );
    // AES-GCM only fails for inputs beyond 64 GiB, far past any sync message.
    out.extend_from_slice(&sealed.unwrap_or_default());
    out
}

/// The device a file names, checked to be a sync file of `direction` (before any key is known:
/// the server looks the device's key up from it).
pub fn device_of(bytes: &[u8], direction: Direction) -> Result<DeviceId, FileError> {
    if bytes.len() > direction.max_file_bytes() {
        return Err(FileError::TooLarge {
            limit: direction.max_file_bytes(),
        });
    }
    if bytes.len() < 6 || bytes[..4] != MAGIC {
        return Err(
            if MAGIC.starts_with(&bytes[..bytes.len().min(4)]) && !bytes.is_empty() {
                FileError::Truncated
            } else {
                FileError::NotASyncFile
            },
        );
    }
    if bytes[4] != VERSION {
        return Err(FileError::UnsupportedVersion(bytes[4]));
    }
    match (Direction::from_byte(bytes[5]), direction) {
        (Some(found), wanted) if found == wanted => {}
        (Some(Direction::ToDevice), Direction::ToServer) => {
            return Err(FileError::AnswerNotRequest);
        }
        (Some(Direction::ToServer), Direction::ToDevice) => {
            return Err(FileError::RequestNotAnswer);
        }
        _ => return Err(FileError::NotASyncFile),
    }
    if bytes.len() < HEADER_LEN + TAG_LEN {
        return Err(FileError::Truncated);
    }
    let mut device = [0u8; 16];
    device.copy_from_slice(&bytes[6..22]);
    Ok(DeviceId(device))
}

/// Opens a file of `direction` made for `device` with its vault key: the sync message inside.
pub fn open(
    bytes: &[u8],
    direction: Direction,
    device: DeviceId,
    vault_key: &[u8; 32],
) -> Result<Vec<u8>, FileError> {
    if device_of(bytes, direction)? != device {
        return Err(FileError::OtherDevice);
    }
    let (header, sealed) = bytes.split_at(HEADER_LEN);
    key(vault_key, direction)
        .decrypt(
            Nonce::from_slice(&header[22..]),
            Payload {
                msg: sealed,
                aad: header,
            },
        )
        .map_err(|_| FileError::Tampered)
}

#[cfg(test)]
mod tests;
