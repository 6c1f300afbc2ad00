//! `POST /api/login`, `POST /api/logout`, `GET /api/me`, `POST /api/password` (in
//! `api/password.rs`) and the [`Bearer`] extractor.
//!
//! Login takes `{username, password, device_id}` and answers `{token, device_id, user}`. The
//! attempt is reserved with the limiter (per username and client address) *before* the password
//! check, so parallel guesses are counted as they arrive. The check (argon2id) runs in a
//! blocking thread outside the database lock; unknown users are checked against a dummy hash so
//! both failures look and take the same. [`Bearer`] checks the session (expiry, revocation,
//! disabled user) before any other extractor reads the body.

use std::net::{IpAddr, SocketAddr};
use std::sync::{MutexGuard, PoisonError};
use std::time::Instant;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use mentora_shared::sync::DeviceId;

use crate::accounts::limiter::{Attempt, LoginLimiter};
use crate::accounts::sessions::{self, SessionCheck};
use crate::accounts::{self, Password, Token, User};
use crate::error::ApiError;
use crate::metrics::LoginFailure;
use crate::sql::Db;
use crate::{AppState, hex};

mod password;
pub(crate) use password::change_password;

#[derive(serde::Deserialize)]
pub(crate) struct LoginRequest {
    username: String,
    password: String,
    device_id: String,
}

#[derive(serde::Serialize)]
pub(crate) struct LoginResponse {
    token: String,
    device_id: String,
    /// The device's vault key, hex (accounts/vault.rs): unwraps the app's data key after a
    /// forgotten PIN.
    vault_key: String,
    /// Minutes without use after which the tablet locks (`serve --lock-after-minutes`).
    lock_after_minutes: u32,
    user: User,
}

#[derive(serde::Serialize)]
pub(crate) struct MeResponse {
    device_id: String,
    vault_key: String,
    lock_after_minutes: u32,
    user: User,
}

/// A device id as the app sends it: a UUID (hyphenated or 32 hex digits), not nil, not the
/// tracker import's.
pub(crate) fn parse_device_id(text: &str) -> Result<DeviceId, ApiError> {
    uuid::Uuid::try_parse(text.trim())
        .ok()
        .filter(|u| !u.is_nil())
        .map(|u| DeviceId(u.into_bytes()))
        // The import's actor writes history no tablet made: no device may sign in as it.
        .filter(|d| *d != mentora_shared::setup::tracker::IMPORT_DEVICE)
        .ok_or_else(|| {
            ApiError::BadRequest("device_id must be 16 bytes as a uuid or 32 hex digits".into())
        })
}

fn device_text(device: DeviceId) -> String {
    uuid::Uuid::from_bytes(device.0).to_string()
}

/// The client's address: the TCP peer, or — when the peer is this machine, i.e. a reverse
/// proxy on the same host — the last address that proxy appended to `X-Forwarded-For`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientAddress(pub Option<IpAddr>);

fn client_address(parts: &Parts) -> Option<IpAddr> {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())?;
    if peer.is_loopback()
        && let Some(forwarded) = forwarded_for(&parts.headers)
    {
        return Some(forwarded);
    }
    Some(peer)
}

fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(client_address(parts)))
    }
}

fn login_limiter(state: &AppState) -> MutexGuard<'_, LoginLimiter> {
    state
        .login_limiter
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// Counts a password check for `username` from `address` before it is made (429 when either
/// is being delayed); give it back with [`attempt_succeeded`] when the password was right.
/// In memory on SQLite (one process), in the database on PostgreSQL (`limiter/shared.rs`).
pub(crate) async fn reserve_attempt(
    state: &AppState,
    username: &str,
    address: Option<IpAddr>,
) -> Result<Attempt, ApiError> {
    let reserved = if state.shared_throttle() {
        let username = username.to_owned();
        state
            .with_db(move |conn| {
                accounts::limiter::shared::begin(conn, &username, address, unix_millis())
            })
            .await?
    } else {
        login_limiter(state).begin(username, address, Instant::now())
    };
    reserved.map_err(|wait| ApiError::TooManyAttempts {
        retry_after_secs: wait.as_secs().max(1),
    })
}

pub(crate) async fn attempt_succeeded(state: &AppState, attempt: Attempt) -> Result<(), ApiError> {
    if state.shared_throttle() {
        state
            .with_db(move |conn| accounts::limiter::shared::succeeded(conn, &attempt))
            .await
    } else {
        login_limiter(state).succeeded(&attempt);
        Ok(())
    }
}

