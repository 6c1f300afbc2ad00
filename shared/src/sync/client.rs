//! The device side of sync as a decide-then-do state machine.
//!
//! [`ClientSync`] holds the device's documents and its sync bookkeeping. The browser adapter
//! feeds it events with the current time ([`ClientSync::handle`]) and carries out the returned
//! [`ClientEffects`]: send this request body, persist these bytes (durably, before telling the
//! user "saved"), wake me at this time. It never reads a clock or a random source: time comes
//! in as `now`, and backoff jitter comes from a seed given at construction.

use std::collections::{BTreeMap, BTreeSet};

use automerge::{Automerge, ChangeHash};

use super::types::{DeviceId, DocHeader, DocId, has_change, sorted_heads};
use super::wire::{self, DocPush, Limits, Refusal, SyncRequest};

mod apply;
mod compact;
mod file;
mod status;

use compact::Stored;

pub use file::FileAnswer;
pub use status::{LeftScope, SyncFailure, SyncState, SyncStatus};

/// Milliseconds since the Unix epoch, as given by the adapter.
pub type Millis = u64;

#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Wait this long after a local edit before syncing, so a burst of edits goes together.
    pub debounce_ms: u64,
    /// Sync this often when nothing else triggers it.
    pub periodic_ms: u64,
    /// Give up on a request after this long (the adapter should abort the fetch).
    pub request_timeout_ms: u64,
    pub backoff_base_ms: u64,
    /// The longest wait between retries while the page is hidden.
    pub backoff_max_ms: u64,
    /// The longest wait between retries while the app is open and visible: a returning
    /// connection (the server restarted, Wi-Fi back) must not go unnoticed for minutes.
    pub visible_backoff_max_ms: u64,
    /// The longest a server's `Retry-After` is obeyed for (a wrong or hostile value must not
    /// park a tablet's work for days).
    pub retry_after_max_ms: u64,
    /// Push at most this many documents / bytes per request; the rest follow at once.
    pub max_push_docs: usize,
    pub max_push_bytes: usize,
    /// Consecutive immediate follow-up requests before falling back to the periodic timer.
    pub max_follow_ups: u32,
    pub response_limits: Limits,
    /// A write that would make a document's stored blobs reach this many writes one snapshot
    /// instead (see `compact.rs` for why 32).
    pub compact_at_blobs: usize,
    /// ... or one whose incremental bytes would exceed both the snapshot and this floor.
    pub compact_min_bytes: usize,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            debounce_ms: 2_000,
            periodic_ms: 5 * 60_000,
            request_timeout_ms: 60_000,
            backoff_base_ms: 1_000,
            backoff_max_ms: 5 * 60_000,
            visible_backoff_max_ms: 30_000,
            retry_after_max_ms: 60 * 60_000,
            max_push_docs: 500,
            max_push_bytes: 2 << 20,
            max_follow_ups: 50,
            response_limits: Limits::RESPONSE,
            compact_at_blobs: 32,
            compact_min_bytes: 8 << 10,
        }
    }
}

/// One document on the device.
#[derive(Debug)]
pub(crate) struct ClientDoc {
    pub(crate) header: DocHeader,
    pub(crate) doc: Automerge,
    /// Heads the server is known to hold (sorted).
    pub(crate) server_heads: Vec<ChangeHash>,
    /// The device holds changes the server is not known to hold.
    pub(crate) unsynced: bool,
    /// The server refused the document at these heads; do not push again until it changes.
    pub(crate) refused: Option<(Vec<ChangeHash>, Refusal, String)>,
    /// What the device store holds for it, as far as this core asked it to store.
    pub(crate) stored: Stored,
}

impl ClientDoc {
    fn recompute_unsynced(&mut self) {
        let server_heads_known = self.server_heads.iter().all(|h| has_change(&self.doc, h));
        self.unsynced = if server_heads_known {
            sorted_heads(self.doc.get_heads()) != self.server_heads
                && !self.doc.get_changes(&self.server_heads).is_empty()
        } else {
            // We lack server changes (a resync is pending); push once they have arrived.
            false
        };
    }
    fn pushable(&self) -> bool {
        self.unsynced
            && self
                .refused
                .as_ref()
                .is_none_or(|(h, _, _)| *h != sorted_heads(self.doc.get_heads()))
    }
}

