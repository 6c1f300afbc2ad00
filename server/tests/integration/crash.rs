//! The real binary, SIGKILLed while devices sync: every change it acknowledged is still there
//! after a restart on the same data folder. `benches/soak.rs` repeats this 200 times.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use automerge::ChangeHash;

use super::crash_harness::{Device, Server, missing, pull_all};
use super::support::Fixture;

/// Edits and pushes one document per request until the server stops answering; returns the
/// hashes of changes the server acknowledged.
async fn keep_syncing(
    addr: std::net::SocketAddr,
    n: u8,
    acks: Arc<AtomicUsize>,
) -> Vec<ChangeHash> {
    let mut device = Device::new(n);
    for _ in 0..5_000usize {
        let Ok(acked) = device.edit_and_push(addr).await else {
            break;
        };
        acks.fetch_add(acked, Ordering::SeqCst);
    }
    device.acked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_sync_loses_no_acknowledged_change() {
    let fixture = Fixture::new();
    let data = fixture.db_path();
    let data = data.parent().unwrap_or(Path::new("data"));
    let mut server = Server::start(data, &fixture.site(), 0);
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

    let server = Server::start(data, &fixture.site(), 0);
    let held = pull_all(server.addr, [0x7f; 16])
        .await
        .expect("pull after restart");
    let missing = missing(&acked, &held);
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged changes lost",
        missing.len(),
        acked.len()
    );
}
