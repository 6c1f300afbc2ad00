use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// The sync screen: network state and what has (not) reached the server.
#[component]
pub fn SyncPage() -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = crate::platform::use_connectivity();
    view! {
        <section class="page">
            <h1>{move || i18n.t(Key::SyncTitle)}</h1>
            <dl class="facts">
                <dt>{move || i18n.t(Key::SyncNetwork)}</dt>
                <dd data-testid="network-state">
                    {move || i18n.t(if connectivity.is_online() { Key::StatusOnline } else { Key::StatusOffline })}
                </dd>
            </dl>
            <p class="notice">{move || i18n.t(Key::SyncNever)}</p>
        </section>
    }
}
