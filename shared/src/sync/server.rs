//! The server side of sync as one pure function: request in, response and storage ops out.
//!
//! [`handle_request`] reads through [`ServerStore`] and decides; the adapter (axum + SQLite)
//! runs it and applies [`Handled::ops`] inside one write transaction, commits, and only then
//! sends [`Handled::response`]. If the commit fails, nothing was acknowledged and the device
//! retries; if the response is lost, the retry is harmless because applying Automerge changes
//! is idempotent and a document's sequence number only moves when its heads do.
//!
//! Pushes are judged one document at a time: a refusal (out of scope, header changed,
//! corrupt changes, forged author) is reported for that document and the rest are stored.

use std::collections::{BTreeSet, HashMap};

use automerge::{Automerge, ChangeHash};

use super::bounds::Caps;
use super::storage::{DeviceState, Pending, ServerStore, StoreOp, StoredDoc};
use super::types::{Access, DeviceId, DocHeader, DocId, Places};
use super::wire::{
    self, Limits, PushOutcome, PushResult, Refusal, SyncRequest, SyncResponse, WireError,
};
use crate::policy::Actor;

/// Tunables of the server logic.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub request_limits: Limits,
    /// Stop adding documents to a response past this many bytes of Automerge data.
    pub max_response_bytes: usize,
    pub max_response_docs: usize,
    /// Fold appended chunks into a fresh snapshot once a document has this many.
    pub compact_after_chunks: usize,
    /// What one change chunk may expand to (`sync::bounds`).
    pub change_caps: Caps,
    /// Ops and inflated bytes all the changes of one request may add up to.
    pub max_request_ops: u64,
    pub max_request_inflated_bytes: usize,
    /// Bytes of changes one user may have stored (see `DeviceContext::quota_left`).
    pub user_quota_bytes: u64,
    /// Operations one document may hold (its size once loaded).
    pub max_doc_ops: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            request_limits: Limits::REQUEST,
            max_response_bytes: 4 << 20,
            max_response_docs: 1_000,
            compact_after_chunks: 64,
            change_caps: Caps::CHANGE,
            max_request_ops: 1_000_000,
            max_request_inflated_bytes: 64 << 20,
            user_quota_bytes: 200 << 20,
            max_doc_ops: 500_000,
        }
    }
}

/// Who is asking, as established by the adapter from the login token.
#[derive(Clone, Debug)]
pub struct DeviceContext {
    pub device: DeviceId,
    pub access: Access,
    /// The signed-in user. With it, every push is judged by `policy` (known kind and schema
    /// version, then what the changes do); without it (the sync core's own tests and
    /// simulation) only scope and authorship are checked.
    pub actor: Option<Actor>,
    /// The place hierarchy: with it, a pushed header must name existing places.
    pub places: Option<Places>,
    /// Bytes of changes this user may still store; `None` for no quota.
    pub quota_left: Option<u64>,
}

