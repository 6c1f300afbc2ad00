//! Compression Dictionary Transport (RFC 9842) for the app's wasm and JS: an upgrade downloads a
//! delta against the installed version instead of the whole file.
//!
//! Every hashed wasm or JS asset (`/assets/<name>-<10 hex>.wasm|js`) is sent with
//! `Use-As-Dictionary: match="/assets/<name>-*.<ext>"`, so the browser keeps it as a dictionary
//! for the next version of the same file. Asking for that next version, the browser names the
//! dictionary's SHA-256 in `Available-Dictionary` and lists `dcz` in `Accept-Encoding`; if
//! `cargo xtask build` precomputed that delta (`history/deltas/<file>.<sha256 hex>.dcz` in the
//! site, see crates/xtask/src/site/delta.rs), it is sent with `Content-Encoding: dcz`. Anything
//! else (no dictionary, a hash we have no delta for, a malformed header, a range request) gets
//! the whole file from `ServeDir` as before (brotli or gzip). Both answers carry
//! `Vary: accept-encoding, available-dictionary` so no cache mixes them up. The browser checks
//! the dictionary hash at the head of the `dcz` body and the service worker checks the decoded
//! file's SHA-256 before caching it (public/sw.js), so a wrong delta cannot become the app.
//!
//! The headers are outside bytes: the hash is read only from a single, short, well-formed
//! structured-field byte sequence of exactly 32 bytes, and file names only from the plain
//! hashed-name shape, so no request can name any other file.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;

use crate::AppState;

const USE_AS_DICTIONARY: HeaderName = HeaderName::from_static("use-as-dictionary");
const AVAILABLE_DICTIONARY: HeaderName = HeaderName::from_static("available-dictionary");
const VARY: &str = "accept-encoding, available-dictionary";
/// `:` + 44 base64 characters + `:`, with room for surrounding spaces.
const MAX_AVAILABLE_DICTIONARY_LEN: usize = 64;
/// Precomputed deltas are small by construction (only kept when smaller than the brotli file);
/// a larger file there is not one of ours.
const MAX_DELTA_BYTES: u64 = 32 * 1024 * 1024;

/// A hashed wasm or JS asset: its file name, the URL pattern of its versions, its media type.
#[derive(Debug, PartialEq, Eq)]
struct DictionaryAsset<'a> {
    file: &'a str,
    pattern: String,
    content_type: &'static str,
}

/// The wasm/JS asset this path names, if it has the hashed-name shape `<stem>-<10 hex>.<ext>`
/// with a plain stem.
fn dictionary_asset(path: &str) -> Option<DictionaryAsset<'_>> {
    let file = path.strip_prefix("/assets/")?;
    let (base, ext) = file.rsplit_once('.')?;
    let content_type = match ext {
        "wasm" => "application/wasm",
        "js" => "text/javascript",
        _ => return None,
    };
    let (stem, hash) = base.rsplit_once('-')?;
    let plain = !stem.is_empty()
        && stem.len() <= 100
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let hashed = hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    (plain && hashed).then(|| DictionaryAsset {
        file,
        pattern: format!("match=\"/assets/{stem}-*.{ext}\""),
        content_type,
    })
}

/// Whether `Accept-Encoding` lists `dcz` with a non-zero weight.
fn accepts_dcz(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            name.eq_ignore_ascii_case("dcz") && !parts.any(refuses)
        })
}

/// A `q=0` parameter (any spelling of zero).
fn refuses(param: &str) -> bool {
    let param = param.trim();
    let weight = param
        .strip_prefix("q=")
        .or_else(|| param.strip_prefix("Q="));
    weight.is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
}

/// The SHA-256 in `Available-Dictionary` (a structured-field byte sequence, `:base64:`), if
/// there is exactly one such header and it is well formed.
fn available_dictionary(headers: &HeaderMap) -> Option<[u8; 32]> {
    let mut values = headers.get_all(AVAILABLE_DICTIONARY).iter();
    let value = values.next()?;
    if values.next().is_some() || value.len() > MAX_AVAILABLE_DICTIONARY_LEN {
        return None;
    }
    let text = value.to_str().ok()?.trim_matches(' ');
    let inner = text.strip_prefix(':')?.strip_suffix(':')?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(inner)
        .ok()?;
    bytes.try_into().ok()
}