/// Something that happened, as the adapter reports it.
#[derive(Clone, Debug)]
pub enum ClientEvent {
    /// A timer fired (the adapter sets one for [`ClientEffects::wake_at`]).
    Tick,
    /// The browser went online / offline.
    Online,
    Offline,
    /// The user asked to sync now.
    SyncNow,
    /// The page became visible or gained focus: someone is looking, so a failed sync is retried
    /// at once and then at most every [`ClientConfig::visible_backoff_max_ms`].
    Visible,
    /// The page was hidden: retries fall back to the long backoff.
    Hidden,
    /// The body of a 2xx response to the request with this id.
    Response {
        request_id: u64,
        body: Vec<u8>,
    },
    /// The request failed: no connection, a timeout, or a non-2xx status.
    Failed {
        request_id: u64,
        reason: String,
        offline: bool,
        /// The answer's `Retry-After` in milliseconds (a 503 `storage_full`, a 429): no attempt
        /// is made before it has passed (at most [`ClientConfig::retry_after_max_ms`]), not even
        /// on `Online` or `Visible`; only `SyncNow`, the user's own request, overrides it.
        retry_after_ms: Option<u64>,
    },
}

/// A request to send: `POST` `body` to the sync endpoint, then report back with `request_id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub request_id: u64,
    pub body: Vec<u8>,
}

/// A write the adapter must make durable (IndexedDB, strict durability).
#[derive(Clone, Debug, PartialEq)]
pub enum ClientPersist {
    /// Append to the document's stored blobs (a header is stored with the first blob); each
    /// blob is `Automerge::load_incremental` input.
    DocBytes {
        doc_id: DocId,
        header: DocHeader,
        bytes: Vec<u8>,
    },
    /// Replace *all* of the document's stored blobs with this one (`Automerge::save()` output),
    /// in one transaction: a crash leaves either the old blobs or the snapshot. Emitted instead
    /// of an append once enough blobs or bytes have piled up, and for the first bytes stored.
    Compact {
        doc_id: DocId,
        header: DocHeader,
        bytes: Vec<u8>,
    },
    DocServerHeads {
        doc_id: DocId,
        heads: Vec<ChangeHash>,
    },
    Cursor {
        cursor: u64,
        ack: u64,
    },
    /// Remove the document and everything stored for it (it left the user's scope).
    Forget {
        doc_id: DocId,
    },
    /// The documents to fetch whole at the next sync (replaces the stored list). Kept because the
    /// cursor has already moved past the updates that put them there: without it, a restart
    /// would forget them until they changed again on the server.
    Resync {
        docs: Vec<DocId>,
    },
}

/// What to do now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientEffects {
    pub send: Option<Outgoing>,
    pub persist: Vec<ClientPersist>,
    /// Deliver a [`ClientEvent::Tick`] at this time (replaces any earlier timer).
    pub wake_at: Option<Millis>,
}

/// What the adapter saved, handed back at start-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientSaved {
    pub cursor: u64,
    pub ack: u64,
    pub docs: Vec<SavedDoc>,
    /// The last [`ClientPersist::Resync`] list.
    pub resync: Vec<DocId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SavedDoc {
    pub doc_id: DocId,
    pub header: DocHeader,
    pub blobs: Vec<Vec<u8>>,
    pub server_heads: Vec<ChangeHash>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    #[error("document {0} already exists")]
    AlreadyExists(DocId),
    #[error("document {0} does not exist")]
    NoSuchDoc(DocId),
    #[error("stored document {0} does not load: {1}")]
    Corrupt(DocId, String),
}

#[derive(Debug)]
struct InFlight {
    request_id: u64,
    sent_at: Millis,
    pushed: BTreeMap<DocId, Vec<ChangeHash>>,
    resync: Vec<DocId>,
}

