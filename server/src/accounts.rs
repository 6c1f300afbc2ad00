//! Users, roles, scopes, devices and login sessions.
//!
//! A user has a [`Role`] and a scope (facilities and/or districts); [`User::access`] turns
//! them into the sync core's [`Access`]. Passwords are argon2id PHC strings. A login binds a
//! device id (created on the device, also its Automerge actor id) to the user forever, so every
//! change names its author; it returns a random token, of which only the sha256 is stored
//! (`sessions`). `admin` holds what the `user` commands change after creation, `strength` the
//! password rules for passwords typed by an administrator, `limiter` the login throttling.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::sql::{Db, OptionalExtension, params};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use mentora_shared::domain::MentorAffiliation;
use mentora_shared::sync::{Access, PlaceId, ScopeSet};

pub mod admin;
pub mod sessions;
pub mod strength;
pub mod vault;

pub use sessions::{Session, Token, open_session, session, touch_device};

pub mod limiter;

/// What a user may do; decides how the scope maps to read and write access (the rules are
/// `mentora_shared::policy`'s).
pub use mentora_shared::policy::Role;
use mentora_shared::policy::Scope;

/// A password in memory; never printed.
#[derive(Clone)]
pub struct Password(pub String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("username must be 1-64 characters from a-z, 0-9, '.', '_' and '-'")]
    BadUsername,
    #[error("display name must be 1-100 characters")]
    BadDisplayName,
    #[error("password must be at least 8 characters")]
    WeakPassword,
    #[error("invalid place id {0:?}")]
    BadPlace(String),
    #[error("a {0} needs at least one {1}")]
    MissingScope(&'static str, &'static str),
    #[error("user {0} already exists")]
    UserExists(String),
    #[error("no user named {0}")]
    NoSuchUser(String),
    #[error("this device id belongs to another user")]
    DeviceTaken,
    #[error("this account is disabled")]
    Disabled,
    #[error("this device was revoked")]
    DeviceRevoked,
    #[error("{0} has no device whose id starts with {1}")]
    NoSuchDevice(String, String),
    #[error("{0} has more than one device whose id starts with {1}; give more digits")]
    AmbiguousDevice(String, String),
    #[error("{0}")]
    TooWeak(strength::Weakness),
    #[error("{0} has no place {1}")]
    NoSuchPlace(String, String),
    #[error("password hashing failed")]
    Hash,
    #[error("database: {0}")]
    Database(#[from] crate::sql::Error),
}

/// A user as the API shows it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    #[serde(skip)]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub districts: Vec<String>,
    pub facilities: Vec<String>,
    /// Whom the user mentors for (`"rpa"`, `"district_based"`, …), `null` when not set; the
    /// app records it with each assessment and validation.
    pub affiliation: Option<MentorAffiliation>,
}

impl User {
    /// The sync access of this user: read and write are the same set for every role today.
    pub fn access(&self) -> Access {
        let places = |names: &[String]| names.iter().filter_map(|n| PlaceId::new(n).ok()).collect();
        let scope = match self.role.scope() {
            Scope::Everywhere => ScopeSet {
                everything: true,
                ..ScopeSet::default()
            },
            Scope::DistrictsAndFacilities => ScopeSet {
                everything: false,
                districts: places(&self.districts),
                facilities: places(&self.facilities),
            },
            Scope::Facilities => ScopeSet {
                facilities: places(&self.facilities),
                ..ScopeSet::default()
            },
        };
        Access {
            read: scope.clone(),
            write: scope,
        }
    }
}

/// What `user add` (or the demo seed) creates.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub districts: Vec<String>,
    pub facilities: Vec<String>,
    /// The professional association or other affiliation the user mentors for, if any.
    pub affiliation: Option<MentorAffiliation>,
    pub password: Password,
}

pub fn valid_username(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
}

