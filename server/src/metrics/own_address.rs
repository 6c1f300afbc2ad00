//! `serve --metrics-addr`: `GET /metrics` alone on an address of its own (a private interface,
//! or 127.0.0.1 for a Prometheus on the same machine), so it need not pass the public proxy.
//! There it asks for the token only if one is set; every other path is 404. Requests on this
//! address are not counted.

use std::future::Future;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use tokio::net::TcpListener;

use crate::AppState;
use crate::error::ApiError;

async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    super::exposition(&state, &headers).await
}

async fn not_found(request: Request) -> ApiError {
    ApiError::NoSuchEndpoint(request.uri().path().to_owned())
}

/// Serves `GET /metrics` of `state` on `listener` until `shutdown` completes.
pub async fn serve_on_own_address(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = Router::new()
        .route("/metrics", get(metrics))
        .fallback(not_found)
        .with_state(state);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