fn unix_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub(crate) async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    payload: Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<LoginResponse>, ApiError> {
    let Json(request) = payload?;
    let device = parse_device_id(&request.device_id)?;
    let username = request.username.trim().to_lowercase();
    let password = Password(request.password);
    let attempt = reserve_attempt(&state, &username, address)
        .await
        .inspect_err(|_| state.metrics.login_failed(LoginFailure::Throttled))?;
    let found = {
        let username = username.clone();
        state
            .with_db(move |conn| accounts::user_for_login(conn, &username))
            .await?
    };
    let checker = state.clone();
    let user = tokio::task::spawn_blocking(move || match found {
        Some((user, hash)) => accounts::verify_password(&hash, &password).then_some(user),
        None => {
            let _always_false = accounts::verify_password(checker.dummy_hash(), &password);
            None
        }
    })
    .await?;
    let Some(user) = user else {
        state.metrics.login_failed(LoginFailure::BadCredentials);
        return Err(ApiError::InvalidCredentials);
    };
    attempt_succeeded(&state, attempt).await?;
    let idle_days = state.options.session_idle_days;
    let (token, vault_key, user) = state
        .with_db(move |conn| {
            let token = accounts::open_session(conn, &user, device, idle_days)?;
            let key = accounts::vault::device_vault_key(conn, device)?;
            Ok::<_, accounts::AccountError>((token, key, user))
        })
        .await?;
    Ok(Json(LoginResponse {
        token: token.0,
        device_id: device_text(device),
        vault_key: hex(&vault_key),
        lock_after_minutes: state.options.lock_after_minutes,
        user,
    }))
}

/// Ends the presented session. A token already ended is still 204, so signing out twice (or
/// after an expiry) is not an error; an unknown token is 401.
pub(crate) async fn logout(
    State(state): State<AppState>,
    BearerToken(token): BearerToken,
) -> Result<StatusCode, ApiError> {
    let known = state
        .with_db(move |conn| sessions::revoke_token(conn, &token))
        .await?;
    if known {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Unauthorized)
    }
}

pub(crate) async fn me(
    State(state): State<AppState>,
    Bearer(token): Bearer,
) -> Result<Json<MeResponse>, ApiError> {
    let (session, vault_key) = state
        .with_db(move |conn| {
            let Some(session) = accounts::session(conn, &token)? else {
                return Ok(None);
            };
            let key = accounts::vault::device_vault_key(conn, session.device)?;
            Ok::<_, accounts::AccountError>(Some((session, key)))
        })
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok(Json(MeResponse {
        device_id: device_text(session.device),
        vault_key: hex(&vault_key),
        lock_after_minutes: state.options.lock_after_minutes,
        user: session.user,
    }))
}

/// `Authorization: Bearer <64 hex digits>`, syntax only; anything else is 401.
#[derive(Debug)]
pub struct BearerToken(pub Token);

impl<S: Send + Sync> FromRequestParts<S> for BearerToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError::Unauthorized)?;
        let (scheme, token) = value.trim().split_once(' ').ok_or(ApiError::Unauthorized)?;
        let token = token.trim();
        let well_formed = scheme.eq_ignore_ascii_case("bearer")
            && token.len() == 64
            && token
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !well_formed {
            return Err(ApiError::Unauthorized);
        }
        Ok(Self(Token(token.to_owned())))
    }
}

/// A well-formed token of a live session: not expired, not revoked, its user not disabled;
/// each says so with its own 401 code. Using it slides the session's idle window.
#[derive(Debug)]
pub struct Bearer(pub Token);

/// Runs `view` on the database for the user whose session `token` is (already checked by
/// [`Bearer`]): what the read-only endpoints answer from the caller's view. A session gone since
/// is 401.
pub(crate) async fn for_viewer<T, F>(state: &AppState, token: Token, view: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Db, &User) -> crate::sql::Result<T> + Send + 'static,
{
    state
        .with_db(move |conn| {
            let Some(session) = accounts::session(conn, &token)? else {
                return Ok(None);
            };
            Ok::<_, crate::sql::Error>(Some(view(conn, &session.user)?))
        })
        .await?
        .ok_or(ApiError::Unauthorized)
}

impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let BearerToken(token) = BearerToken::from_request_parts(parts, state).await?;
        let idle_days = state.options.session_idle_days;
        let checked = {
            let token = token.clone();
            state
                .with_db(move |conn| {
                    sessions::check_session(conn, &token, accounts::unix_now(), idle_days)
                })
                .await?
        };
        match checked {
            SessionCheck::Valid(_) => Ok(Self(token)),
            SessionCheck::Unknown => Err(ApiError::Unauthorized),
            SessionCheck::UserDisabled => Err(ApiError::UserDisabled),
            SessionCheck::DeviceRevoked => Err(ApiError::DeviceRevoked),
            SessionCheck::Revoked => Err(ApiError::SessionRevoked),
            SessionCheck::Expired => Err(ApiError::SessionExpired),
        }
    }
}
