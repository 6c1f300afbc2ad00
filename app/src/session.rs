//! Who is signed in on this device.
//!
//! The session (token and user) lives in `localStorage` so the app starts offline; each user's
//! records live in their own IndexedDB database (see `store`). The device id — this browser's
//! Automerge actor for this user — is kept across sign-ins so the server can attribute changes.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::platform::{self, FetchError};
use crate::store::{hex, unhex};

const SESSION_KEY: &str = "mentora.session";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
}

impl User {
    pub fn shown_name(&self) -> &str {
        if self.display_name.is_empty() {
            &self.username
        } else {
            &self.display_name
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub device_id: String,
    pub user: User,
}

impl Session {
    pub fn device_bytes(&self) -> Option<[u8; 16]> {
        unhex::<16>(&self.device_id)
    }
}

#[derive(Serialize)]
struct LoginRequest<'a> {
    username: &'a str,
    password: &'a str,
    device_id: &'a str,
}

#[derive(Deserialize)]
struct LoginAnswer {
    token: String,
    user: User,
}

/// Why sign-in failed, for the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    Rejected,
    Offline,
    Other(String),
}

fn device_key(username: &str) -> String {
    format!("mentora.device.{username}")
}

/// This browser's device id for `username`, made once.
fn device_id_for(username: &str) -> Option<String> {
    if let Some(existing) =
        platform::local_get(&device_key(username)).filter(|d| unhex::<16>(d).is_some())
    {
        return Some(existing);
    }
    let id = hex(&platform::random_16()?);
    platform::local_set(&device_key(username), &id);
    Some(id)
}

pub async fn login(username: &str, password: &str) -> Result<Session, LoginError> {
    let device_id =
        device_id_for(username).ok_or(LoginError::Other("no secure random source".into()))?;
    let request = LoginRequest {
        username,
        password,
        device_id: &device_id,
    };
    match platform::post_json::<_, LoginAnswer>("/api/login", &request).await {
        Ok(answer) => {
            let session = Session {
                token: answer.token,
                device_id,
                user: answer.user,
            };
            if let Ok(json) = serde_json::to_string(&session) {
                platform::local_set(SESSION_KEY, &json);
            }
            Ok(session)
        }
        Err((FetchError::Status(401 | 403), _)) => Err(LoginError::Rejected),
        Err((FetchError::Unreachable, _)) => Err(LoginError::Offline),
        Err((error, message)) => Err(LoginError::Other(
            message.unwrap_or_else(|| error.to_string()),
        )),
    }
}

pub fn saved() -> Option<Session> {
    let json = platform::local_get(SESSION_KEY)?;
    serde_json::from_str(&json).ok()
}

/// Forgets the token; the user's records stay on the device, in their own database, for their
/// next sign-in.
pub fn forget() {
    platform::local_remove(SESSION_KEY);
}

/// The signed-in session, provided at the root.
#[derive(Debug, Clone, Copy)]
pub struct SessionState(pub RwSignal<Option<Session>>);

pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}
