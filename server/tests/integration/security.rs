//! Issue 13, "the server trusts nothing it has not checked": sessions that end (idle expiry,
//! sign-out, revocation, disabled users, password changes and the `user` commands that do
//! them), login throttling under concurrency and floods, security headers on every response,
//! the demo seed only in an empty database, and weak passwords refused on the command line.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use mentora_server::ServerOptions;

use super::client::{Conn, Reply};
use super::support::{Fixture, Running, check_error, json, oneshot};

const DEVICE_A: &str = "0190f5a2-7c1e-7000-8000-00000000000a";
const DEVICE_B: &str = "0190f5a2-7c1e-7000-8000-00000000000b";
const DAY: i64 = 24 * 60 * 60;

async fn login_from(
    conn: &mut Conn,
    username: &str,
    password: &str,
    device: &str,
    forwarded_for: Option<&str>,
) -> Reply {
    let body = serde_json::json!({"username": username, "password": password, "device_id": device});
    let mut headers = vec![("content-type", "application/json")];
    if let Some(address) = forwarded_for {
        headers.push(("x-forwarded-for", address));
    }
    conn.send(
        "POST",
        "/api/login",
        &headers,
        body.to_string().into_bytes(),
    )
    .await
    .expect("login request")
}

async fn token(conn: &mut Conn, username: &str, password: &str, device: &str) -> String {
    let reply = login_from(conn, username, password, device, None).await;
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    json(&reply.body)["token"]
        .as_str()
        .expect("token")
        .to_owned()
}

async fn me(conn: &mut Conn, token: &str) -> Reply {
    let auth = format!("Bearer {token}");
    conn.send("GET", "/api/me", &[("authorization", &auth)], Vec::new())
        .await
        .expect("me")
}

async fn logout(conn: &mut Conn, token: &str) -> Reply {
    let auth = format!("Bearer {token}");
    conn.send(
        "POST",
        "/api/logout",
        &[("authorization", &auth)],
        Vec::new(),
    )
    .await
    .expect("logout")
}

async fn sync(conn: &mut Conn, token: &str) -> Reply {
    let auth = format!("Bearer {token}");
    conn.send(
        "POST",
        "/api/sync",
        &[
            ("authorization", &auth),
            ("content-type", "application/octet-stream"),
        ],
        b"MSYN\x01\x01\0\0\0\0".to_vec(),
    )
    .await
    .expect("sync")
}

/// Runs a statement on the server's database (moving a session's clock, for instance).
async fn exec(server: &Running, sql: String) {
    server
        .state
        .with_db(move |conn| conn.execute_batch(&sql))
        .await
        .expect("exec");
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

#[tokio::test]
async fn sessions_expire_after_the_idle_window_and_each_use_slides_it() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let fresh = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    let stale = token(&mut conn, "mentor", "mentora-demo", DEVICE_B).await;
    let expires = server
        .count("SELECT MIN(expires_at - created_at) FROM session")
        .await;
    assert_eq!(expires, 60 * DAY, "60 days by default");

    // Used two hours ago, but 50 days left: a use slides the window to 60 days from now.
    let t = now();
    exec(
        &server,
        format!(
            "UPDATE session SET last_used_at = {}, expires_at = {}",
            t - 2 * 3600,
            t + 50 * DAY
        ),
    )
    .await;
    assert_eq!(me(&mut conn, &fresh).await.status, 200);
    let slid = server.count("SELECT MAX(expires_at) FROM session").await;
    assert!(slid >= t + 60 * DAY - 5, "{slid} vs {t}");
    assert_eq!(
        server
            .count(
                "SELECT COUNT(*) FROM session WHERE expires_at < strftime('%s','now') + 55 * 86400"
            )
            .await,
        1,
        "only the used session slid"
    );

    // Not used for 61 days: expired on every authenticated endpoint, with its own code.
    exec(
        &server,
        format!(
            "UPDATE session SET last_used_at = {0}, expires_at = {1} WHERE expires_at < {2}",
            t - 61 * DAY,
            t - DAY,
            t + 55 * DAY
        ),
    )
    .await;
    check_error(&me(&mut conn, &stale).await, 401, "session_expired");
    check_error(&sync(&mut conn, &stale).await, 401, "session_expired");
    assert_eq!(me(&mut conn, &fresh).await.status, 200);
}

