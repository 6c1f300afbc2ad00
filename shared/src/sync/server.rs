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

use automerge::{Automerge, Change, ChangeHash};

use super::storage::{DeviceState, Pending, ServerStore, StoreOp};
use super::types::{Access, DeviceId, DocHeader, DocId, has_change, sorted_heads};
use super::wire::{
    self, DocPush, Limits, PushOutcome, PushResult, Refusal, SyncRequest, SyncResponse, WireError,
};

/// Tunables of the server logic.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub request_limits: Limits,
    /// Stop adding documents to a response past this many bytes of Automerge data.
    pub max_response_bytes: usize,
    pub max_response_docs: usize,
    /// Fold appended chunks into a fresh snapshot once a document has this many.
    pub compact_after_chunks: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            request_limits: Limits::REQUEST,
            max_response_bytes: 4 << 20,
            max_response_docs: 1_000,
            compact_after_chunks: 64,
        }
    }
}

/// Who is asking, as established by the adapter from the login token.
#[derive(Clone, Debug)]
pub struct DeviceContext {
    pub device: DeviceId,
    pub access: Access,
}

/// The decision: what to store (in order, atomically), then what to answer.
#[derive(Debug)]
pub struct Handled {
    pub ops: Vec<StoreOp>,
    pub response: SyncResponse,
    /// Things the operator should know (e.g. a stored document that no longer loads).
    pub warnings: Vec<String>,
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
    let req = wire::decode_request(body, &cfg.request_limits)?;
    handle_decoded(store, cfg, ctx, req)
}

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
}

/// Handles an already decoded request.
pub fn handle_decoded<S: ServerStore>(
    store: &S,
    cfg: &ServerConfig,
    ctx: &DeviceContext,
    req: SyncRequest,
) -> Result<Handled, ServerError<S::Error>> {
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
    };
    if req.since == 0 && req.ack == 0 {
        // A device starting from nothing: whatever we thought it held is void.
        run.forgot_all = true;
        run.ops.push(StoreOp::ClearDeviceDocHeads { device });
    }
    if let Some(p) = state.pending.filter(|p| p.token == req.ack && req.ack != 0) {
        // The device applied exactly that response, so it holds at least those heads.
        for (doc_id, heads) in p.docs {
            run.set_known(doc_id, Some(heads));
        }
    }
    // A cursor from another scope, or from a server that has since lost updates, cannot
    // be trusted to cover everything: start over (known heads keep it cheap).
    let since = if state.read_scope != ctx.access.read || req.since > last_seq {
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
    for push in req.pushes {
        let doc_id = push.doc_id;
        let outcome = if seen.insert(doc_id) {
            run.push(push, &mut pushed_changed)
                .map_err(ServerError::Store)?
        } else {
            refused(
                Refusal::InvalidChanges,
                "document appears twice in one request",
            )
        };
        results.push(PushResult { doc_id, outcome });
    }
    let mut response = run.collect(since, &req.resync, &pushed_changed)?;
    response.results = results;
    let token = state.last_token + 1;
    response.token = token;
    let pending = Pending {
        token,
        docs: response
            .docs
            .iter()
            .map(|d| (d.doc_id, d.heads.clone()))
            .collect(),
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

    /// Loads a document into the request's cache; `Ok(false)` if absent or unreadable.
    fn load(&mut self, doc_id: DocId) -> Result<bool, S::Error> {
        if self.docs.contains_key(&doc_id) {
            return Ok(true);
        }
        let Some(stored) = self.store.load_doc(doc_id)? else {
            return Ok(false);
        };
        let Some(header) = stored.header else {
            return Ok(false);
        };
        let mut doc = match &stored.snapshot {
            Some(s) => Automerge::load(s),
            None => Ok(Automerge::new()),
        };
        for chunk in &stored.changes {
            doc = doc.and_then(|mut d| d.load_incremental(chunk).map(|_| d));
        }
        match doc {
            Ok(doc) => {
                let stored_chunks = stored.changes.len();
                self.docs.insert(
                    doc_id,
                    LoadedDoc {
                        doc,
                        header,
                        stored_chunks,
                    },
                );
                Ok(true)
            }
            Err(e) => {
                self.warnings
                    .push(format!("stored document {doc_id} does not load: {e}"));
                Ok(false)
            }
        }
    }

    fn push(&mut self, push: DocPush, changed: &mut Vec<DocId>) -> Result<PushOutcome, S::Error> {
        let doc_id = push.doc_id;
        if !self.ctx.access.write.allows(&push.header.scope) {
            return Ok(refused(
                Refusal::OutOfScope,
                "document is outside your write scope",
            ));
        }
        let exists = self.load(doc_id)?;
        if !exists && self.store.load_doc(doc_id)?.is_some() {
            return Ok(refused(
                Refusal::InvalidChanges,
                "stored document is unreadable",
            ));
        }
        if let Some(loaded) = self.docs.get(&doc_id)
            && !loaded.header.same_home(&push.header)
        {
            return Ok(refused(
                Refusal::HeaderMismatch,
                "kind or scope differs from the stored document's",
            ));
        }
        let mut changes = Vec::with_capacity(push.changes.len());
        for raw in &push.changes {
            match Change::try_from(&raw[..]) {
                Ok(c) => changes.push(c),
                Err(e) => return Ok(refused(Refusal::InvalidChanges, &short(&e))),
            }
        }
        let me = self.ctx.device.actor();
        let loaded = self.docs.entry(doc_id).or_insert_with(|| LoadedDoc {
            doc: Automerge::new(),
            header: push.header.clone(),
            stored_chunks: 0,
        });
        let forged = changes
            .iter()
            .any(|c| *c.actor_id() != me && !has_change(&loaded.doc, &c.hash()));
        if forged {
            return Ok(refused(
                Refusal::ForeignActor,
                "changes by another author are unknown here",
            ));
        }
        let old_heads = loaded.doc.get_heads();
        if let Err(e) = loaded.doc.apply_changes(changes) {
            // The cached copy may be half-applied: forget it, the store still has the truth.
            self.docs.remove(&doc_id);
            return Ok(refused(Refusal::InvalidChanges, &short(&e)));
        }
        let new_heads = loaded.doc.get_heads();
        if new_heads != old_heads {
            // A device that upgraded the body raises the schema version; one that has not
            // seen the upgrade yet still syncs (nothing is lost) without lowering it.
            loaded.header = loaded.header.newest(&push.header);
            let new: Vec<Vec<u8>> = loaded
                .doc
                .get_changes(&old_heads)
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect();
            self.next_seq += 1;
            let n_new = new.len();
            self.ops.push(StoreOp::PutDoc {
                doc_id,
                header: loaded.header.clone(),
                seq: self.next_seq,
            });
            self.ops.push(StoreOp::AppendChanges {
                doc_id,
                author: self.ctx.device,
                changes: new,
            });
            loaded.stored_chunks += n_new;
            if loaded.stored_chunks >= self.cfg.compact_after_chunks {
                self.ops.push(StoreOp::Compact {
                    doc_id,
                    snapshot: loaded.doc.save(),
                });
                loaded.stored_chunks = 0;
            }
            changed.push(doc_id);
        }
        self.set_known(doc_id, Some(sorted_heads(push.heads)));
        Ok(PushOutcome::Accepted {
            heads: sorted_heads(new_heads),
        })
    }
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
mod tests;
