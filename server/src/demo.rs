//! The demo dataset loaded by `serve --demo` into an empty database: places and accounts.

use mentora_shared::domain::MentorAffiliation;

use crate::accounts::{NewUser, Password, Role};
use crate::db::PlaceRow;

/// Password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "mentora-demo";

/// A mentor at one health centre, a district supervisor and an admin. The mentor is
/// district-based, as the mentors of health centres are in the demo dataset
/// (`mentora_shared::demo`: professional associations mentor the hospitals); the others have
/// no affiliation.
pub fn accounts() -> Vec<NewUser> {
    let user =
        |username: &str, display_name: &str, role, districts: &[&str], facilities: &[&str]| {
            NewUser {
                username: username.to_owned(),
                display_name: display_name.to_owned(),
                role,
                districts: districts.iter().map(|d| (*d).to_owned()).collect(),
                facilities: facilities.iter().map(|f| (*f).to_owned()).collect(),
                affiliation: None,
                password: Password(DEMO_PASSWORD.to_owned()),
            }
        };
    vec![
        NewUser {
            affiliation: Some(MentorAffiliation::DistrictBased),
            ..user(
                "mentor",
                "Demo Mentor",
                Role::Mentor,
                &["rw-huye"],
                &["rango-hc"],
            )
        },
        user(
            "supervisor",
            "Demo Supervisor",
            Role::Supervisor,
            &["rw-huye"],
            &[],
        ),
        user("admin", "Demo Admin", Role::Admin, &[], &[]),
    ]
}

/// The demo place hierarchy: one country, one province, two districts, five facilities.
pub fn places() -> Vec<PlaceRow> {
    let rows: [(&str, Option<&str>, &str, &str); 9] = [
        ("rw", None, "country", "Rwanda"),
        ("rw-south", Some("rw"), "province", "Southern Province"),
        ("rw-huye", Some("rw-south"), "district", "Huye"),
        ("rw-nyanza", Some("rw-south"), "district", "Nyanza"),
        (
            "kabutare-dh",
            Some("rw-huye"),
            "district_hospital",
            "Kabutare District Hospital",
        ),
        (
            "rango-hc",
            Some("rw-huye"),
            "health_centre",
            "Rango Health Centre",
        ),
        (
            "simbi-hc",
            Some("rw-huye"),
            "health_centre",
            "Simbi Health Centre",
        ),
        (
            "nyanza-dh",
            Some("rw-nyanza"),
            "district_hospital",
            "Nyanza District Hospital",
        ),
        (
            "busoro-hp",
            Some("rw-nyanza"),
            "health_post",
            "Busoro Health Post",
        ),
    ];
    rows.into_iter()
        .map(|(id, parent_id, level, name)| PlaceRow {
            id: id.to_owned(),
            parent_id: parent_id.map(str::to_owned),
            level: level.to_owned(),
            name: name.to_owned(),
        })
        .collect()
}

/// The demo accounts that still have [`DEMO_PASSWORD`], by username; `serve` warns about them.
pub fn accounts_with_published_password(
    conn: &rusqlite::Connection,
) -> rusqlite::Result<Vec<String>> {
    let demo_password = Password(DEMO_PASSWORD.to_owned());
    let mut found = Vec::new();
    for account in accounts() {
        if let Some((user, hash)) = crate::accounts::user_for_login(conn, &account.username)?
            && crate::accounts::verify_password(&hash, &demo_password)
        {
            found.push(user.username);
        }
    }
    Ok(found)
}
