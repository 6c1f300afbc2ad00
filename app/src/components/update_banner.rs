use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};
use crate::platform;

/// Shown when a new version has been installed in the background; data lives in the browser's
/// storage, so reloading loses nothing.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = platform::update_ready_signal();
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{move || i18n.t(Key::UpdateReady)}</span>
                <button type="button" on:click=|_| platform::reload()>
                    {move || i18n.t(Key::Reload)}
                </button>
            </div>
        </Show>
    }
}
