//! Mentora's pure domain crate.
//!
//! Domain types, the programme catalogue, scoring and validation rules, report aggregations,
//! document schemas and the sync protocol's state machine. No IO, no clock reads, no tokio,
//! rusqlite, axum or web-sys: it compiles to `wasm32-unknown-unknown` and to native, and
//! `cargo xtask test` checks both.

pub mod catalogue;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod policy;
pub mod reports;
pub mod rules;
pub mod setup;
pub mod sync;
