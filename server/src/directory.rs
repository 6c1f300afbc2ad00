//! `GET /api/directory`: who each device is, so the history of changes on a tablet names the
//! person behind every change (a change's Automerge actor is its device id, and the server
//! binds each device to one user for good).
//!
//! A viewer gets the devices of the users who could have written what the viewer can read:
//! everyone for an admin; otherwise the users whose scope lies in one of the viewer's districts
//! (a facility counts for its district), admins, and the viewer themself. Only device ids,
//! usernames and display names leave.

use std::collections::{BTreeSet, HashMap};

use crate::sql::Db;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

use mentora_shared::setup::tracker::IMPORT_DEVICE;

use crate::accounts::{Role, User};
use crate::api::{Bearer, for_viewer};
use crate::error::ApiError;
use crate::{AppState, hex};

#[derive(Debug, Serialize)]
pub(crate) struct Entry {
    /// The device id in lowercase hex: the Automerge actor id of its changes.
    pub actor: String,
    pub username: String,
    pub display_name: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct DirectoryResponse {
    pub actors: Vec<Entry>,
}

pub(crate) async fn directory(
    State(state): State<AppState>,
    Bearer(token): Bearer,
) -> Result<Json<DirectoryResponse>, ApiError> {
    Ok(Json(for_viewer(&state, token, visible).await?))
}

/// The districts a user's scope lies in: their districts and their facilities' districts.
fn districts(conn: &Db, user_id: i64) -> crate::sql::Result<BTreeSet<String>> {
    let mut query = conn.prepare_cached(
        "SELECT CASE s.kind WHEN 'district' THEN s.place_id ELSE p.parent_id END
         FROM user_scope s LEFT JOIN place p ON p.id = s.place_id WHERE s.user_id = ?1",
    )?;
    let rows = query.query_map([user_id], |r| r.get::<_, Option<String>>(0))?;
    rows.filter_map(Result::transpose).collect()
}

fn visible(conn: &Db, viewer: &User) -> crate::sql::Result<DirectoryResponse> {
    let mine = districts(conn, viewer.id)?;
    let mut query = conn.prepare_cached(
        "SELECT u.id, u.role, d.device_id, u.username, u.display_name
         FROM device d JOIN user_account u ON u.id = d.user_id ORDER BY u.username, d.device_id",
    )?;
    let rows = query
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                Entry {
                    actor: hex(&r.get::<_, Vec<u8>>(2)?),
                    username: r.get(3)?,
                    display_name: r.get(4)?,
                },
            ))
        })?
        .collect::<crate::sql::Result<Vec<_>>>()?;
    let mut overlap: HashMap<i64, bool> = HashMap::new();
    let mut actors = Vec::new();
    for (user_id, role, entry) in rows {
        let seen = match overlap.get(&user_id) {
            Some(seen) => *seen,
            None => {
                let seen = viewer.role == Role::Admin
                    || role == "admin"
                    || user_id == viewer.id
                    || !districts(conn, user_id)?.is_disjoint(&mine);
                overlap.insert(user_id, seen);
                seen
            }
        };
        if seen {
            actors.push(entry);
        }
    }
    // Imported history (the progress-tracker import) is written by no tablet: name it so.
    actors.push(Entry {
        actor: hex(&IMPORT_DEVICE.0),
        username: "import".to_owned(),
        display_name: "Imported history".to_owned(),
    });
    Ok(DirectoryResponse { actors })
}
