//! Sealing bytes under a 256-bit key with AES-GCM (RustCrypto's `aes-gcm`, synchronous, so
//! drafts and the token are sealed where they are written, without a promise in between).
//!
//! A sealed value is `"M1" ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`. The nonce is random
//! for every seal (the browser's CSPRNG): at a few thousand writes a day the chance of a repeat
//! under one key stays far below 2⁻³², the bound NIST SP 800-38D sets for random nonces.

use aes_gcm::aead::{Aead as _, KeyInit as _};
use aes_gcm::{Aes256Gcm, Nonce};

const MAGIC: &[u8; 2] = b"M1";
pub const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// A 256-bit key; its `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(pub [u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

/// The bytes are not a sealed value, or not one sealed under this key, or were altered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

pub fn seal(key: &Key, nonce: [u8; NONCE_LEN], plain: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new(&key.0.into());
    // Encryption fails only for inputs over 64 GiB; a record is far smaller.
    let sealed = cipher
        .encrypt(Nonce::from_slice(&nonce), plain)
        .unwrap_or_default();
    let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

pub fn open(key: &Key, sealed: &[u8]) -> Result<Vec<u8>, Unreadable> {
    let rest = sealed.strip_prefix(MAGIC.as_slice()).ok_or(Unreadable)?;
    if rest.len() < NONCE_LEN + TAG_LEN {
        return Err(Unreadable);
    }
    let (nonce, body) = rest.split_at(NONCE_LEN);
    Aes256Gcm::new(&key.0.into())
        .decrypt(Nonce::from_slice(nonce), body)
        .map_err(|_| Unreadable)
}

/// Whether `bytes` look sealed (stores written before encryption hold plain values).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC) && bytes.len() >= MAGIC.len() + NONCE_LEN + TAG_LEN
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: Key = Key([7; 32]);

    #[test]
    fn sealed_bytes_open_with_the_key_only() {
        let sealed = seal(&KEY, [1; NONCE_LEN], b"Amina Uwase, 0788 000 001");
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(5).any(|w| w == b"Amina"));
        assert_eq!(
            open(&KEY, &sealed).as_deref(),
            Ok(&b"Amina Uwase, 0788 000 001"[..])
        );
        assert_eq!(open(&Key([8; 32]), &sealed), Err(Unreadable));
    }

    #[test]
    fn altered_truncated_or_plain_bytes_are_unreadable() {
        let sealed = seal(&KEY, [2; NONCE_LEN], b"note");
        for i in 0..sealed.len() {
            let mut altered = sealed.clone();
            altered[i] ^= 1;
            assert_eq!(open(&KEY, &altered), Err(Unreadable), "byte {i}");
        }
        assert_eq!(open(&KEY, &sealed[..sealed.len() - 1]), Err(Unreadable));
        assert_eq!(open(&KEY, b"M1short"), Err(Unreadable));
        assert!(!is_sealed(b"{\"name\":\"x\"}"));
    }

    #[test]
    fn the_same_text_seals_differently_under_different_nonces() {
        assert_ne!(
            seal(&KEY, [3; NONCE_LEN], b"x"),
            seal(&KEY, [4; NONCE_LEN], b"x")
        );
        assert_eq!(
            open(&KEY, &seal(&KEY, [3; NONCE_LEN], b"")).as_deref(),
            Ok(&b""[..])
        );
    }
}
