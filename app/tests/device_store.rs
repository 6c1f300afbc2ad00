//! The IndexedDB device store passes the device store conformance suite, in a real browser.
//!
//! Run by `cargo xtask test` ("device store in Chromium"), or by hand:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p mentora-app --target wasm32-unknown-unknown
//! --test device_store`; `app/webdriver.json` holds the Chromium flags.

#![cfg(target_arch = "wasm32")]

use mentora_app::store::IdbStore;
use mentora_app::vault;
use mentora_shared::sync::device_store::conformance;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The device's vault key for the test users, so a locked vault can be opened again.
const VAULT_KEY: [u8; 32] = [7; 32];

/// A fresh database for `username`, with its vault open (blobs are sealed under its data key).
async fn fresh_store(username: &str) -> IdbStore {
    IdbStore::delete(username)
        .await
        .expect("an old database is deleted");
    vault::create(username, "2468", Some(VAULT_KEY))
        .await
        .expect("a vault to seal blobs with");
    IdbStore::open(username).await.expect("the database opens")
}

#[wasm_bindgen_test]
async fn indexeddb_passes_the_device_store_conformance_suite() {
    let mut n = 0;
    conformance::run(async || {
        n += 1;
        fresh_store(&format!("conformance-{n}")).await
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_failed_batch_leaves_indexeddb_as_it_was() {
    let mut store = fresh_store("all-or-nothing").await;
    // A locked vault cannot seal a blob: the batch fails at its last write.
    conformance::all_or_nothing(&mut store, vault::lock, || {
        vault::unlock_with_vault_key("all-or-nothing", VAULT_KEY).expect("the vault opens again");
    })
    .await;
}
