//! `GET /metrics`: off (404) without a token, 401 with a wrong one, and with the right one the
//! requests, syncs and login failures counted by route templates, never by raw paths.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mentora_server::config::MetricsToken;
use mentora_server::{AppState, ServerOptions, db};
use mentora_shared::sync::wire::SyncRequest;

use super::client::Conn;
use super::support::{Answer, Fixture, oneshot};

const TOKEN: &str = "test-metrics-token-0123456789";

fn token() -> MetricsToken {
    TOKEN.parse().expect("a valid token")
}

fn with_token(fixture: &Fixture) -> AppState {
    fixture.state().with_metrics_token(Some(&token()))
}

async fn scrape(state: &AppState, authorization: Option<&str>) -> Answer {
    let mut request = Request::get("/metrics");
    if let Some(value) = authorization {
        request = request.header(header::AUTHORIZATION, value);
    }
    oneshot(state.clone(), request.body(Body::empty()).expect("request")).await
}

/// The value of the sample line `name_and_labels`, if the exposition has it.
fn sample(text: &str, name_and_labels: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(name_and_labels)?.strip_prefix(' '))
        .and_then(|value| value.parse().ok())
}

#[tokio::test]
async fn metrics_are_off_without_a_token() {
    let fixture = Fixture::new();
    let answer = scrape(&fixture.state(), Some(&format!("Bearer {TOKEN}"))).await;
    answer.error(StatusCode::NOT_FOUND, "not_found");
    let answer = scrape(&fixture.state(), None).await;
    answer.error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_401() {
    let fixture = Fixture::new();
    let state = with_token(&fixture);
    for authorization in [
        None,
        Some("Bearer wrong-token-wrong-token-wrong"),
        Some(&format!("Bearer {TOKEN}x")[..]),
        Some(&format!("Basic {TOKEN}")[..]),
    ] {
        let answer = scrape(&state, authorization).await;
        answer.error(StatusCode::UNAUTHORIZED, "unauthorized");
        assert!(!answer.text().contains(TOKEN));
    }
}

#[tokio::test]
async fn requests_are_counted_by_route_template_and_status() {
    let fixture = Fixture::new();
    let state = with_token(&fixture);
    let bearer = format!("Bearer {TOKEN}");
    let before = scrape(&state, Some(&bearer)).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.text());
    assert!(
        before.headers[header::CONTENT_TYPE]
            .to_str()
            .is_ok_and(|v| v.starts_with("text/plain; version=0.0.4")),
        "{:?}",
        before.headers
    );
    assert_eq!(before.headers[header::CACHE_CONTROL], "no-store");
    let healthz = r#"mentora_http_requests_total{route="/healthz",status="200"}"#;
    assert_eq!(sample(&before.text(), healthz), None);

    let paths = [
        "/healthz",
        "/healthz",
        "/api/no-such-thing/8f3a9c1d",
        "/some/deep/link",
        "/assets/app-0123456789.css",
    ];
    for path in paths {
        let request = Request::get(path).body(Body::empty()).expect("request");
        let _answer = oneshot(state.clone(), request).await;
    }
    let text = scrape(&state, Some(&bearer)).await.text();
    assert_eq!(sample(&text, healthz), Some(2.0), "{text}");
    let unknown_api = r#"mentora_http_requests_total{route="/api/{*rest}",status="404"}"#;
    assert_eq!(sample(&text, unknown_api), Some(1.0), "{text}");
    let shell = r#"mentora_http_requests_total{route="other",status="200"}"#;
    assert_eq!(sample(&text, shell), Some(1.0), "{text}");
    let assets = r#"mentora_http_requests_total{route="/assets",status="200"}"#;
    assert_eq!(sample(&text, assets), Some(1.0), "{text}");
    let scrapes = r#"mentora_http_requests_total{route="/metrics",status="200"}"#;
    assert_eq!(sample(&text, scrapes), Some(1.0), "{text}");
    assert!(
        !text.contains("8f3a9c1d"),
        "a raw path reached a label:\n{text}"
    );
    assert!(
        !text.contains("deep"),
        "a raw path reached a label:\n{text}"
    );
    assert!(
        !text.contains("0123456789.css"),
        "a raw path reached a label:\n{text}"
    );
    assert!(!text.contains(TOKEN));
    assert!(
        sample(&text, "mentora_database_bytes").is_some_and(|b| b > 0.0),
        "{text}"
    );
    assert_eq!(sample(&text, "mentora_documents"), Some(0.0), "{text}");
}

