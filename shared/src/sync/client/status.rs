//! What the always-visible sync badge shows, derived from the state machine.

use super::{ClientSync, Millis};
use crate::sync::types::DocId;
use crate::sync::wire::Refusal;

/// What kind of failure a [`SyncState::Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncFailure {
    /// The adapter reported the request failed (`ClientEvent::Failed`): its own words.
    Request,
    /// No answer within `ClientConfig::request_timeout_ms`.
    TimedOut,
    /// An answer that could not be decoded.
    UnreadableAnswer,
    /// The server refused a document (the first of `SyncStatus::refused`).
    Refused(Refusal),
}

/// The badge's main state, most urgent first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncState {
    /// No connection; `waiting` documents hold changes not yet on the server.
    Offline {
        waiting: usize,
    },
    /// A request is in flight. `received` documents arrived in this run so far and about
    /// `remaining` more are known to follow: a progress bar for initial or large syncs.
    Syncing {
        waiting: usize,
        received: u64,
        remaining: u64,
    },
    /// The last attempt failed (a retry is scheduled), or the server refused some documents.
    /// `failure` says which, for a screen to explain; `reason` is in words, for the console.
    Error {
        waiting: usize,
        failure: SyncFailure,
        reason: String,
    },
    /// Local changes not yet sent.
    Waiting {
        waiting: usize,
    },
    Synced,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncStatus {
    pub state: SyncState,
    pub last_success: Option<Millis>,
    /// Documents the server refused, with why: shown so nobody counts them as delivered.
    pub refused: Vec<(DocId, Refusal, String)>,
    /// When the next attempt is due (after a failure: the backoff).
    pub next_attempt: Option<Millis>,
    /// Documents removed from this device since it started because they left the user's scope.
    pub left: LeftScope,
}

/// What leaving the user's scope took off this device (counted since the engine started).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeftScope {
    /// Documents removed.
    pub removed: u64,
    /// Of those, documents holding changes the server refused, lost with them.
    pub unsent: u64,
}

impl ClientSync {
    /// Documents with changes the server is not known to hold.
    pub fn waiting_docs(&self) -> usize {
        self.docs.values().filter(|d| d.unsynced).count()
    }

    pub fn status(&self) -> SyncStatus {
        let waiting = self.waiting_docs();
        let refused: Vec<_> = self
            .docs
            .iter()
            .filter_map(|(id, d)| d.refused.as_ref().map(|(_, r, why)| (*id, *r, why.clone())))
            .collect();
        let state = if !self.online || self.unreachable {
            SyncState::Offline { waiting }
        } else if self.in_flight.is_some() {
            SyncState::Syncing {
                waiting,
                received: self.received_this_run,
                remaining: self.remaining,
            }
        } else if let Some((failure, reason)) = &self.last_error {
            SyncState::Error {
                waiting,
                failure: *failure,
                reason: reason.clone(),
            }
        } else if let Some((id, refusal, why)) = refused.first() {
            SyncState::Error {
                waiting,
                failure: SyncFailure::Refused(*refusal),
                reason: format!("document {id} was refused: {why}"),
            }
        } else if waiting > 0 {
            SyncState::Waiting { waiting }
        } else {
            SyncState::Synced
        };
        SyncStatus {
            state,
            last_success: self.last_success,
            refused,
            next_attempt: self.next_attempt,
            left: self.left,
        }
    }
}
