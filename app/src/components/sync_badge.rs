use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// Always visible. Until the sync engine lands it reports the network state and that nothing has
/// synced yet — never a reassuring "synced" it cannot back up. Text, not colour alone, carries it.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = crate::platform::use_connectivity();
    view! {
        <a
            href="/sync"
            class="sync-badge"
            class:offline=move || !connectivity.is_online()
            data-testid="sync-badge"
            role="status"
        >
            <span class="dot" aria-hidden="true"></span>
            {move || i18n.t(if connectivity.is_online() { Key::StatusOnline } else { Key::StatusOffline })}
        </a>
    }
}
