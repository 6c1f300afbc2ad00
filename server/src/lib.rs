//! Mentora's sync server as a library: `router(state)` builds the axum app and `serve(listener,
//! shutdown)` runs it, so tests bind port 0 and need no sleeps. `main.rs` only parses the
//! configuration, opens the database, binds and waits for a signal.
//!
//! Errors: `thiserror` enums here (`db::DbError`, `error::ApiError`, `store::StoreError`,
//! `accounts::AccountError`); `anyhow` only in `main.rs`.

#![forbid(unsafe_code)]

pub mod accounts;
mod api;
pub mod backup;
pub mod config;
pub mod db;
mod deltas;
pub mod demo;
mod devices;
mod directory;
pub mod error;
mod exports;
mod headers;
pub(crate) mod mentee_docs;
pub mod metrics;
pub mod setup;
pub mod sql;
pub mod store;
mod sync_api;
pub mod sync_file;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

pub use crate::sql::Db;
use tokio::net::TcpListener;

pub use web::router;

/// Shared state of every handler; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState(Arc<App>);

#[derive(Debug)]
pub struct App {
    /// The connections: one for SQLite (one writer anyway), a few for PostgreSQL.
    db: Mutex<Vec<Db>>,
    /// One database job per connection at a time: waiters queue here, asynchronously, rather
    /// than as blocked threads of the blocking pool (which would each cost a stack and a malloc
    /// arena).
    db_gate: tokio::sync::Semaphore,
    pub site_dir: PathBuf,
    pub sync_config: mentora_shared::sync::ServerConfig,
    pub options: ServerOptions,
    login_limiter: Mutex<accounts::limiter::LoginLimiter>,
    /// The login throttle is the database's (`accounts/limiter/shared.rs`), not `login_limiter`.
    shared_throttle: bool,
    /// Where a closed PostgreSQL connection of the pool is opened again (never printed).
    reconnect_url: Option<config::DatabaseUrl>,
    /// Request, sync and login counters for `GET /metrics` (metrics.rs).
    pub metrics: metrics::Metrics,
    /// A real argon2id hash that no password matches, verified for unknown usernames so they
    /// take as long as wrong passwords.
    dummy_hash: OnceLock<String>,
}

/// Bytes as lowercase hex (device ids, keys, document ids in exports).
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Tablets lock after this many idle minutes unless `serve --lock-after-minutes` says otherwise.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 10;

/// The security settings of `serve` that handlers read (see `config::ServeConfig`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerOptions {
    /// A session ends after this many days without use.
    pub session_idle_days: u32,
    /// A reverse proxy terminates TLS in front: send `Strict-Transport-Security`.
    pub behind_tls: bool,
    /// Minutes without use after which tablets lock, told to them at sign-in and in `/api/me`.
    pub lock_after_minutes: u32,
    /// Records per login-throttling table (usernames, client addresses).
    pub login_table_size: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            session_idle_days: accounts::sessions::DEFAULT_IDLE_DAYS,
            behind_tls: false,
            lock_after_minutes: DEFAULT_LOCK_AFTER_MINUTES,
            login_table_size: accounts::limiter::TABLE_SIZE,
        }
    }
}

impl AppState {
    /// Sets the per-user storage quota; for start-up, before the state is cloned.
    pub fn with_user_quota_bytes(mut self, bytes: u64) -> Self {
        if let Some(app) = Arc::get_mut(&mut self.0) {
            app.sync_config.user_quota_bytes = bytes;
        }
        self
    }

    /// Lets closed PostgreSQL connections of the pool be opened again at `url`; for start-up,
    /// before the state is cloned.
    pub fn with_reconnect_url(mut self, url: &config::DatabaseUrl) -> Self {
        if let Some(app) = Arc::get_mut(&mut self.0) {
            app.reconnect_url = Some(url.clone());
        }
        self
    }

    /// Turns `GET /metrics` on, answering to `token`; for start-up, before the state is cloned.
    pub fn with_metrics_token(mut self, token: Option<&config::MetricsToken>) -> Self {
        if let Some(app) = Arc::get_mut(&mut self.0) {
            app.metrics = metrics::Metrics::new(token);
        }
        self
    }

    pub fn new(db: impl Into<Db>, site_dir: PathBuf) -> Self {
        Self::with_options(db, site_dir, ServerOptions::default())
    }

