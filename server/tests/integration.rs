//! The server's one integration-test binary: the router in process, `serve` on a real port, the
//! database, and the binary's behaviour on bad configuration.

mod integration {
    pub mod binary;
    pub mod db;
    pub mod http;
    pub mod support;
}
