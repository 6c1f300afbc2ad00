//! Drafts of forms in progress, saved as the mentor goes: a test half answered or a checklist
//! half marked survives closing the app. Kept in `localStorage` under the user's name (separate
//! from the synced documents: a draft is not a record until it is saved).

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::platform;

fn key(username: &str, form: &str, subject: &str) -> String {
    format!("mentora.draft.{username}.{form}.{subject}")
}

/// The saved draft, if any; a draft that no longer parses (older app version) is dropped.
pub fn load<T: DeserializeOwned>(username: &str, form: &str, subject: &str) -> Option<T> {
    let key = key(username, form, subject);
    let text = platform::local_get(&key)?;
    let parsed = serde_json::from_str(&text).ok();
    if parsed.is_none() {
        platform::local_remove(&key);
    }
    parsed
}

/// Saves the draft; best effort (a full `localStorage` loses the draft, not the record).
pub fn save<T: Serialize>(username: &str, form: &str, subject: &str, draft: &T) {
    if let Ok(text) = serde_json::to_string(draft) {
        platform::local_set(&key(username, form, subject), &text);
    }
}

pub fn clear(username: &str, form: &str, subject: &str) {
    platform::local_remove(&key(username, form, subject));
}
