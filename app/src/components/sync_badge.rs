use leptos::prelude::*;
use mentora_shared::sync::client::{SyncState, SyncStatus};

use crate::engine::use_sync;
use crate::error::{AppError, sync_error};
use crate::i18n::{Count, I18n, Key, use_i18n};

/// The badge's words for a status; text, not colour alone, carries the state. An error says
/// why in the person's language (`fed` is the last request failure, see [`sync_error`]).
pub fn status_text(
    i18n: I18n,
    status: Option<&SyncStatus>,
    online: bool,
    fed: Option<&(String, AppError)>,
) -> String {
    let Some(status) = status else {
        return i18n
            .t(if online {
                Key::StatusOnline
            } else {
                Key::StatusOffline
            })
            .to_owned();
    };
    let waiting = |n: usize| i18n.count(n, Count::ChangesWaiting);
    match &status.state {
        SyncState::Offline { waiting: 0 } => i18n.t(Key::StatusOffline).to_owned(),
        SyncState::Offline { waiting: n } => {
            format!("{} · {}", i18n.t(Key::StatusOffline), waiting(*n))
        }
        SyncState::Syncing { .. } => i18n.t(Key::StatusSyncing).to_owned(),
        SyncState::Error { .. } => match sync_error(status, fed) {
            Some(error) => format!("{}: {}", i18n.t(Key::StatusError), error.message(i18n)),
            None => i18n.t(Key::StatusError).to_owned(),
        },
        SyncState::Waiting { waiting: n } => waiting(*n),
        SyncState::Synced => i18n.t(Key::StatusSynced).to_owned(),
    }
}

/// Always visible: synced / N changes waiting / syncing (with progress) / offline / error.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = crate::platform::use_connectivity();
    let sync = use_sync();
    let kind = move || match sync.status.get().map(|s| s.state) {
        None if connectivity.is_online() => "online",
        None | Some(SyncState::Offline { .. }) => "offline",
        Some(SyncState::Syncing { .. }) => "syncing",
        Some(SyncState::Error { .. }) => "error",
        Some(SyncState::Waiting { .. }) => "waiting",
        Some(SyncState::Synced) => "synced",
    };
    let progress = move || match sync.status.get().map(|s| s.state) {
        Some(SyncState::Syncing {
            received,
            remaining,
            ..
        }) if remaining > 0 => {
            let total = received + remaining;
            Some(view! { <progress max=total.to_string() value=received.to_string()></progress> })
        }
        _ => None,
    };
    view! {
        // A link to the Sync screen whose words are a live region: the link keeps its role (so
        // it has a name) and screen readers still hear the state change.
        <a href="/sync" class="sync-badge" data-state=kind data-testid="sync-badge">
            <span class="dot" aria-hidden="true"></span>
            <span role="status">{move || status_text(i18n, sync.status.get().as_ref(), connectivity.is_online(), sync.failure.get().as_ref())}</span>
            {progress}
        </a>
    }
}