#[tokio::test]
async fn a_shorter_idle_window_ends_sessions_sooner() {
    let fixture = Fixture::new();
    let options = ServerOptions {
        session_idle_days: 7,
        ..ServerOptions::default()
    };
    let server = Running::start_with(&fixture, options).await;
    let mut conn = server.conn().await;
    let token = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    // Opened under a 60-day window, unused for 8 days: the 7-day window applies.
    exec(
        &server,
        format!(
            "UPDATE session SET last_used_at = {}, expires_at = {}",
            now() - 8 * DAY,
            now() + 52 * DAY
        ),
    )
    .await;
    check_error(&me(&mut conn, &token).await, 401, "session_expired");
}

#[tokio::test]
async fn logout_revokes_only_the_presented_token() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let first = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    let second = token(&mut conn, "mentor", "mentora-demo", DEVICE_B).await;
    assert_eq!(logout(&mut conn, &first).await.status, 204);
    check_error(&me(&mut conn, &first).await, 401, "session_revoked");
    check_error(&sync(&mut conn, &first).await, 401, "session_revoked");
    assert_eq!(me(&mut conn, &second).await.status, 200);
    assert_eq!(logout(&mut conn, &first).await.status, 204, "twice is fine");
    check_error(
        &logout(&mut conn, &"cd".repeat(32)).await,
        401,
        "unauthorized",
    );
}

