//! Who is syncing, as the sync core needs to know it: the device, its access, the signed-in
//! user for the capability policy, and the place hierarchy headers must name.

use std::collections::{BTreeMap, BTreeSet};

use crate::sql::{Db, OptionalExtension as _};
use mentora_shared::policy::Actor;
use mentora_shared::sync::{DeviceContext, PlaceId, Places};

use crate::accounts::Session;

pub(crate) fn device_context(session: &Session, places: Places, quota_left: u64) -> DeviceContext {
    DeviceContext {
        device: session.device,
        access: session.user.access(),
        actor: Some(Actor {
            role: session.user.role,
            username: session.user.username.clone(),
        }),
        places: Some(places),
        quota_left: Some(quota_left),
    }
}

/// Districts are places at level `district`; a facility is any place below one, and belongs
/// to the nearest district above it.
pub(crate) fn places(conn: &Db) -> crate::sql::Result<Places> {
    let rows = crate::db::places(conn)?;
    let parent: BTreeMap<&str, Option<&str>> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.parent_id.as_deref()))
        .collect();
    let districts: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.level == "district")
        .map(|r| r.id.as_str())
        .collect();
    let mut places = Places {
        districts: districts
            .iter()
            .filter_map(|d| PlaceId::new(d).ok())
            .collect(),
        facilities: BTreeMap::new(),
    };
    for row in rows.iter().filter(|r| !districts.contains(r.id.as_str())) {
        // Walk up at most as many steps as there are places, so a cycle cannot loop forever.
        let mut up = row.parent_id.as_deref();
        for _ in 0..rows.len() {
            match up {
                Some(p) if districts.contains(p) => {
                    if let (Ok(f), Ok(d)) = (PlaceId::new(&row.id), PlaceId::new(p)) {
                        places.facilities.insert(f, d);
                    }
                    break;
                }
                Some(p) => up = parent.get(p).copied().flatten(),
                None => break,
            }
        }
    }
    Ok(places)
}

/// Bytes of changes the user's devices have had stored.
pub(crate) fn stored_bytes(conn: &Db, user_id: i64) -> crate::sql::Result<u64> {
    let bytes: Option<i64> = conn
        .prepare_cached("SELECT stored_bytes FROM user_usage WHERE user_id = ?1")?
        .query_row([user_id], |row| row.get(0))
        .optional()?;
    Ok(bytes.and_then(|b| u64::try_from(b).ok()).unwrap_or(0))
}

pub(crate) fn add_stored_bytes(conn: &Db, user_id: i64, bytes: u64) -> crate::sql::Result<()> {
    if bytes == 0 {
        return Ok(());
    }
    let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
    conn.prepare_cached(
        "INSERT INTO user_usage (user_id, stored_bytes) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE
         SET stored_bytes = user_usage.stored_bytes + excluded.stored_bytes",
    )?
    .execute(crate::sql::params![user_id, bytes])?;
    Ok(())
}
