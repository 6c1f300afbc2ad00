//! Users administration (admins, online): list users with their places and devices, create a
//! user, disable or enable, set a new password, revoke a device. Each action is one
//! transaction in `accounts` and is logged (`super::record`); refusals (a taken username, a
//! weak password, an unknown place) are 422 with a code per reason (`user_exists`,
//! `password_too_short`, `place_wrong_kind`, …), its values and the reason in English.

use crate::sql::Db;
use axum::Json;
use axum::extract::{Path, State};
use mentora_shared::domain::MentorAffiliation;
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::accounts::strength::Weakness;
use crate::accounts::{self, AccountError, NewUser, Password, Role, admin, strength};
use crate::api::Bearer;
use crate::error::{ApiError, Refused};
use crate::hex;

/// One of a user's devices as the admin sees it.
#[derive(Debug, Serialize)]
pub struct DeviceInfo {
    /// The first 8 hex digits of the device id, enough to revoke it.
    pub device: String,
    pub first_login_at: i64,
    pub last_sync_at: Option<i64>,
    pub revoked: bool,
}

#[derive(Debug, Serialize)]
pub struct UserInfo {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Who they mentor for (Table 1's row), where set.
    pub affiliation: Option<MentorAffiliation>,
    pub districts: Vec<String>,
    pub facilities: Vec<String>,
    pub disabled: bool,
    pub devices: Vec<DeviceInfo>,
}

#[derive(Debug, Serialize)]
pub struct UsersResponse {
    /// Unix seconds now, so the app computes ages with the server's clock.
    pub now: i64,
    pub users: Vec<UserInfo>,
}

/// Why an admin request was refused, by code with its values and in words; nothing was written.
fn refused(err: AccountError) -> ApiError {
    let message = err.to_string();
    let (code, params): (&'static str, Vec<(&'static str, String)>) = match err {
        AccountError::Database(e) => return e.into(),
        AccountError::Hash => {
            return ApiError::Internal(crate::error::InternalError::Accounts(err));
        }
        AccountError::BadUsername => ("bad_username", vec![]),
        AccountError::BadDisplayName => ("bad_display_name", vec![]),
        AccountError::WeakPassword => ("password_too_short", vec![("min", "8".to_owned())]),
        AccountError::TooWeak(Weakness::TooShort) => (
            "password_too_short",
            vec![("min", strength::MIN_CHARS.to_string())],
        ),
        AccountError::TooWeak(Weakness::Username) => ("password_is_username", vec![]),
        AccountError::TooWeak(Weakness::Repeated) => ("password_repeated", vec![]),
        AccountError::TooWeak(Weakness::Common) => ("password_common", vec![]),
        AccountError::BadPlace(place) => ("bad_place", vec![("place", place)]),
        AccountError::MissingScope("mentor", _) => ("mentor_needs_facility", vec![]),
        AccountError::MissingScope(..) => ("needs_place", vec![]),
        AccountError::UserExists(username) => ("user_exists", vec![("username", username)]),
        AccountError::NoSuchUser(username) => ("no_such_user", vec![("username", username)]),
        AccountError::DeviceTaken => ("device_taken", vec![]),
        AccountError::Disabled => ("user_disabled", vec![]),
        AccountError::DeviceRevoked => ("device_revoked", vec![]),
        AccountError::NoSuchDevice(username, device) => (
            "no_such_device",
            vec![("username", username), ("device", device)],
        ),
        AccountError::AmbiguousDevice(username, device) => (
            "ambiguous_device",
            vec![("username", username), ("device", device)],
        ),
        AccountError::NoSuchPlace(username, place) => (
            "user_has_no_place",
            vec![("username", username), ("place", place)],
        ),
    };
    let refusal = params
        .into_iter()
        .fold(Refused::new(code, message), |r, (name, value)| {
            r.with(name, value)
        });
    ApiError::AdminRefused(refusal)
}