/// Runs `mentora-server user <args…> --data-dir <fixture>` with `stdin` as input.
fn user_command(fixture: &Fixture, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
        .arg("user")
        .args(args)
        .arg("--data-dir")
        .arg(fixture.db_path().parent().unwrap_or(Path::new("data")))
        .env_remove("MENTORA_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

#[track_caller]
fn check_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn disable_enable_revoke_and_passwd_end_sessions() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;

    // A departed mentor: disabled, every session says so, and so does a correct login.
    let before = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    check_ok(&user_command(&fixture, &["disable", "mentor"], ""));
    check_error(&me(&mut conn, &before).await, 401, "user_disabled");
    check_error(&sync(&mut conn, &before).await, 401, "user_disabled");
    let refused = login_from(&mut conn, "mentor", "mentora-demo", DEVICE_A, None).await;
    check_error(&refused, 401, "user_disabled");
    // Enabled again: signs in afresh; the sessions of before the disable stay ended.
    check_ok(&user_command(&fixture, &["enable", "mentor"], ""));
    check_error(&me(&mut conn, &before).await, 401, "session_revoked");
    let after = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    assert_eq!(me(&mut conn, &after).await.status, 200);

    // A lost tablet: every session of the user ends.
    let other = token(&mut conn, "mentor", "mentora-demo", DEVICE_B).await;
    check_ok(&user_command(&fixture, &["revoke", "mentor"], ""));
    check_error(&me(&mut conn, &after).await, 401, "session_revoked");
    check_error(&me(&mut conn, &other).await, 401, "session_revoked");

    // One lost tablet of several: only that device is cut off, by the start of its id; it may
    // not sign in again, and it hears `device_revoked` (on which the app erases its data).
    let kept = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    let lost = token(&mut conn, "mentor", "mentora-demo", DEVICE_B).await;
    for (prefix, complaint) in [
        ("0190f5a2", "more than one device"),
        ("0190f5", "no device"),
        ("zz90f5a27c1e", "no device"),
    ] {
        let out = user_command(&fixture, &["revoke-device", "mentor", prefix], "");
        assert!(!out.status.success(), "{prefix} accepted");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(complaint),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let revoked = user_command(
        &fixture,
        &[
            "revoke-device",
            "mentor",
            "0190F5A27C1E70008000-00000000000b",
        ],
        "",
    );
    assert!(!revoked.status.success(), "a dash is not a hex digit");
    let revoked = user_command(
        &fixture,
        &[
            "revoke-device",
            "mentor",
            "0190f5a27c1e7000800000000000000b",
        ],
        "",
    );
    check_ok(&revoked);
    assert!(String::from_utf8_lossy(&revoked.stdout).contains("1 session(s) ended"));
    check_error(&me(&mut conn, &lost).await, 401, "device_revoked");
    check_error(&sync(&mut conn, &lost).await, 401, "device_revoked");
    let refused = login_from(&mut conn, "mentor", "mentora-demo", DEVICE_B, None).await;
    check_error(&refused, 401, "device_revoked");
    assert_eq!(
        me(&mut conn, &kept).await.status,
        200,
        "the other tablet goes on"
    );

    // A password change ends the sessions opened with the old one; weak ones are refused.
    let supervisor = token(
        &mut conn,
        "supervisor",
        "mentora-demo",
        "0190f5a2-7c1e-7000-8000-0000000000c1",
    )
    .await;
    for weak in ["short\n", "password123\n", "Mentora-Demo\n"] {
        let out = user_command(&fixture, &["passwd", "supervisor"], weak);
        assert!(!out.status.success(), "{weak} accepted");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("error: password "),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(me(&mut conn, &supervisor).await.status, 200, "unchanged");
    check_ok(&user_command(
        &fixture,
        &["passwd", "supervisor"],
        "a-long-new-secret\n",
    ));
    check_error(&me(&mut conn, &supervisor).await, 401, "session_revoked");
    check_error(
        &login_from(
            &mut conn,
            "supervisor",
            "mentora-demo",
            "0190f5a2-7c1e-7000-8000-0000000000c1",
            None,
        )
        .await,
        401,
        "invalid_credentials",
    );
    token(
        &mut conn,
        "supervisor",
        "a-long-new-secret",
        "0190f5a2-7c1e-7000-8000-0000000000c1",
    )
    .await;

    let out = user_command(&fixture, &["passwd", "nobody"], "a-long-new-secret\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no user named nobody"));
}

#[tokio::test]
async fn remove_place_narrows_the_scope() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let token = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    check_ok(&user_command(
        &fixture,
        &["remove-place", "mentor", "rango-hc"],
        "",
    ));
    let me = json(&me(&mut conn, &token).await.body);
    assert_eq!(me["user"]["facilities"], serde_json::json!([]));
    assert_eq!(me["user"]["districts"], serde_json::json!(["rw-huye"]));
    let out = user_command(&fixture, &["remove-place", "mentor", "rango-hc"], "");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("mentor has no place rango-hc"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn parallel_wrong_guesses_are_counted_before_the_password_check() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..30 {
        let addr = server.addr;
        guesses.spawn(async move {
            let mut conn = Conn::open(addr).await.expect("connect");
            login_from(&mut conn, "admin", &format!("guess-{n}"), DEVICE_A, None).await
        });
    }
    let (mut checked, mut throttled) = (0, 0);
    while let Some(reply) = guesses.join_next().await {
        let reply = reply.expect("task");
        match reply.status.as_u16() {
            401 => checked += 1,
            429 => {
                throttled += 1;
                let wait: u64 = reply
                    .retry_after
                    .as_deref()
                    .and_then(|s| s.parse().ok())
                    .expect("Retry-After in seconds");
                assert!((1..=30).contains(&wait), "{wait}");
            }
            other => panic!("unexpected {other}"),
        }
    }
    let free = mentora_server::accounts::limiter::MAX_FAILURES;
    assert_eq!(checked, free, "only the free allowance is checked");
    assert_eq!(throttled, 30 - free);
    // Growing delays, not a permanent lock: the right password is refused for now.
    let mut conn = server.conn().await;
    check_error(
        &login_from(&mut conn, "admin", "mentora-demo", DEVICE_A, None).await,
        429,
        "too_many_attempts",
    );
}

#[tokio::test]
async fn made_up_names_cannot_flush_a_throttled_user_and_addresses_are_limited() {
    let fixture = Fixture::new();
    let options = ServerOptions {
        login_table_size: 8,
        ..ServerOptions::default()
    };
    let server = Running::start_with(&fixture, options).await;
    let mut conn = server.conn().await;
    let free = mentora_server::accounts::limiter::MAX_FAILURES;
    for n in 0..free {
        let address = format!("198.51.100.{n}");
        let reply = login_from(&mut conn, "admin", "guess", DEVICE_A, Some(&address)).await;
        check_error(&reply, 401, "invalid_credentials");
    }
    // Far more made-up names than the table holds, each from its own address.
    for n in 0..24 {
        let address = format!("203.0.113.{n}");
        let reply = login_from(
            &mut conn,
            &format!("made-up-{n}"),
            "guess",
            DEVICE_A,
            Some(&address),
        )
        .await;
        assert!(
            [401, 429].contains(&reply.status.as_u16()),
            "{}",
            reply.status
        );
    }
    let reply = login_from(
        &mut conn,
        "admin",
        "mentora-demo",
        DEVICE_A,
        Some("192.0.2.1"),
    )
    .await;
    check_error(&reply, 429, "too_many_attempts");

    // One address, many usernames: limited after its own free allowance.
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let free = mentora_server::accounts::limiter::MAX_ADDRESS_FAILURES;
    for n in 0..free {
        let reply = login_from(
            &mut conn,
            &format!("name-{n}"),
            "guess",
            DEVICE_A,
            Some("198.51.100.7"),
        )
        .await;
        check_error(&reply, 401, "invalid_credentials");
    }
    let reply = login_from(
        &mut conn,
        "mentor",
        "mentora-demo",
        DEVICE_A,
        Some("198.51.100.7"),
    )
    .await;
    check_error(&reply, 429, "too_many_attempts");
    let elsewhere = login_from(
        &mut conn,
        "mentor",
        "mentora-demo",
        DEVICE_A,
        Some("198.51.100.8"),
    )
    .await;
    assert_eq!(elsewhere.status, 200);
}

async fn get(state: mentora_server::AppState, path: &str) -> super::support::Answer {
    let request = Request::builder()
        .uri(path)
        .body(Body::empty())
        .expect("request");
    oneshot(state, request).await
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let fixture = Fixture::new();
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/assets/app-0123456789.css", StatusCode::OK),
        ("/assets/missing-0123456789.js", StatusCode::NOT_FOUND),
        ("/api/places", StatusCode::UNAUTHORIZED),
        ("/api/me", StatusCode::UNAUTHORIZED),
        ("/api/nothing-here", StatusCode::NOT_FOUND),
    ] {
        let answer = get(fixture.state(), path).await;
        assert_eq!(answer.status, status, "{path}");
        let header = |name: &str| {
            answer
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{name} missing on {path}"))
                .to_owned()
        };
        let csp = header("content-security-policy");
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval';",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ] {
            assert!(csp.contains(directive), "{directive} not in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("x-frame-options"), "DENY");
        assert_eq!(header("referrer-policy"), "no-referrer");
        assert!(
            answer.headers.get("strict-transport-security").is_none(),
            "HSTS only behind TLS"
        );
    }
    let conn = mentora_server::db::open(&fixture.db_path(), true).expect("db");
    let behind_tls = ServerOptions {
        behind_tls: true,
        ..ServerOptions::default()
    };
    let state = mentora_server::AppState::with_options(conn, fixture.site(), behind_tls);
    let answer = get(state, "/api/places").await;
    let hsts = answer
        .headers
        .get("strict-transport-security")
        .and_then(|v| v.to_str().ok())
        .expect("HSTS with --behind-tls");
    assert!(hsts.starts_with("max-age="), "{hsts}");
}

#[test]
fn demo_seeds_only_a_database_without_users() {
    let fixture = Fixture::new();
    let out = user_command(
        &fixture,
        &[
            "add",
            "--username",
            "amina",
            "--role",
            "admin",
            "--display-name",
            "Amina",
        ],
        "amina-long-secret\n",
    );
    check_ok(&out);
    let conn = mentora_server::Db::from(
        mentora_server::db::open(&fixture.db_path(), true).expect("open with demo"),
    );
    assert!(
        mentora_server::db::places(&conn)
            .expect("places")
            .is_empty(),
        "no demo places in a database with users"
    );
    assert_eq!(
        mentora_server::accounts::user_count(&conn).expect("count"),
        1
    );
    assert!(
        mentora_server::demo::accounts_with_published_password(&conn)
            .expect("check")
            .is_empty()
    );
}

/// Starts `serve --demo` and returns what it wrote on stderr before the address on stdout.
fn serve_stderr(fixture: &Fixture) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
        .args(["serve", "--demo", "--port", "0", "--data-dir"])
        .arg(fixture.db_path().parent().unwrap_or(Path::new("data")))
        .arg("--site-dir")
        .arg(fixture.site())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read stdout");
    assert!(line.starts_with("mentora listening on"), "{line:?}");
    let _stopped = child.kill();
    let out = child.wait_with_output().expect("wait");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn serve_warns_loudly_while_demo_accounts_keep_the_published_password() {
    let fixture = Fixture::new();
    let stderr = serve_stderr(&fixture);
    assert!(
        stderr.contains(
            "DEMO ACCOUNTS WITH THE PUBLISHED PASSWORD EXIST (mentor, supervisor, admin)"
        ),
        "{stderr}"
    );
    for username in ["mentor", "supervisor", "admin"] {
        check_ok(&user_command(
            &fixture,
            &["passwd", username],
            "a-long-private-secret\n",
        ));
    }
    let stderr = serve_stderr(&fixture);
    assert!(!stderr.contains("DEMO ACCOUNTS"), "{stderr}");
    assert!(stderr.contains("--demo ignored"), "{stderr}");
}

#[test]
fn user_add_refuses_weak_passwords() {
    let fixture = Fixture::new();
    let args = ["add", "--username", "jean", "--role", "admin"];
    for (weak, reason) in [
        ("too-short\n", "at least 10 characters"),
        ("password123\n", "too common"),
        ("mentora-demo\n", "too common"),
        ("zzzzzzzzzzzz\n", "one repeated character"),
    ] {
        let out = user_command(&fixture, &args, weak);
        assert!(!out.status.success(), "{weak} accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason), "{weak}: {stderr}");
    }
    check_ok(&user_command(&fixture, &args, "jean-long-secret\n"));
}

async fn change_password(conn: &mut Conn, token: &str, current: &str, new: &str) -> Reply {
    let auth = format!("Bearer {token}");
    let body = serde_json::json!({"current_password": current, "new_password": new});
    conn.send(
        "POST",
        "/api/password",
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        body.to_string().into_bytes(),
    )
    .await
    .expect("password")
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_only() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let here = token(&mut conn, "mentor", "mentora-demo", DEVICE_A).await;
    let elsewhere = token(&mut conn, "mentor", "mentora-demo", DEVICE_B).await;
    check_error(
        &change_password(&mut conn, &here, "mentora-demo", "password123").await,
        400,
        "bad_request",
    );
    check_error(
        &change_password(&mut conn, &here, "not-the-password", "a-long-new-secret").await,
        401,
        "invalid_credentials",
    );
    assert_eq!(
        me(&mut conn, &elsewhere).await.status,
        200,
        "nothing changed"
    );
    let changed = change_password(&mut conn, &here, "mentora-demo", "a-long-new-secret").await;
    assert_eq!(changed.status, 204);
    assert_eq!(me(&mut conn, &here).await.status, 200, "this session stays");
    check_error(&me(&mut conn, &elsewhere).await, 401, "session_revoked");
    check_error(
        &login_from(&mut conn, "mentor", "mentora-demo", DEVICE_B, None).await,
        401,
        "invalid_credentials",
    );
    token(&mut conn, "mentor", "a-long-new-secret", DEVICE_B).await;
}
