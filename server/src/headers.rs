//! Security headers on every response, whatever produced it (API, static file, error).
//!
//! The Content-Security-Policy allows only this origin. Scripts: the app's own files (the
//! boot module `/assets/boot-*.js`, the wasm-bindgen glue `/assets/mentora-*.js`) and
//! `'wasm-unsafe-eval'`, which `WebAssembly.instantiateStreaming` needs; no inline script and no
//! `eval`. Styles: `/assets/app-*.css` only (the app sets no inline styles). Fetches, the service
//! worker and the manifest: this origin. Nothing may frame the app (`frame-ancestors 'none'`, and
//! `X-Frame-Options: DENY` for older browsers), plugins and `<base>` are off. HSTS is sent only
//! with `serve --behind-tls`: over plain HTTP on a LAN it would make the browser refuse the
//! server afterwards.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; \
     img-src 'self'; \
     font-src 'self'; \
     connect-src 'self'; \
     worker-src 'self'; \
     manifest-src 'self'; \
     object-src 'none'; \
     base-uri 'none'; \
     form-action 'self'; \
     frame-ancestors 'none'";

/// Two years, the preload lists' minimum; sent only when TLS is terminated in front of us.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

pub(crate) async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    if state.options.behind_tls {
        set(header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY);
    }
    response
}