/// The device's sync engine. See the module docs.
#[derive(Debug)]
pub struct ClientSync {
    device: DeviceId,
    cfg: ClientConfig,
    docs: BTreeMap<DocId, ClientDoc>,
    cursor: u64,
    ack: u64,
    resync: BTreeSet<DocId>,
    /// The resync list as last persisted, so a change to it is written with the same batch.
    stored_resync: BTreeSet<DocId>,
    in_flight: Option<InFlight>,
    next_request_id: u64,
    /// What the browser says (`online`/`offline` events).
    online: bool,
    /// The last request could not reach the server although the browser said online (a dead
    /// access point, the server down). Shown as offline, but retried with backoff: waiting for an
    /// `online` event that never comes would strand the device's work.
    unreachable: bool,
    next_attempt: Option<Millis>,
    /// The server asked for no attempt before this time (`Retry-After`); cleared by an answer.
    not_before: Option<Millis>,
    failures: u32,
    /// The page is visible (the adapter reports `visibilitychange` and focus).
    visible: bool,
    follow_ups: u32,
    rng: u64,
    last_success: Option<Millis>,
    last_error: Option<(SyncFailure, String)>,
    received_this_run: u64,
    remaining: u64,
    /// Documents the server said left the user's scope, kept until their own changes are pushed.
    leaving: BTreeSet<DocId>,
    left: LeftScope,
}

impl ClientSync {
    /// A device with nothing stored yet. `seed` drives backoff jitter.
    pub fn new(device: DeviceId, cfg: ClientConfig, seed: u64) -> Self {
        Self {
            device,
            cfg,
            docs: BTreeMap::new(),
            cursor: 0,
            ack: 0,
            resync: BTreeSet::new(),
            stored_resync: BTreeSet::new(),
            in_flight: None,
            next_request_id: 1,
            online: true,
            unreachable: false,
            next_attempt: Some(0),
            not_before: None,
            failures: 0,
            visible: true,
            follow_ups: 0,
            rng: seed,
            last_success: None,
            last_error: None,
            received_this_run: 0,
            remaining: 0,
            leaving: BTreeSet::new(),
            left: LeftScope::default(),
        }
    }

    /// Rebuilds from what the adapter persisted. Documents that do not load are skipped and
    /// reported; they are re-fetched whole from the server.
    pub fn restore(
        device: DeviceId,
        cfg: ClientConfig,
        seed: u64,
        saved: ClientSaved,
    ) -> (Self, Vec<ClientError>) {
        let mut me = Self::new(device, cfg, seed);
        me.cursor = saved.cursor;
        me.ack = saved.ack;
        me.stored_resync = saved.resync.iter().copied().collect();
        me.resync.clone_from(&me.stored_resync);
        let mut errors = Vec::new();
        for s in saved.docs {
            let mut doc = Automerge::new().with_actor(device.actor());
            let loaded = s
                .blobs
                .iter()
                .try_for_each(|b| doc.load_incremental(b).map(|_| ()));
            if let Err(e) = loaded {
                errors.push(ClientError::Corrupt(s.doc_id, e.to_string()));
                me.resync.insert(s.doc_id);
                continue;
            }
            let server_heads = sorted_heads(s.server_heads);
            let mut cd = ClientDoc {
                header: s.header,
                doc,
                server_heads,
                unsynced: false,
                refused: None,
                stored: Stored::from_blobs(&s.blobs),
            };
            cd.recompute_unsynced();
            if !cd.server_heads.iter().all(|h| has_change(&cd.doc, h)) {
                me.resync.insert(s.doc_id);
            }
            me.docs.insert(s.doc_id, cd);
        }
        (me, errors)
    }

