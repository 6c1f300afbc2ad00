//! Who each device is (`GET /api/directory`: device id → username and display name), kept per
//! user in `localStorage`, sealed under the user's vault like drafts, so the history of changes
//! names people offline too. Refreshed at each online unlock and when a history is opened
//! online; forgotten with the user's other data on this device (`session::erase`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::platform;
use crate::session::Session;
use crate::vault;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub username: String,
    pub display_name: String,
}

/// Device id in lowercase hex → the person it belongs to.
pub type Directory = BTreeMap<String, Person>;

#[derive(Deserialize)]
struct Entry {
    actor: String,
    username: String,
    display_name: String,
}

#[derive(Deserialize)]
struct Answer {
    actors: Vec<Entry>,
}

pub fn key(username: &str) -> String {
    format!("mentora.directory.{username}")
}

/// The directory last fetched for `username`; empty if none, or if it cannot be opened.
pub fn cached(username: &str) -> Directory {
    platform::local_get(&key(username))
        .and_then(|sealed| vault::open_text(&sealed).ok())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Fetches the directory and keeps it sealed; on any failure the cached one stays.
pub async fn refresh(session: &Session) -> Option<Directory> {
    let answer = platform::get_json_authed::<Answer>("/api/directory", &session.token)
        .await
        .ok()?;
    let directory: Directory = answer
        .actors
        .into_iter()
        .map(|e| {
            let person = Person {
                username: e.username,
                display_name: e.display_name,
            };
            (e.actor, person)
        })
        .collect();
    let json = serde_json::to_string(&directory).ok()?;
    let sealed = vault::seal_text(&json).ok()?;
    platform::local_set(&key(&session.user.username), &sealed);
    Some(directory)
}
