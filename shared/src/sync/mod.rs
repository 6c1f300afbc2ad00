//! The sync protocol's pure core: wire format, device state machine, server logic, storage.
//!
//! One Automerge document per aggregate ([`DocId`]), each with a [`DocHeader`] (kind, schema
//! version, scope) so the server decides access without reading the body. The protocol is
//! batched HTTP: one request carries every document that differs, one response everything the
//! device lacks; docs/sync-protocol.md documents the bytes and why.
//!
//! Shape (STYLE item 2, "decide, then do"): [`client::ClientSync::handle`] and
//! [`server::handle_request`] take events/bytes plus `now` and return effects as data; the
//! browser adapter (fetch, IndexedDB) and the server adapter (axum, SQLite) carry them out.
//! Nothing here reads a clock, a random source or does IO.
//!
//! Errors: everything here is a library, so failures are `thiserror` enums
//! ([`wire::WireError`], [`server::ServerError`], [`client::ClientError`]); decoders of outside
//! bytes never panic.
//!
//! ## Why `getrandom` appears in the dependency tree, and not automerge's `wasm` feature
//!
//! Automerge itself draws randomness (a random actor for forks, a skip-list's levels) through
//! `getrandom` 0.4, which refuses to compile for `wasm32-unknown-unknown` without a backend.
//! Automerge's own `wasm` feature would supply it but also pulls `web-sys` (for console
//! logging), which `shared` must not depend on. So on wasm32 this crate enables getrandom's
//! `wasm_js` backend directly (wasm-bindgen + js-sys `crypto.getRandomValues`, no web-sys);
//! the binary format and behaviour are identical. Our own logic never relies on that
//! randomness: actors are the device ids passed in, jitter comes from a seed.

pub mod bounds;
pub mod client;
mod codec;
pub mod device_store;
pub mod file;
pub mod server;
pub mod storage;
pub mod types;
pub mod wire;
pub mod workload;

#[cfg(test)]
mod sim;

pub use client::{
    ClientConfig, ClientEffects, ClientEvent, ClientSync, SyncFailure, SyncState, SyncStatus,
};
pub use device_store::DeviceStore;
pub use server::{DeviceContext, Handled, ServerConfig, handle_request};
pub use storage::{MemoryStore, ServerStore, StoreOp};
pub use types::{Access, DeviceId, DocHeader, DocId, DocKind, PlaceId, Places, Scope, ScopeSet};
pub use wire::{Limits, SyncRequest, SyncResponse, WireError};
