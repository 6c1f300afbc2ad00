//! `GET /api/devices`: when each device in the caller's view last synced, so a supervisor can
//! see tablets that have not synced for days (a lost tablet, a mentor without network, work at
//! risk). An admin sees every device; a supervisor the devices of users who work in their
//! districts or facilities; a mentor their own. Only usernames, display names and dates leave.

use crate::sql::Db;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::accounts::{self, Role, User};
use crate::api::{Bearer, for_viewer};
use crate::error::ApiError;
use crate::{AppState, hex};

#[derive(Debug, Serialize)]
pub(crate) struct DeviceRow {
    pub username: String,
    pub display_name: String,
    /// The first 8 hex digits of the device id: enough to tell two tablets apart.
    pub device: String,
    /// Unix seconds of the last sync, if it ever synced.
    pub last_sync_at: Option<i64>,
    pub first_login_at: i64,
}

#[derive(Debug, Serialize)]
pub(crate) struct DevicesResponse {
    /// Unix seconds now, so the device computes ages with the server's clock.
    pub now: i64,
    pub devices: Vec<DeviceRow>,
}

pub(crate) async fn devices(
    State(state): State<AppState>,
    Bearer(token): Bearer,
) -> Result<Json<DevicesResponse>, ApiError> {
    Ok(Json(for_viewer(&state, token, visible).await?))
}

/// Whether `user`'s devices are in the view of `viewer`.
fn sees(conn: &Db, viewer: &User, user_id: i64, username: &str) -> crate::sql::Result<bool> {
    Ok(match viewer.role {
        Role::Admin => true,
        Role::Mentor => username == viewer.username,
        Role::Supervisor => {
            let mut places = conn.prepare_cached(
                "SELECT s.kind, s.place_id, p.parent_id FROM user_scope s
                 LEFT JOIN place p ON p.id = s.place_id WHERE s.user_id = ?1",
            )?;
            let rows = places.query_map([user_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?;
            let mut seen = false;
            for row in rows {
                let (kind, place, parent) = row?;
                seen |= match kind.as_str() {
                    "district" => viewer.districts.contains(&place),
                    _ => {
                        viewer.facilities.contains(&place)
                            || parent.is_some_and(|d| viewer.districts.contains(&d))
                    }
                };
            }
            seen || username == viewer.username
        }
    })
}

fn visible(conn: &Db, viewer: &User) -> crate::sql::Result<DevicesResponse> {
    let mut query = conn.prepare_cached(
        "SELECT u.id, u.username, u.display_name, d.device_id, d.last_sync_at, d.first_login_at
         FROM device d JOIN user_account u ON u.id = d.user_id
         WHERE d.revoked_at IS NULL AND u.disabled_at IS NULL
         ORDER BY d.last_sync_at IS NOT NULL, d.last_sync_at, u.username",
    )?;
    let rows = query
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                DeviceRow {
                    username: r.get(1)?,
                    display_name: r.get(2)?,
                    device: {
                        let id = r.get::<_, Vec<u8>>(3)?;
                        hex(&id[..id.len().min(4)])
                    },
                    last_sync_at: r.get(4)?,
                    first_login_at: r.get(5)?,
                },
            ))
        })?
        .collect::<crate::sql::Result<Vec<_>>>()?;
    let mut devices = Vec::new();
    for (user_id, row) in rows {
        if sees(conn, viewer, user_id, &row.username)? {
            devices.push(row);
        }
    }
    Ok(DevicesResponse {
        now: accounts::unix_now(),
        devices,
    })
}