#[tokio::test]
async fn syncs_and_login_failures_are_counted() {
    let fixture = Fixture::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let conn = db::open(&fixture.db_path(), true).expect("open db");
    let state = AppState::with_options(conn, fixture.site(), ServerOptions::default())
        .with_metrics_token(Some(&token()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(mentora_server::serve(listener, state.clone(), async {
        let _ignored = stopped.await;
    }));

    let mut client = Conn::open(addr).await.expect("connect");
    let wrong = serde_json::json!({
        "username": "mentor",
        "password": "not the password",
        "device_id": uuid::Uuid::from_bytes([7; 16]).to_string(),
    });
    let reply = client
        .send(
            "POST",
            "/api/login",
            &[("content-type", "application/json")],
            wrong.to_string().into_bytes(),
        )
        .await
        .expect("login");
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let session = client.login("mentor", [7; 16]).await.expect("login");
    let synced = client.sync(&session, &SyncRequest::default(), false).await;
    assert!(synced.is_ok(), "{synced:?}", synced = synced.err());

    let bearer = format!("Bearer {TOKEN}");
    let reply = client
        .send("GET", "/metrics", &[("authorization", &bearer)], Vec::new())
        .await
        .expect("scrape");
    assert_eq!(reply.status, StatusCode::OK);
    let text = String::from_utf8(reply.body).expect("utf-8");
    let count = r#"mentora_sync_duration_seconds_count{route="/api/sync"}"#;
    assert_eq!(sample(&text, count), Some(1.0), "{text}");
    let inf = r#"mentora_sync_duration_seconds_bucket{route="/api/sync",le="+Inf"}"#;
    assert_eq!(sample(&text, inf), Some(1.0), "{text}");
    let file_count = r#"mentora_sync_duration_seconds_count{route="/api/sync-file"}"#;
    assert_eq!(sample(&text, file_count), Some(0.0), "{text}");
    let failures = r#"mentora_login_failures_total{reason="bad_credentials"}"#;
    assert_eq!(sample(&text, failures), Some(1.0), "{text}");
    let logins = r#"mentora_http_requests_total{route="/api/login",status="200"}"#;
    assert_eq!(sample(&text, logins), Some(1.0), "{text}");
    assert_eq!(sample(&text, "mentora_devices"), Some(1.0), "{text}");
    assert!(
        !text.contains("mentor\""),
        "a username reached the metrics:\n{text}"
    );
    let _stopped = stop.send(());
}

/// `serve --metrics-addr`: `/metrics` alone, without a token unless one is set.
#[tokio::test]
async fn the_metrics_address_serves_metrics_alone() {
    let fixture = Fixture::new();
    for token in [None, Some(token())] {
        let state = fixture.state().with_metrics_token(token.as_ref());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(mentora_server::metrics::serve_on_own_address(
            listener,
            state.clone(),
            async {
                let _ignored = stopped.await;
            },
        ));
        let mut client = Conn::open(addr).await.expect("connect");
        let bare = client
            .send("GET", "/metrics", &[], Vec::new())
            .await
            .expect("get");
        let bearer = format!("Bearer {TOKEN}");
        let with = client
            .send("GET", "/metrics", &[("authorization", &bearer)], Vec::new())
            .await
            .expect("get");
        let other = client
            .send("GET", "/healthz", &[], Vec::new())
            .await
            .expect("get");
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        assert_eq!(with.status, StatusCode::OK);
        let text = String::from_utf8(with.body).expect("utf-8");
        assert!(sample(&text, "mentora_documents").is_some(), "{text}");
        if token.is_some() {
            assert_eq!(bare.status, StatusCode::UNAUTHORIZED);
        } else {
            assert_eq!(bare.status, StatusCode::OK);
            // The main address still hides it.
            scrape(&state, None)
                .await
                .error(StatusCode::NOT_FOUND, "not_found");
        }
        let _stopped = stop.send(());
    }
}
