//! Drafts of forms in progress, saved as the mentor goes: a test half answered or a checklist
//! half marked survives closing the app. Kept in `localStorage` under the user's name (separate
//! from the synced documents: a draft is not a record until it is saved), sealed under the
//! user's data key like everything else stored (`vault`); while locked nothing is read or kept.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{platform, vault};

fn key(username: &str, form: &str, subject: &str) -> String {
    format!("mentora.draft.{username}.{form}.{subject}")
}

/// The saved draft, if any; a draft that no longer parses (older app version) is dropped. A
/// draft kept before drafts were sealed is read as it is and sealed at its next save.
pub fn load<T: DeserializeOwned>(username: &str, form: &str, subject: &str) -> Option<T> {
    let key = key(username, form, subject);
    let stored = platform::local_get(&key)?;
    let text = match vault::open_text(&stored) {
        Ok(text) => text,
        Err(vault::VaultError::Unreadable) => stored,
        Err(_) => return None,
    };
    let parsed = serde_json::from_str(&text).ok();
    if parsed.is_none() {
        platform::local_remove(&key);
    }
    parsed
}

/// Saves the draft; best effort (a full `localStorage` loses the draft, not the record).
pub fn save<T: Serialize>(username: &str, form: &str, subject: &str, draft: &T) {
    if let Some(sealed) = serde_json::to_string(draft)
        .ok()
        .and_then(|text| vault::seal_text(&text).ok())
    {
        platform::local_set(&key(username, form, subject), &sealed);
    }
}

pub fn clear(username: &str, form: &str, subject: &str) {
    platform::local_remove(&key(username, form, subject));
}

/// Removes every draft of `username` (their data is being erased from the device).
pub fn clear_all(username: &str) {
    for key in platform::local_keys(&format!("mentora.draft.{username}.")) {
        platform::local_remove(&key);
    }
}
