//! Test harness: N [`ClientSync`] replicas and the server logic over an in-memory network that
//! can drop, duplicate, reorder and truncate messages, partition devices and crash the server.
//! Each device's writes land on a [`Disk`], from which a device can be restarted.
//!
//! Everything is driven by explicit steps, so a failing proptest case replays exactly.

use std::collections::{BTreeMap, BTreeSet};

use automerge::{Automerge, transaction::Transactable};

use super::client::{ClientConfig, ClientEffects, ClientEvent, ClientSync, Millis};
use super::server::{DeviceContext, ServerConfig, handle_request};
use super::storage::{MemoryStore, ServerStore};
use super::types::{Access, DeviceId, DocHeader, DocId, ScopeSet};

mod disk;
mod measure;
mod tests;

pub(crate) use disk::Disk;

pub(crate) use super::storage::conformance::{header, place};

pub(crate) fn facility_access(f: &str) -> Access {
    let s = ScopeSet {
        facilities: [place(f)].into(),
        ..ScopeSet::default()
    };
    Access {
        read: s.clone(),
        write: s,
    }
}

pub(crate) fn district_access(d: &str) -> Access {
    let s = ScopeSet {
        districts: [place(d)].into(),
        ..ScopeSet::default()
    };
    Access {
        read: s.clone(),
        write: s,
    }
}

/// A message on the wire.
#[derive(Clone, Debug)]
pub(crate) enum Msg {
    Request {
        device: usize,
        request_id: u64,
        body: Vec<u8>,
    },
    Response {
        device: usize,
        request_id: u64,
        body: Vec<u8>,
    },
    Failure {
        device: usize,
        request_id: u64,
        reason: String,
    },
}

impl Msg {
    fn device(&self) -> usize {
        match self {
            Msg::Request { device, .. }
            | Msg::Response { device, .. }
            | Msg::Failure { device, .. } => *device,
        }
    }
}

#[derive(Debug)]
pub(crate) struct World {
    pub(crate) clients: Vec<ClientSync>,
    pub(crate) client_cfg: ClientConfig,
    /// What each device persisted (its IndexedDB).
    pub(crate) disks: Vec<Disk>,
    pub(crate) restarts: u64,
    pub(crate) contexts: Vec<DeviceContext>,
    /// Docs each device created itself (it may hold those even outside its scope).
    pub(crate) created: Vec<BTreeSet<DocId>>,
    /// Docs a device allowed to write them wrote with a newer schema version.
    pub(crate) upgraded: BTreeSet<DocId>,
    pub(crate) partitioned: Vec<bool>,
    pub(crate) store: MemoryStore,
    pub(crate) cfg: ServerConfig,
    pub(crate) net: Vec<Msg>,
    pub(crate) now: Millis,
    pub(crate) bytes_up: usize,
    pub(crate) bytes_down: usize,
    pub(crate) round_trips: usize,
    /// When set, every delivered body is kept (true = device to server), for measurements.
    pub(crate) captured: Option<Vec<(bool, Vec<u8>)>>,
}

impl World {
    pub(crate) fn new(accesses: Vec<Access>, cfg: ServerConfig) -> Self {
        Self::with_client_config(accesses, cfg, ClientConfig::default())
    }

    pub(crate) fn with_client_config(
        accesses: Vec<Access>,
        cfg: ServerConfig,
        client_cfg: ClientConfig,
    ) -> Self {
        let n = accesses.len();
        let clients = (0..n)
            .map(|i| ClientSync::new(device_id(i), client_cfg.clone(), i as u64 * 7919))
            .collect();
        let contexts = accesses
            .into_iter()
            .enumerate()
            .map(|(i, access)| DeviceContext {
                device: device_id(i),
                access,
                actor: None,
                places: None,
                quota_left: None,
            })
            .collect();
        Self {
            clients,
            client_cfg,
            disks: vec![Disk::default(); n],
            restarts: 0,
            contexts,
            created: vec![BTreeSet::new(); n],
            upgraded: BTreeSet::new(),
            partitioned: vec![false; n],
            store: MemoryStore::default(),
            cfg,
            net: Vec::new(),
            now: 1_000,
            bytes_up: 0,
            bytes_down: 0,
            round_trips: 0,
            captured: None,
        }
    }

