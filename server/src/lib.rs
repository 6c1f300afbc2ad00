//! Mentora's sync server as a library: `router(state)` builds the axum app and `serve(listener,
//! shutdown)` runs it, so tests bind port 0 and need no sleeps. `main.rs` only parses the
//! configuration, opens the database, binds and waits for a signal.
//!
//! Errors: `thiserror` enums here (`db::DbError`, `error::ApiError`); `anyhow` only in `main.rs`.

#![forbid(unsafe_code)]

pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod web;

use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;
use tokio::net::TcpListener;

pub use web::router;

/// Shared state of every handler; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState(Arc<App>);

#[derive(Debug)]
pub struct App {
    db: Mutex<Connection>,
    pub site_dir: PathBuf,
}

impl AppState {
    pub fn new(db: Connection, site_dir: PathBuf) -> Self {
        Self(Arc::new(App {
            db: Mutex::new(db),
            site_dir,
        }))
    }

    /// Runs `work` on the connection in a blocking thread, off the async workers.
    pub async fn with_db<T, F>(&self, work: F) -> Result<T, error::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let app = Arc::clone(&self.0);
        let result = tokio::task::spawn_blocking(move || {
            let mut conn = app.db.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut conn)
        })
        .await??;
        Ok(result)
    }
}

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

/// Serves `router(state)` on `listener` until `shutdown` completes, then drains open requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
