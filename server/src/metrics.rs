//! `GET /metrics`: counters for Prometheus, in its text exposition format (`metrics/render.rs`).
//!
//! What is counted: requests by route and status, the duration of successful syncs (a
//! histogram per sync route), login failures by reason, and at each scrape the documents, the
//! devices and the database's size. Route labels are axum's matched route templates
//! (`/api/sync`), never the raw path, so no id from a URL reaches a label; files under
//! `/assets/` are `/assets`, any other request that matched no route (the app shell, static
//! files) is `other`, and so is any route past [`MAX_ROUTES`]. Nothing personal is recorded: no usernames, addresses or tokens.
//!
//! On the main address the endpoint is off (404) unless `serve --metrics-token` is set; then it
//! asks for `Authorization: Bearer <token>` (401 otherwise). `serve --metrics-addr` serves it
//! alone on an address of its own (`metrics/own_address.rs`), there without a token unless one
//! is set. Only the token's SHA-256 digest is kept,
//! and a presented token is compared digest to digest without an early exit.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use sha2::{Digest as _, Sha256};

use crate::AppState;
use crate::config::MetricsToken;
use crate::error::ApiError;

mod own_address;
mod render;

pub use own_address::serve_on_own_address;

/// The label of requests that matched no route, and of routes past [`MAX_ROUTES`].
pub const OTHER_ROUTE: &str = "other";
/// The label of the hashed files under `/assets/` (served without a route template).
pub const ASSETS_ROUTE: &str = "/assets";
/// Distinct route labels kept; the router has fewer routes than this.
pub const MAX_ROUTES: usize = 64;
/// The routes whose successful answers go into the sync duration histogram.
pub const SYNC_ROUTES: [&str; 2] = ["/api/sync", "/api/sync-file"];
/// Upper bounds of the sync duration buckets, in seconds (then `+Inf`).
pub const SYNC_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Why a sign-in failed, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoginFailure {
    /// Unknown user or wrong password (the server does not tell them apart either).
    BadCredentials,
    /// Refused by the login throttle before any password check.
    Throttled,
}

impl LoginFailure {
    const ALL: [Self; 2] = [Self::BadCredentials, Self::Throttled];

    fn label(self) -> &'static str {
        match self {
            Self::BadCredentials => "bad_credentials",
            Self::Throttled => "throttled",
        }
    }
}

/// One histogram of durations: counts per bucket (not cumulative), total and sum.
#[derive(Debug, Default)]
struct Histogram {
    buckets: [AtomicU64; SYNC_BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    fn observe(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        if let Some(i) = SYNC_BUCKETS.iter().position(|&bound| seconds <= bound) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
    }
}

/// The server's counters; one per `AppState`.
#[derive(Debug, Default)]
pub struct Metrics {
    /// SHA-256 of the metrics token; `None`: `/metrics` is off.
    token: Option<[u8; 32]>,
    /// Route label → status → requests answered.
    requests: Mutex<BTreeMap<String, BTreeMap<u16, u64>>>,
    /// One per entry of [`SYNC_ROUTES`].
    sync: [Histogram; SYNC_ROUTES.len()],
    /// One per [`LoginFailure`], in the order of `LoginFailure::ALL`.
    login_failures: [AtomicU64; LoginFailure::ALL.len()],
}

impl Metrics {
    /// Counters with `/metrics` answering to `token`, or off without one.
    pub fn new(token: Option<&MetricsToken>) -> Self {
        Self {
            token: token.map(|t| Sha256::digest(t.as_str().as_bytes()).into()),
            ..Self::default()
        }
    }

    pub fn enabled(&self) -> bool {
        self.token.is_some()
    }

    fn requests(&self) -> MutexGuard<'_, BTreeMap<String, BTreeMap<u16, u64>>> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts one answered request; allocates only the first time a route label is seen.
    fn count_request(&self, route: Option<&str>, status: u16, elapsed: Duration) {
        let route = route.unwrap_or(OTHER_ROUTE);
        {
            let mut requests = self.requests();
            // One slot stays free for `other`.
            let known = requests.contains_key(route);
            let label = if known || route == OTHER_ROUTE || requests.len() + 1 < MAX_ROUTES {
                route
            } else {
                OTHER_ROUTE
            };
            match requests.get_mut(label) {
                Some(statuses) => *statuses.entry(status).or_default() += 1,
                None => {
                    requests.insert(label.to_owned(), BTreeMap::from([(status, 1)]));
                }
            }
        }
        if (200..300).contains(&status)
            && let Some(i) = SYNC_ROUTES.iter().position(|r| *r == route)
        {
            self.sync[i].observe(elapsed);
        }
    }