/// Every account, by username, with its places and tablets.
pub fn list(conn: &Db) -> crate::sql::Result<Vec<UserInfo>> {
    let mut users = conn.prepare(
        "SELECT id, username, display_name, role, disabled_at IS NOT NULL, affiliation
         FROM user_account ORDER BY username",
    )?;
    let mut scope = conn.prepare_cached(
        "SELECT kind, place_id FROM user_scope WHERE user_id = ?1 ORDER BY place_id",
    )?;
    let mut devices = conn.prepare_cached(
        "SELECT device_id, first_login_at, last_sync_at, revoked_at IS NOT NULL FROM device
         WHERE user_id = ?1 ORDER BY first_login_at",
    )?;
    let rows = users
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<crate::sql::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, username, display_name, role, disabled, affiliation) in rows {
        let (mut districts, mut facilities) = (Vec::new(), Vec::new());
        for row in scope.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
            let (kind, place) = row?;
            if kind == "district" {
                districts.push(place);
            } else {
                facilities.push(place);
            }
        }
        let devices = devices
            .query_map([id], |r| {
                let device: Vec<u8> = r.get(0)?;
                Ok(DeviceInfo {
                    device: hex(&device).chars().take(8).collect(),
                    first_login_at: r.get(1)?,
                    last_sync_at: r.get(2)?,
                    revoked: r.get(3)?,
                })
            })?
            .collect::<crate::sql::Result<_>>()?;
        out.push(UserInfo {
            username,
            display_name,
            // The table's CHECK constraint holds the role to these three.
            role: Role::parse(&role).unwrap_or(Role::Mentor),
            affiliation: affiliation
                .as_deref()
                .and_then(MentorAffiliation::from_code),
            districts,
            facilities,
            disabled,
            devices,
        });
    }
    Ok(out)
}

