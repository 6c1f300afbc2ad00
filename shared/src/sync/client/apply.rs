//! Applying a server response on the device.
//!
//! Every Automerge payload is parsed strictly (a snapshot must load completely, each change
//! chunk must parse on its own); a document whose payload fails, or whose changes depend on
//! something we lack, is put on the resync list and fetched whole next time. Other documents
//! in the same response are unaffected.

use automerge::{Automerge, Change, LoadOptions, OnPartialLoad, VerificationMode};

use std::collections::BTreeMap;

use automerge::ChangeHash;

use super::{ClientDoc, ClientPersist, ClientSync, Millis, Stored};
use crate::sync::types::{DocId, has_change, sorted_heads};
use crate::sync::wire::{self, DocBody, DocUpdate, PushOutcome, SyncResponse};

impl ClientSync {
    pub(super) fn on_response(&mut self, now: Millis, body: &[u8]) -> Vec<ClientPersist> {
        let resp = match wire::decode_response(body, &self.cfg.response_limits) {
            Ok(r) => r,
            Err(e) => {
                self.fail(
                    now,
                    super::SyncFailure::UnreadableAnswer,
                    format!("the server sent an unreadable answer: {e}"),
                    None,
                );
                return Vec::new();
            }
        };
        let Some(flight) = self.in_flight.take() else {
            return Vec::new();
        };
        let mut persist = Vec::new();
        // Asked-for re-sends the server did not send (gone, or no longer readable): stop asking.
        for doc_id in &flight.resync {
            if !resp.docs.iter().any(|d| d.doc_id == *doc_id) {
                self.resync.remove(doc_id);
            }
        }
        self.received_this_run += resp.docs.len() as u64;
        let resp = self.absorb(resp, Some(&flight.pushed), &mut persist);
        self.cursor = resp.cursor;
        self.ack = resp.token;
        persist.push(ClientPersist::Cursor {
            cursor: self.cursor,
            ack: self.ack,
        });
        self.failures = 0;
        self.last_error = None;
        self.remaining = resp.remaining;
        let more = resp.remaining > 0
            || !self.resync.is_empty()
            || self.docs.values().any(ClientDoc::pushable);
        if more && self.follow_ups < self.cfg.max_follow_ups {
            self.follow_ups += 1;
            self.next_attempt = Some(now);
        } else {
            self.follow_ups = 0;
            self.received_this_run = 0;
            self.last_success = Some(now);
            self.next_attempt = Some(now + self.cfg.periodic_ms);
        }
        persist
    }

    /// What every answer does, by network or by file: push results, the restored flag, the
    /// documents, the ones that left. Refusals are kept only when `pushed` says at which heads
    /// (a file answer does not know). Returns the rest of the response (cursor, token).
    pub(super) fn absorb(
        &mut self,
        resp: SyncResponse,
        pushed: Option<&BTreeMap<DocId, Vec<ChangeHash>>>,
        persist: &mut Vec<ClientPersist>,
    ) -> SyncResponse {
        let SyncResponse {
            results,
            docs,
            left,
            restored,
            ..
        } = resp;
        for result in results {
            let Some(cd) = self.docs.get_mut(&result.doc_id) else {
                continue;
            };
            match result.outcome {
                PushOutcome::Accepted { heads } => {
                    cd.server_heads = sorted_heads(heads);
                    cd.refused = None;
                    persist.push(ClientPersist::DocServerHeads {
                        doc_id: result.doc_id,
                        heads: cd.server_heads.clone(),
                    });
                }
                PushOutcome::Refused { reason, detail } => {
                    if let Some(at) = pushed.and_then(|p| p.get(&result.doc_id)) {
                        cd.refused = Some((at.clone(), reason, detail));
                    }
                }
            }
            cd.recompute_unsynced();
        }
        // After the results: a push judged against the restored server (accepted, or refused
        // for lacking what it lost) is sent again whole.
        if restored {
            self.forget_server_heads(persist);
        }
        for update in docs {
            self.apply_update(update, persist);
        }
        for cd in self.docs.values_mut() {
            if !cd.server_heads.iter().all(|h| has_change(&cd.doc, h)) {
                cd.unsynced = false;
            }
        }
        self.leaving.extend(left);
        self.drop_left(persist);
        SyncResponse {
            results: Vec::new(),
            docs: Vec::new(),
            left: Vec::new(),
            ..resp
        }
    }

