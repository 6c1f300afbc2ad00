//! Two servers on one PostgreSQL database (issue 22): what a device pushes through one, a
//! device of the same scope reads through the other, and sessions opened on one are known to
//! the other. Each server is a whole `serve` (own state, own connections), as two processes
//! would be.

use mentora_shared::sync::wire::{PushOutcome, SyncRequest};

use super::client::{LocalDoc, doc_id, header};
use super::support::{Fixture, Running};

#[tokio::test]
async fn two_servers_on_one_database_share_documents_and_sessions() {
    let Some(fixture) = Fixture::postgres_async("two_servers").await else {
        return;
    };
    let first = Running::start(&fixture).await;
    let second = Running::start(&fixture).await;

    let mentor_device = [0x21; 16];
    let mut mentor = first.conn().await;
    let token = mentor.login("mentor", mentor_device).await.expect("login");
    let mut doc = LocalDoc::new(
        mentor_device,
        doc_id(1),
        header("rw-huye", Some("rango-hc")),
    );
    doc.edit("title", "visit one");
    let (pushed, _, _) = mentor
        .sync(
            &token,
            &SyncRequest {
                pushes: vec![doc.push()],
                ..SyncRequest::default()
            },
            false,
        )
        .await
        .expect("push through the first");
    assert!(matches!(
        pushed.results[0].outcome,
        PushOutcome::Accepted { .. }
    ));

    // The supervisor of the district reads it through the second server.
    let mut supervisor = second.conn().await;
    let sup_token = supervisor
        .login("supervisor", [0x22; 16])
        .await
        .expect("login");
    let (pulled, _, _) = supervisor
        .sync(&sup_token, &SyncRequest::default(), false)
        .await
        .expect("pull through the second");
    let ids: Vec<_> = pulled.docs.iter().map(|d| d.doc_id).collect();
    assert_eq!(ids, vec![doc_id(1)]);

    // The mentor's session, opened on the first, works on the second.
    let mut elsewhere = second.conn().await;
    let (again, _, _) = elsewhere
        .sync(&token, &SyncRequest::default(), false)
        .await
        .expect("the first's session on the second");
    assert_eq!(again.remaining, 0);
    assert_eq!(first.count("SELECT COUNT(*) FROM session").await, 2);

    // Both report the one schema, migrated once.
    let health = elsewhere
        .send("GET", "/healthz", &[], Vec::new())
        .await
        .expect("healthz");
    let health: serde_json::Value = serde_json::from_slice(&health.body).expect("json");
    assert_eq!(
        health["schema_version"],
        i64::try_from(mentora_server::db::MIGRATION_COUNT).expect("count")
    );
    assert_eq!(
        first.count("SELECT COUNT(*) FROM schema_migration").await,
        i64::try_from(mentora_server::db::MIGRATION_COUNT).expect("count")
    );
}

/// Wrong passwords for one username, spread over two servers, are counted together: after the
/// free ones, even the right password is refused on either server.
#[tokio::test]
async fn two_servers_throttle_one_username_together() {
    let Some(fixture) = Fixture::postgres_async("two_servers_throttle").await else {
        return;
    };
    let servers = [
        Running::start(&fixture).await,
        Running::start(&fixture).await,
    ];
    let attempt = |password: &'static str| {
        serde_json::json!({
            "username": "admin",
            "password": password,
            "device_id": "0190f5a2-7c1e-7000-8000-000000000009",
        })
        .to_string()
        .into_bytes()
    };
    let json = [("content-type", "application/json")];
    for n in 0..mentora_server::accounts::limiter::MAX_FAILURES {
        let server = &servers[usize::try_from(n % 2).expect("index")];
        let mut conn = server.conn().await;
        let reply = conn
            .send("POST", "/api/login", &json, attempt("wrong-guess"))
            .await
            .expect("login");
        assert_eq!(reply.status, 401, "failure {n} is a plain refusal");
    }
    for server in &servers {
        let mut conn = server.conn().await;
        let reply = conn
            .send("POST", "/api/login", &json, attempt("mentora-demo"))
            .await
            .expect("login");
        assert_eq!(
            reply.status,
            429,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
    }
}

/// A pooled connection that PostgreSQL closed (a restart, an administrator) is opened again: the
/// job that finds it dead may fail, the next one works.
#[tokio::test]
async fn a_connection_postgresql_closed_is_opened_again() {
    let Some(mut fixture) = Fixture::postgres_async("reconnect").await else {
        return;
    };
    let name = "mentora_reconnect_test";
    let url = fixture.postgres.take().expect("url");
    let tagged = format!("{url}&application_name={name}");
    fixture.postgres = Some(tagged.clone());
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let token = conn.login("mentor", [0x31; 16]).await.expect("login");
    let auth = format!("Bearer {token}");
    let killed = tokio::task::spawn_blocking(move || {
        let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
        admin
            .query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
                &[&name],
            )
            .expect("terminate")
            .len()
    })
    .await
    .expect("kill");
    assert!(killed >= 1, "the server's connection was found");
    let first = conn
        .send("GET", "/api/me", &[("authorization", &auth)], Vec::new())
        .await
        .expect("me");
    let second = conn
        .send("GET", "/api/me", &[("authorization", &auth)], Vec::new())
        .await
        .expect("me");
    assert_eq!(
        second.status,
        200,
        "first {}, then {}",
        first.status,
        String::from_utf8_lossy(&second.body)
    );
}

/// The command-line tools take the same URL: an admin created with `user add --database-url`
/// signs in through a server on that database.
#[tokio::test]
async fn user_add_writes_to_the_postgresql_database() {
    let Some(fixture) = Fixture::postgres_async("cli_user_add").await else {
        return;
    };
    let url = fixture.postgres.clone().expect("url");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_mentora-server"))
        .args(["user", "add", "--username", "head", "--role", "admin"])
        .env("MENTORA_DATABASE_URL", &url)
        .env("MENTORA_PASSWORD", "head-of-programme-secret")
        .env_remove("MENTORA_DATA_DIR")
        .current_dir(fixture.dir.path())
        .status()
        .expect("user add");
    assert!(status.success());
    assert!(
        !fixture.dir.path().join("data").exists(),
        "nothing was written to a SQLite folder"
    );
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let body = serde_json::json!({
        "username": "head",
        "password": "head-of-programme-secret",
        "device_id": "0190f5a2-7c1e-7000-8000-000000000041",
    });
    let reply = conn
        .send(
            "POST",
            "/api/login",
            &[("content-type", "application/json")],
            body.to_string().into_bytes(),
        )
        .await
        .expect("login");
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
}
