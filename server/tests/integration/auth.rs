//! Login, `/api/me`, bearer tokens, throttling, device binding and `user add`.

use std::io::Write as _;
use std::process::{Command, Stdio};

use super::client::Conn;
use super::support::{Fixture, Running, check_error, json};

async fn login(
    conn: &mut Conn,
    username: &str,
    password: &str,
    device: &str,
) -> super::client::Reply {
    let body = serde_json::json!({"username": username, "password": password, "device_id": device});
    conn.send(
        "POST",
        "/api/login",
        &[("content-type", "application/json")],
        body.to_string().into_bytes(),
    )
    .await
    .expect("login request")
}

const DEVICE: &str = "0190f5a2-7c1e-7000-8000-000000000001";

async fn demo_accounts_log_in_and_me_returns_the_user(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let reply = login(&mut conn, "mentor", "mentora-demo", DEVICE).await;
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let body = json(&reply.body);
    let token = body["token"].as_str().expect("token").to_owned();
    assert_eq!(token.len(), 64);
    assert_eq!(body["device_id"], DEVICE);
    assert_eq!(body["user"]["username"], "mentor");
    assert_eq!(body["user"]["role"], "mentor");
    assert_eq!(body["user"]["facilities"], serde_json::json!(["rango-hc"]));
    assert_eq!(body["user"]["districts"], serde_json::json!(["rw-huye"]));
    assert_eq!(body["user"]["affiliation"], "district_based");
    assert!(body["user"].get("password_hash").is_none());

    let auth = format!("Bearer {token}");
    let me = conn
        .send("GET", "/api/me", &[("authorization", &auth)], Vec::new())
        .await
        .expect("me");
    assert_eq!(me.status, 200);
    let me = json(&me.body);
    assert_eq!(me["user"]["display_name"], "Demo Mentor");
    assert_eq!(me["user"]["affiliation"], "district_based");
    assert_eq!(me["device_id"], DEVICE);

    for (username, role) in [("supervisor", "supervisor"), ("admin", "admin")] {
        let device = format!("0190f5a27c1e70008000{:012x}", role.len());
        let reply = login(&mut conn, username, "mentora-demo", &device).await;
        assert_eq!(json(&reply.body)["user"]["role"], role);
        assert!(
            json(&reply.body)["user"]["affiliation"].is_null(),
            "{username} has no affiliation"
        );
    }
    let stored: i64 = server
        .count("SELECT COUNT(*) FROM session WHERE length(token_hash) = 32")
        .await;
    assert_eq!(stored, 3, "only sha256 digests of tokens are stored");
}

async fn unknown_user_and_wrong_password_get_the_same_401(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let wrong = login(&mut conn, "mentor", "not-the-password", DEVICE).await;
    let unknown = login(&mut conn, "nobody", "mentora-demo", DEVICE).await;
    check_error(&wrong, 401, "invalid_credentials");
    check_error(&unknown, 401, "invalid_credentials");
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(server.count("SELECT COUNT(*) FROM session").await, 0);
}

#[tokio::test]
async fn malformed_logins_are_400_json() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    check_error(
        &login(&mut conn, "mentor", "mentora-demo", "not-a-uuid").await,
        400,
        "bad_request",
    );
    check_error(
        &login(
            &mut conn,
            "mentor",
            "mentora-demo",
            "00000000-0000-0000-0000-000000000000",
        )
        .await,
        400,
        "bad_request",
    );
    let json_headers = [("content-type", "application/json")];
    let reply = conn
        .send(
            "POST",
            "/api/login",
            &json_headers,
            b"{\"username\": 1".to_vec(),
        )
        .await
        .expect("send");
    check_error(&reply, 400, "bad_request");
    let reply = conn
        .send("POST", "/api/login", &[], b"{}".to_vec())
        .await
        .expect("send");
    check_error(&reply, 415, "unsupported_media_type");
    let reply = conn
        .send("POST", "/api/login", &json_headers, vec![b' '; 64 * 1024])
        .await
        .expect("send");
    check_error(&reply, 413, "too_large");
    // The server may close a connection whose body it did not read: use a fresh one.
    let mut conn = server.conn().await;
    let reply = conn
        .send("GET", "/api/login", &[], Vec::new())
        .await
        .expect("send");
    check_error(&reply, 405, "method_not_allowed");
}

async fn missing_malformed_or_unknown_tokens_are_401(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let unknown = format!("Bearer {}", "ab".repeat(32));
    for auth in [
        None,
        Some("Bearer"),
        Some("Basic bWVudG9yOng="),
        Some("Bearer xyz"),
        Some(unknown.as_str()),
    ] {
        let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("authorization", *a)).collect();
        let me = conn
            .send("GET", "/api/me", &headers, Vec::new())
            .await
            .expect("me");
        check_error(&me, 401, "unauthorized");
        let mut sync_headers = headers.clone();
        sync_headers.push(("content-type", "application/octet-stream"));
        let sync = conn
            .send(
                "POST",
                "/api/sync",
                &sync_headers,
                b"MSYN\x01\x01\0\0\0\0".to_vec(),
            )
            .await
            .expect("sync");
        check_error(&sync, 401, "unauthorized");
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_device").await, 0);
}

