//! `GET /api/devices`: who sees which tablets and when they last synced.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mentora_shared::sync::wire::SyncRequest;

use super::support::{Fixture, Running, json, oneshot};

async fn devices(server: &Running, token: Option<&str>) -> super::support::Answer {
    let mut request = Request::get("/api/devices");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    oneshot(
        server.state.clone(),
        request.body(Body::empty()).expect("request"),
    )
    .await
}

fn usernames(answer: &super::support::Answer) -> Vec<(String, bool)> {
    let body = json(&answer.body);
    body["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .map(|d| {
            (
                d["username"].as_str().expect("username").to_owned(),
                d["last_sync_at"].is_i64(),
            )
        })
        .collect()
}

async fn each_role_sees_the_devices_in_its_view(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xc1; 16]).await.expect("admin");
    let supervisor = conn
        .login("supervisor", [0xc2; 16])
        .await
        .expect("supervisor");
    let mentor = conn.login("mentor", [0xc3; 16]).await.expect("mentor");
    conn.sync(&mentor, &SyncRequest::default(), false)
        .await
        .expect("sync");

    let answer = devices(&server, Some(&admin)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let mut all = usernames(&answer);
    all.sort();
    assert_eq!(
        all,
        [
            ("admin".to_owned(), false),
            ("mentor".to_owned(), true),
            ("supervisor".to_owned(), false)
        ]
    );
    // Never-synced devices come first: they are the ones to chase.
    assert!(!usernames(&answer)[0].1);
    assert!(json(&answer.body)["now"].is_i64());
    assert_eq!(
        json(&answer.body)["devices"][0]["device"]
            .as_str()
            .map(str::len),
        Some(8)
    );

    let mut seen = usernames(&devices(&server, Some(&supervisor)).await);
    seen.sort();
    assert_eq!(
        seen,
        [
            ("mentor".to_owned(), true),
            ("supervisor".to_owned(), false)
        ],
        "the district's mentor and themself, not the admin"
    );
    assert_eq!(
        usernames(&devices(&server, Some(&mentor)).await),
        [("mentor".to_owned(), true)]
    );
    devices(&server, None)
        .await
        .error(StatusCode::UNAUTHORIZED, "unauthorized");
}

async fn directory(server: &Running, token: &str) -> Vec<(String, String)> {
    let request = Request::get("/api/directory")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    let answer = oneshot(server.state.clone(), request).await;
    assert_eq!(answer.status, StatusCode::OK);
    let mut actors: Vec<_> = json(&answer.body)["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| {
            (
                a["actor"].as_str().expect("actor").to_owned(),
                a["display_name"].as_str().expect("name").to_owned(),
            )
        })
        .collect();
    actors.sort();
    actors
}

#[tokio::test]
async fn the_directory_names_the_devices_of_those_who_write_in_the_viewers_districts() {
    let fixture = Fixture::new();
    {
        let mut conn = mentora_server::Db::from(
            mentora_server::db::open(&fixture.db_path(), true).expect("db"),
        );
        let elsewhere = mentora_server::accounts::NewUser {
            username: "nyanza".into(),
            display_name: "Nyanza Mentor".into(),
            role: mentora_server::accounts::Role::Mentor,
            districts: vec![],
            facilities: vec!["nyanza-dh".into()],
            affiliation: None,
            password: mentora_server::accounts::Password("mentora-demo".into()),
        };
        mentora_server::accounts::add_user(&mut conn, &elsewhere).expect("user");
    }
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xc1; 16]).await.expect("admin");
    let mentor = conn.login("mentor", [0xc3; 16]).await.expect("mentor");
    conn.login("supervisor", [0xc2; 16])
        .await
        .expect("supervisor");
    conn.login("nyanza", [0xc4; 16]).await.expect("nyanza");
    let entry = |byte: u8, name: &str| (format!("{byte:02x}").repeat(16), name.to_owned());
    // Imported history's changes are named too, for every viewer.
    let import: String = mentora_shared::setup::tracker::IMPORT_DEVICE
        .0
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    assert_eq!(
        directory(&server, &mentor).await,
        [
            (import, "Imported history".to_owned()),
            entry(0xc1, "Demo Admin"),
            entry(0xc2, "Demo Supervisor"),
            entry(0xc3, "Demo Mentor"),
        ],
        "the district's users and admins, not the other district's mentor"
    );
    assert_eq!(directory(&server, &admin).await.len(), 5);
    let request = Request::get("/api/directory")
        .body(Body::empty())
        .expect("request");
    oneshot(server.state.clone(), request)
        .await
        .error(StatusCode::UNAUTHORIZED, "unauthorized");
}

async fn places(server: &Running, token: &str) -> Vec<String> {
    let request = Request::get("/api/places")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    let answer = oneshot(server.state.clone(), request).await;
    assert_eq!(answer.status, StatusCode::OK);
    let mut ids: Vec<String> = json(&answer.body)["places"]
        .as_array()
        .expect("places")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

async fn each_user_sees_the_places_of_their_scope_with_their_ancestors(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xd1; 16]).await.expect("admin");
    let supervisor = conn
        .login("supervisor", [0xd2; 16])
        .await
        .expect("supervisor");
    let mentor = conn.login("mentor", [0xd3; 16]).await.expect("mentor");
    assert_eq!(places(&server, &admin).await.len(), 9, "an admin sees all");
    assert_eq!(
        places(&server, &supervisor).await,
        [
            "kabutare-dh",
            "rango-hc",
            "rw",
            "rw-huye",
            "rw-south",
            "simbi-hc"
        ],
        "Huye and what is under it, with its province and country; nothing of Nyanza"
    );
    assert_eq!(
        places(&server, &mentor).await,
        ["rango-hc", "rw", "rw-huye", "rw-south"],
        "a mentor's facility and the places above it"
    );
}

async fn revoked_tablets_and_disabled_accounts_leave_the_list(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xe1; 16]).await.expect("admin");
    conn.login("mentor", [0xe2; 16]).await.expect("mentor");
    conn.login("supervisor", [0xe3; 16])
        .await
        .expect("supervisor");
    let listed = |answer: &super::support::Answer| {
        let mut names: Vec<String> = usernames(answer).into_iter().map(|(u, _)| u).collect();
        names.sort();
        names
    };
    assert_eq!(
        listed(&devices(&server, Some(&admin)).await),
        ["admin", "mentor", "supervisor"]
    );
    server
        .state
        .with_db(|conn| mentora_server::accounts::admin::revoke_device(conn, "mentor", "e2e2e2e2"))
        .await
        .expect("revoked");
    server
        .state
        .with_db(|conn| mentora_server::accounts::admin::set_disabled(conn, "supervisor", true))
        .await
        .expect("disabled");
    assert_eq!(
        listed(&devices(&server, Some(&admin)).await),
        ["admin"],
        "a lost tablet and a departed user are not tablets to chase"
    );
}

super::support::on_both!(
    each_role_sees_the_devices_in_its_view,
    each_user_sees_the_places_of_their_scope_with_their_ancestors,
    revoked_tablets_and_disabled_accounts_leave_the_list,
);
