//! `POST /api/password`: a signed-in user changes their own password with
//! `{current_password, new_password}`. The current password is checked like a login (throttled
//! per username and client address, reserved before the hash), the new one against the
//! `accounts::strength` rules; then every other session of the user ends, this one stays.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;

use super::{Bearer, ClientAddress};
use crate::AppState;
use crate::accounts::{self, Password, admin, strength};
use crate::error::ApiError;

#[derive(serde::Deserialize)]
pub(crate) struct PasswordChange {
    current_password: String,
    new_password: String,
}

pub(crate) async fn change_password(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Bearer(token): Bearer,
    payload: Result<Json<PasswordChange>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(change) = payload?;
    let session = {
        let token = token.clone();
        state
            .with_db(move |conn| accounts::session(conn, &token))
            .await?
            .ok_or(ApiError::Unauthorized)?
    };
    let username = session.user.username;
    let new_password = Password(change.new_password);
    strength::check(&username, &new_password)
        .map_err(|err| ApiError::BadRequest(err.to_string()))?;
    let attempt = super::reserve_attempt(&state, &username, address).await?;
    let found = {
        let username = username.clone();
        state
            .with_db(move |conn| accounts::user_for_login(conn, &username))
            .await?
    };
    let current = Password(change.current_password);
    let hashed = tokio::task::spawn_blocking(move || {
        let (_, stored) = found?;
        accounts::verify_password(&stored, &current).then(|| accounts::hash_password(&new_password))
    })
    .await?;
    let Some(hash) = hashed else {
        return Err(ApiError::InvalidCredentials);
    };
    let hash = hash?;
    super::attempt_succeeded(&state, attempt).await?;
    state
        .with_db(move |conn| admin::set_password_hash(conn, &username, &hash, Some(&token)))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
