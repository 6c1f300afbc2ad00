//! `POST /api/sync`: the HTTP adapter of the pure sync core.
//!
//! Order of work, cheapest refusal first: bearer token and session (401, before a byte of the
//! body is read), content type (415), body size (413, declared or while reading), then off the
//! async runtime and outside the database: gzip inflation capped at the message limit
//! (413/400), decoding, and every change chunk bounded and parsed (`sync::server::prepare`).
//! Then the stored documents the request pushes to are read (a short read) and loaded with
//! Automerge on the blocking pool. Last, one SQLite transaction re-checks the session, runs
//! `handle_prepared` (using a preloaded document only if its `seq` has not moved; the
//! capability policy, the user's storage quota), applies its ops, commits, and only then is the
//! response encoded and sent. A failed decode stores nothing.

use std::io::Read as _;

use crate::sql::Db;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use http_body_util::BodyExt as _;
use mentora_shared::sync::server::{Prepared, ServerError, handle_prepared, prepare};
use mentora_shared::sync::{ServerStore as _, WireError, wire};

use crate::AppState;
use crate::accounts::{self, Token};
use crate::api::Bearer;
use crate::error::ApiError;
use crate::store::DbStore;

mod context;

pub(crate) const CONTENT_TYPE: &str = "application/octet-stream";

pub(crate) async fn sync(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    // `Bearer` has checked the session before this runs, so the body is not read until the
    // session is known: a stranger's upload costs nothing.
    let is_binary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case(CONTENT_TYPE));
    if !is_binary {
        return Err(ApiError::UnsupportedMediaType(format!(
            "expected content-type: {CONTENT_TYPE}"
        )));
    }
    let limit = state.sync_config.request_limits.max_message_bytes;
    let body = read_body(&headers, body, limit).await?;
    // Inflating, decoding, bounding and parsing every change happen here, outside the
    // database: only the Automerge work on stored documents runs under the lock.
    let cfg = state.sync_config.clone();
    let prepared = tokio::task::spawn_blocking(move || {
        let body = inflate(&headers, body, limit)?;
        prepare(&body, &cfg).map_err(|err| wire_error(&err))
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))??;
    let prepared = preload(&state, prepared).await?;
    let worker = state.clone();
    let encoded = state
        .with_db(move |conn| run(conn, &worker, &token, prepared))
        .await?;
    let mut response = encoded.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    Ok(response)
}

/// Reads the stored documents the request pushes to (a short read under the lock), then loads
/// them with Automerge on the blocking pool; the write transaction re-checks each one's `seq`.
async fn preload(state: &AppState, mut prepared: Prepared) -> Result<Prepared, ApiError> {
    let ids = prepared.pushed_docs();
    if ids.is_empty() {
        return Ok(prepared);
    }
    let stored = state
        .with_db(move |conn| {
            let store = DbStore::new(conn);
            let mut stored = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(doc) = store.load_doc(id)? {
                    stored.push((id, doc));
                }
            }
            Ok::<_, crate::store::StoreError>(stored)
        })
        .await?;
    tokio::task::spawn_blocking(move || {
        prepared.preload(stored);
        prepared
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))
}

/// Reads at most `limit` bytes of body: 413 as soon as it declares or sends more.
pub(crate) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let too_large = || ApiError::TooLarge(format!("request body exceeds {limit} bytes"));
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX)) {
        return Err(too_large());
    }
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Err(_) => Err(ApiError::BadRequest(
            "request body could not be read".into(),
        )),
    }
}

/// Undoes `Content-Encoding: gzip` (or none), never producing more than `limit` bytes.
pub(crate) fn inflate(headers: &HeaderMap, body: Bytes, limit: usize) -> Result<Vec<u8>, ApiError> {
    let encoding = headers
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap_or("?").trim().to_ascii_lowercase());
    match encoding.as_deref() {
        None | Some("identity") => Ok(body.to_vec()),
        Some("gzip") => {
            let mut out = Vec::new();
            let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
            flate2::read::GzDecoder::new(&body[..])
                .take(cap)
                .read_to_end(&mut out)
                .map_err(|_| ApiError::BadRequest("request body is not valid gzip".into()))?;
            if out.len() > limit {
                return Err(ApiError::TooLarge(format!(
                    "sync message exceeds the limit of {limit} bytes once decompressed"
                )));
            }
            Ok(out)
        }
        Some(_) => Err(ApiError::UnsupportedMediaType(
            "content-encoding must be gzip or identity".into(),
        )),
    }
}

fn run(
    conn: &mut Db,
    state: &AppState,
    token: &Token,
    prepared: Prepared,
) -> Result<Vec<u8>, ApiError> {
    let tx = conn.write_transaction()?;
    let session = accounts::session(&tx, token)?.ok_or(ApiError::Unauthorized)?;
    let encoded = sync_as(&tx, &state.sync_config, &session, prepared)?;
    tx.commit()?;
    Ok(encoded)
}

/// One sync of `session`'s device inside the caller's write transaction (committed by the
/// caller): the same for `POST /api/sync` and for a sync file (`sync_file.rs`).
pub(crate) fn sync_as(
    tx: &Db,
    cfg: &mentora_shared::sync::ServerConfig,
    session: &accounts::Session,
    prepared: Prepared,
) -> Result<Vec<u8>, ApiError> {
    let used = context::stored_bytes(tx, session.user.id)?;
    let quota_left = cfg.user_quota_bytes.saturating_sub(used);
    let ctx = context::device_context(session, context::places(tx)?, quota_left);
    let mut store = DbStore::new(tx);
    let handled = match handle_prepared(&store, cfg, &ctx, prepared) {
        Ok(handled) => handled,
        Err(ServerError::BadRequest(err)) => return Err(wire_error(&err)),
        Err(ServerError::Store(err)) => return Err(err.into()),
    };
    for warning in &handled.warnings {
        tracing::warn!(target: "mentora::sync", "{warning}");
    }
    store.apply(handled.ops)?;
    context::add_stored_bytes(tx, session.user.id, handled.stored_bytes)?;
    accounts::touch_device(tx, session.device)?;
    Ok(wire::encode_response(&handled.response))
}

pub(crate) fn wire_error(err: &WireError) -> ApiError {
    match err {
        WireError::TooLarge { .. } => ApiError::TooLarge(format!("invalid sync request: {err}")),
        _ => ApiError::BadRequest(format!("invalid sync request: {err}")),
    }
}