    pub fn with_options(db: impl Into<Db>, site_dir: PathBuf, options: ServerOptions) -> Self {
        Self::with_pool(vec![db.into()], site_dir, options)
    }

    /// A state over several connections to one database (PostgreSQL), used by as many jobs at
    /// once. An empty pool is given one in-memory SQLite database, so nothing waits forever.
    pub fn with_pool(mut pool: Vec<Db>, site_dir: PathBuf, options: ServerOptions) -> Self {
        if pool.is_empty()
            && let Ok(conn) = rusqlite::Connection::open_in_memory()
        {
            pool.push(Db::from(conn));
        }
        let size = pool.len();
        let shared_throttle = pool.iter().any(|db| db.backend() == sql::Backend::Postgres);
        Self(Arc::new(App {
            db: Mutex::new(pool),
            shared_throttle,
            reconnect_url: None,
            db_gate: tokio::sync::Semaphore::new(size),
            site_dir,
            sync_config: mentora_shared::sync::ServerConfig::default(),
            options,
            login_limiter: Mutex::new(accounts::limiter::LoginLimiter::with_capacity(
                options.login_table_size,
            )),
            dummy_hash: OnceLock::new(),
            metrics: metrics::Metrics::default(),
        }))
    }

    /// Runs `work` on the connection in a blocking thread, off the async workers.
    pub async fn with_db<T, E, F>(&self, work: F) -> Result<T, error::ApiError>
    where
        T: Send + 'static,
        E: Send + 'static,
        error::ApiError: From<E>,
        F: FnOnce(&mut Db) -> Result<T, E> + Send + 'static,
    {
        let _turn = self
            .db_gate
            .acquire()
            .await
            .map_err(|_| error::ApiError::ShuttingDown)?;
        let app = Arc::clone(&self.0);
        let result = tokio::task::spawn_blocking(move || {
            let taken = app.db.lock().unwrap_or_else(PoisonError::into_inner).pop();
            // The permit guarantees a free connection; none would mean a bug, said as one.
            let Some(conn) = taken else {
                return Err(error::ApiError::ShuttingDown);
            };
            let mut lease = Lease {
                conn: Some(conn),
                app: &app,
            };
            let conn = lease.conn.as_mut().ok_or(error::ApiError::ShuttingDown)?;
            if let (Some(url), Some(pg)) = (&app.reconnect_url, conn.postgres())
                && pg.borrow().is_closed()
            {
                // PostgreSQL restarted or dropped the connection: a new one, or this job's error.
                *conn = Db::from(db::connect_postgres(url.secret()).map_err(|e| {
                    tracing::error!("cannot reconnect to PostgreSQL: {e}");
                    error::ApiError::ShuttingDown
                })?);
            }
            work(conn).map_err(error::ApiError::from)
        })
        .await??;
        Ok(result)
    }
}

impl AppState {
    /// Whether the login throttle lives in the database (PostgreSQL: shared by every process)
    /// rather than in this process's memory.
    fn shared_throttle(&self) -> bool {
        self.shared_throttle
    }

    fn dummy_hash(&self) -> &str {
        self.dummy_hash.get_or_init(|| {
            let mut random = [0u8; 24];
            let _ignored = getrandom::fill(&mut random);
            let password = accounts::Password(random.iter().map(|b| format!("{b:02x}")).collect());
            accounts::hash_password(&password).unwrap_or_default()
        })
    }
}

/// A connection taken from the pool, given back when the job ends, even by a panic.
struct Lease<'a> {
    conn: Option<Db>,
    app: &'a App,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.app
                .db
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(conn);
        }
    }
}

/// The blocking PostgreSQL client runs a runtime of its own to close its connection, which
/// must not happen on an async worker: the last state is often dropped on one (at shutdown, at
/// the end of a test), so PostgreSQL connections are closed on a thread of their own.
impl Drop for App {
    fn drop(&mut self) {
        let pool = std::mem::take(self.db.get_mut().unwrap_or_else(PoisonError::into_inner));
        if pool.iter().any(|db| db.backend() == sql::Backend::Postgres) {
            let closing = std::thread::spawn(move || drop(pool));
            // Outside a runtime the wait is harmless; inside one the thread finishes alone.
            if tokio::runtime::Handle::try_current().is_err() {
                let _ignored = closing.join();
            }
        }
    }
}

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

/// Serves `router(state)` on `listener` until `shutdown` completes, then drains open requests.
/// Each request knows its peer address (login throttling per client address).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