    fn apply_update(&mut self, update: DocUpdate, persist: &mut Vec<ClientPersist>) {
        let doc_id = update.doc_id;
        let actor = self.device.actor();
        let cd = self.docs.entry(doc_id).or_insert_with(|| ClientDoc {
            header: update.header.clone(),
            doc: Automerge::new().with_actor(actor.clone()),
            server_heads: Vec::new(),
            unsynced: false,
            refused: None,
            stored: Stored::default(),
        });
        // The server's header is authoritative for kind and scope (it refuses pushes that
        // would change them); the schema version only rises, so a local upgrade not pushed
        // yet is not undone by an older copy from the server.
        cd.header = update.header.newest(&cd.header);
        let before = cd.doc.get_heads();
        let applied = match update.body {
            DocBody::Snapshot(bytes) => merge_snapshot(&mut cd.doc, &bytes, actor),
            DocBody::Changes(chunks) => apply_chunks(&mut cd.doc, &chunks),
        };
        let complete = applied && update.heads.iter().all(|h| has_change(&cd.doc, h));
        if cd.doc.get_heads() != before {
            // A document new on this device is stored as a snapshot replacing whatever blobs
            // the store held for it (e.g. ones that failed to load at start-up).
            persist.push(cd.persist_since(doc_id, &before, &self.cfg));
        }
        if complete {
            self.resync.remove(&doc_id);
            cd.server_heads = sorted_heads(update.heads);
            persist.push(ClientPersist::DocServerHeads {
                doc_id,
                heads: cd.server_heads.clone(),
            });
            cd.recompute_unsynced();
        } else {
            self.resync.insert(doc_id);
        }
        if cd.doc.get_heads().is_empty() && before.is_empty() && !complete {
            // Nothing usable arrived for a document we did not have: do not keep an empty shell.
            self.docs.remove(&doc_id);
        }
    }

    /// The server was restored from a backup: what it was said to hold may be gone, so every
    /// document is unsent again (and pushed at once; the server ignores what it already has).
    fn forget_server_heads(&mut self, persist: &mut Vec<ClientPersist>) {
        for (doc_id, cd) in &mut self.docs {
            cd.server_heads.clear();
            cd.refused = None;
            cd.recompute_unsynced();
            persist.push(ClientPersist::DocServerHeads {
                doc_id: *doc_id,
                heads: Vec::new(),
            });
        }
    }

    /// Drops the documents that left the user's scope, except those still holding changes not
    /// offered to the server yet: they are pushed first (at once: pushable documents make the
    /// engine sync again) and dropped after that answer. Today's server refuses writes to a
    /// document its user may not read, so such changes go with the document, counted in
    /// [`LeftScope::unsent`](super::LeftScope).
    fn drop_left(&mut self, persist: &mut Vec<ClientPersist>) {
        let leaving = std::mem::take(&mut self.leaving);
        for doc_id in leaving {
            let Some(cd) = self.docs.get(&doc_id) else {
                continue;
            };
            if cd.pushable() {
                self.leaving.insert(doc_id);
                continue;
            }
            self.left.removed += 1;
            if cd.unsynced {
                self.left.unsent += 1;
            }
            self.docs.remove(&doc_id);
            self.resync.remove(&doc_id);
            persist.push(ClientPersist::Forget { doc_id });
        }
    }

    /// Documents received but not applied yet (waiting for a re-send).
    pub fn resync_pending(&self) -> impl Iterator<Item = DocId> + '_ {
        self.resync.iter().copied()
    }
}

fn merge_snapshot(doc: &mut Automerge, bytes: &[u8], actor: automerge::ActorId) -> bool {
    let options = LoadOptions::new()
        .on_partial_load(OnPartialLoad::Error)
        .verification_mode(VerificationMode::Check);
    let Ok(mut loaded) = Automerge::load_with_options(bytes, options) else {
        return false;
    };
    if doc.get_heads().is_empty() {
        *doc = loaded.with_actor(actor);
        true
    } else {
        doc.merge(&mut loaded).is_ok()
    }
}

fn apply_chunks(doc: &mut Automerge, chunks: &[Vec<u8>]) -> bool {
    let parsed: Result<Vec<Change>, _> = chunks.iter().map(|c| Change::try_from(&c[..])).collect();
    match parsed {
        Ok(changes) => doc.apply_changes(changes).is_ok(),
        Err(_) => false,
    }
}
