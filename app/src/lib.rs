//! Mentora's tablet app: a Leptos client-side-rendered PWA compiled to wasm32.
//! The entry point only mounts [`app::App`]; the service worker (public/sw.js) keeps it offline.

#![forbid(unsafe_code)]

pub mod app;
pub mod capabilities;
pub mod catalogue;
pub mod components;
pub mod directory;
pub mod drafts;
pub mod engine;
pub mod error;
pub mod facility_docs;
pub mod i18n;
pub mod locale;
pub mod pages;
pub mod places;
pub mod platform;
pub mod records;
pub mod session;
pub mod store;
pub mod vault;

#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