    /// Carries out effects: persist (before sending, as the adapter does), then send.
    pub(crate) fn take(&mut self, device: usize, fx: ClientEffects) {
        self.disks[device].apply(&fx.persist);
        assert!(
            self.disks[device].max_blobs() < self.client_cfg.compact_at_blobs.max(2),
            "device {device} stores a document in too many blobs"
        );
        if let Some(out) = fx.send {
            self.net.push(Msg::Request {
                device,
                request_id: out.request_id,
                body: out.body,
            });
        }
    }

    pub(crate) fn event(&mut self, device: usize, event: ClientEvent) {
        let fx = self.clients[device].handle(self.now, event);
        self.take(device, fx);
    }

    /// Sets `key` to `value` in a document, creating it on this device if absent. Every fifth
    /// value is written by a newer app (schema version 2), so upgrades race with old writers.
    pub(crate) fn edit(
        &mut self,
        device: usize,
        doc_id: DocId,
        h: &DocHeader,
        key: &str,
        value: i64,
    ) {
        let now = self.now;
        if self.clients[device].doc(doc_id).is_none() {
            let fx = self.clients[device]
                .create_doc(now, doc_id, h.clone())
                .expect("new doc");
            self.take(device, fx);
            self.created[device].insert(doc_id);
        }
        let version = if value % 5 == 0 { 2 } else { h.schema_version };
        if version > h.schema_version && self.contexts[device].access.write.allows(&h.scope) {
            self.upgraded.insert(doc_id);
        }
        let (_, fx) = self.clients[device]
            .edit_as(now, doc_id, version, |doc| {
                let mut tx = doc.transaction();
                tx.put(automerge::ROOT, key, value).expect("put");
                tx.commit();
            })
            .expect("doc exists");
        self.take(device, fx);
    }

    /// Closes the app on a device and starts it again from its disk: messages to and from it
    /// are lost (a reload kills its fetches), every document comes back as it was in memory.
    pub(crate) fn restart(&mut self, device: usize) {
        self.net.retain(|m| m.device() != device);
        let before: BTreeMap<DocId, Vec<automerge::ChangeHash>> = self.clients[device]
            .doc_ids()
            .filter_map(|id| Some((id, self.clients[device].doc(id)?.get_heads())))
            .filter(|(_, heads)| !heads.is_empty())
            .collect();
        self.restarts += 1;
        let seed = device as u64 * 7919 + self.restarts;
        let saved = self.disks[device].saved();
        let (client, errors) =
            ClientSync::restore(device_id(device), self.client_cfg.clone(), seed, saved);
        assert!(errors.is_empty(), "device {device} storage: {errors:?}");
        for (id, heads) in before {
            assert_eq!(
                client.doc(id).map(Automerge::get_heads),
                Some(heads),
                "device {device} doc {id} did not come back from its disk"
            );
        }
        self.clients[device] = client;
        self.event(device, ClientEvent::Online);
    }

