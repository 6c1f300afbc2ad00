//! `POST /api/login`, `GET /api/me` and the [`Bearer`] extractor.
//!
//! Login takes `{username, password, device_id}` and answers `{token, device_id, user}`. The
//! password check (argon2id) runs in a blocking thread outside the database lock; unknown users
//! are checked against a dummy hash so both failures look and take the same.

use std::sync::PoisonError;
use std::time::Instant;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, State};
use axum::http::header;
use axum::http::request::Parts;
use mentora_shared::sync::DeviceId;

use crate::AppState;
use crate::accounts::{self, Password, Token, User};
use crate::error::ApiError;

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
    user: User,
}

#[derive(serde::Serialize)]
pub(crate) struct MeResponse {
    device_id: String,
    user: User,
}

/// A device id as the app sends it: a UUID (hyphenated or 32 hex digits), not nil.
pub(crate) fn parse_device_id(text: &str) -> Result<DeviceId, ApiError> {
    uuid::Uuid::try_parse(text.trim())
        .ok()
        .filter(|u| !u.is_nil())
        .map(|u| DeviceId(u.into_bytes()))
        .ok_or_else(|| {
            ApiError::BadRequest("device_id must be 16 bytes as a uuid or 32 hex digits".into())
        })
}

fn device_text(device: DeviceId) -> String {
    uuid::Uuid::from_bytes(device.0).to_string()
}

pub(crate) async fn login(
    State(state): State<AppState>,
    payload: Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<LoginResponse>, ApiError> {
    let Json(request) = payload?;
    let device = parse_device_id(&request.device_id)?;
    let username = request.username.trim().to_lowercase();
    let password = Password(request.password);
    let limiter = || {
        state
            .login_limiter
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    };
    if !limiter().allows(&username, Instant::now()) {
        return Err(ApiError::TooManyAttempts);
    }
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
        limiter().failed(&username, Instant::now());
        return Err(ApiError::InvalidCredentials);
    };
    limiter().succeeded(&username);
    let (token, user) = state
        .with_db(move |conn| accounts::open_session(conn, &user, device).map(|t| (t, user)))
        .await?;
    Ok(Json(LoginResponse {
        token: token.0,
        device_id: device_text(device),
        user,
    }))
}

pub(crate) async fn me(
    State(state): State<AppState>,
    Bearer(token): Bearer,
) -> Result<Json<MeResponse>, ApiError> {
    let session = state
        .with_db(move |conn| accounts::session(conn, &token))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok(Json(MeResponse {
        device_id: device_text(session.device),
        user: session.user,
    }))
}

/// `Authorization: Bearer <64 hex digits>`; anything else is 401 before any other work.
#[derive(Debug)]
pub struct Bearer(pub Token);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
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
        Ok(Bearer(Token(token.to_owned())))
    }
}