/// `GET /api/admin/users`.
pub(crate) async fn users(
    State(state): State<AppState>,
    Bearer(token): Bearer,
) -> Result<Json<UsersResponse>, ApiError> {
    let users = state
        .with_db(move |conn| {
            super::admin(conn, &token)?;
            Ok::<_, ApiError>(list(conn)?)
        })
        .await?;
    Ok(Json(UsersResponse {
        now: accounts::unix_now(),
        users,
    }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    #[serde(default)]
    pub affiliation: Option<MentorAffiliation>,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub facilities: Vec<String>,
    pub password: String,
}

/// Every place named is stored, districts are districts and facilities are facilities.
fn check_places(conn: &Db, request: &CreateRequest) -> Result<(), ApiError> {
    let mut level = conn.prepare_cached("SELECT level FROM place WHERE id = ?1")?;
    for (place, district) in request
        .districts
        .iter()
        .map(|d| (d, true))
        .chain(request.facilities.iter().map(|f| (f, false)))
    {
        let found: Option<String> =
            level
                .query_row([place], |r| r.get(0))
                .map(Some)
                .or_else(|e| match e {
                    crate::sql::Error::NoRows => Ok(None),
                    e => Err(e),
                })?;
        let fits = match found.as_deref() {
            None => false,
            Some("district") => district,
            Some("country" | "province") => false,
            Some(_) => !district,
        };
        if !fits {
            let kind = if district { "district" } else { "facility" };
            return Err(ApiError::AdminRefused(
                Refused::new("place_wrong_kind", format!("{place} is not a {kind}"))
                    .with("place", place)
                    .with("kind", kind),
            ));
        }
    }
    Ok(())
}

/// `POST /api/admin/users`: creates a user with a first password the admin hands over.
pub(crate) async fn create(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    body: Result<Json<CreateRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<UserInfo>, ApiError> {
    let Json(request) = body?;
    let username = request.username.trim().to_owned();
    let password = Password(request.password.clone());
    strength::check(&username, &password).map_err(refused)?;
    let created = state
        .with_db(move |conn| {
            let admin_user = super::admin(conn, &token)?;
            check_places(conn, &request)?;
            let new = NewUser {
                username: username.clone(),
                display_name: request.display_name.clone(),
                role: request.role,
                districts: request.districts.clone(),
                facilities: request.facilities.clone(),
                affiliation: request.affiliation,
                password,
            };
            accounts::add_user(conn, &new).map_err(refused)?;
            let places: Vec<&str> = new
                .districts
                .iter()
                .chain(&new.facilities)
                .map(String::as_str)
                .collect();
            super::record(
                conn,
                &admin_user.username,
                "users.create",
                &format!(
                    "{username} ({}) at {}",
                    new.role.as_str(),
                    if places.is_empty() {
                        "everywhere".to_owned()
                    } else {
                        places.join(", ")
                    }
                ),
            )?;
            let info = list(conn)?
                .into_iter()
                .find(|u| u.username == username)
                .ok_or(ApiError::Internal(crate::error::InternalError::Database(
                    crate::sql::Error::NoRows,
                )))?;
            Ok::<_, ApiError>(info)
        })
        .await?;
    Ok(Json(created))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisableRequest {
    pub disabled: bool,
}

/// `POST /api/admin/users/{username}/disabled`: disables (ending every session) or enables.
pub(crate) async fn set_disabled(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    Path(username): Path<String>,
    body: Result<Json<DisableRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Done>, ApiError> {
    let Json(request) = body?;
    state
        .with_db(move |conn| {
            let admin_user = super::admin(conn, &token)?;
            if request.disabled && admin_user.username == username {
                return Err(ApiError::AdminRefused(Refused::new(
                    "own_account",
                    "you cannot disable your own account",
                )));
            }
            let ended = admin::set_disabled(conn, &username, request.disabled).map_err(refused)?;
            let action = if request.disabled {
                "users.disable"
            } else {
                "users.enable"
            };
            super::record(conn, &admin_user.username, action, &username)?;
            Ok::<_, ApiError>(Done {
                sessions_ended: ended,
            })
        })
        .await
        .map(Json)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    pub password: String,
}

/// What an action changed.
#[derive(Debug, Serialize)]
pub struct Done {
    pub sessions_ended: usize,
}

/// `POST /api/admin/users/{username}/password`: a new password the admin hands over (a user
/// who forgot theirs); every session of the user ends.
pub(crate) async fn set_password(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    Path(username): Path<String>,
    body: Result<Json<PasswordRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Done>, ApiError> {
    let Json(request) = body?;
    let password = Password(request.password);
    strength::check(&username, &password).map_err(refused)?;
    // Hashing is slow on purpose: outside the database lock.
    let hash = tokio::task::spawn_blocking(move || accounts::hash_password(&password))
        .await?
        .map_err(refused)?;
    state
        .with_db(move |conn| {
            let admin_user = super::admin(conn, &token)?;
            let ended = admin::set_password_hash(conn, &username, &hash, None).map_err(refused)?;
            super::record(conn, &admin_user.username, "users.password", &username)?;
            Ok::<_, ApiError>(Done {
                sessions_ended: ended,
            })
        })
        .await
        .map(Json)
}

/// `POST /api/admin/users/{username}/devices/{device}/revoke`: a lost tablet; at its next sync
/// it erases the user's data.
pub(crate) async fn revoke_device(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    Path((username, device)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    state
        .with_db(move |conn| {
            let admin_user = super::admin(conn, &token)?;
            let (full, ended) = admin::revoke_device(conn, &username, &device).map_err(refused)?;
            let short: String = full.chars().take(8).collect();
            super::record(
                conn,
                &admin_user.username,
                "devices.revoke",
                &format!("{username}'s tablet {short}"),
            )?;
            Ok::<_, ApiError>(Done {
                sessions_ended: ended,
            })
        })
        .await
        .map(Json)
}
