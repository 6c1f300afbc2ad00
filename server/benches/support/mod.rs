//! What the benchmarks share: the real `mentora-server` binary on a free loopback port.

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use mentora_shared::sync::{ClientConfig, ClientEvent, ClientSync, DeviceId};

#[path = "../../tests/integration/client.rs"]
pub mod client;

use client::Conn;

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub round_trips: usize,
    pub up: usize,
    pub down: usize,
}

pub struct Device {
    pub sync: ClientSync,
    conn: Conn,
    token: String,
    pub now: u64,
}

impl Device {
    pub async fn login(addr: SocketAddr, username: &str, id: [u8; 16]) -> Self {
        let mut conn = Conn::open(addr).await.expect("connect");
        let token = conn.login(username, id).await.expect("login");
        let mut sync = ClientSync::new(DeviceId(id), ClientConfig::default(), u64::from(id[0]));
        // Offline between syncs, so edits queue up instead of starting requests on their own.
        let _nothing_to_send = sync.handle(1_000, ClientEvent::Offline);
        Self {
            sync,
            conn,
            token,
            now: 1_000,
        }
    }

    /// Syncs until the state machine has nothing more to send.
    pub async fn sync(&mut self) -> Stats {
        let mut stats = Stats::default();
        self.now += 1;
        let mut fx = self.sync.handle(self.now, ClientEvent::Online);
        while let Some(out) = fx.send.take() {
            let (body, up, down) = self
                .conn
                .sync_raw(&self.token, out.body, true)
                .await
                .expect("sync");
            stats.round_trips += 1;
            stats.up += up;
            stats.down += down;
            fx = self.sync.handle(
                self.now,
                ClientEvent::Response {
                    request_id: out.request_id,
                    body,
                },
            );
        }
        let _offline = self.sync.handle(self.now, ClientEvent::Offline);
        stats
    }
}

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    #[allow(dead_code, reason = "not every benchmark starts the default server")]
    pub fn start(data: &std::path::Path, site: &std::path::Path) -> Self {
        Self::start_with(None, data, site)
    }

    /// [`Server::start`] with another binary than this build's (e.g. a `--profile server` build).
    #[allow(dead_code, reason = "not every benchmark starts the default server")]
    pub fn start_with(
        bin: Option<&std::path::Path>,
        data: &std::path::Path,
        site: &std::path::Path,
    ) -> Self {
        Self::start_args(bin, data, site, &[])
    }

    /// [`Server::start_with`] with more `serve` flags (e.g. `--database-url`).
    pub fn start_args(
        bin: Option<&std::path::Path>,
        data: &std::path::Path,
        site: &std::path::Path,
        extra: &[&str],
    ) -> Self {
        let bin = bin.unwrap_or(std::path::Path::new(env!("CARGO_BIN_EXE_mentora-server")));
        let mut child = Command::new(bin)
            .args(["serve", "--demo", "--port", "0", "--data-dir"])
            .arg(data)
            .arg("--site-dir")
            .arg(site)
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read");
        let addr = line
            .trim()
            .strip_prefix("mentora listening on http://")
            .and_then(|a| a.parse().ok())
            .expect("listening line");
        Self { child, addr }
    }

    #[allow(dead_code, reason = "not every benchmark reads memory")]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    #[allow(dead_code, reason = "not every benchmark reads memory")]
    pub fn status(&self, field: &str) -> String {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .map(|l| l[field.len()..].trim().to_owned())
            .unwrap_or_else(|| "?".to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _dead = self.child.kill();
        let _reaped = self.child.wait();
    }
}

#[allow(dead_code, reason = "not every benchmark adds users")]
pub fn add_user(data: &std::path::Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
        .args(["user", "add", "--data-dir"])
        .arg(data)
        .args(args)
        .env("MENTORA_PASSWORD", "mentora-demo")
        .status()
        .expect("user add");
    assert!(status.success());
}

/// Syncs every device back to back, all at once, for `seconds`: the round trips done and the
/// seconds they took (the warm-sync measure of the `sync` and `pg_scale` benchmarks).
#[allow(dead_code, reason = "not every benchmark measures warm syncs")]
pub async fn warm_syncs(devices: Vec<Device>, seconds: u64) -> (u64, f64) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::time::{Duration, Instant};

    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = devices
        .into_iter()
        .map(|mut device| {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let stats = device.sync().await;
                    done.fetch_add(stats.round_trips as u64, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let count = done.load(Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.expect("warm client");
    }
    (count, elapsed)
}

/// The built site the browser benchmarks serve (`MENTORA_SITE_DIR`, else `target/site`), or why
/// there is none.
#[allow(dead_code, reason = "not every benchmark serves the app")]
pub fn built_site() -> Result<std::path::PathBuf, String> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let site = std::env::var_os("MENTORA_SITE_DIR")
        .map_or_else(|| root.join("target/site"), std::path::PathBuf::from);
    if site.join("index.html").is_file() {
        Ok(site)
    } else {
        Err(format!(
            "no built app at {}: run `cargo xtask build` first",
            site.display()
        ))
    }
}
