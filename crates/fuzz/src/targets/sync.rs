//! Sync targets: the request decoder, sync files, and pushed changes down to the stored
//! document.

use std::sync::OnceLock;

use automerge::Automerge;
use mentora_shared::policy::{Actor, Role};
use mentora_shared::sync::file::{self, Direction};
use mentora_shared::sync::server::ServerError;
use mentora_shared::sync::wire::{self, Limits, PushOutcome, SyncRequest};
use mentora_shared::sync::{
    Access, DeviceContext, MemoryStore, ScopeSet, ServerConfig, ServerStore as _, handle_request,
};

use super::{bucket, variant};
use crate::seeds;

fn wire_outcome(result: &Result<SyncRequest, wire::WireError>) -> String {
    match result {
        Ok(req) => {
            let changes: usize = req.pushes.iter().map(|p| p.changes.len()).sum();
            let heads: usize = req.pushes.iter().map(|p| p.heads.len()).sum();
            format!(
                "ok resync={} pushes={} changes={} heads={}",
                bucket(req.resync.len()),
                bucket(req.pushes.len()),
                bucket(changes),
                bucket(heads)
            )
        }
        Err(wire::WireError::TooLarge { what, .. }) => format!("too large: {what}"),
        Err(err) => variant(err),
    }
}

pub(super) fn wire_request(data: &[u8]) -> String {
    wire_outcome(&wire::decode_request(data, &Limits::REQUEST))
}

pub(super) fn sync_file(data: &[u8]) -> String {
    file_outcome(data, Direction::ToServer, wire_request)
}

/// A sync file: checked, opened with its key, then its message decoded by `decode`.
fn file_outcome(data: &[u8], direction: Direction, decode: fn(&[u8]) -> String) -> String {
    match file::device_of(data, direction) {
        Err(err) => format!("device_of: {}", variant(&err)),
        Ok(device) if device != seeds::DEVICE => "other device".to_owned(),
        Ok(device) => match file::open(data, direction, device, &seeds::VAULT_KEY) {
            Err(err) => format!("open: {}", variant(&err)),
            Ok(message) => format!("opened: {}", decode(&message)),
        },
    }
}

fn response_outcome(result: &Result<wire::SyncResponse, wire::WireError>) -> String {
    match result {
        Ok(resp) => format!(
            "ok results={} docs={} left={} restored={}",
            bucket(resp.results.len()),
            bucket(resp.docs.len()),
            bucket(resp.left.len()),
            resp.restored
        ),
        Err(wire::WireError::TooLarge { what, .. }) => format!("too large: {what}"),
        Err(err) => variant(err),
    }
}

/// What a device decodes from the server (`Limits::RESPONSE`).
pub(super) fn wire_response(data: &[u8]) -> String {
    response_outcome(&wire::decode_response(data, &Limits::RESPONSE))
}

/// An answer file a device imports: checked, opened with its key, decoded.
pub(super) fn answer_file(data: &[u8]) -> String {
    file_outcome(data, Direction::ToDevice, wire_response)
}

fn config() -> ServerConfig {
    ServerConfig {
        compact_after_chunks: 3,
        ..ServerConfig::default()
    }
}

fn everything() -> Access {
    let all = ScopeSet {
        everything: true,
        ..ScopeSet::default()
    };
    Access {
        read: all.clone(),
        write: all,
    }
}

fn context(device: mentora_shared::sync::DeviceId, access: Access) -> DeviceContext {
    DeviceContext {
        device,
        access,
        actor: None,
        places: None,
        quota_left: Some(1 << 20),
    }
}

/// A store already holding document 1 (so pushes to it take the incremental path).
fn base_store() -> &'static MemoryStore {
    static BASE: OnceLock<MemoryStore> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut store = MemoryStore::default();
        let req = SyncRequest {
            pushes: vec![seeds::push(1, 1)],
            ..SyncRequest::default()
        };
        let ctx = context(seeds::DEVICE, everything());
        let handled = handle_request(&store, &config(), &ctx, &wire::encode_request(&req))
            .unwrap_or_else(|e| panic!("base store: {e}"));
        store.apply(handled.ops).unwrap_or_else(|e| match e {});
        store
    })
}

/// A pushed request handled by the server logic and stored; every accepted document must then
/// load from what was stored, and a fresh device's first sync must be answerable.
pub(super) fn push_to_store(data: &[u8]) -> String {
    push_and_store(data, None)
}

/// The same, judged by the capability policy for a mentor of the facility (what the changes do
/// to a mentee record, read from the document).
pub(super) fn push_as_mentor(data: &[u8]) -> String {
    let mentor = Actor {
        role: Role::Mentor,
        username: "mentor".to_owned(),
    };
    push_and_store(data, Some(mentor))
}

fn push_and_store(data: &[u8], actor: Option<Actor>) -> String {
    let mut store = base_store().clone();
    let cfg = config();
    let mut facility = ScopeSet::default();
    facility.facilities.insert(
        seeds::header()
            .scope
            .facility
            .unwrap_or_else(|| unreachable!()),
    );
    let access = Access {
        read: facility.clone(),
        write: facility,
    };
    let ctx = DeviceContext {
        actor,
        ..context(seeds::DEVICE, access)
    };
    let handled = match handle_request(&store, &cfg, &ctx, data) {
        Ok(handled) => handled,
        Err(ServerError::BadRequest(err)) => return format!("bad request: {}", variant(&err)),
        Err(ServerError::Store(never)) => match never {},
    };
    let mut outcomes: Vec<String> = handled
        .response
        .results
        .iter()
        .map(|r| match &r.outcome {
            PushOutcome::Accepted { .. } => "accepted".to_owned(),
            PushOutcome::Refused { reason, .. } => format!("{reason:?}"),
        })
        .collect();
    outcomes.sort_unstable();
    outcomes.dedup();
    let accepted: Vec<_> = handled.response.results.iter().map(|r| r.doc_id).collect();
    store.apply(handled.ops).unwrap_or_else(|e| match e {});
    for doc_id in accepted {
        let Some(stored) = store.load_doc(doc_id).unwrap_or_else(|e| match e {}) else {
            continue;
        };
        let mut doc = match &stored.snapshot {
            Some(bytes) => Automerge::load(bytes)
                .unwrap_or_else(|e| panic!("stored snapshot of {doc_id:?} does not load: {e}")),
            None => Automerge::new(),
        };
        for chunk in &stored.changes {
            doc.load_incremental(chunk)
                .unwrap_or_else(|e| panic!("stored change of {doc_id:?} does not load: {e}"));
        }
    }
    let fresh = context(mentora_shared::sync::DeviceId([8; 16]), everything());
    let first = wire::encode_request(&SyncRequest::default());
    let served = handle_request(&store, &cfg, &fresh, &first)
        .unwrap_or_else(|e| panic!("first sync after a push failed: {e}"));
    format!(
        "{} warnings={} served={}",
        outcomes.join(","),
        bucket(handled.warnings.len() + served.warnings.len()),
        bucket(served.response.docs.len())
    )
}
