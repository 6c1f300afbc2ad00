use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use super::support::{Answer, Fixture, oneshot};

async fn get(fixture: &Fixture, path: &str, accept_encoding: Option<&str>) -> Answer {
    let mut request = Request::get(path);
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    oneshot(
        fixture.state(),
        request.body(Body::empty()).expect("request"),
    )
    .await
}

fn json(answer: &Answer) -> serde_json::Value {
    serde_json::from_slice(&answer.body).expect("json body")
}

#[tokio::test]
async fn healthz_reports_ok_and_the_schema_version() {
    let fixture = Fixture::new();
    let answer = get(&fixture, "/healthz", None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = json(&answer);
    assert_eq!(body["status"], "ok");
    assert!(body["schema_version"].as_i64().unwrap_or(0) >= 1, "{body}");
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn unknown_api_paths_answer_a_json_404() {
    let fixture = Fixture::new();
    for path in ["/api/nope", "/api", "/api/", "/api/places/extra/segments"] {
        let answer = get(&fixture, path, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            answer.headers[header::CONTENT_TYPE],
            "application/json",
            "{path}"
        );
        let body = json(&answer);
        assert_eq!(body["error"]["code"], "not_found", "{path}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(path)),
            "{body}"
        );
    }
}

#[tokio::test]
async fn places_need_a_sign_in() {
    let fixture = Fixture::new();
    get(&fixture, "/api/places", None)
        .await
        .error(StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn precompressed_files_are_preferred_and_dynamic_answers_compressed() {
    let fixture = Fixture::new();
    let css = fixture.site().join("assets/app-0123456789.css");
    std::fs::write(css.with_extension("css.br"), b"brotli bytes").expect("write br");
    let answer = get(&fixture, "/assets/app-0123456789.css", Some("br")).await;
    assert_eq!(answer.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(answer.body, b"brotli bytes");

    let answer = get(&fixture, "/api/no-such-endpoint-at-all", Some("gzip")).await;
    assert_eq!(answer.headers[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn serve_binds_port_zero_and_stops_on_shutdown() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    let fixture = Fixture::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(mentora_server::serve(listener, fixture.state(), async {
        let _ignored = stopped.await;
    }));

    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.expect("read");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"status\":\"ok\""), "{reply}");

    stop.send(()).expect("server still running");
    server.await.expect("join").expect("clean shutdown");
}
