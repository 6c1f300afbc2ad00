//! Property: whatever the network and the server do, once everything heals and every device
//! syncs until nothing changes, each device and the server hold identical documents for every
//! document in that device's read scope, and no device ever holds another author's changes
//! to a document outside its scope. Devices restart from their disks at random points (with
//! a tiny compaction threshold in one run), and at the end every device restarts once more
//! before the check, so what a device persisted is what is compared.

use automerge::Automerge;
use proptest::prelude::*;

use super::{
    World, content, device_id, district_access, facility_access, header, server_doc_actors,
};
use crate::sync::client::ClientConfig;
use crate::sync::server::ServerConfig;
use crate::sync::types::{DocHeader, DocId};

/// Documents: three in facility f1, two in f2 (district d1), two in f3 (district d2), one
/// district-level document in d1.
fn docs() -> Vec<(DocId, DocHeader)> {
    let scopes = [
        ("d1", Some("f1")),
        ("d1", Some("f1")),
        ("d1", Some("f1")),
        ("d1", Some("f2")),
        ("d1", Some("f2")),
        ("d2", Some("f3")),
        ("d2", Some("f3")),
        ("d1", None),
    ];
    scopes
        .iter()
        .enumerate()
        .map(|(i, (d, f))| (DocId([0xA0 + i as u8; 16]), header(d, *f)))
        .collect()
}

/// Two tablets at facility f1 (concurrent edits to the same documents), a supervisor for
/// district d1, a mentor at f3.
fn world(cfg: ServerConfig, client_cfg: ClientConfig) -> World {
    World::with_client_config(
        vec![
            facility_access("f1"),
            facility_access("f1"),
            district_access("d1"),
            facility_access("f3"),
        ],
        cfg,
        client_cfg,
    )
}

#[derive(Clone, Debug)]
enum Step {
    /// Any device may try any document; out-of-scope writes must be refused.
    Edit {
        device: usize,
        doc: usize,
        key: u8,
        value: i64,
    },
    Sync {
        device: usize,
    },
    Deliver {
        idx: usize,
    },
    Truncate {
        idx: usize,
        at: usize,
    },
    Crash {
        idx: usize,
        after_commit: bool,
    },
    Drop {
        idx: usize,
    },
    Duplicate {
        idx: usize,
    },
    Partition {
        device: usize,
        cut: bool,
    },
    Advance {
        ms: u64,
    },
    /// The app is closed and opened again (tab reload, tablet reboot).
    Restart {
        device: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0..4usize, 0..8usize, 0..4u8, any::<i64>())
            .prop_map(|(device, doc, key, value)| Step::Edit { device, doc, key, value }),
        3 => (0..4usize).prop_map(|device| Step::Sync { device }),
        6 => any::<usize>().prop_map(|idx| Step::Deliver { idx }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(idx, at)| Step::Truncate { idx, at }),
        1 => (any::<usize>(), any::<bool>())
            .prop_map(|(idx, after_commit)| Step::Crash { idx, after_commit }),
        1 => any::<usize>().prop_map(|idx| Step::Drop { idx }),
        1 => any::<usize>().prop_map(|idx| Step::Duplicate { idx }),
        1 => (0..4usize, any::<bool>()).prop_map(|(device, cut)| Step::Partition { device, cut }),
        2 => (0..120_000u64).prop_map(|ms| Step::Advance { ms }),
        1 => (0..4usize).prop_map(|device| Step::Restart { device }),
    ]
}

fn run(steps: &[Step], cfg: ServerConfig, client_cfg: ClientConfig) {
    let docs = docs();
    let mut w = world(cfg, client_cfg);
    for s in steps {
        match s {
            Step::Edit {
                device,
                doc,
                key,
                value,
            } => {
                let (id, h) = &docs[*doc];
                w.edit(*device, *id, h, &format!("k{key}"), *value);
            }
            Step::Sync { device } => w.event(*device, crate::sync::ClientEvent::SyncNow),
            Step::Deliver { idx } => w.deliver(*idx, None, 0),
            Step::Truncate { idx, at } => w.deliver(*idx, Some(*at), 0),
            Step::Crash { idx, after_commit } => w.deliver(*idx, None, 1 + u8::from(*after_commit)),
            Step::Drop { idx } => {
                if !w.net.is_empty() {
                    let i = idx % w.net.len();
                    w.net.remove(i);
                }
            }
            Step::Duplicate { idx } => {
                if !w.net.is_empty() {
                    let m = w.net[idx % w.net.len()].clone();
                    w.net.push(m);
                }
            }
            Step::Partition { device, cut } => w.partitioned[*device] = *cut,
            Step::Advance { ms } => {
                w.now += ms;
                for d in 0..w.clients.len() {
                    w.event(d, crate::sync::ClientEvent::Tick);
                }
            }
            Step::Restart { device } => w.restart(*device),
        }
    }
    w.quiesce();
    for d in 0..w.clients.len() {
        w.restart(d);
    }
    check_converged(&w, &docs);
}

