//! The part of handling a request that needs no store: decoding the message, bounding every
//! change chunk (`sync::bounds`) and parsing it with Automerge. The server adapter runs this
//! before it opens its write transaction, so hostile bytes cost no time under the lock.

use std::collections::HashMap;

use automerge::Change;

use super::{LoadedDoc, ServerConfig, load_stored, refused, short};
use crate::sync::bounds::{self, BoundError};
use crate::sync::storage::StoredDoc;
use crate::sync::types::DocId;
use crate::sync::wire::{self, PushOutcome, Refusal, SyncRequest, WireError};

/// A push's parsed changes, or why it is refused.
pub(crate) type Parsed = Result<Vec<Change>, PushOutcome>;

/// A decoded request whose changes have been bounded and parsed, push by push.
#[derive(Debug)]
pub struct Prepared {
    pub(crate) req: SyncRequest,
    pub(crate) parsed: Vec<Parsed>,
    pub(super) preloaded: HashMap<DocId, Preloaded>,
}

/// A stored document loaded with Automerge before the write transaction, and the `seq` it
/// had then: the transaction uses it only if the document still has that `seq` (every
/// update of a document gives it a new one), else it loads the document again.
#[derive(Debug)]
pub(super) struct Preloaded {
    pub(super) seq: u64,
    pub(super) loaded: LoadedDoc,
}

impl Prepared {
    /// The documents this request pushes changes to, for the adapter to read before its write
    /// transaction.
    pub fn pushed_docs(&self) -> Vec<DocId> {
        self.req
            .pushes
            .iter()
            .zip(&self.parsed)
            .filter(|(_, parsed)| parsed.is_ok())
            .map(|(push, _)| push.doc_id)
            .collect()
    }

    /// Loads the stored documents read by the adapter (outside its write transaction, off the
    /// async runtime): the transaction then only re-checks each one's `seq`.
    pub fn preload(&mut self, stored: Vec<(DocId, StoredDoc)>) {
        for (doc_id, stored) in stored {
            if let Some(Ok(loaded)) = load_stored(&stored) {
                let seq = stored.seq;
                self.preloaded.insert(doc_id, Preloaded { seq, loaded });
            }
        }
    }
}

/// Decodes and prepares one request body.
pub fn prepare(body: &[u8], cfg: &ServerConfig) -> Result<Prepared, WireError> {
    let req = wire::decode_request(body, &cfg.request_limits)?;
    Ok(prepare_decoded(req, cfg))
}

/// Bounds and parses the changes of an already decoded request. The work of the whole request
/// is bounded too: once its changes add up to more than the request's budget, the remaining
/// pushes are refused as too large (the device sends them again in its next request).
pub fn prepare_decoded(req: SyncRequest, cfg: &ServerConfig) -> Prepared {
    let mut ops_left = cfg.max_request_ops;
    let mut bytes_left = cfg.max_request_inflated_bytes;
    let parsed = req
        .pushes
        .iter()
        .map(|push| {
            let mut changes = Vec::with_capacity(push.changes.len());
            for raw in &push.changes {
                let cost = bounds::check_change(raw, &cfg.change_caps).map_err(|e| match e {
                    BoundError::TooLargeInflated { .. } | BoundError::TooManyOps { .. } => {
                        refused(Refusal::TooLarge, &short(&e))
                    }
                    _ => refused(Refusal::InvalidChanges, &short(&e)),
                })?;
                let (Some(ops), Some(bytes)) = (
                    ops_left.checked_sub(cost.ops),
                    bytes_left.checked_sub(cost.bytes),
                ) else {
                    return Err(refused(
                        Refusal::TooLarge,
                        "this request holds too much work; the rest is taken at the next sync",
                    ));
                };
                (ops_left, bytes_left) = (ops, bytes);
                changes.push(
                    Change::try_from(&raw[..])
                        .map_err(|e| refused(Refusal::InvalidChanges, &short(&e)))?,
                );
            }
            Ok(changes)
        })
        .collect();
    Prepared {
        req,
        parsed,
        preloaded: HashMap::new(),
    }
}
