//! One pushed document: header checks, authorship, the capability policy, the quota, then
//! the store operations. Every refusal leaves the store as it was.

use std::collections::HashSet;

use automerge::{Automerge, Change, ChangeHash, ReadDoc as _};

use super::prepare::Parsed;
use super::{LoadedDoc, Run, refused, short};
use crate::documents::schema::{Compat, compat};
use crate::policy::{self, Kind};
use crate::sync::storage::{ServerStore, StoreOp};
use crate::sync::types::{DocHeader, DocId, Places, has_change, sorted_heads};
use crate::sync::wire::{DocPush, PushOutcome, Refusal};

impl<S: ServerStore> Run<'_, S> {
    pub(super) fn push(
        &mut self,
        push: DocPush,
        parsed: Parsed,
        changed: &mut Vec<DocId>,
    ) -> Result<PushOutcome, S::Error> {
        let doc_id = push.doc_id;
        let kind = match self.check_header(&push.header) {
            Ok(kind) => kind,
            Err(refusal) => return Ok(refusal),
        };
        // A document this device may not read answers exactly as if it did not exist: the
        // push is judged against an empty document and nothing is stored, so a device cannot
        // tell someone else's document id from an unused one (even a corrupt one).
        let readable = |header: &DocHeader| self.ctx.access.read.allows(&header.scope);
        let exists = self.load(doc_id)?;
        let foreign = if exists {
            self.docs.get(&doc_id).is_some_and(|l| !readable(&l.header))
        } else {
            match self.store.load_doc(doc_id)? {
                Some(stored) if stored.header.as_ref().is_some_and(readable) => {
                    return Ok(refused(
                        Refusal::InvalidChanges,
                        "stored document is unreadable",
                    ));
                }
                Some(_) => true,
                None => false,
            }
        };
        if let Some(loaded) = self.docs.get(&doc_id)
            && !foreign
            && !loaded.header.same_home(&push.header)
        {
            return Ok(refused(
                Refusal::HeaderMismatch,
                "kind or scope differs from the stored document's",
            ));
        }
        // Decoded and bounded before the store was opened (`prepare`).
        let changes: Vec<Change> = match parsed {
            Ok(changes) => changes,
            Err(refusal) => return Ok(refusal),
        };
        let mut scratch = LoadedDoc {
            doc: Automerge::new(),
            header: push.header.clone(),
            stored_chunks: 0,
        };
        let loaded = if foreign {
            &mut scratch
        } else {
            self.docs.entry(doc_id).or_insert(scratch)
        };
        let me = self.ctx.device.actor();
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
        let max_ops = self.cfg.max_doc_ops;
        let judged = match apply_checked(&mut loaded.doc, changes, &old_heads) {
            Err(detail) => Err(refused(Refusal::InvalidChanges, &detail)),
            // Every document grows only through here, so this bounds what loading any stored
            // document costs.
            Ok(_) if loaded.doc.stats().num_ops > max_ops => Err(refused(
                Refusal::TooLarge,
                &format!("this record would hold more than {max_ops} operations"),
            )),
            Ok(new) => match (&self.ctx.actor, kind) {
                (Some(actor), Some(kind)) => {
                    policy::check_heads(actor, kind, &loaded.doc, &old_heads)
                        .map_err(|r| refused(Refusal::NotPermitted, &short(&r)))
                        .map(|()| new)
                }
                _ => Ok(new),
            },
        };
        let new = match judged {
            Ok(new) => new,
            Err(refusal) => {
                // The cached copy holds refused changes: forget it, the store still has the
                // truth.
                if !foreign {
                    self.docs.remove(&doc_id);
                }
                return Ok(refusal);
            }
        };
        let new_heads = loaded.doc.get_heads();
        if foreign {
            return Ok(PushOutcome::Accepted {
                heads: sorted_heads(new_heads),
            });
        }
        if new_heads != old_heads {
            // A device that upgraded the body raises the schema version; one that has not
            // seen the upgrade yet still syncs (nothing is lost) without lowering it.
            loaded.header = loaded.header.newest(&push.header);
            let size = new.iter().map(|c| c.len() as u64).sum::<u64>();
            if let Some(left) = self.quota_left {
                if size > left {
                    self.docs.remove(&doc_id);
                    let mib = self.cfg.user_quota_bytes >> 20;
                    return Ok(refused(
                        Refusal::TooLarge,
                        &format!(
                            "your storage quota of {mib} MiB is used up; ask an administrator"
                        ),
                    ));
                }
                self.quota_left = Some(left - size);
            }
            self.stored_bytes += size;
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

    /// The header's own checks: a known kind and schema version (when judging by policy), and
    /// a scope of existing places inside the device's write scope. Unknown places and places
    /// out of reach get the same answer.
    fn check_header(&self, header: &DocHeader) -> Result<Option<Kind>, PushOutcome> {
        let in_reach = self.ctx.access.write.allows(&header.scope)
            && self
                .ctx
                .places
                .as_ref()
                .is_none_or(|places: &Places| places.contains(&header.scope));
        if !in_reach {
            return Err(refused(
                Refusal::OutOfScope,
                "document is outside your write scope",
            ));
        }
        if self.ctx.actor.is_none() {
            return Ok(None);
        }
        let code = header.kind.as_str();
        let Some(kind) = Kind::from_code(code) else {
            return Err(refused(
                Refusal::Unsupported,
                &format!("unknown document kind {code:?}"),
            ));
        };
        if let Compat::Newer { version, known } = compat(code, header.schema_version) {
            return Err(refused(
                Refusal::Unsupported,
                &format!(
                    "{code} schema {version} is newer than this server knows ({known}); update the server"
                ),
            ));
        }
        Ok(Some(kind))
    }
}

/// Applies parsed changes and returns them as they will be stored (Automerge's own encoding),
/// or why not. Automerge 0.12 accepts some change chunks that parse but reference an object,
/// actor or op that is not there, and then panics, in `apply_changes` or in a later
/// `get_changes`, or stores a change whose re-encoding has another hash, so the saved document
/// no longer loads ("mismatching heads"). The bytes come from a device, so both are refused
/// here: a panic is caught, and every pushed change the document now holds must come back
/// from the re-encoding under its own hash. Inputs: `crates/fuzz/fixtures/push_to_store/`.
/// The document may be half-changed afterwards: the caller drops its cached copy on any
/// refusal. Where panics abort (a wasm32 build) the panic is not caught.
fn apply_checked(
    doc: &mut Automerge,
    changes: Vec<Change>,
    old_heads: &[ChangeHash],
) -> Result<Vec<Vec<u8>>, String> {
    // pushed changes the document does not hold yet
    let pushed: Vec<ChangeHash> = changes
        .iter()
        .map(Change::hash)
        .filter(|h| !has_change(doc, h))
        .collect();
    let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        doc.apply_changes(changes).map_err(|e| short(&e))?;
        let new = doc.get_changes(old_heads);
        let stored: HashSet<ChangeHash> = new.iter().map(Change::hash).collect();
        let reencoded = pushed
            .iter()
            .filter(|h| has_change(doc, h))
            .all(|h| stored.contains(h));
        if !reencoded {
            return Err("a change is not in Automerge's canonical encoding".to_owned());
        }
        Ok(new.iter().map(|c| c.raw_bytes().to_vec()).collect())
    }));
    applied.unwrap_or_else(|_| Err(MALFORMED.to_owned()))
}

const MALFORMED: &str = "these changes do not apply to the record (a malformed change)";
