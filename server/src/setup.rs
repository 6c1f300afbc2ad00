//! Programme set-up by admins (online): `POST /api/admin/places/import` previews or applies a
//! place hierarchy import (`setup/places.rs`), `/api/admin/users…` manages accounts and their
//! devices (`setup/users.rs`) and `GET /api/admin/log` lists admin actions. The
//! parsing and checking is `mentora_shared::setup`; this module reads the store, writes a plan
//! without errors in one transaction, and logs who did it. Every action also exists in the CLI
//! (`mentora-server place import`).

use crate::sql::{Db, params};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use serde::Serialize;

use crate::AppState;
use crate::accounts::{self, Token, User};
use crate::error::ApiError;

pub mod cli;
pub mod places;
pub mod tracker;
pub mod users;

/// The largest import request: the largest file plus JSON quoting.
const IMPORT_BODY_LIMIT: usize = mentora_shared::setup::places::MAX_FILE_BYTES * 5 / 4;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/places/import",
            post(places::import).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route(
            "/api/admin/tracker/import",
            post(tracker::import).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route("/api/admin/log", get(log))
        .route("/api/admin/places/{id}/active", post(places::set_active))
        .route("/api/admin/users", get(users::users).post(users::create))
        .route(
            "/api/admin/users/{username}/disabled",
            post(users::set_disabled),
        )
        .route(
            "/api/admin/users/{username}/password",
            post(users::set_password),
        )
        .route(
            "/api/admin/users/{username}/devices/{device}/revoke",
            post(users::revoke_device),
        )
}

/// The signed-in admin behind `token`; a 403 for any other role.
pub(crate) fn admin(conn: &Db, token: &Token) -> Result<User, ApiError> {
    let session = accounts::session(conn, token)?.ok_or(ApiError::Unauthorized)?;
    if !session.user.role.administers() {
        return Err(ApiError::Forbidden(
            "only an administrator may do this".to_owned(),
        ));
    }
    Ok(session.user)
}

/// Records an admin action; call it inside the transaction that did the action.
pub fn record(conn: &Db, actor: &str, action: &str, detail: &str) -> crate::sql::Result<()> {
    conn.execute(
        "INSERT INTO admin_action (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
        params![accounts::unix_now(), actor, action, detail],
    )?;
    Ok(())
}

/// One logged admin action.
#[derive(Debug, Serialize)]
pub struct Action {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// The newest actions first, at most `limit`.
pub fn recent(conn: &Db, limit: u32) -> crate::sql::Result<Vec<Action>> {
    let mut stmt = conn
        .prepare("SELECT at, actor, action, detail FROM admin_action ORDER BY id DESC LIMIT ?1")?;
    stmt.query_map([limit], |r| {
        Ok(Action {
            at: r.get(0)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            detail: r.get(3)?,
        })
    })?
    .collect()
}

async fn log(
    axum::extract::State(state): axum::extract::State<AppState>,
    crate::api::Bearer(token): crate::api::Bearer,
) -> Result<axum::Json<Vec<Action>>, ApiError> {
    let actions = state
        .with_db(move |conn| {
            admin(conn, &token)?;
            Ok::<_, ApiError>(recent(conn, 200)?)
        })
        .await?;
    Ok(axum::Json(actions))
}

/// A file that is not readable CSV, by code with its values (`line`, `max`) and in words.
pub(crate) fn csv_refusal(
    error: &mentora_shared::setup::csv::CsvError,
    message: String,
) -> crate::error::Refused {
    use crate::error::Refused;
    use mentora_shared::setup::csv::CsvError;
    match *error {
        CsvError::TooManyRecords { max } => Refused::new("too_many_rows", message).with("max", max),
        CsvError::TooManyFields { line, max } => Refused::new("csv_too_many_fields", message)
            .with("line", line)
            .with("max", max),
        CsvError::FieldTooLong { line, max } => Refused::new("csv_field_too_long", message)
            .with("line", line)
            .with("max", max),
        CsvError::UnclosedQuote { line } => {
            Refused::new("csv_unclosed_quote", message).with("line", line)
        }
        CsvError::StrayQuote { line } => {
            Refused::new("csv_stray_quote", message).with("line", line)
        }
    }
}