    /// Delivers (or loses, if partitioned) the message at `idx`.
    /// `crash`: 0 = none, 1 = server dies before commit, 2 = after commit but before answering.
    pub(crate) fn deliver(&mut self, idx: usize, truncate_at: Option<usize>, crash: u8) {
        if self.net.is_empty() {
            return;
        }
        let msg = self.net.remove(idx % self.net.len());
        if self.partitioned[msg.device()] {
            return;
        }
        match msg {
            Msg::Request {
                device,
                request_id,
                mut body,
            } => {
                if let Some(at) = truncate_at {
                    body.truncate(at % (body.len() + 1));
                }
                self.bytes_up += body.len();
                if let Some(c) = &mut self.captured {
                    c.push((true, body.clone()));
                }
                match handle_request(&self.store, &self.cfg, &self.contexts[device], &body) {
                    Ok(handled) => {
                        if crash == 1 {
                            return;
                        }
                        self.store.apply(handled.ops).expect("memory store");
                        if crash == 2 {
                            return;
                        }
                        let body = super::wire::encode_response(&handled.response);
                        self.net.push(Msg::Response {
                            device,
                            request_id,
                            body,
                        });
                    }
                    Err(e) => {
                        let reason = e.to_string();
                        self.net.push(Msg::Failure {
                            device,
                            request_id,
                            reason,
                        });
                    }
                }
            }
            Msg::Response {
                device,
                request_id,
                body,
            } => {
                self.bytes_down += body.len();
                if let Some(c) = &mut self.captured {
                    c.push((false, body.clone()));
                }
                self.round_trips += 1;
                self.event(device, ClientEvent::Response { request_id, body });
            }
            Msg::Failure {
                device,
                request_id,
                reason,
            } => {
                self.event(
                    device,
                    ClientEvent::Failed {
                        request_id,
                        reason,
                        offline: false,
                        retry_after_ms: None,
                    },
                );
            }
        }
    }

    /// Delivers everything in order until the network is empty.
    pub(crate) fn drain(&mut self) {
        let mut guard = 0;
        while !self.net.is_empty() {
            self.deliver(0, None, 0);
            guard += 1;
            assert!(guard < 10_000, "network never drained");
        }
    }

    /// One device syncs to completion (following up as it asks), on a healthy network.
    pub(crate) fn sync(&mut self, device: usize) {
        self.event(device, ClientEvent::SyncNow);
        self.drain();
    }

    /// Heals everything and syncs all devices until a full round changes nothing.
    pub(crate) fn quiesce(&mut self) {
        self.partitioned.iter_mut().for_each(|p| *p = false);
        self.net.clear();
        // Let every request in flight time out, so every device is free to sync.
        self.now += 3_600_000;
        for d in 0..self.clients.len() {
            self.event(d, ClientEvent::Online);
            self.event(d, ClientEvent::Tick);
        }
        self.drain();
        let mut last = None;
        for _ in 0..20 {
            for d in 0..self.clients.len() {
                self.sync(d);
            }
            let fingerprint = self.fingerprint();
            if last.as_ref() == Some(&fingerprint) {
                return;
            }
            last = Some(fingerprint);
        }
        panic!("no quiescence after 20 rounds");
    }

    fn fingerprint(&self) -> (Vec<Vec<automerge::ChangeHash>>, u64) {
        let f: Vec<_> = self
            .clients
            .iter()
            .flat_map(|c| {
                c.doc_ids()
                    .map(|id| c.doc(id).map(Automerge::get_heads).unwrap_or_default())
            })
            .collect();
        (f, self.store.last_seq().unwrap_or(0))
    }

    /// The server's copy of a document, loaded from storage the way a restarted server would.
    pub(crate) fn server_doc(&self, doc_id: DocId) -> Option<(DocHeader, Automerge)> {
        let stored = self.store.load_doc(doc_id).ok().flatten()?;
        let mut doc = match &stored.snapshot {
            Some(s) => Automerge::load(s).expect("stored snapshot loads"),
            None => Automerge::new(),
        };
        for c in &stored.changes {
            doc.load_incremental(c).expect("stored changes load");
        }
        Some((stored.header?, doc))
    }
}

pub(crate) fn device_id(i: usize) -> DeviceId {
    DeviceId([i as u8 + 1; 16])
}

/// Materialized content for comparison (the whole document tree).
pub(crate) fn content(doc: &Automerge) -> automerge::hydrate::Value {
    doc.hydrate(None)
}

/// Authors of every change in a document.
pub(crate) fn server_doc_actors(doc: &Automerge) -> BTreeSet<automerge::ActorId> {
    doc.get_changes(&[])
        .iter()
        .map(|c| c.actor_id().clone())
        .collect()
}
