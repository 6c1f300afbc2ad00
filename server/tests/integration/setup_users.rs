//! Users administration over HTTP: an admin creates a mentor who then signs in, sees the
//! user's devices, disables and enables them, sets a new password and revokes a tablet; bad
//! requests are refused in words with nothing written; other roles get 403.

use serde_json::{Value, json};

use super::client::{Conn, Reply};
use super::support::{Fixture, Running, check_error, json};

async fn call(
    conn: &mut Conn,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Reply {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("authorization", auth.as_str())];
    if body.is_some() {
        headers.push(("content-type", "application/json"));
    }
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    conn.send(method, path, &headers, bytes)
        .await
        .expect("request")
}

async fn login(conn: &mut Conn, username: &str, password: &str, device: [u8; 16]) -> Reply {
    let body = json!({
        "username": username,
        "password": password,
        "device_id": uuid::Uuid::from_bytes(device).to_string(),
    });
    conn.send(
        "POST",
        "/api/login",
        &[("content-type", "application/json")],
        body.to_string().into_bytes(),
    )
    .await
    .expect("login")
}

const PASSWORD: &str = "Rango-mentor-2026";

fn mentor(username: &str, facility: &str) -> Value {
    json!({
        "username": username, "display_name": "Grace Uwase", "role": "mentor",
        "affiliation": "district_based", "facilities": [facility], "password": PASSWORD
    })
}

