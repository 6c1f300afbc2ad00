//! Compression Dictionary Transport through the whole router: the precomputed delta for a known
//! dictionary, the whole file for anything else, and the headers that make both safe to cache.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine as _;

use super::support::{Answer, Fixture, oneshot};

const WASM: &str = "/assets/mentora_bg-0123456789.wasm";

async fn get(fixture: &Fixture, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    oneshot(
        fixture.state(),
        request.body(Body::empty()).expect("request"),
    )
    .await
}

/// A site whose wasm has a delta against the dictionary hashing to `[9; 32]`.
fn fixture_with_delta() -> (Fixture, String) {
    let fixture = Fixture::new();
    let deltas = fixture.site().join("history/deltas");
    std::fs::create_dir_all(&deltas).expect("deltas dir");
    let hex = "09".repeat(32);
    std::fs::write(
        deltas.join(format!("mentora_bg-0123456789.wasm.{hex}.dcz")),
        b"delta bytes",
    )
    .expect("delta");
    let available = format!(
        ":{}:",
        base64::engine::general_purpose::STANDARD.encode([9u8; 32])
    );
    (fixture, available)
}

#[tokio::test]
async fn a_known_dictionary_gets_the_precomputed_delta() {
    let (fixture, available) = fixture_with_delta();
    let answer = get(
        &fixture,
        WASM,
        &[
            ("accept-encoding", "gzip, deflate, br, zstd, dcb, dcz"),
            ("available-dictionary", &available),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, b"delta bytes");
    assert_eq!(answer.headers[header::CONTENT_ENCODING], "dcz");
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(answer.headers[header::CONTENT_LENGTH], "11");
    assert_eq!(
        answer.headers[header::VARY],
        "accept-encoding, available-dictionary"
    );
    assert_eq!(
        answer.headers["use-as-dictionary"],
        "match=\"/assets/mentora_bg-*.wasm\""
    );
    assert_eq!(
        answer.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert!(answer.headers.contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn anything_else_gets_the_whole_file_marked_as_a_dictionary() {
    let (fixture, available) = fixture_with_delta();
    let unknown = format!(
        ":{}:",
        base64::engine::general_purpose::STANDARD.encode([8u8; 32])
    );
    let cases: [&[(&str, &str)]; 6] = [
        // No dictionary.
        &[("accept-encoding", "gzip, br, zstd")],
        // A dictionary we have no delta against.
        &[
            ("accept-encoding", "br, dcz"),
            ("available-dictionary", &unknown),
        ],
        // `dcz` not accepted, or refused.
        &[
            ("accept-encoding", "br"),
            ("available-dictionary", &available),
        ],
        &[
            ("accept-encoding", "dcz;q=0"),
            ("available-dictionary", &available),
        ],
        // Malformed hashes.
        &[
            ("accept-encoding", "dcz"),
            ("available-dictionary", "../../../../etc/passwd"),
        ],
        &[
            ("accept-encoding", "dcz"),
            ("available-dictionary", ":AAAA:"),
        ],
    ];
    for headers in cases {
        let answer = get(&fixture, WASM, headers).await;
        assert_eq!(answer.status, StatusCode::OK, "{headers:?}");
        assert_eq!(answer.body, b"\0asm\x01\0\0\0", "{headers:?}");
        assert_ne!(
            answer
                .headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.as_bytes()),
            Some(&b"dcz"[..]),
            "{headers:?}"
        );
        assert_eq!(
            answer.headers["use-as-dictionary"], "match=\"/assets/mentora_bg-*.wasm\"",
            "{headers:?}"
        );
        assert_eq!(
            answer.headers[header::VARY],
            "accept-encoding, available-dictionary",
            "{headers:?}"
        );
    }

    // A range request is served from the whole file.
    let answer = get(
        &fixture,
        WASM,
        &[
            ("accept-encoding", "dcz"),
            ("available-dictionary", &available),
            ("range", "bytes=0-3"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(answer.body, b"\0asm");
}

#[tokio::test]
async fn other_files_are_not_dictionaries() {
    let (fixture, available) = fixture_with_delta();
    let headers = [
        ("accept-encoding", "dcz"),
        ("available-dictionary", available.as_str()),
    ];
    for path in [
        "/assets/app-0123456789.css",
        "/index.html",
        "/assets/nope-0123456789.wasm",
    ] {
        let answer = get(&fixture, path, &headers).await;
        assert!(
            !answer.headers.contains_key("use-as-dictionary"),
            "{path}: {:?}",
            answer.headers
        );
        assert!(
            !answer.headers.contains_key(header::CONTENT_ENCODING),
            "{path}"
        );
    }
}
