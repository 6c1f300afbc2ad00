//! The server's one integration-test binary: the router in process, `serve` on a real port, the
//! database, the sync store and endpoint, accounts, and the real binary (bad configuration,
//! `user add`, SIGKILL in the middle of syncs).

mod integration {
    pub mod auth;
    pub mod backup;
    pub mod binary;
    pub mod bounds;
    pub mod client;
    pub mod config;
    pub mod crash;
    pub mod crash_harness;
    pub mod db;
    pub mod deltas;
    pub mod demo_records;
    pub mod devices;
    pub mod disk_full;
    pub mod exports;
    pub mod exports_field;
    pub mod grant;
    pub mod http;
    pub mod metrics;
    pub mod payloads;
    pub mod pg_servers;
    pub mod pg_store;
    pub mod policy;
    pub mod policy_table;
    pub mod security;
    pub mod setup;
    pub mod setup_users;
    pub mod store;
    pub mod support;
    pub mod sync;
    pub mod sync_file;
    pub mod tracker;
}

/// The load benchmark's schedule and percentiles (`benches/load.rs` has no test harness).
#[path = "../benches/load/plan.rs"]
mod load_plan;