    pub fn device(&self) -> DeviceId {
        self.device
    }
    pub fn doc(&self, doc_id: DocId) -> Option<&Automerge> {
        self.docs.get(&doc_id).map(|d| &d.doc)
    }
    pub fn header(&self, doc_id: DocId) -> Option<&DocHeader> {
        self.docs.get(&doc_id).map(|d| &d.header)
    }
    pub fn doc_ids(&self) -> impl Iterator<Item = DocId> + '_ {
        self.docs.keys().copied()
    }

    /// Creates an empty document with an id made on the device.
    pub fn create_doc(
        &mut self,
        now: Millis,
        doc_id: DocId,
        header: DocHeader,
    ) -> Result<ClientEffects, ClientError> {
        if self.docs.contains_key(&doc_id) {
            return Err(ClientError::AlreadyExists(doc_id));
        }
        let doc = Automerge::new().with_actor(self.device.actor());
        let cd = ClientDoc {
            header,
            doc,
            server_heads: Vec::new(),
            unsynced: true,
            refused: None,
            stored: Stored::default(),
        };
        self.docs.insert(doc_id, cd);
        self.schedule_soon(now);
        Ok(self.effects(now, Vec::new()))
    }

    /// Edits a document (e.g. `|doc| doc.transact(|tx| reconcile(tx, &visit))`), returning the
    /// bytes to persist before the UI shows the edit as saved. The `documents` writers stamp
    /// their changes with `now` (`fields::at_time`): the time the history of changes shows.
    ///
    /// The effects cover every change `f` committed, whatever `f` returns: a closure that
    /// commits a transaction and then fails has still changed the document in memory, so the
    /// adapter must persist them even when it reports the failure.
    pub fn edit<R>(
        &mut self,
        now: Millis,
        doc_id: DocId,
        f: impl FnOnce(&mut Automerge) -> R,
    ) -> Result<(R, ClientEffects), ClientError> {
        let cd = self
            .docs
            .get_mut(&doc_id)
            .ok_or(ClientError::NoSuchDoc(doc_id))?;
        let before = cd.doc.get_heads();
        let secs = i64::try_from(now / 1000).unwrap_or(i64::MAX);
        let out = crate::documents::fields::at_time(secs, || f(&mut cd.doc));
        let mut persist = Vec::new();
        if cd.doc.get_heads() != before {
            persist.push(cd.persist_since(doc_id, &before, &self.cfg));
            cd.recompute_unsynced();
            self.schedule_soon(now);
        }
        Ok((out, self.effects(now, persist)))
    }

    /// Like [`edit`](Self::edit), for a writer whose body shape is `schema_version`: raises
    /// the document's header to it first (never lowers it), so the change is stored and pushed
    /// with the new version. `f` runs the migrations and the edit (see `documents::schema`).
    pub fn edit_as<R>(
        &mut self,
        now: Millis,
        doc_id: DocId,
        schema_version: u32,
        f: impl FnOnce(&mut Automerge) -> R,
    ) -> Result<(R, ClientEffects), ClientError> {
        let cd = self
            .docs
            .get_mut(&doc_id)
            .ok_or(ClientError::NoSuchDoc(doc_id))?;
        let previous = cd.header.schema_version;
        let before = cd.doc.get_heads();
        cd.header.schema_version = previous.max(schema_version);
        let (out, effects) = self.edit(now, doc_id, f)?;
        if let Some(cd) = self.docs.get_mut(&doc_id)
            && cd.doc.get_heads() == before
        {
            // Nothing was written: the header must not claim a shape the body does not have.
            cd.header.schema_version = previous;
        }
        Ok((out, effects))
    }

    /// Feeds one event; returns what to do.
    pub fn handle(&mut self, now: Millis, event: ClientEvent) -> ClientEffects {
        let mut persist = Vec::new();
        match event {
            ClientEvent::Tick => {
                let timed_out = self
                    .in_flight
                    .as_ref()
                    .is_some_and(|f| now.saturating_sub(f.sent_at) >= self.cfg.request_timeout_ms);
                if timed_out {
                    self.fail(
                        now,
                        SyncFailure::TimedOut,
                        "the server did not answer in time".to_owned(),
                        None,
                    );
                }
            }
            ClientEvent::Online => {
                self.online = true;
                self.unreachable = false;
                self.failures = 0;
                self.next_attempt = Some(self.not_before.map_or(now, |t| t.max(now)));
            }
            ClientEvent::Offline => self.online = false,
            ClientEvent::SyncNow => {
                self.follow_ups = 0;
                self.not_before = None;
                self.next_attempt = Some(now);
            }
            ClientEvent::Visible => {
                self.visible = true;
                if self.failures > 0 && self.in_flight.is_none() {
                    self.next_attempt = Some(self.not_before.map_or(now, |t| t.max(now)));
                }
            }
            ClientEvent::Hidden => self.visible = false,
            ClientEvent::Response { request_id, body } => {
                if self
                    .in_flight
                    .as_ref()
                    .is_some_and(|f| f.request_id == request_id)
                {
                    self.unreachable = false;
                    self.not_before = None;
                    persist = self.on_response(now, &body);
                }
            }
            ClientEvent::Failed {
                request_id,
                reason,
                offline,
                retry_after_ms,
            } => {
                if self
                    .in_flight
                    .as_ref()
                    .is_some_and(|f| f.request_id == request_id)
                {
                    self.unreachable = offline;
                    self.fail(now, SyncFailure::Request, reason, retry_after_ms);
                }
            }
        }
        self.effects(now, persist)
    }

    fn schedule_soon(&mut self, now: Millis) {
        let at = now + self.cfg.debounce_ms;
        self.follow_ups = 0;
        self.next_attempt = Some(self.next_attempt.map_or(at, |t| t.min(at)));
    }

    fn fail(
        &mut self,
        now: Millis,
        failure: SyncFailure,
        reason: String,
        retry_after_ms: Option<u64>,
    ) {
        self.in_flight = None;
        self.failures = self.failures.saturating_add(1);
        self.last_error = Some((failure, reason));
        let exp = self.failures.saturating_sub(1).min(20);
        let cap = if self.visible {
            self.cfg.visible_backoff_max_ms.min(self.cfg.backoff_max_ms)
        } else {
            self.cfg.backoff_max_ms
        };
        let delay = self.cfg.backoff_base_ms.saturating_mul(1 << exp).min(cap);
        // "Equal jitter": half fixed, half random, so devices that failed together spread out.
        let jitter = self.next_random() % (delay / 2 + 1);
        let backoff = now + delay / 2 + jitter;
        // The server said when it can take a request again: never sooner than that.
        self.not_before =
            retry_after_ms.map(|ms| now.saturating_add(ms.min(self.cfg.retry_after_max_ms)));
        self.next_attempt = Some(self.not_before.map_or(backoff, |t| t.max(backoff)));
    }

    /// splitmix64: tiny, deterministic, good enough for jitter.
    fn next_random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Starts a request if one is due, and says when to wake next.
    fn effects(&mut self, now: Millis, mut persist: Vec<ClientPersist>) -> ClientEffects {
        if self.resync != self.stored_resync {
            persist.push(ClientPersist::Resync {
                docs: self.resync.iter().copied().collect(),
            });
            self.stored_resync.clone_from(&self.resync);
        }
        let mut fx = ClientEffects {
            persist,
            ..ClientEffects::default()
        };
        let due = self.next_attempt.is_some_and(|t| t <= now);
        if due && self.online && self.in_flight.is_none() {
            fx.send = Some(self.build_request(now));
        }
        let timeout = self
            .in_flight
            .as_ref()
            .map(|f| f.sent_at + self.cfg.request_timeout_ms);
        fx.wake_at = match (timeout, self.next_attempt) {
            (Some(t), _) => Some(t),
            (None, Some(a)) if self.online => Some(a),
            _ => None,
        };
        fx
    }

    fn build_request(&mut self, now: Millis) -> Outgoing {
        let (req, pushed) = self.next_request();
        let request_id = self.next_request_id;
        self.next_request_id += 1;
        self.next_attempt = None;
        self.in_flight = Some(InFlight {
            request_id,
            sent_at: now,
            pushed,
            resync: req.resync.clone(),
        });
        Outgoing {
            request_id,
            body: wire::encode_request(&req),
        }
    }

    /// What the next request carries: the pushable documents within the push budget, the
    /// resync list and the cursor; and the heads each push was made at.
    fn next_request(&self) -> (SyncRequest, BTreeMap<DocId, Vec<ChangeHash>>) {
        let mut pushes = Vec::new();
        let mut pushed = BTreeMap::new();
        let mut bytes = 0usize;
        for (doc_id, cd) in self.docs.iter().filter(|(_, d)| d.pushable()) {
            if pushes.len() >= self.cfg.max_push_docs
                || (bytes >= self.cfg.max_push_bytes && !pushes.is_empty())
            {
                break;
            }
            let changes: Vec<Vec<u8>> = cd
                .doc
                .get_changes(&cd.server_heads)
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect();
            bytes += changes.iter().map(Vec::len).sum::<usize>();
            let heads = sorted_heads(cd.doc.get_heads());
            pushed.insert(*doc_id, heads.clone());
            pushes.push(DocPush {
                doc_id: *doc_id,
                header: cd.header.clone(),
                heads,
                changes,
            });
        }
        let resync: Vec<DocId> = self
            .resync
            .iter()
            .copied()
            .take(Limits::REQUEST.max_resync)
            .collect();
        let req = SyncRequest {
            since: self.cursor,
            ack: self.ack,
            resync,
            pushes,
        };
        (req, pushed)
    }
}

#[cfg(test)]
mod tests;