async fn repeated_failures_are_throttled_per_username(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    for _ in 0..mentora_server::accounts::limiter::MAX_FAILURES {
        check_error(
            &login(&mut conn, "admin", "guess", DEVICE).await,
            401,
            "invalid_credentials",
        );
    }
    // Even the right password is refused while throttled; other users are unaffected.
    check_error(
        &login(&mut conn, "admin", "mentora-demo", DEVICE).await,
        429,
        "too_many_attempts",
    );
    assert_eq!(
        login(&mut conn, "mentor", "mentora-demo", DEVICE)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_device_belongs_to_one_user() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    assert_eq!(
        login(&mut conn, "mentor", "mentora-demo", DEVICE)
            .await
            .status,
        200
    );
    assert_eq!(
        login(&mut conn, "mentor", "mentora-demo", DEVICE)
            .await
            .status,
        200,
        "same user again"
    );
    check_error(
        &login(&mut conn, "supervisor", "mentora-demo", DEVICE).await,
        409,
        "device_taken",
    );
}

fn user_add(
    fixture: &Fixture,
    args: &[&str],
    env_password: Option<&str>,
    stdin: &str,
) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mentora-server"));
    command
        .args(["user", "add", "--data-dir"])
        .arg(fixture.db_path().parent().expect("data dir"))
        .args(args)
        .env_remove("MENTORA_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(password) = env_password {
        command.env("MENTORA_PASSWORD", password);
    }
    let mut child = command.spawn().expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

#[tokio::test]
async fn user_add_reads_the_password_from_env_or_stdin() {
    let fixture = Fixture::new();
    let args = [
        "--username",
        "amina",
        "--role",
        "mentor",
        "--facility",
        "simbi-hc",
        "--district",
        "rw-huye",
        "--display-name",
        "Amina U.",
        "--affiliation",
        "RPA",
    ];
    let out = user_add(&fixture, &args, Some("amina-secret"), "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let args = [
        "--username",
        "jean",
        "--role",
        "supervisor",
        "--district",
        "rw-nyanza",
    ];
    let out = user_add(&fixture, &args, None, "jean-secret\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = user_add(&fixture, &args, None, "jean-secret\n");
    assert!(!out.status.success(), "a duplicate is refused");
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: user jean already exists"));
    let args = ["--username", "nofacility", "--role", "mentor"];
    let out = user_add(&fixture, &args, Some("long-enough"), "");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a mentor needs at least one --facility")
    );
    let args = [
        "--username",
        "odd",
        "--role",
        "mentor",
        "--facility",
        "simbi-hc",
        "--affiliation",
        "rbc",
    ];
    let out = user_add(&fixture, &args, Some("long-enough"), "");
    assert!(!out.status.success(), "an unknown affiliation is refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown affiliation \"rbc\"; one of rpa, ram, rsog, district_based"),
        "{stderr}"
    );

    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let amina = login(&mut conn, "amina", "amina-secret", DEVICE).await;
    assert_eq!(amina.status, 200);
    assert_eq!(json(&amina.body)["user"]["display_name"], "Amina U.");
    assert_eq!(json(&amina.body)["user"]["affiliation"], "rpa");
    let jean = login(
        &mut conn,
        "jean",
        "jean-secret",
        "0190f5a27c1e70008000000000000002",
    )
    .await;
    assert_eq!(
        json(&jean.body)["user"]["districts"],
        serde_json::json!(["rw-nyanza"])
    );
    assert!(json(&jean.body)["user"]["affiliation"].is_null());
}

async fn each_device_gets_one_vault_key_released_to_its_sessions_only(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let other = "0190f5a2-7c1e-7000-8000-000000000002";
    let first = json(
        &login(&mut conn, "mentor", "mentora-demo", DEVICE)
            .await
            .body,
    );
    let again = json(
        &login(&mut conn, "mentor", "mentora-demo", DEVICE)
            .await
            .body,
    );
    let elsewhere = json(&login(&mut conn, "mentor", "mentora-demo", other).await.body);
    let key = first["vault_key"].as_str().expect("vault key").to_owned();
    assert_eq!(key.len(), 64);
    assert_eq!(
        again["vault_key"],
        key.as_str(),
        "the same device keeps its key"
    );
    assert_ne!(
        elsewhere["vault_key"],
        key.as_str(),
        "another device has its own"
    );

    let auth = format!("Bearer {}", again["token"].as_str().expect("token"));
    let me = conn
        .send("GET", "/api/me", &[("authorization", &auth)], Vec::new())
        .await
        .expect("me");
    assert_eq!(json(&me.body)["vault_key"], key.as_str());
    // The idle-lock minutes of `serve` reach the tablet with the key.
    assert_eq!(first["lock_after_minutes"], 10);
    assert_eq!(json(&me.body)["lock_after_minutes"], 10);

    let wrong = login(&mut conn, "mentor", "not-the-password", DEVICE).await;
    assert_eq!(wrong.status, 401);
    assert!(json(&wrong.body).get("vault_key").is_none());
    let anonymous = conn
        .send("GET", "/api/me", &[], Vec::new())
        .await
        .expect("me");
    assert_eq!(anonymous.status, 401);
}

super::support::on_both!(
    demo_accounts_log_in_and_me_returns_the_user,
    unknown_user_and_wrong_password_get_the_same_401,
    missing_malformed_or_unknown_tokens_are_401,
    repeated_failures_are_throttled_per_username,
    each_device_gets_one_vault_key_released_to_its_sessions_only,
);
