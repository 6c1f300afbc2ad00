//! Error types. `thiserror` enums in this library; `anyhow` only in `main.rs`.
//!
//! `ApiError` is the one error every handler returns. Its JSON shape is stable:
//! `{"error": {"code": "not_found", "message": "..."}}`. Internal details are logged, never sent.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no such api endpoint: {0}")]
    NoSuchEndpoint(String),
    #[error("internal error")]
    Internal(#[from] InternalError),
}

/// Failures the client can do nothing about; logged in full, answered with a generic message.
#[derive(Debug, thiserror::Error)]
pub enum InternalError {
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("worker task failed: {0}")]
    Join(#[from] tokio::task::JoinError),
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        Self::Internal(err.into())
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(err: tokio::task::JoinError) -> Self {
        Self::Internal(err.into())
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: String,
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NoSuchEndpoint(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let Self::Internal(inner) = &self {
            tracing::error!(error = %inner, "request failed");
        }
        let body = Body {
            error: Detail {
                code,
                message: self.to_string(),
            },
        };
        (status, Json(body)).into_response()
    }
}