/// Serves the precomputed delta when the browser holds a dictionary we have one against;
/// otherwise lets the file be served whole, marked as a dictionary for the next version.
pub(crate) async fn dictionary_transport(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let Some(asset) = dictionary_asset(&path) else {
        return next.run(request).await;
    };
    let method = request.method().clone();
    let headers = request.headers();
    let wants_delta = (method == Method::GET || method == Method::HEAD)
        && !headers.contains_key(header::RANGE)
        && accepts_dcz(headers);
    if let Some(hash) = available_dictionary(headers).filter(|_| wants_delta) {
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        let delta = state
            .site_dir
            .join("history")
            .join("deltas")
            .join(format!("{}.{hex}.dcz", asset.file));
        if let Some(body) = read_delta(delta).await {
            return delta_response(&asset, body, method == Method::HEAD);
        }
    }
    let mut response = next.run(request).await;
    if response.status() == StatusCode::OK {
        mark(response.headers_mut(), &asset);
    }
    response
}

async fn read_delta(path: std::path::PathBuf) -> Option<Vec<u8>> {
    let metadata = tokio::fs::metadata(&path).await.ok()?;
    if !metadata.is_file() || metadata.len() > MAX_DELTA_BYTES {
        return None;
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => Some(bytes),
        Err(err) => {
            tracing::warn!("cannot read the delta {}: {err}", path.display());
            None
        }
    }
}

fn delta_response(asset: &DictionaryAsset<'_>, body: Vec<u8>, head: bool) -> Response {
    let len = body.len();
    let mut response = Response::new(if head {
        Body::empty()
    } else {
        Body::from(body)
    });
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("dcz"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    mark(headers, asset);
    response
}

fn mark(headers: &mut HeaderMap, asset: &DictionaryAsset<'_>) {
    if let Ok(pattern) = HeaderValue::from_str(&asset.pattern) {
        headers.insert(USE_AS_DICTIONARY, pattern);
    }
    headers.insert(header::VARY, HeaderValue::from_static(VARY));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    #[test]
    fn only_hashed_wasm_and_js_assets_are_dictionaries() {
        let wasm = dictionary_asset("/assets/mentora_bg-0123456789.wasm").unwrap();
        assert_eq!(wasm.file, "mentora_bg-0123456789.wasm");
        assert_eq!(wasm.pattern, "match=\"/assets/mentora_bg-*.wasm\"");
        assert_eq!(wasm.content_type, "application/wasm");
        let js = dictionary_asset("/assets/boot-abcdef0123.js").unwrap();
        assert_eq!(js.pattern, "match=\"/assets/boot-*.js\"");
        for path in [
            "/assets/app-0123456789.css",
            "/assets/mentora.js",
            "/assets/mentora-012345678.js",
            "/assets/mentora-012345678g.js",
            "/assets/-0123456789.js",
            "/assets/a*b-0123456789.js",
            "/assets/x/../y-0123456789.js",
            "/index.html",
            "/mentora-0123456789.js",
        ] {
            assert_eq!(dictionary_asset(path), None, "{path}");
        }
    }

    #[test]
    fn dcz_must_be_listed_and_not_refused() {
        assert!(accepts_dcz(&headers(&[(
            "accept-encoding",
            "gzip, deflate, br, zstd, dcb, dcz"
        )])));
        assert!(accepts_dcz(&headers(&[("accept-encoding", "DCZ;q=0.5")])));
        assert!(accepts_dcz(&headers(&[
            ("accept-encoding", "gzip"),
            ("accept-encoding", "dcz")
        ])));
        for refused in ["gzip, br", "dcz;q=0", "dcz; q=0.000", "dczz", "dcb"] {
            assert!(
                !accepts_dcz(&headers(&[("accept-encoding", refused)])),
                "{refused}"
            );
        }
        assert!(!accepts_dcz(&HeaderMap::new()));
    }

    #[test]
    fn the_available_dictionary_is_one_well_formed_32_byte_sequence() {
        let hash = [7u8; 32];
        let good = format!(
            ":{}:",
            base64::engine::general_purpose::STANDARD.encode(hash)
        );
        assert_eq!(
            available_dictionary(&headers(&[("available-dictionary", &good)])),
            Some(hash)
        );
        let short = format!(
            ":{}:",
            base64::engine::general_purpose::STANDARD.encode([7u8; 31])
        );
        let twice = [
            ("available-dictionary", good.as_str()),
            ("available-dictionary", good.as_str()),
        ];
        assert_eq!(available_dictionary(&headers(&twice)), None);
        let long = format!(":{}:", "A".repeat(1000));
        for bad in [
            short.as_str(),
            good.trim_matches(':'),
            ":not base64!:",
            long.as_str(),
            "",
            "\"abc\"",
        ] {
            assert_eq!(
                available_dictionary(&headers(&[("available-dictionary", bad)])),
                None,
                "{bad}"
            );
        }
    }
}
