//! Who is signed in on this device.
//!
//! Each user's session lives in `localStorage` (`mentora.session.<username>`: the user in the
//! clear, the token sealed under their vault) so the app starts offline, locked until the PIN is
//! given; `mentora.current` names the user the app opens with. Each user's records live in their
//! own IndexedDB database (see `store`). The device id — this browser's
//! Automerge actor for this user — is kept across sign-ins so the server can attribute changes.

use leptos::prelude::*;
use mentora_shared::domain::MentorAffiliation;
use mentora_shared::policy::Role;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::platform::{self, FetchError};
use crate::store::{hex, unhex};
use crate::vault;

const SESSION_KEY: &str = "mentora.session";
const CURRENT_KEY: &str = "mentora.current";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
    /// The professional association (or district-based, CEHO…) the user mentors for, as the
    /// server knows it; recorded on each assessment and validation they save (Table 1). Absent
    /// in sessions saved before it was sent, and read as none when the code is unknown.
    #[serde(default, deserialize_with = "lenient_affiliation")]
    pub affiliation: Option<MentorAffiliation>,
}

/// An affiliation code this app does not know (a newer server's) reads as none, so sign-in and
/// saved sessions still load.
fn lenient_affiliation<'de, D>(deserializer: D) -> Result<Option<MentorAffiliation>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let code = Option::<String>::deserialize(deserializer)?;
    Ok(code.as_deref().and_then(MentorAffiliation::from_code))
}

impl User {
    /// Where this user starts after signing in or unlocking: supervisors and admins review
    /// their scope on the dashboard; mentors work with mentees (at their facility, chosen for
    /// them when they have one).
    pub fn start_path(&self) -> &'static str {
        match Role::parse(&self.role) {
            Some(Role::Supervisor | Role::Admin) => "/dashboard",
            Some(Role::Mentor) | None => "/mentees",
        }
    }

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
    #[serde(default)]
    vault_key: String,
    user: User,
}

/// Why sign-in failed, for the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    Rejected,
    /// The account is disabled or this device revoked: the user's data leaves the device.
    CutOff(SessionEnd),
    Offline,
    Other(AppError),
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

/// A password sign-in the server accepted: the session (not yet stored: its token is sealed
/// under the vault, which the caller opens or makes first) and the device's vault key.
pub struct SignedIn {
    pub session: Session,
    pub vault_key: Option<[u8; 32]>,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignedIn(<redacted>)")
    }
}

pub async fn login(username: &str, password: &str) -> Result<SignedIn, LoginError> {
    let device_id = device_id_for(username).ok_or(LoginError::Other(AppError::NoRandomSource))?;
    let request = LoginRequest {
        username,
        password,
        device_id: &device_id,
    };
    match platform::post_json::<_, LoginAnswer>("/api/login", &request).await {
        Ok(answer) => Ok(SignedIn {
            vault_key: unhex::<32>(&answer.vault_key),
            session: Session {
                token: answer.token,
                device_id,
                user: answer.user,
            },
        }),
        Err(failed) => Err(match (failed.error, failed.code.as_deref()) {
            (FetchError::Status(401), Some("user_disabled")) => {
                LoginError::CutOff(SessionEnd::Disabled)
            }
            (FetchError::Status(401), Some("device_revoked")) => {
                LoginError::CutOff(SessionEnd::DeviceRevoked)
            }
            (FetchError::Status(401 | 403), _) => LoginError::Rejected,
            (FetchError::Unreachable, _) => LoginError::Offline,
            (error, _) => LoginError::Other(AppError::from_fetch(error, failed.message)),
        }),
    }
}

/// A session as stored: the user in the clear (the lock screen names them), the token sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredSession {
    device_id: String,
    user: User,
    /// The token, sealed under the user's vault (hex).
    #[serde(default)]
    sealed_token: Option<String>,
    /// The token as apps before the vault kept it; sealed when the user sets a PIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token: Option<String>,
}

fn session_key(username: &str) -> String {
    format!("{SESSION_KEY}.{username}")
}

fn stored(username: &str) -> Option<StoredSession> {
    serde_json::from_str(&platform::local_get(&session_key(username))?).ok()
}

/// Moves the single session apps before the vault kept to its user's key; run once at start
/// (`lock::provide_gate`), before anything reads the current user.
pub fn adopt_legacy() {
    let Some(json) = platform::local_get(SESSION_KEY) else {
        return;
    };
    if let Ok(old) = serde_json::from_str::<StoredSession>(&json) {
        platform::local_set(&session_key(&old.user.username), &json);
        platform::local_set(CURRENT_KEY, &old.user.username);
    }
    platform::local_remove(SESSION_KEY);
}

/// The user whose session the app opens with (locked until their PIN is given).
pub fn current_user() -> Option<User> {
    stored(&platform::local_get(CURRENT_KEY)?).map(|s| s.user)
}

/// The users with a session on this device (shared tablets), by name.
pub fn users_on_device() -> Vec<User> {
    let mut users: Vec<User> = platform::local_keys(&format!("{SESSION_KEY}."))
        .iter()
        .filter_map(|key| {
            key.strip_prefix(&format!("{SESSION_KEY}."))
                .and_then(stored)
        })
        .map(|s| s.user)
        .collect();
    users.sort_by(|a, b| a.username.cmp(&b.username));
    users
}

/// Makes `username` the user the app opens with.
pub fn make_current(username: &str) {
    platform::local_set(CURRENT_KEY, username);
}

/// Whether the user's token is still kept in the clear (an app upgraded from before the vault).
pub fn has_clear_token(username: &str) -> bool {
    stored(username).is_some_and(|s| s.token.is_some())
}

