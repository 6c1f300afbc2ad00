//! The HTTP surface: the JSON API under `/api`, `/healthz`, `/metrics` (metrics.rs), and the
//! built app.
//!
//! Static files come from the site folder written by `cargo xtask build`: content-hashed files under
//! `/assets/` are immutable; `index.html`, `sw.js` and the manifest must be revalidated on every
//! load so an upgrade is seen. Every other path that is not `/api/...` gets the app shell, so deep
//! links work; unknown `/api/...` paths get a JSON 404. Login, sync and exports live in
//! `api.rs`, `sync_api.rs` and `exports.rs`; each route carries its own body limit. Every
//! response carries the security headers of `headers.rs`. The wasm and JS are offered as
//! compression dictionaries and upgrades answered with deltas (`deltas.rs`). The request log
//! line ends with the body's size when it is known (`12345B`), so a test can count what an
//! upgrade downloaded.

use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, get, post};
use axum::{Json, Router};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use crate::db::{self, PlaceRow};
use crate::error::ApiError;
use crate::{AppState, api, exports, sync_api};

pub fn router(state: AppState) -> Router {
    let site = state.site_dir.clone();
    let assets = ServeDir::new(site.join("assets"))
        .precompressed_br()
        .precompressed_gzip();
    let shell = ServeFile::new(site.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let site_files = ServeDir::new(&site)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(shell);

    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(crate::metrics::metrics))
        .route("/api/places", get(list_places))
        .route(
            "/api/login",
            post(api::login).layer(DefaultBodyLimit::max(LOGIN_BODY_LIMIT)),
        )
        .route("/api/me", get(api::me))
        .route("/api/logout", post(api::logout))
        .route(
            "/api/password",
            post(api::change_password).layer(DefaultBodyLimit::max(LOGIN_BODY_LIMIT)),
        )
        .route("/api/devices", get(crate::devices::devices))
        .route("/api/directory", get(crate::directory::directory))
        .route(
            "/api/sync",
            post(sync_api::sync).layer(DefaultBodyLimit::max(
                state.sync_config.request_limits.max_message_bytes,
            )),
        )
        .route(
            "/api/sync-file",
            post(crate::sync_file::upload).layer(DefaultBodyLimit::max(
                mentora_shared::sync::file::Direction::ToServer.max_file_bytes(),
            )),
        )
        .merge(exports::routes())
        .merge(crate::setup::routes())
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .nest_service("/assets", assets)
        .fallback_service(site_files)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::deltas::dictionary_transport,
        ))
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::headers::security_headers,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::track,
        ))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    schema_version: i64,
}

async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let schema_version = state.with_db(|conn| db::schema_version(conn)).await?;
    Ok(Json(Health {
        status: "ok",
        schema_version,
    }))
}

#[derive(serde::Serialize)]
struct Places {
    places: Vec<PlaceRow>,
    /// Deactivated places among them: kept for history, offered for no new work.
    inactive: Vec<String>,
}

/// The places of the caller's scope and their ancestors: a Huye supervisor does not see
/// Nyanza's health posts, and nobody signed out sees any.
async fn list_places(
    State(state): State<AppState>,
    api::Bearer(token): api::Bearer,
) -> Result<Json<Places>, ApiError> {
    let (places, inactive) = api::for_viewer(&state, token, |conn, user| {
        let places = db::places_in_scope(db::places(conn)?, &user.access().read);
        let inactive = db::inactive_places(conn)?
            .into_iter()
            .filter(|id| places.iter().any(|p| &p.id == id))
            .collect();
        Ok((places, inactive))
    })
    .await?;
    Ok(Json(Places { places, inactive }))
}

/// A login is a few short strings.
const LOGIN_BODY_LIMIT: usize = 16 * 1024;

async fn api_not_found(request: Request) -> ApiError {
    ApiError::NoSuchEndpoint(request.uri().path().to_owned())
}

async fn method_not_allowed(request: Request) -> ApiError {
    ApiError::MethodNotAllowed(format!(
        "{} is not allowed on {}",
        request.method(),
        request.uri().path()
    ))
}

/// Hashed assets never change under their name; everything else is revalidated every time.
async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let value = if path.starts_with("/assets/") && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/api/") || path == "/healthz" || path == "/metrics" {
        "no-store"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// One line per request: method, path (never the query string), status, duration and the body's
/// size when known (`Content-Length`, or an exact size hint; `?B` for a streamed body).
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let bytes = response
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .or_else(|| axum::body::HttpBody::size_hint(response.body()).exact());
    let bytes = bytes.map_or_else(|| "?".to_owned(), |b| b.to_string());
    tracing::info!(
        target: "mentora::http",
        "{method} {path} {} {}ms {bytes}B",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}
