//! `POST /api/sync`: the HTTP adapter of the pure sync core.
//!
//! Order of work, cheapest refusal first: bearer token (401), content type (415), body size
//! (413, enforced while reading), gzip inflation capped at the message limit (413/400), then one
//! SQLite transaction that re-checks the session, runs `handle_request`, applies its ops,
//! commits, and only then is the response encoded and sent. A failed decode stores nothing.

use std::io::Read as _;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use mentora_shared::sync::server::ServerError;
use mentora_shared::sync::{DeviceContext, ServerStore as _, WireError, handle_request, wire};
use rusqlite::{Connection, TransactionBehavior};

use crate::AppState;
use crate::accounts::{self, Token};
use crate::api::Bearer;
use crate::error::ApiError;
use crate::store::SqliteStore;

pub(crate) const CONTENT_TYPE: &str = "application/octet-stream";

pub(crate) async fn sync(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let known = {
        let token = token.clone();
        state
            .with_db(move |conn| accounts::session(conn, &token))
            .await?
    };
    if known.is_none() {
        return Err(ApiError::Unauthorized);
    }
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
    let body = inflate(&headers, body?, limit)?;
    let worker = state.clone();
    let encoded = state
        .with_db(move |conn| run(conn, &worker, &token, &body))
        .await?;
    let mut response = encoded.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    Ok(response)
}

/// Undoes `Content-Encoding: gzip` (or none), never producing more than `limit` bytes.
fn inflate(headers: &HeaderMap, body: Bytes, limit: usize) -> Result<Vec<u8>, ApiError> {
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
    conn: &mut Connection,
    state: &AppState,
    token: &Token,
    body: &[u8],
) -> Result<Vec<u8>, ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let session = accounts::session(&tx, token)?.ok_or(ApiError::Unauthorized)?;
    let ctx = DeviceContext {
        device: session.device,
        access: session.user.access(),
    };
    let mut store = SqliteStore::new(&*tx);
    let handled = match handle_request(&store, &state.sync_config, &ctx, body) {
        Ok(handled) => handled,
        Err(ServerError::BadRequest(err)) => return Err(wire_error(&err)),
        Err(ServerError::Store(err)) => return Err(err.into()),
    };
    for warning in &handled.warnings {
        tracing::warn!(target: "mentora::sync", "{warning}");
    }
    store.apply(handled.ops)?;
    accounts::touch_device(&tx, session.device)?;
    tx.commit()?;
    Ok(wire::encode_response(&handled.response))
}

fn wire_error(err: &WireError) -> ApiError {
    match err {
        WireError::TooLarge { .. } => ApiError::TooLarge(format!("invalid sync request: {err}")),
        _ => ApiError::BadRequest(format!("invalid sync request: {err}")),
    }
}