/// The current user's session, once their vault is open.
pub fn saved() -> Option<Session> {
    let user = current_user()?;
    let stored = stored(&user.username)?;
    let token = match (&stored.sealed_token, &stored.token) {
        (Some(sealed), _) => vault::open_text(sealed).ok()?,
        (None, Some(clear)) => clear.clone(),
        (None, None) => return None,
    };
    Some(Session {
        token,
        device_id: stored.device_id,
        user: stored.user,
    })
}

/// Stores `session` with its token sealed (the user's vault must be open) and makes its user
/// current.
pub fn remember(session: &Session) -> Result<(), vault::VaultError> {
    let stored = StoredSession {
        device_id: session.device_id.clone(),
        user: session.user.clone(),
        sealed_token: Some(vault::seal_text(&session.token)?),
        token: None,
    };
    if let Ok(json) = serde_json::to_string(&stored) {
        platform::local_set(&session_key(&session.user.username), &json);
    }
    make_current(&session.user.username);
    Ok(())
}

/// Takes the affiliation of `user` (as `/api/me` sends it) into the signed-in session and its
/// stored copy, when it is the same user and the affiliation changed; the token stays sealed.
pub fn refresh_affiliation(current: SessionState, user: &User) {
    let changed = current.0.with_untracked(|s| {
        s.as_ref().is_some_and(|s| {
            s.user.username == user.username && s.user.affiliation != user.affiliation
        })
    });
    if !changed {
        return;
    }
    if let Some(mut stored) = stored(&user.username) {
        stored.user.affiliation = user.affiliation;
        if let Ok(json) = serde_json::to_string(&stored) {
            platform::local_set(&session_key(&user.username), &json);
        }
    }
    current.0.update(|s| {
        if let Some(s) = s {
            s.user.affiliation = user.affiliation;
        }
    });
}

/// Removes everything of `username` from this device: their documents, drafts, vault, session
/// and device id (a later sign-in is a new device to the server, which sends everything again).
/// The caller has stopped the engine.
pub async fn erase(username: &str) -> Result<(), crate::store::IdbError> {
    crate::store::IdbStore::delete(username).await?;
    crate::drafts::clear_all(username);
    vault::forget_record(username);
    if vault::is_open(username) {
        vault::lock();
    }
    platform::local_remove(&session_key(username));
    platform::local_remove(&device_key(username));
    platform::local_remove(&unsynced_key(username));
    platform::local_remove(&crate::directory::key(username));
    crate::places::forget(username);
    if platform::local_get(CURRENT_KEY).as_deref() == Some(username) {
        platform::local_remove(CURRENT_KEY);
    }
    Ok(())
}

fn unsynced_key(username: &str) -> String {
    format!("mentora.unsynced.{username}")
}

/// How many of `username`'s records had changes not yet on the server, as last counted while
/// unlocked (the lock screen's warnings cannot open the store to count).
pub fn unsynced(username: &str) -> usize {
    platform::local_get(&unsynced_key(username))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub fn set_unsynced(username: &str, count: usize) {
    platform::local_set(&unsynced_key(username), &count.to_string());
}

/// Ends the session on the server, best effort (offline, or if the server is down, the token
/// ends by itself after its idle window).
pub fn end_on_server(session: &Session) {
    let token = session.token.clone();
    leptos::task::spawn_local(async move {
        let _best_effort = platform::post_empty_authed("/api/logout", &token).await;
    });
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
    /// This device was revoked by an administrator (a lost tablet).
    DeviceRevoked,
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
            Some("device_revoked") => Self::DeviceRevoked,
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

impl SessionState {
    /// The signed-in user's affiliation, recorded with what they save.
    pub fn affiliation(self) -> Option<MentorAffiliation> {
        self.0
            .with_untracked(|s| s.as_ref().and_then(|s| s.user.affiliation))
    }
}

#[cfg(test)]
mod tests {
    use super::{MentorAffiliation, SessionEnd, User};

    #[test]
    fn a_user_saved_before_the_affiliation_still_loads() {
        let old: User =
            serde_json::from_str(r#"{"username":"amina","display_name":"Amina","role":"mentor"}"#)
                .unwrap();
        assert_eq!(old.affiliation, None);
        let signed_in: User =
            serde_json::from_str(r#"{"username":"amina","role":"mentor","affiliation":"rpa"}"#)
                .unwrap();
        assert_eq!(signed_in.affiliation, Some(MentorAffiliation::Rpa));
        let unknown: User =
            serde_json::from_str(r#"{"username":"amina","affiliation":"a_later_one"}"#).unwrap();
        assert_eq!(unknown.affiliation, None);
        let none: User =
            serde_json::from_str(r#"{"username":"amina","affiliation":null}"#).unwrap();
        assert_eq!(none.affiliation, None);
        let json = serde_json::to_string(&signed_in).unwrap();
        assert_eq!(serde_json::from_str::<User>(&json).unwrap(), signed_in);
    }

    #[test]
    fn the_server_code_names_why_the_session_ended() {
        for (code, end) in [
            (Some("session_expired"), SessionEnd::Expired),
            (Some("session_revoked"), SessionEnd::Revoked),
            (Some("user_disabled"), SessionEnd::Disabled),
            (Some("device_revoked"), SessionEnd::DeviceRevoked),
            (Some("unauthorized"), SessionEnd::Unknown),
            (None, SessionEnd::Unknown),
        ] {
            assert_eq!(SessionEnd::from_code(code), end, "{code:?}");
        }
    }
}