async fn an_admin_creates_a_mentor_who_signs_in_and_manages_their_tablet(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xa1; 16]).await.expect("admin");
    let supervisor = conn.login("supervisor", [0xa2; 16]).await.expect("sup");

    let forbidden = call(
        &mut conn,
        "POST",
        "/api/admin/users",
        &supervisor,
        Some(mentor("guwase", "rango-hc")),
    )
    .await;
    check_error(&forbidden, 403, "forbidden");

    let created = call(
        &mut conn,
        "POST",
        "/api/admin/users",
        &admin,
        Some(mentor("guwase", "rango-hc")),
    )
    .await;
    assert_eq!(
        created.status.as_u16(),
        200,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    assert_eq!(json(&created.body)["facilities"], json!(["rango-hc"]));
    let signed_in = login(&mut conn, "guwase", PASSWORD, [0xb1; 16]).await;
    assert_eq!(signed_in.status.as_u16(), 200);
    let token = json(&signed_in.body)["token"]
        .as_str()
        .expect("token")
        .to_owned();

    let listed = call(&mut conn, "GET", "/api/admin/users", &admin, None).await;
    let users = json(&listed.body)["users"].clone();
    let grace = users
        .as_array()
        .and_then(|u| u.iter().find(|u| u["username"] == "guwase"))
        .expect("listed")
        .clone();
    assert_eq!(grace["role"], "mentor");
    assert_eq!(grace["affiliation"], "district_based");
    // She signs in with it: her assessments will count for it.
    assert_eq!(
        json(&signed_in.body)["user"]["affiliation"],
        "district_based"
    );
    assert_eq!(grace["disabled"], false);
    assert_eq!(grace["devices"][0]["device"], "b1b1b1b1");

    // Disabled: her session ends and she cannot sign in; enabled again, she can.
    let off = call(
        &mut conn,
        "POST",
        "/api/admin/users/guwase/disabled",
        &admin,
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(json(&off.body)["sessions_ended"], 1);
    let me = call(&mut conn, "GET", "/api/me", &token, None).await;
    check_error(&me, 401, "user_disabled");
    let on = call(
        &mut conn,
        "POST",
        "/api/admin/users/guwase/disabled",
        &admin,
        Some(json!({"disabled": false})),
    )
    .await;
    assert_eq!(on.status.as_u16(), 200);

    // A new password: the old one no longer works.
    let reset = call(
        &mut conn,
        "POST",
        "/api/admin/users/guwase/password",
        &admin,
        Some(json!({"password": "Another-password-9"})),
    )
    .await;
    assert_eq!(
        reset.status.as_u16(),
        200,
        "{}",
        String::from_utf8_lossy(&reset.body)
    );
    assert_eq!(
        login(&mut conn, "guwase", PASSWORD, [0xb1; 16])
            .await
            .status
            .as_u16(),
        401
    );
    assert_eq!(
        login(&mut conn, "guwase", "Another-password-9", [0xb1; 16])
            .await
            .status
            .as_u16(),
        200
    );

    // Her tablet is lost: revoked, it may not sign in again.
    let revoked = call(
        &mut conn,
        "POST",
        "/api/admin/users/guwase/devices/b1b1b1b1/revoke",
        &admin,
        None,
    )
    .await;
    assert_eq!(
        revoked.status.as_u16(),
        200,
        "{}",
        String::from_utf8_lossy(&revoked.body)
    );
    check_error(
        &login(&mut conn, "guwase", "Another-password-9", [0xb1; 16]).await,
        401,
        "device_revoked",
    );

    let log = call(&mut conn, "GET", "/api/admin/log", &admin, None).await;
    let actions: Vec<String> = json(&log.body)
        .as_array()
        .expect("log")
        .iter()
        .map(|a| a["action"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        actions,
        [
            "devices.revoke",
            "users.password",
            "users.enable",
            "users.disable",
            "users.create"
        ]
    );
}

async fn bad_requests_are_refused_in_words_and_write_nothing(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xa3; 16]).await.expect("admin");
    let users = "SELECT COUNT(*) FROM user_account";
    let before = server.count(users).await;
    for (body, code, says) in [
        (
            mentor("mentor", "rango-hc"),
            "user_exists",
            "already exists",
        ),
        (
            mentor("new.one", "rw-huye"),
            "place_wrong_kind",
            "rw-huye is not a facility",
        ),
        (
            mentor("new.one", "nowhere-hc"),
            "place_wrong_kind",
            "nowhere-hc is not a facility",
        ),
        (
            mentor("Bad Name", "rango-hc"),
            "bad_username",
            "username must be",
        ),
        (
            json!({"username": "new.one", "display_name": "X", "role": "mentor", "facilities": ["rango-hc"], "password": "short"}),
            "password_too_short",
            "at least 10 characters",
        ),
        (
            json!({"username": "new.one", "display_name": "X", "role": "mentor", "password": PASSWORD}),
            "mentor_needs_facility",
            "needs at least one",
        ),
    ] {
        let reply = call(&mut conn, "POST", "/api/admin/users", &admin, Some(body)).await;
        check_error(&reply, 422, code);
        let message = json(&reply.body)["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(message.contains(says), "{message} should say {says}");
    }
    let wrong_kind = call(
        &mut conn,
        "POST",
        "/api/admin/users",
        &admin,
        Some(mentor("new.one", "rw-huye")),
    )
    .await;
    assert_eq!(
        json(&wrong_kind.body)["error"]["params"],
        json!({"place": "rw-huye", "kind": "facility"})
    );
    assert_eq!(server.count(users).await, before);
    // No tablet may sign in as the tracker import's device.
    let import = mentora_shared::setup::tracker::IMPORT_DEVICE.0;
    check_error(
        &login(&mut conn, "mentor", "mentora-demo", import).await,
        400,
        "bad_request",
    );
    let own = call(
        &mut conn,
        "POST",
        "/api/admin/users/admin/disabled",
        &admin,
        Some(json!({"disabled": true})),
    )
    .await;
    check_error(&own, 422, "own_account");
    let nobody = call(
        &mut conn,
        "POST",
        "/api/admin/users/nobody/disabled",
        &admin,
        Some(json!({"disabled": true})),
    )
    .await;
    check_error(&nobody, 422, "no_such_user");
    assert_eq!(
        json(&nobody.body)["error"]["params"],
        json!({"username": "nobody"})
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM admin_action").await, 0);
}

super::support::on_both!(
    an_admin_creates_a_mentor_who_signs_in_and_manages_their_tablet,
    bad_requests_are_refused_in_words_and_write_nothing,
);
