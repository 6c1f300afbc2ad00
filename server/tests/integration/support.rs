use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt as _;
use mentora_server::{AppState, Db, db};
use tower::ServiceExt as _;

/// A temporary site folder with a shell and one hashed asset, plus a fresh demo database.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    /// The test PostgreSQL (a schema of this fixture's), or `None` for SQLite in `dir`.
    pub postgres: Option<String>,
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("assets")).expect("site dir");
        std::fs::write(site.join("index.html"), "<title>Mentora</title>").expect("index");
        std::fs::write(site.join("sw.js"), "// worker").expect("sw");
        std::fs::write(site.join("assets/app-0123456789.css"), "body{}").expect("css");
        std::fs::write(
            site.join("assets/mentora_bg-0123456789.wasm"),
            b"\0asm\x01\0\0\0",
        )
        .expect("wasm");
        Self {
            dir,
            postgres: None,
        }
    }

    /// The same fixture on the test PostgreSQL, in a fresh schema `name`; `None` (the test
    /// skips, or fails under `MENTORA_REQUIRE_POSTGRES=1`) without one.
    pub fn postgres(name: &str) -> Option<Self> {
        let url = postgres_schema(name)?;
        Some(Self {
            postgres: Some(url),
            ..Self::new()
        })
    }

    /// [`Fixture::postgres`] from async code (the PostgreSQL client blocks).
    pub async fn postgres_async(name: &'static str) -> Option<Self> {
        tokio::task::spawn_blocking(move || Self::postgres(name))
            .await
            .expect("fixture")
    }

    /// The fixture's database with the demo, as `serve --demo` opens it, off the async workers
    /// (the PostgreSQL client blocks).
    pub async fn open_async(&self) -> Db {
        let url = self.postgres.clone();
        let path = self.db_path();
        tokio::task::spawn_blocking(move || match url {
            Some(url) => db::open_postgres(&url, true).expect("open postgres"),
            None => Db::from(db::open(&path, true).expect("open db")),
        })
        .await
        .expect("open")
    }

    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("data").join("mentora.db")
    }

    pub fn state(&self) -> AppState {
        let conn = db::open(&self.db_path(), true).expect("open db");
        AppState::new(conn, self.site())
    }
}

pub fn exists(path: &Path) -> bool {
    path.try_exists().unwrap_or(false)
}

/// `serve` on 127.0.0.1 port 0 in this process; stops when dropped.
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Running {
    pub async fn start(fixture: &Fixture) -> Self {
        Self::start_with(fixture, mentora_server::ServerOptions::default()).await
    }

    pub async fn start_with(fixture: &Fixture, options: mentora_server::ServerOptions) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let conn = fixture.open_async().await;
        let mut state = AppState::with_options(conn, fixture.site(), options);
        if let Some(url) = &fixture.postgres {
            let url = mentora_server::config::DatabaseUrl::parse(url).expect("url");
            state = state.with_reconnect_url(&url);
        }
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(mentora_server::serve(listener, state.clone(), async {
            let _ignored = stopped.await;
        }));
        Self {
            addr,
            state,
            stop: Some(stop),
        }
    }

    pub async fn conn(&self) -> super::client::Conn {
        super::client::Conn::open(self.addr).await.expect("connect")
    }

    /// A value from the database, for checking what was (not) stored.
    pub async fn count(&self, sql: &'static str) -> i64 {
        self.state
            .with_db(move |conn| conn.query_row(sql, [], |r| r.get::<_, i64>(0)))
            .await
            .expect("count")
    }
}

impl Running {
    /// [`Running::count`] with byte-string parameters (`?1`, …), written once for SQLite and
    /// PostgreSQL (whose byte literals differ).
    pub async fn count_bytes(&self, sql: &'static str, params: &[&[u8]]) -> i64 {
        let params: Vec<Vec<u8>> = params.iter().map(|p| p.to_vec()).collect();
        self.state
            .with_db(move |conn| {
                let refs: Vec<&dyn mentora_server::sql::ToValue> = params
                    .iter()
                    .map(|p| p as &dyn mentora_server::sql::ToValue)
                    .collect();
                conn.query_row(sql, refs.as_slice(), |r| r.get::<_, i64>(0))
            })
            .await
            .expect("count")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ignored = stop.send(());
        }
    }
}

pub fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).unwrap_or_else(|_| {
        panic!("not json: {}", String::from_utf8_lossy(body));
    })
}

/// The one error shape: `{"error": {"code", "message"}}`.
#[track_caller]
pub fn check_error(reply: &super::client::Reply, status: u16, code: &str) {
    assert_eq!(
        reply.status.as_u16(),
        status,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let body = json(&reply.body);
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

/// An HTTP answer from the router, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8 body")
    }

    /// Asserts the status and the JSON error code.
    #[track_caller]
    pub fn error(&self, status: StatusCode, code: &str) {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let body = json(&self.body);
        assert_eq!(body["error"]["code"], code, "{body}");
    }
}

/// One request through the router in process, over `state`.
pub async fn oneshot(state: AppState, request: Request<Body>) -> Answer {
    let response = mentora_server::router(state)
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

/// A fresh schema `name` on the test PostgreSQL (`MENTORA_TEST_DATABASE_URL`, set by `cargo
/// xtask test` and `cargo xtask with-postgres`), as a URL whose search path is that schema, so
/// tests running in parallel do not see each other's tables. `None` when no URL is set: the
/// test says it skips. Under `MENTORA_REQUIRE_POSTGRES=1` (`cargo xtask test`) a missing URL
/// fails the test instead: a test that silently skips in CI is a defect.
pub fn postgres_schema(name: &str) -> Option<String> {
    let url = std::env::var("MENTORA_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let Some(url) = url else {
        assert!(
            std::env::var_os("MENTORA_REQUIRE_POSTGRES").is_none_or(|v| v != "1"),
            "MENTORA_REQUIRE_POSTGRES=1 but MENTORA_TEST_DATABASE_URL is not set"
        );
        eprintln!(
            "skipped: no test PostgreSQL (run `cargo xtask with-postgres cargo test -p \
             mentora-server`, or set MENTORA_TEST_DATABASE_URL)"
        );
        return None;
    };
    assert!(
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "schema names here are plain identifiers"
    );
    // PostgreSQL reserves the `pg_` prefix for itself.
    let name = format!("test_{name}");
    let mut client = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {url}: {e}"));
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name};"
        ))
        .expect("fresh schema");
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}options=-csearch_path%3D{name}"))
}

/// Runs `body(fixture)` as two tests, `name::sqlite` and `name::postgres` (issue 22: the HTTP
/// tests on both stores; the second skips without a test PostgreSQL, or fails under
/// `MENTORA_REQUIRE_POSTGRES=1`).
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(crate::integration::support::Fixture::new()).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(fixture) =
                    crate::integration::support::Fixture::postgres_async(stringify!($name)).await
                {
                    super::$name(fixture).await;
                }
            }
        }
    )*};
}
pub(crate) use on_both;
