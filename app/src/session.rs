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

/// Signs out: asks the server to end the session (best effort — offline, or if the server is
/// down, the token is only forgotten here and ends by itself after its idle window) and forgets
/// the token. The user's records stay on the device, in their own database, for their next
/// sign-in.
pub fn forget() {
    if let Some(session) = saved() {
        leptos::task::spawn_local(async move {
            let _best_effort = platform::post_empty_authed("/api/logout", &session.token).await;
        });
    }
    platform::local_remove(SESSION_KEY);
}

/// Why the server no longer accepts this device's session (a 401 on sync). Local work goes on;
/// only sync waits for a new sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// Not used for longer than the server's idle window.
    Expired,
    /// Signed out elsewhere, password changed, or revoked by an administrator.
    Revoked,
    /// The account is disabled.
    Disabled,
    /// The server does not know the token.
    Unknown,
}

impl SessionEnd {
    /// From the server's error code.
    pub fn from_code(code: Option<&str>) -> Self {
        match code {
            Some("session_expired") => Self::Expired,
            Some("session_revoked") => Self::Revoked,
            Some("user_disabled") => Self::Disabled,
            _ => Self::Unknown,
        }
    }
}

/// The signed-in session, provided at the root.
#[derive(Debug, Clone, Copy)]
pub struct SessionState(pub RwSignal<Option<Session>>);

pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}

#[cfg(test)]
mod tests {
    use super::SessionEnd;

    #[test]
    fn the_server_code_names_why_the_session_ended() {
        for (code, end) in [
            (Some("session_expired"), SessionEnd::Expired),
            (Some("session_revoked"), SessionEnd::Revoked),
            (Some("user_disabled"), SessionEnd::Disabled),
            (Some("unauthorized"), SessionEnd::Unknown),
            (None, SessionEnd::Unknown),
        ] {
            assert_eq!(SessionEnd::from_code(code), end, "{code:?}");
        }
    }
}
