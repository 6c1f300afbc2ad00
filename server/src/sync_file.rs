//! Sync by file on the server (`shared::sync::file`): `POST /api/sync-file` and
//! `mentora-server sync-file import`.
//!
//! A tablet's request file names its device; that device's vault key opens it, and the sync runs
//! exactly as `POST /api/sync` runs it for that device and its user (`sync_api::sync_as`: scope,
//! capabilities, quota, bounds, idempotence). The answer is sealed for that device. Over HTTP
//! the uploader must be signed in as the device's user (on any device) or as an admin; the
//! command is the operator's. A revoked device or a disabled account is refused, as at sync.
//! Work is split as for sync: the device's key is read, then the file is opened and the request
//! bounded and parsed outside the database, then one write transaction runs the sync.

use crate::sql::{Db, OptionalExtension as _};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use mentora_shared::sync::file::{self, Direction};
use mentora_shared::sync::server::{Prepared, prepare};
use mentora_shared::sync::{DeviceId, ServerConfig};

use crate::AppState;
use crate::accounts::{self, Role, Session, Token, User};
use crate::api::Bearer;
use crate::error::ApiError;
use crate::sync_api::{self, CONTENT_TYPE};

/// Who brings the file: a signed-in user, or the operator at the command line.
#[derive(Debug, Clone, Copy)]
pub enum Bringer<'a> {
    Session(&'a Token),
    Operator,
}

/// An answer file and whom it is for.
#[derive(Debug)]
pub struct Answer {
    pub file: Vec<u8>,
    pub username: String,
    pub device: DeviceId,
}

impl Answer {
    /// `mentora-answer-<username>-<first 8 hex digits of the device>.msync`.
    pub fn file_name(&self) -> String {
        let short: String = crate::hex(&self.device.0).chars().take(8).collect();
        format!("mentora-answer-{}-{short}.msync", self.username)
    }
}

fn refused(err: &file::FileError) -> ApiError {
    ApiError::SyncFileRefused {
        code: err.code(),
        message: err.to_string(),
    }
}

/// A file the server cannot take for a reason of its own (the tablet or its account).
fn refused_as(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::SyncFileRefused {
        code,
        message: message.into(),
    }
}

/// The device's user and vault key, once the bringer may sync for it.
fn device_for(
    conn: &Db,
    device: DeviceId,
    bringer: Bringer<'_>,
) -> Result<(User, [u8; 32]), ApiError> {
    let unknown = || {
        refused_as(
            "sync_file_unknown_tablet",
            "this sync file is from a tablet this server does not know",
        )
    };
    let row: Option<(i64, Option<Vec<u8>>, Option<i64>)> = conn
        .query_row(
            "SELECT user_id, vault_key, revoked_at FROM device WHERE device_id = ?1",
            [&device.0[..]],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (user_id, key, revoked) = row.ok_or_else(unknown)?;
    let key: [u8; 32] = key.and_then(|k| k.try_into().ok()).ok_or_else(unknown)?;
    if revoked.is_some() {
        return Err(refused_as(
            "sync_file_tablet_revoked",
            "this tablet's access was revoked by an administrator",
        ));
    }
    let disabled: Option<i64> = conn.query_row(
        "SELECT disabled_at FROM user_account WHERE id = ?1",
        [user_id],
        |r| r.get(0),
    )?;
    if disabled.is_some() {
        return Err(refused_as(
            "sync_file_account_disabled",
            "this tablet's account is disabled",
        ));
    }
    let owner = accounts::user_by_id(conn, user_id)?.ok_or_else(unknown)?;
    if let Bringer::Session(token) = bringer {
        let caller = accounts::session(conn, token)?.ok_or(ApiError::Unauthorized)?;
        if caller.user.id != owner.id && caller.user.role != Role::Admin {
            return Err(refused_as(
                "sync_file_other_user",
                format!(
                    "this sync file belongs to {}: sign in as them (or as an administrator) to bring it",
                    owner.username
                ),
            ));
        }
    }
    Ok((owner, key))
}

/// Opens the file and bounds and parses the request in it (no database).
fn open(
    bytes: &[u8],
    device: DeviceId,
    key: &[u8; 32],
    cfg: &ServerConfig,
) -> Result<Prepared, ApiError> {
    let message = file::open(bytes, Direction::ToServer, device, key).map_err(|e| refused(&e))?;
    prepare(&message, cfg).map_err(|e| sync_api::wire_error(&e))
}

/// The sync itself, in one write transaction, and the answer sealed for the device.
fn answer(
    conn: &mut Db,
    cfg: &ServerConfig,
    device: DeviceId,
    bringer: Bringer<'_>,
    prepared: Prepared,
) -> Result<Answer, ApiError> {
    let tx = conn.write_transaction()?;
    // Checked again inside the transaction: a revocation in between wins.
    let (user, key) = device_for(&tx, device, bringer)?;
    let username = user.username.clone();
    let session = Session { user, device };
    let message = sync_api::sync_as(&tx, cfg, &session, prepared)?;
    tx.commit()?;
    let mut nonce = [0_u8; 12];
    getrandom::fill(&mut nonce).map_err(|_| refused_as("sync_file_refused", "no random source"))?;
    Ok(Answer {
        file: file::seal(Direction::ToDevice, device, &key, nonce, &message),
        username,
        device,
    })
}

/// `mentora-server sync-file import`: the whole of it, at the operator's hand.
pub fn import(conn: &mut Db, cfg: &ServerConfig, bytes: &[u8]) -> Result<Answer, ApiError> {
    let device = file::device_of(bytes, Direction::ToServer).map_err(|e| refused(&e))?;
    let (_, key) = device_for(conn, device, Bringer::Operator)?;
    let prepared = open(bytes, device, &key, cfg)?;
    answer(conn, cfg, device, Bringer::Operator, prepared)
}

/// `POST /api/sync-file`: a tablet's sync file in, its answer file out.
pub(crate) async fn upload(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let limit = Direction::ToServer.max_file_bytes();
    let body = sync_api::read_body(&headers, body, limit).await?;
    // The app gzips large uploads (a sealed file does not shrink, but the header says so).
    let bytes = tokio::task::spawn_blocking(move || sync_api::inflate(&headers, body, limit))
        .await
        .map_err(|e| ApiError::Internal(e.into()))??;
    let device = file::device_of(&bytes, Direction::ToServer).map_err(|e| refused(&e))?;
    let key = {
        let token = token.clone();
        state
            .with_db(move |conn| device_for(conn, device, Bringer::Session(&token)).map(|(_, k)| k))
            .await?
    };
    let cfg = state.sync_config.clone();
    let prepared = tokio::task::spawn_blocking(move || open(&bytes, device, &key, &cfg))
        .await
        .map_err(|e| ApiError::Internal(e.into()))??;
    let cfg = state.sync_config.clone();
    let answered = state
        .with_db(move |conn| answer(conn, &cfg, device, Bringer::Session(&token), prepared))
        .await?;
    let disposition = format!("attachment; filename=\"{}\"", answered.file_name());
    let mut response = answered.file.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
