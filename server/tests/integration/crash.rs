//! The real binary, SIGKILLed while devices sync: every change it acknowledged is still there
//! after a restart on the same data folder.

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use automerge::{Automerge, ChangeHash, ReadDoc as _};
use mentora_shared::sync::wire::{DocBody, PushOutcome, SyncRequest};

use super::client::{Conn, LocalDoc, doc_id, header};
use super::support::Fixture;

/// The server process; killed (SIGKILL) and reaped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(fixture: &Fixture) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(["serve", "--demo", "--port", "0", "--data-dir"])
            .arg(fixture.db_path().parent().unwrap_or(Path::new("data")))
            .arg("--site-dir")
            .arg(fixture.site())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read stdout");
        let addr = line
            .trim()
            .strip_prefix("mentora listening on http://")
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        Self { child, addr }
    }

    fn kill(&mut self) {
        let _already_dead = self.child.kill();
        let _status = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Edits and pushes one document per request until the server stops answering; returns the
/// hashes of changes the server acknowledged.
async fn keep_syncing(addr: SocketAddr, n: u8, acks: Arc<AtomicUsize>) -> Vec<ChangeHash> {
    let device = [0x40 + n; 16];
    let mut acked = Vec::new();
    let Ok(mut conn) = Conn::open(addr).await else {
        return acked;
    };
    let Ok(token) = conn.login("mentor", device).await else {
        return acked;
    };
    let mut docs: Vec<LocalDoc> = (0..5)
        .map(|i| {
            LocalDoc::new(
                device,
                doc_id(u64::from(n) * 100 + i),
                header("rw-huye", Some("rango-hc")),
            )
        })
        .collect();
    let (mut since, mut ack) = (0, 0);
    for round in 0..5_000usize {
        let doc = &mut docs[round % 5];
        let hash = doc.edit(&format!("field_{}", round % 13), &format!("round {round}"));
        let request = SyncRequest {
            since,
            ack,
            pushes: vec![doc.push()],
            ..SyncRequest::default()
        };
        let Ok((response, _, _)) = conn.sync(&token, &request, round % 2 == 0).await else {
            break;
        };
        if let PushOutcome::Accepted { heads } = &response.results[0].outcome {
            doc.server_heads = heads.clone();
            acked.push(hash);
            acks.fetch_add(1, Ordering::SeqCst);
        }
        (since, ack) = (response.cursor, response.token);
    }
    acked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_sync_loses_no_acknowledged_change() {
    let fixture = Fixture::new();
    let mut server = Server::start(&fixture);
    let acks = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..4)
        .map(|n| tokio::spawn(keep_syncing(server.addr, n, Arc::clone(&acks))))
        .collect();
    while acks.load(Ordering::SeqCst) < 150 {
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    // Four clients have requests in flight right now.
    server.kill();
    let mut acked = Vec::new();
    for client in clients {
        acked.extend(client.await.expect("client task"));
    }
    assert!(acked.len() >= 150, "acknowledged {}", acked.len());

    let server = Server::start(&fixture);
    let mut conn = Conn::open(server.addr)
        .await
        .expect("connect after restart");
    let token = conn
        .login("mentor", [0x7f; 16])
        .await
        .expect("login after restart");
    let mut held: Vec<Automerge> = Vec::new();
    let mut request = SyncRequest::default();
    loop {
        let (response, _, _) = conn.sync(&token, &request, true).await.expect("pull");
        for update in response.docs {
            let DocBody::Snapshot(bytes) = update.body else {
                panic!("a new device gets snapshots");
            };
            held.push(Automerge::load(&bytes).expect("stored document loads"));
        }
        if response.remaining == 0 {
            break;
        }
        request = SyncRequest {
            since: response.cursor,
            ack: response.token,
            ..SyncRequest::default()
        };
    }
    let missing: Vec<_> = acked
        .iter()
        .filter(|h| !held.iter().any(|doc| doc.get_change_by_hash(h).is_some()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged changes lost",
        missing.len(),
        acked.len()
    );
}