fn check_converged(w: &World, docs: &[(DocId, DocHeader)]) {
    for (id, h) in docs {
        let server = w.server_doc(*id);
        if let Some((stored_header, doc)) = &server {
            assert!(
                stored_header.same_home(h),
                "server keeps the creator's kind and scope"
            );
            let expected = if w.upgraded.contains(id) { 2 } else { 1 };
            assert_eq!(
                stored_header.schema_version, expected,
                "doc {id}: the schema version is the highest any writer used"
            );
            for actor in server_doc_actors(doc) {
                let writer = (0..w.contexts.len()).find(|i| device_id(*i).actor() == actor);
                let writer = writer.expect("every stored change has a known author");
                assert!(
                    w.contexts[writer].access.write.allows(&h.scope),
                    "server stored a write from device {writer} outside its scope"
                );
            }
        }
        for (d, client) in w.clients.iter().enumerate() {
            let readable = w.contexts[d].access.read.allows(&h.scope);
            let local = client.doc(*id);
            if readable {
                let server_heads = server
                    .as_ref()
                    .map(|(_, s)| s.get_heads())
                    .unwrap_or_default();
                let local_heads = local.map(Automerge::get_heads).unwrap_or_default();
                assert_eq!(
                    local_heads,
                    server_heads,
                    "device {d} doc {id} heads differ from server; status {:?}",
                    client.status()
                );
                if let Some((stored_header, _)) = &server {
                    assert_eq!(
                        client.header(*id),
                        Some(stored_header),
                        "device {d} doc {id} header differs from the server's"
                    );
                }
                if let (Some(l), Some((_, s))) = (local, &server) {
                    assert_eq!(
                        content(l),
                        content(s),
                        "device {d} doc {id} content differs"
                    );
                }
            } else if let Some(l) = local {
                assert!(
                    w.created[d].contains(id),
                    "device {d} received out-of-scope doc {id}"
                );
                let mine = device_id(d).actor();
                assert!(
                    server_doc_actors(l).into_iter().all(|a| a == mine),
                    "device {d} holds someone else's changes to out-of-scope doc {id}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge(steps in prop::collection::vec(step(), 0..70)) {
        run(&steps, ServerConfig::default(), ClientConfig::default());
    }

    /// Tiny response budgets force truncated responses and cursor follow-ups; frequent
    /// compaction on the server and on the devices exercises snapshots.
    #[test]
    fn replicas_converge_with_tiny_budgets(steps in prop::collection::vec(step(), 0..50)) {
        let cfg = ServerConfig {
            max_response_docs: 1,
            max_response_bytes: 200,
            compact_after_chunks: 3,
            ..ServerConfig::default()
        };
        let client_cfg = ClientConfig {
            compact_at_blobs: 3,
            ..ClientConfig::default()
        };
        run(&steps, cfg, client_cfg);
    }
}

#[test]
fn concurrent_edits_on_two_tablets_merge() {
    let docs = docs();
    let (id, h) = &docs[0];
    let mut w = world(ServerConfig::default(), ClientConfig::default());
    w.edit(0, *id, h, "a", 1);
    w.sync(0);
    w.sync(1);
    w.edit(0, *id, h, "a", 2);
    w.edit(1, *id, h, "b", 3);
    w.sync(0);
    w.sync(1);
    w.sync(0);
    w.sync(2);
    let s = w.server_doc(*id).expect("on server").1;
    for d in 0..3 {
        let l = w.clients[d].doc(*id).expect("synced");
        assert_eq!(l.get_heads(), s.get_heads(), "device {d}");
        assert_eq!(content(l), content(&s), "device {d}");
    }
    assert!(
        w.clients[3].doc(*id).is_none(),
        "f3 mentor never sees an f1 document"
    );
}
