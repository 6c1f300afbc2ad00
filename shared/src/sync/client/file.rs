//! Sync by file (`sync::file`) on the device: the request a sync would send, for a file, and an
//! answer file applied as a network answer would be — except that an answer older than the last
//! one applied moves nothing back (its documents merge harmlessly; its cursor is ignored).

use super::{ClientEffects, ClientSync, Millis};
use crate::sync::wire::{self, WireError};

/// What loading an answer file did, for the screen to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileAnswer {
    /// Documents in the answer (new or changed on the server).
    pub received: usize,
    /// Of the documents this device had sent, how many the server stored.
    pub accepted: usize,
    /// The answer is older than one already applied (loaded twice, or after a newer sync).
    pub stale: bool,
}

impl ClientSync {
    /// The request a sync would send now, as the body of a sync file, with how many documents
    /// it carries. Nothing changes on the device: until an answer comes back, by file or by
    /// network, the same changes are offered again.
    pub fn file_request(&self) -> (Vec<u8>, usize) {
        let (req, _) = self.next_request();
        let docs = req.pushes.len();
        (wire::encode_request(&req), docs)
    }

    /// Applies the sync message of an answer file.
    pub fn load_file_answer(
        &mut self,
        now: Millis,
        body: &[u8],
    ) -> Result<(ClientEffects, FileAnswer), WireError> {
        let resp = wire::decode_response(body, &self.cfg.response_limits)?;
        let stale = resp.token <= self.ack;
        let received = resp.docs.len();
        let accepted = resp
            .results
            .iter()
            .filter(|r| matches!(r.outcome, wire::PushOutcome::Accepted { .. }))
            .count();
        let mut persist = Vec::new();
        let rest = self.absorb(resp, None, &mut persist);
        if !stale {
            self.cursor = rest.cursor;
            self.ack = rest.token;
            persist.push(super::ClientPersist::Cursor {
                cursor: self.cursor,
                ack: self.ack,
            });
            self.last_success = Some(now);
            self.remaining = rest.remaining;
        }
        let answer = FileAnswer {
            received,
            accepted,
            stale,
        };
        Ok((self.effects(now, persist), answer))
    }
}
