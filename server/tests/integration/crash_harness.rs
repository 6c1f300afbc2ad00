//! The real binary under SIGKILL, shared by the `crash` test and `benches/soak.rs`: the server
//! process on one data folder, a device that pushes its own documents one change per request and
//! keeps the hashes the server acknowledged, and a fresh device's pull of everything stored.

#![allow(
    dead_code,
    reason = "the crash test and the soak use different subsets"
)]

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use automerge::{Automerge, ChangeHash, ReadDoc as _};
use mentora_shared::sync::DocId;
use mentora_shared::sync::wire::{DocBody, PushOutcome, SyncRequest};

use super::client::{Conn, LocalDoc, doc_id, header};

/// Documents each device edits, round robin.
const DOCS_PER_DEVICE: usize = 5;

/// The server process; killed (SIGKILL) and reaped when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// `serve --demo` on 127.0.0.1 `port` (0: a free one) over `data`; returns once it listens.
    pub fn start(data: &Path, site: &Path, port: u16) -> Self {
        Self::try_start(data, site, port).unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`Server::start`], or why the server did not come up (for example the port is taken).
    pub fn try_start(data: &Path, site: &Path, port: u16) -> Result<Self, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(["serve", "--demo", "--port", &port.to_string(), "--data-dir"])
            .arg(data)
            .arg("--site-dir")
            .arg(site)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot spawn the server: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line);
        let addr = line
            .trim()
            .strip_prefix("mentora listening on http://")
            .and_then(|a| a.parse().ok());
        let mut server = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        match (read, addr) {
            (Ok(_), Some(addr)) => {
                server.addr = addr;
                Ok(server)
            }
            (read, _) => Err(format!(
                "server did not start: {read:?}, first line {line:?}"
            )),
        }
    }

    /// SIGKILL (`Child::kill` on Unix), then reap.
    pub fn kill(&mut self) {
        let _already_dead = self.child.kill();
        let _status = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A tablet of user `mentor` with documents of its own; survives the server's deaths by
/// reconnecting (and logging in again only if its session is refused).
pub struct Device {
    pub id: [u8; 16],
    pub docs: Vec<LocalDoc>,
    conn: Option<Conn>,
    token: Option<String>,
    since: u64,
    ack: u64,
    round: usize,
    /// Every change the server acknowledged (an `Accepted` push that carried it).
    pub acked: Vec<ChangeHash>,
}

impl Device {
    /// Device `n`, editing documents `n * 100 ..`.
    pub fn new(n: u8) -> Self {
        let id = [0x40 + n; 16];
        let docs = (0..DOCS_PER_DEVICE as u64)
            .map(|i| {
                LocalDoc::new(
                    id,
                    doc_id(u64::from(n) * 100 + i),
                    header("rw-huye", Some("rango-hc")),
                )
            })
            .collect();
        Self {
            id,
            docs,
            conn: None,
            token: None,
            since: 0,
            ack: 0,
            round: 0,
            acked: Vec::new(),
        }
    }

    /// Saves one form on the next document and pushes that document; returns how many changes
    /// the server acknowledged. On an error the change stays pending and goes with the next push;
    /// a push the server answered with anything but `Accepted` is `ErrorKind::InvalidData`.
    pub async fn edit_and_push(&mut self, addr: SocketAddr) -> std::io::Result<usize> {
        let round = self.round;
        self.round += 1;
        let i = round % self.docs.len();
        self.docs[i].edit(&format!("field_{}", round % 13), &format!("round {round}"));
        self.push(addr, i).await
    }

    /// Pushes every document's pending changes; returns how many were acknowledged.
    pub async fn push_pending(&mut self, addr: SocketAddr) -> std::io::Result<usize> {
        let mut acked = 0;
        for i in 0..self.docs.len() {
            acked += self.push(addr, i).await?;
        }
        Ok(acked)
    }

    async fn push(&mut self, addr: SocketAddr, i: usize) -> std::io::Result<usize> {
        let gzip = self.round.is_multiple_of(2);
        let result = self.try_push(addr, i, gzip).await;
        if let Err(e) = &result {
            // A dead server leaves a dead connection; a refused session needs a new login.
            self.conn = None;
            if e.to_string().contains(" 401") {
                self.token = None;
            }
        }
        result
    }

    async fn try_push(&mut self, addr: SocketAddr, i: usize, gzip: bool) -> std::io::Result<usize> {
        let conn = match &mut self.conn {
            Some(conn) => conn,
            None => self.conn.insert(Conn::open(addr).await?),
        };
        let token = match &self.token {
            Some(token) => token.clone(),
            None => conn.login("mentor", self.id).await?,
        };
        self.token = Some(token.clone());
        let doc = &mut self.docs[i];
        let pending: Vec<ChangeHash> = doc
            .doc
            .get_changes(&doc.server_heads)
            .iter()
            .map(|c| c.hash())
            .collect();
        let request = SyncRequest {
            since: self.since,
            ack: self.ack,
            pushes: vec![doc.push()],
            ..SyncRequest::default()
        };
        let (response, _, _) = conn.sync(&token, &request, gzip).await?;
        (self.since, self.ack) = (response.cursor, response.token);
        match response.results.first().map(|r| &r.outcome) {
            Some(PushOutcome::Accepted { heads }) => {
                doc.server_heads = heads.clone();
                self.acked.extend_from_slice(&pending);
                Ok(pending.len())
            }
            other => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("push not accepted: {other:?}"),
            )),
        }
    }
}

/// Everything the server holds for `mentor`, as a new device `device` receives it.
pub async fn pull_all(
    addr: SocketAddr,
    device: [u8; 16],
) -> std::io::Result<Vec<(DocId, Automerge)>> {
    let mut conn = Conn::open(addr).await?;
    let token = conn.login("mentor", device).await?;
    let mut held = Vec::new();
    let mut request = SyncRequest::default();
    loop {
        let (response, _, _) = conn.sync(&token, &request, true).await?;
        for update in response.docs {
            let DocBody::Snapshot(bytes) = update.body else {
                return Err(std::io::Error::other("a new device gets snapshots"));
            };
            let doc = Automerge::load(&bytes).map_err(std::io::Error::other)?;
            held.push((update.doc_id, doc));
        }
        if response.remaining == 0 {
            return Ok(held);
        }
        request = SyncRequest {
            since: response.cursor,
            ack: response.token,
            ..SyncRequest::default()
        };
    }
}

/// The acknowledged changes no held document has.
pub fn missing<'a>(acked: &'a [ChangeHash], held: &[(DocId, Automerge)]) -> Vec<&'a ChangeHash> {
    acked
        .iter()
        .filter(|h| {
            !held
                .iter()
                .any(|(_, doc)| doc.get_change_by_hash(h).is_some())
        })
        .collect()
}