/// Validates and stores a new user with an argon2id hash of the password.
pub fn add_user(conn: &mut Db, new: &NewUser) -> Result<User, AccountError> {
    if !valid_username(&new.username) {
        return Err(AccountError::BadUsername);
    }
    let display_len = new.display_name.trim().chars().count();
    if !(1..=100).contains(&display_len) {
        return Err(AccountError::BadDisplayName);
    }
    if new.password.0.chars().count() < 8 {
        return Err(AccountError::WeakPassword);
    }
    for place in new.districts.iter().chain(&new.facilities) {
        PlaceId::new(place).map_err(|_| AccountError::BadPlace(place.clone()))?;
    }
    match new.role {
        Role::Mentor if new.facilities.is_empty() => {
            return Err(AccountError::MissingScope("mentor", "--facility"));
        }
        Role::Supervisor if new.districts.is_empty() && new.facilities.is_empty() => {
            return Err(AccountError::MissingScope(
                "supervisor",
                "--district or --facility",
            ));
        }
        _ => {}
    }
    let hash = hash_password(&new.password)?;
    let tx = conn.transaction()?;
    let exists: Option<i64> = tx
        .query_row(
            "SELECT id FROM user_account WHERE username = ?1",
            [&new.username],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(AccountError::UserExists(new.username.clone()));
    }
    let id: i64 = tx.query_row(
        "INSERT INTO user_account
             (username, display_name, role, password_hash, created_at, affiliation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        params![
            new.username,
            new.display_name.trim(),
            new.role.as_str(),
            hash,
            unix_now(),
            new.affiliation.map(MentorAffiliation::code),
        ],
        |r| r.get(0),
    )?;
    for (kind, places) in [("district", &new.districts), ("facility", &new.facilities)] {
        for place in places {
            tx.execute(
                "INSERT INTO user_scope (user_id, kind, place_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![id, kind, place],
            )?;
        }
    }
    tx.commit()?;
    user_by_id(conn, id)?.ok_or(AccountError::Database(crate::sql::Error::NoRows))
}

/// Adds places to an existing user's scope (places already there are kept once); returns the
/// user as now stored. Nothing is written when a place id is invalid or the user is unknown.
pub fn grant(
    conn: &mut Db,
    username: &str,
    districts: &[String],
    facilities: &[String],
) -> Result<User, AccountError> {
    if districts.is_empty() && facilities.is_empty() {
        return Err(AccountError::MissingScope(
            "grant",
            "--district or --facility",
        ));
    }
    for place in districts.iter().chain(facilities) {
        PlaceId::new(place).map_err(|_| AccountError::BadPlace(place.clone()))?;
    }
    let tx = conn.transaction()?;
    let id: i64 = tx
        .query_row(
            "SELECT id FROM user_account WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| AccountError::NoSuchUser(username.to_owned()))?;
    for (kind, places) in [("district", districts), ("facility", facilities)] {
        for place in places {
            tx.execute(
                "INSERT INTO user_scope (user_id, kind, place_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![id, kind, place],
            )?;
        }
    }
    tx.commit()?;
    user_by_id(conn, id)?.ok_or_else(|| AccountError::NoSuchUser(username.to_owned()))
}

pub fn user_count(conn: &Db) -> crate::sql::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM user_account", [], |r| r.get(0))
}

pub fn hash_password(password: &Password) -> Result<String, AccountError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| AccountError::Hash)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| AccountError::Hash)?;
    Argon2::default()
        .hash_password(password.0.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AccountError::Hash)
}

/// Slow on purpose (argon2id): call it off the async workers and outside the database lock.
pub fn verify_password(stored_hash: &str, password: &Password) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.0.as_bytes(), &h)
            .is_ok()
    })
}

fn user_by(
    conn: &Db,
    clause: &str,
    arg: &dyn crate::sql::ToValue,
) -> crate::sql::Result<Option<(User, String)>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT id, username, display_name, role, password_hash, affiliation
             FROM user_account WHERE {clause}"
        ))?
        .query_row([arg], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, String>(1)?),
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .optional()?;
    let Some(((id, username), display_name, role, hash, affiliation)) = row else {
        return Ok(None);
    };
    let role = Role::parse(&role).ok_or(crate::sql::Error::Invalid("unexpected row"))?;
    let mut user = User {
        id,
        username,
        display_name,
        role,
        districts: Vec::new(),
        facilities: Vec::new(),
        // Written only from `MentorAffiliation::code`; a code this build does not know reads
        // as none rather than refusing the sign-in.
        affiliation: affiliation
            .as_deref()
            .and_then(MentorAffiliation::from_code),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT kind, place_id FROM user_scope WHERE user_id = ?1 ORDER BY kind, place_id",
    )?;
    for row in stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (kind, place) = row?;
        if kind == "district" {
            user.districts.push(place);
        } else {
            user.facilities.push(place);
        }
    }
    Ok(Some((user, hash)))
}

pub(crate) fn user_by_id(conn: &Db, id: i64) -> crate::sql::Result<Option<User>> {
    Ok(user_by(conn, "id = ?1", &id)?.map(|(u, _)| u))
}

/// The user and their password hash, for login.
pub fn user_for_login(conn: &Db, username: &str) -> crate::sql::Result<Option<(User, String)>> {
    user_by(conn, "username = ?1", &username)
}

pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
