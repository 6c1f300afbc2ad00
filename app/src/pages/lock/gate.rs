//! Whether the app is open, and for whom: the root shows the lock screen instead of the routes
//! until the current user's vault is opened.

use std::cell::Cell;

use leptos::prelude::*;

use crate::engine::{self, SyncView};
use crate::platform;
use crate::session::{self, Session, SessionEnd, SessionState, User};
use crate::vault;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateState {
    /// The routes show (a user is unlocked, or nobody is signed in on this device).
    Open,
    /// The current user's PIN (or password) is needed.
    Locked(User),
    /// An app upgraded from before the vault: the user sets a PIN before going on.
    ChoosePin(User),
}

/// The gate and what entering needs (captured at the root: after an `await` there is no
/// reactive owner to ask for context).
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    pub state: RwSignal<GateState>,
    /// Whose data was erased because the server said their account is disabled or this device
    /// revoked, how many of their records had unsynced changes, and which of the two (shown
    /// until the next sign-in).
    pub erased: RwSignal<Option<(String, usize, SessionEnd)>>,
    sync: SyncView,
    session: SessionState,
}

pub fn use_gate() -> Gate {
    expect_context::<Gate>()
}

/// The state the app starts in: locked when the current user has a vault.
pub fn provide_gate(sync: SyncView, session: SessionState) -> Gate {
    session::adopt_legacy();
    let state = match session::current_user() {
        Some(user) if vault::record(&user.username).is_some() => GateState::Locked(user),
        Some(user) if session::has_clear_token(&user.username) => GateState::ChoosePin(user),
        _ => GateState::Open,
    };
    let gate = Gate {
        state: RwSignal::new(state),
        erased: RwSignal::new(None),
        sync,
        session,
    };
    provide_context(gate);
    erase_when_cut_off(gate);
    gate
}

/// A disabled account's or a revoked device's data leaves the device at its next sync: the
/// server refuses the session with `user_disabled` or `device_revoked` (nothing more can be
/// pushed), so the device erases that user's data and says so. An expired or revoked session
/// (sign-out elsewhere, a password change) erases nothing.
fn erase_when_cut_off(gate: Gate) {
    Effect::new(move |_| {
        let Some(why @ (SessionEnd::Disabled | SessionEnd::DeviceRevoked)) =
            gate.sync.session_ended.get()
        else {
            return;
        };
        let Some(session) = gate.session.0.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            erase_cut_off(gate, &session.user.username, why).await;
        });
    });
}

/// Erases `username`'s data from this device because the server cut them off (`why`: the
/// account is disabled or this device revoked), and says so, by the name stored with their
/// session, until the next sign-in. Also reached from a password sign-in the server refuses for
/// either reason.
pub async fn erase_cut_off(gate: Gate, username: &str, why: SessionEnd) {
    let shown = session::users_on_device()
        .into_iter()
        .find(|u| u.username == username)
        .map_or_else(|| username.to_owned(), |u| u.shown_name().to_owned());
    let unsynced = session::unsynced(username);
    engine::stop();
    if session::erase(username).await.is_ok() {
        gate.session.0.set(None);
        gate.erased.set(Some((shown, unsynced, why)));
        gate.state.set(GateState::Open);
    }
}

/// Starts the engine for `session` (whose vault is open) and shows the app.
pub async fn enter(gate: Gate, session: Session) {
    engine::stop();
    engine::start(&session, gate.sync).await;
    refresh_from_server(&session, gate.session);
    gate.erased.set(None);
    gate.session.0.set(Some(session));
    gate.state.set(GateState::Open);
}

/// Enters with the current user's stored session (just unlocked with the PIN).
pub async fn enter_saved(gate: Gate) {
    match session::saved() {
        Some(session) => enter(gate, session).await,
        None => gate.state.set(GateState::Open),
    }
}

/// What the tablet learns from the server at each online entry (best effort; tried again at
/// the next): the device's vault key, for a PIN set offline after an upgrade, which has no
/// password recovery yet; the idle-lock minutes of `serve`; the user's affiliation as the server
/// now knows it (recorded with what they save; sessions from before it was sent have none); and
/// the directory of who each device is, for the history of changes.
fn refresh_from_server(session: &Session, current: SessionState) {
    if !platform::is_online() {
        return;
    }
    let session = session.clone();
    leptos::task::spawn_local(async move {
        #[derive(serde::Deserialize)]
        struct Me {
            vault_key: String,
            #[serde(default)]
            lock_after_minutes: Option<u32>,
            #[serde(default)]
            user: Option<User>,
        }
        let username = session.user.username.clone();
        if let Ok(me) = platform::get_json_authed::<Me>("/api/me", &session.token).await {
            if let Some(minutes) = me.lock_after_minutes {
                vault::set_lock_minutes(&username, minutes);
            }
            if let Some(user) = me.user {
                session::refresh_affiliation(current, &user);
            }
            if let Some(key) = crate::store::unhex::<32>(&me.vault_key) {
                let _best_effort = vault::add_vault_key(&username, key);
                let _tried_again_at_the_next_entry = vault::keep_sync_key(&username, key);
            }
        }
        let _cached_for_offline = crate::directory::refresh(&session).await;
    });
}

thread_local! {
    static LAST_USE: Cell<u64> = const { Cell::new(0) };
}

/// Locks the app after the vault's idle minutes without a tap or key: the data key is forgotten
/// and the page reloads, so nothing decrypted stays in memory; it opens on the lock screen.
pub fn install_idle_lock(gate: Gate) {
    use wasm_bindgen::JsCast as _;
    use wasm_bindgen::prelude::Closure;
    let Some(w) = web_sys::window() else { return };
    LAST_USE.set(platform::now_ms());
    let used = Closure::<dyn Fn()>::new(|| LAST_USE.set(platform::now_ms()));
    for event in ["pointerdown", "keydown", "input", "scroll"] {
        let _ignored = w.add_event_listener_with_callback(event, used.as_ref().unchecked_ref());
    }
    used.forget();
    let check = Closure::<dyn Fn()>::new(move || {
        let Some(session) = gate.session.0.get_untracked() else {
            return;
        };
        let minutes = vault::record(&session.user.username)
            .map_or(vault::record::IDLE_LOCK_MINUTES, |r| r.lock_minutes);
        let idle = platform::now_ms().saturating_sub(LAST_USE.get());
        if idle >= u64::from(minutes) * 60_000 {
            engine::stop();
            vault::lock();
            platform::reload();
        }
    });
    let _ignored = w.set_interval_with_callback_and_timeout_and_arguments_0(
        check.as_ref().unchecked_ref(),
        15_000,
    );
    check.forget();
}
