use leptos::prelude::*;

use crate::components::status_text;
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};
use crate::store::hex;

mod file;

/// The sync screen: status, the last success, what the server refused, and a manual trigger.
#[component]
pub fn SyncPage() -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = crate::platform::use_connectivity();
    let sync = use_sync();
    let last = move || {
        sync.status
            .get()
            .and_then(|s| s.last_success)
            .map(|ms| {
                let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
                String::from(
                    date.to_locale_string(i18n.lang().code(), &wasm_bindgen::JsValue::UNDEFINED),
                )
            })
            .unwrap_or_else(|| i18n.t(Key::NeverSynced).to_owned())
    };
    let refused = move || sync.status.get().map(|s| s.refused).unwrap_or_default();
    view! {
        <section class="page">
            <h1>{move || i18n.t(Key::SyncTitle)}</h1>
            <dl class="facts">
                <dt>{move || i18n.t(Key::SyncNetwork)}</dt>
                <dd data-testid="network-state">
                    {move || status_text(i18n, sync.status.get().as_ref(), connectivity.is_online(), sync.failure.get().as_ref())}
                </dd>
                <dt>{move || i18n.t(Key::LastSync)}</dt>
                <dd data-testid="last-sync">{last}</dd>
            </dl>
            <Show when=move || sync.status.get().is_some() fallback=move || view! { <p class="notice">{move || i18n.t(Key::SyncNever)}</p> }>
                <button type="button" on:click=move |_| engine::sync_now(sync)>{move || i18n.t(Key::SyncNow)}</button>
            </Show>
            {move || sync.storage_error.get().map(|e| view! { <p class="notice error" role="alert">{move || i18n.t(Key::StorageError)} ": " {move || e.message(i18n)}</p> })}
            {move || {
                let refused = refused();
                (!refused.is_empty()).then(|| view! {
                    <h2>{move || i18n.t(Key::Refused)}</h2>
                    <ul>{refused.into_iter().map(|(id, reason, detail)| {
                        let error = AppError::Refused { reason, detail };
                        view! { <li><code>{hex(&id.0)}</code> ": " {move || error.message(i18n)}</li> }
                    }).collect_view()}</ul>
                })
            }}
            <file::SyncByFile />
        </section>
    }
}
