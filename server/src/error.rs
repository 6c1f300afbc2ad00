//! Error types. `thiserror` enums in this library; `anyhow` only in `main.rs`.
//!
//! `ApiError` is the one error every handler returns. Its JSON shape is stable:
//! `{"error": {"code": "not_found", "message": "..."}}`. Internal details are logged, never sent.
//! An admin or import refusal ([`Refused`]) names its own code (`user_exists`, `place_wrong_kind`,
//! …) and the values its sentence names: `{"error": {"code", "message", "params": {…}}}`, so the
//! app says it in the admin's language; `message` stays the English sentence.

use std::collections::BTreeMap;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// How long a device is asked to wait before retrying on a full disk.
const STORAGE_FULL_RETRY_SECS: u64 = 300;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no such api endpoint: {0}")]
    NoSuchEndpoint(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    /// Malformed input (JSON, sync message, encoding); nothing was stored.
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Same message for an unknown user and a wrong password.
    #[error("wrong username or password")]
    InvalidCredentials,
    /// Login throttled; `Retry-After` carries the seconds to wait.
    #[error("too many failed sign-in attempts; try again in {retry_after_secs} seconds")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("sign in required: the token is missing, malformed or unknown")]
    Unauthorized,
    #[error("your session has ended after a long time without use; sign in again")]
    SessionExpired,
    #[error("this session was ended (signed out, password changed or revoked); sign in again")]
    SessionRevoked,
    #[error("this account is disabled; ask your administrator")]
    UserDisabled,
    /// The device was revoked (a lost tablet): it erases its user's data.
    #[error("this tablet's access was revoked by an administrator")]
    DeviceRevoked,
    #[error("this device id belongs to another user; create a new device id")]
    DeviceTaken,
    #[error("the server is shutting down")]
    ShuttingDown,
    /// The database's disk is full (`SQLITE_FULL`): the write was rolled back whole, nothing is
    /// half-stored, and the same request succeeds once there is room again.
    #[error(
        "the server's storage is full; your changes stay on this device and will be sent when it has room again"
    )]
    StorageFull,
    /// A sync file that cannot be taken (not one, damaged, another device's, a revoked
    /// tablet): the message says which, and `code` names it for the client (the file's own
    /// problems are `FileError::code`s). Not a 401, so the uploader's own session goes on.
    #[error("{message}")]
    SyncFileRefused { code: &'static str, message: String },
    /// Signed in, but the role may not do this (an admin action asked by a mentor).
    #[error("{0}")]
    Forbidden(String),
    /// An import file that cannot be taken as it is (unreadable, or rows in error when asked
    /// to apply): its code and message say why; nothing was written.
    #[error("{0}")]
    ImportRefused(Refused),
    /// An admin action that cannot be done as asked (a taken username, a weak password, an
    /// unknown place): its code and message say why; nothing was written.
    #[error("{0}")]
    AdminRefused(Refused),
    #[error("internal error")]
    Internal(InternalError),
}

/// Why an admin action or an import was refused: a stable snake_case `code` (the app's key),
/// the English sentence, and the values the sentence names (`place`, `kind`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub code: &'static str,
    pub message: String,
    pub params: BTreeMap<&'static str, String>,
}

impl Refused {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            params: BTreeMap::new(),
        }
    }

    /// The refusal with one more named value.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.insert(name, value.to_string());
        self
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Failures the client can do nothing about; logged in full, answered with a generic message.
#[derive(Debug, thiserror::Error)]
pub enum InternalError {
    #[error("database: {0}")]
    Database(#[from] crate::sql::Error),
    #[error("worker task failed: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("sync storage: {0}")]
    Store(#[from] crate::store::StoreError),
    #[error("accounts: {0}")]
    Accounts(#[from] crate::accounts::AccountError),
    #[error("export: {0}")]
    Export(String),
    #[error("import: {0}")]
    Import(String),
}

impl InternalError {
    /// Whether the failure is the database's disk being full.
    pub fn is_disk_full(&self) -> bool {
        match self {
            Self::Database(err) | Self::Accounts(crate::accounts::AccountError::Database(err)) => {
                err.is_disk_full()
            }
            Self::Store(crate::store::StoreError::Sqlite(err)) => {
                err.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
            }
            Self::Store(crate::store::StoreError::Postgres(err)) => {
                err.code() == Some(&postgres::error::SqlState::DISK_FULL)
            }
            _ => false,
        }
    }
}

/// An internal error, told apart when it is the disk being full (a 503 the device retries).
impl From<InternalError> for ApiError {
    fn from(err: InternalError) -> Self {
        if err.is_disk_full() {
            tracing::error!(error = %err, "the database's disk is full");
            Self::StorageFull
        } else {
            Self::Internal(err)
        }
    }
}

impl From<crate::sql::Error> for ApiError {
    fn from(err: crate::sql::Error) -> Self {
        InternalError::from(err).into()
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(err: crate::store::StoreError) -> Self {
        InternalError::from(err).into()
    }
}

impl From<crate::accounts::AccountError> for ApiError {
    fn from(err: crate::accounts::AccountError) -> Self {
        match err {
            crate::accounts::AccountError::DeviceTaken => Self::DeviceTaken,
            crate::accounts::AccountError::Disabled => Self::UserDisabled,
            crate::accounts::AccountError::DeviceRevoked => Self::DeviceRevoked,
            other => InternalError::from(other).into(),
        }
    }
}

/// Body and JSON extractor rejections keep the one JSON error shape.
impl From<axum::extract::rejection::BytesRejection> for ApiError {
    fn from(err: axum::extract::rejection::BytesRejection) -> Self {
        if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Self::TooLarge("request body is too large".to_owned())
        } else {
            Self::BadRequest(format!("cannot read the request body: {}", err.body_text()))
        }
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(err: axum::extract::rejection::JsonRejection) -> Self {
        match err.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Self::TooLarge("request body is too large".to_owned()),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                Self::UnsupportedMediaType("expected content-type: application/json".to_owned())
            }
            _ => Self::BadRequest(err.body_text()),
        }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<&'a BTreeMap<&'static str, String>>,
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NoSuchEndpoint(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Self::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            Self::InvalidCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            Self::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::SessionExpired => (StatusCode::UNAUTHORIZED, "session_expired"),
            Self::SessionRevoked => (StatusCode::UNAUTHORIZED, "session_revoked"),
            Self::UserDisabled => (StatusCode::UNAUTHORIZED, "user_disabled"),
            Self::DeviceRevoked => (StatusCode::UNAUTHORIZED, "device_revoked"),
            Self::DeviceTaken => (StatusCode::CONFLICT, "device_taken"),
            Self::ShuttingDown => (StatusCode::SERVICE_UNAVAILABLE, "shutting_down"),
            Self::StorageFull => (StatusCode::SERVICE_UNAVAILABLE, "storage_full"),
            Self::SyncFileRefused { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Self::ImportRefused(refused) | Self::AdminRefused(refused) => {
                (StatusCode::UNPROCESSABLE_ENTITY, refused.code)
            }
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
        let params = match &self {
            Self::ImportRefused(refused) | Self::AdminRefused(refused)
                if !refused.params.is_empty() =>
            {
                Some(&refused.params)
            }
            _ => None,
        };
        let body = Body {
            error: Detail {
                code,
                message: self.to_string(),
                params,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        let retry_after = match self {
            Self::TooManyAttempts { retry_after_secs } => Some(retry_after_secs),
            Self::StorageFull => Some(STORAGE_FULL_RETRY_SECS),
            _ => None,
        };
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