/// The decision: what to store (in order, atomically), then what to answer.
#[derive(Debug)]
pub struct Handled {
    pub ops: Vec<StoreOp>,
    pub response: SyncResponse,
    /// Things the operator should know (e.g. a stored document that no longer loads).
    pub warnings: Vec<String>,
    /// Bytes of changes this request stores (counted against the user's quota).
    pub stored_bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError<E: std::error::Error + 'static> {
    /// The request is malformed or too large: answer 4xx, store nothing.
    #[error("invalid request: {0}")]
    BadRequest(#[from] WireError),
    #[error("storage failed: {0}")]
    Store(#[source] E),
}

/// Decodes and handles one request body.
pub fn handle_request<S: ServerStore>(
    store: &S,
    cfg: &ServerConfig,
    ctx: &DeviceContext,
    body: &[u8],
) -> Result<Handled, ServerError<S::Error>> {
    let prepared = prepare(body, cfg)?;
    handle_prepared(store, cfg, ctx, prepared)
}

#[derive(Debug)]
struct LoadedDoc {
    doc: Automerge,
    header: DocHeader,
    stored_chunks: usize,
}

struct Run<'a, S: ServerStore> {
    store: &'a S,
    cfg: &'a ServerConfig,
    ctx: &'a DeviceContext,
    ops: Vec<StoreOp>,
    warnings: Vec<String>,
    docs: HashMap<DocId, LoadedDoc>,
    /// Heads the device is known to hold, as changed by this request.
    known: HashMap<DocId, Option<Vec<ChangeHash>>>,
    forgot_all: bool,
    next_seq: u64,
    quota_left: Option<u64>,
    stored_bytes: u64,
    preloaded: HashMap<DocId, prepare::Preloaded>,
}

/// Handles an already decoded request.
pub fn handle_decoded<S: ServerStore>(
    store: &S,
    cfg: &ServerConfig,
    ctx: &DeviceContext,
    req: SyncRequest,
) -> Result<Handled, ServerError<S::Error>> {
    handle_prepared(store, cfg, ctx, prepare_decoded(req, cfg))
}

/// Handles a request [`prepare`]d outside the store: the store is read, Automerge applies the
/// changes, and the decision is returned as ops.
pub fn handle_prepared<S: ServerStore>(
    store: &S,
    cfg: &ServerConfig,
    ctx: &DeviceContext,
    prepared: Prepared,
) -> Result<Handled, ServerError<S::Error>> {
    let Prepared {
        req,
        parsed,
        preloaded,
    } = prepared;
    let device = ctx.device;
    let state = store
        .device(device)
        .map_err(ServerError::Store)?
        .unwrap_or_default();
    let last_seq = store.last_seq().map_err(ServerError::Store)?;
    let mut run = Run {
        store,
        cfg,
        ctx,
        ops: Vec::new(),
        warnings: Vec::new(),
        docs: HashMap::new(),
        known: HashMap::new(),
        forgot_all: false,
        next_seq: last_seq,
        quota_left: ctx.quota_left,
        stored_bytes: 0,
        preloaded,
    };
    if req.since == 0 && req.ack == 0 {
        // A device starting from nothing: whatever we thought it held is void.
        run.forgot_all = true;
        run.ops.push(StoreOp::ClearDeviceDocHeads { device });
    }
    let previous = state.pending.clone();
    let acked = previous
        .as_ref()
        .is_some_and(|p| p.token == req.ack && req.ack != 0);
    if let Some(p) = previous.as_ref().filter(|_| acked) {
        // The device applied exactly that response, so it holds at least those heads.
        for (doc_id, heads) in &p.docs {
            run.set_known(*doc_id, Some(heads.clone()));
        }
    }
    // A cursor from another scope, or from a server that has since lost updates, cannot
    // be trusted to cover everything: start over (known heads keep it cheap).
    //
    // A device acknowledging a response this server never issued (it was restored from a backup
    // taken before): the changes it pushed since may be gone, and it believes the server holds
    // them. It is told so (`restored`) and pushes everything again; its known heads, older than
    // the truth, are still a safe lower bound.
    let restored = req.ack > state.last_token;
    let since = if state.read_scope != ctx.access.read || req.since > last_seq || restored {
        0
    } else {
        req.since
    };
    for doc_id in &req.resync {
        run.set_known(*doc_id, None);
    }
    let mut results = Vec::with_capacity(req.pushes.len());
    let mut seen = BTreeSet::new();
    let mut pushed_changed = Vec::new();
    for (push, parsed) in req.pushes.into_iter().zip(parsed) {
        let doc_id = push.doc_id;
        let outcome = if seen.insert(doc_id) {
            run.push(push, parsed, &mut pushed_changed)
                .map_err(ServerError::Store)?
        } else {
            refused(
                Refusal::InvalidChanges,
                "document appears twice in one request",
            )
        };
        results.push(PushResult { doc_id, outcome });
    }
    let left = if run.forgot_all {
        Vec::new()
    } else {
        run.left_scope(&state, previous.as_ref(), acked)
            .map_err(ServerError::Store)?
    };
    let mut response = run.collect(since, &req.resync, &pushed_changed)?;
    response.results = results;
    response.left.clone_from(&left);
    response.restored = restored;
    let token = state.last_token + 1;
    response.token = token;
    let pending = Pending {
        token,
        docs: response
            .docs
            .iter()
            .map(|d| (d.doc_id, d.heads.clone()))
            .collect(),
        left,
    };
    let state = DeviceState {
        read_scope: ctx.access.read.clone(),
        last_token: token,
        pending: Some(pending),
    };
    run.ops.push(StoreOp::PutDevice { device, state });
    Ok(Handled {
        ops: run.ops,
        response,
        warnings: run.warnings,
        stored_bytes: run.stored_bytes,
    })
}

fn refused(reason: Refusal, detail: &str) -> PushOutcome {
    PushOutcome::Refused {
        reason,
        detail: detail.to_owned(),
    }
}

impl<S: ServerStore> Run<'_, S> {
    fn set_known(&mut self, doc_id: DocId, heads: Option<Vec<ChangeHash>>) {
        let device = self.ctx.device;
        self.ops.push(match &heads {
            Some(h) => StoreOp::PutDeviceDocHeads {
                device,
                doc_id,
                heads: h.clone(),
            },
            None => StoreOp::DropDeviceDocHeads { device, doc_id },
        });
        self.known.insert(doc_id, heads);
    }

