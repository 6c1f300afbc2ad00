use leptos::prelude::*;

use crate::engine::use_sync;
use crate::i18n::{Key, use_i18n};
use crate::session::{SessionEnd, use_session};

/// Shown when the server refused this device's session on sync (expired, revoked, account
/// disabled). Screens keep working on the device; only sync waits for a new sign-in.
#[component]
pub fn SessionEndedBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ended = use_sync().session_ended;
    let session = use_session();
    // Signed out since: nothing to sign in again to from here.
    let shown = move || ended.get().is_some() && session.0.with(Option::is_some);
    let reason = move || match ended.get()? {
        SessionEnd::Expired => Some(Key::SessionExpiredReason),
        SessionEnd::Revoked => Some(Key::SessionRevokedReason),
        SessionEnd::Disabled => Some(Key::UserDisabledReason),
        SessionEnd::DeviceRevoked => Some(Key::DeviceRevokedReason),
        SessionEnd::Unknown => None,
    };
    view! {
        <Show when=shown>
            <div class="update-banner" role="alert" data-testid="session-ended-banner">
                <span>
                    {move || i18n.t(Key::SessionEnded)} " "
                    {move || reason().map(|key| i18n.t(key))}
                </span>
                <a class="button" href="/login">{move || i18n.t(Key::SignIn)}</a>
            </div>
        </Show>
    }
}

crate::i18n::counts!(LeftCount, "components/session_banner");

crate::i18n::keys!(LeftKey, "components/session_banner");

/// Says so when sync took records off this tablet because they left the user's scope (an
/// administrator changed their places), and how many unsent changes went with them.
#[component]
pub fn ScopeLeftNotice() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let left = move || sync.status.get().map(|s| s.left).unwrap_or_default();
    // The count already acknowledged; a later removal shows the notice again.
    let seen = RwSignal::new(0_u64);
    view! {
        <Show when=move || { left().removed > seen.get() }>
            <div class="update-banner" role="status" data-testid="scope-left-notice">
                <span>
                    {move || i18n.count(left().removed, LeftCount::Removed)}
                    {move || {
                        let unsent = left().unsent;
                        (unsent > 0).then(|| format!(" {}", i18n.count(unsent, LeftCount::Unsent)))
                    }}
                </span>
                <button type="button" on:click=move |_| seen.set(left().removed)>
                    {move || i18n.t(LeftKey::Understood)}
                </button>
            </div>
        </Show>
    }
}