    pub(crate) fn login_failed(&self, reason: LoginFailure) {
        if let Some(i) = LoginFailure::ALL.iter().position(|r| *r == reason) {
            self.login_failures[i].fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Whether `headers` bear the token, compared as digests without an early exit.
    fn authorized(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = self.token else {
            return false;
        };
        let Some((scheme, token)) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
        else {
            return false;
        };
        let presented: [u8; 32] = Sha256::digest(token.trim().as_bytes()).into();
        let difference = presented
            .iter()
            .zip(expected.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(difference) == 0 && scheme.eq_ignore_ascii_case("bearer")
    }
}

/// Middleware: counts every answer by its matched route and status (outermost but one layer,
/// so the status is the one sent).
pub(crate) async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let asset = request.uri().path().starts_with("/assets/");
    let started = Instant::now();
    let response = next.run(request).await;
    let label = match &route {
        Some(route) => Some(route.as_str()),
        None if asset => Some(ASSETS_ROUTE),
        None => None,
    };
    state
        .metrics
        .count_request(label, response.status().as_u16(), started.elapsed());
    response
}

/// `GET /metrics`: 404 when off, 401 without the token, else the text exposition.
pub(crate) async fn metrics(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !state.metrics.enabled() {
        return Err(ApiError::NoSuchEndpoint("/metrics".to_owned()));
    }
    exposition(&state, &headers).await
}

/// The exposition for a request bearing the token, or for any request when no token is set
/// (only reachable that way on the metrics' own address).
async fn exposition(state: &AppState, headers: &HeaderMap) -> Result<Response, ApiError> {
    if state.metrics.enabled() && !state.metrics.authorized(headers) {
        return Err(ApiError::Unauthorized);
    }
    let gauges = state.with_db(render::gauges).await?;
    let mut response = render::render(&state.metrics, &gauges).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_labels_are_bounded() {
        let metrics = Metrics::default();
        for i in 0..MAX_ROUTES + 10 {
            metrics.count_request(Some(&format!("/r{i}")), 200, Duration::ZERO);
        }
        let requests = metrics.requests();
        assert_eq!(requests.len(), MAX_ROUTES);
        assert_eq!(requests[OTHER_ROUTE][&200], 11);
        drop(requests);
        metrics.count_request(Some("/r0"), 200, Duration::ZERO);
        metrics.count_request(Some("/never-seen"), 500, Duration::ZERO);
        let requests = metrics.requests();
        assert_eq!(requests.len(), MAX_ROUTES);
        assert_eq!(requests["/r0"][&200], 2);
        assert_eq!(requests[OTHER_ROUTE][&500], 1);
    }

    #[test]
    fn only_successful_syncs_are_timed() {
        let metrics = Metrics::default();
        metrics.count_request(Some("/api/sync"), 200, Duration::from_millis(30));
        metrics.count_request(Some("/api/sync"), 401, Duration::from_millis(1));
        metrics.count_request(Some("/api/sync-file"), 200, Duration::from_secs(60));
        assert_eq!(metrics.sync[0].count.load(Ordering::Relaxed), 1);
        // 30 ms: in the 0.05 s bucket, the fourth.
        assert_eq!(metrics.sync[0].buckets[3].load(Ordering::Relaxed), 1);
        assert_eq!(metrics.sync[1].count.load(Ordering::Relaxed), 1);
        let in_buckets: u64 = metrics.sync[1]
            .buckets
            .iter()
            .map(|b| b.load(Ordering::Relaxed))
            .sum();
        assert_eq!(in_buckets, 0, "past the last bound: only in +Inf");
    }

    #[test]
    fn the_token_must_match_exactly() {
        let token: MetricsToken = "0123456789abcdef".parse().expect("token");
        let metrics = Metrics::new(Some(&token));
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(header::AUTHORIZATION, value);
            }
            metrics.authorized(&headers)
        };
        assert!(with("Bearer 0123456789abcdef"));
        assert!(with("bearer 0123456789abcdef"));
        assert!(!with("Bearer 0123456789abcdeF"));
        assert!(!with("Bearer 0123456789abcde"));
        assert!(!with("Basic 0123456789abcdef"));
        assert!(!with(""));
        assert!(!Metrics::default().authorized(&HeaderMap::new()));
    }
}