    fn known(&self, doc_id: DocId) -> Result<Option<Vec<ChangeHash>>, S::Error> {
        match self.known.get(&doc_id) {
            Some(k) => Ok(k.clone()),
            None if self.forgot_all => Ok(None),
            None => self.store.device_doc_heads(self.ctx.device, doc_id),
        }
    }

    /// Loads a document into the request's cache; `Ok(false)` if absent or unreadable. A copy
    /// loaded before the transaction (`Prepared::preload`) is used if the document has not
    /// been updated since.
    fn load(&mut self, doc_id: DocId) -> Result<bool, S::Error> {
        if self.docs.contains_key(&doc_id) {
            return Ok(true);
        }
        let Some(stored) = self.store.load_doc(doc_id)? else {
            return Ok(false);
        };
        if let Some(pre) = self.preloaded.remove(&doc_id)
            && pre.seq == stored.seq
            && stored.header.as_ref() == Some(&pre.loaded.header)
        {
            self.docs.insert(doc_id, pre.loaded);
            return Ok(true);
        }
        match load_stored(&stored) {
            Some(Ok(loaded)) => {
                self.docs.insert(doc_id, loaded);
                Ok(true)
            }
            Some(Err(e)) => {
                self.warnings
                    .push(format!("stored document {doc_id} does not load: {e}"));
                Ok(false)
            }
            None => Ok(false),
        }
    }
}

/// A stored document as Automerge; `None` without a header.
fn load_stored(stored: &StoredDoc) -> Option<Result<LoadedDoc, automerge::AutomergeError>> {
    let header = stored.header.clone()?;
    let mut doc = match &stored.snapshot {
        Some(s) => Automerge::load(s),
        None => Ok(Automerge::new()),
    };
    for chunk in &stored.changes {
        doc = doc.and_then(|mut d| d.load_incremental(chunk).map(|_| d));
    }
    Some(doc.map(|doc| LoadedDoc {
        doc,
        header,
        stored_chunks: stored.changes.len(),
    }))
}

/// Error text for the device: short, no internals beyond Automerge's own message.
fn short(e: &dyn std::fmt::Display) -> String {
    let mut s = e.to_string();
    if s.len() > wire::MAX_DETAIL_LEN {
        let mut cut = wire::MAX_DETAIL_LEN;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

mod collect;
#[cfg(test)]
mod file_tests;
mod left;
mod prepare;
mod push;
#[cfg(test)]
mod restore_tests;

pub use prepare::{Prepared, prepare, prepare_decoded};

#[cfg(test)]
mod policy_tests;
#[cfg(test)]
mod tests;
