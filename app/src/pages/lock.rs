//! The locked app: the PIN unlocks it offline; after 5 wrong PINs (or "Forgot PIN") only the
//! password, online, does, and sets a new PIN; at 10 wrong attempts the user's data on this
//! device is erased, after a warning that says how much of it is not yet synced. Other users of a
//! shared tablet are one tap away, each behind their own PIN.

mod choose_pin;
mod gate;
mod password;

use leptos::prelude::*;

pub use choose_pin::ChoosePin;
use gate::use_gate;
pub use gate::{Gate, GateState, enter, erase_cut_off, install_idle_lock, provide_gate};
use password::PasswordUnlock;

use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::session::{self, SessionEnd, User};
use crate::vault::{self, PinOutcome, Standing};

crate::i18n::keys!(LKey, "pages/lock");

crate::i18n::counts!(LCount, "pages/lock");

/// What the lock screen shows for `user`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Pin,
    Password,
    Erased,
}

fn mode_for(username: &str) -> Mode {
    match vault::record(username).map(|r| vault::record::standing(r.wrong)) {
        Some(Standing::Pin { .. }) => Mode::Pin,
        Some(Standing::PasswordOnly { .. }) => Mode::Password,
        Some(Standing::Erase) | None => Mode::Erased,
    }
}

/// The warning under a password form: how many attempts are left, and at the last one how many
/// records erasing would lose.
fn attempts_warning(
    username: &str,
    lang_count: impl Fn(usize, LCount) -> String,
) -> Option<String> {
    let wrong = vault::record(username)?.wrong;
    match vault::record::standing(wrong) {
        Standing::PasswordOnly { left: 1 } => Some(lang_count(
            session::unsynced(username),
            LCount::EraseWarning,
        )),
        Standing::PasswordOnly { left } => Some(lang_count(left as usize, LCount::AttemptsLeft)),
        _ => None,
    }
}

#[component]
pub fn LockScreen(user: User) -> impl IntoView {
    let i18n = use_i18n();
    let gate = use_gate();
    let username = StoredValue::new(user.username.clone());
    let mode = RwSignal::new(mode_for(&user.username));
    let others: Vec<User> = session::users_on_device()
        .into_iter()
        .filter(|u| u.username != user.username)
        .collect();
    let body = move || {
        match mode.get() {
        Mode::Pin => view! { <PinForm username=username.get_value() mode /> }.into_any(),
        Mode::Password => view! {
            <p class="notice">{move || {
                let wrong = vault::record(&username.get_value()).map_or(0, |r| r.wrong);
                (wrong >= vault::record::PIN_TRIES).then(|| i18n.t(LKey::PinLockedOut))
            }}</p>
            <PasswordUnlock username=username.get_value() on_erased=Callback::new(move |()| mode.set(Mode::Erased)) />
        }
        .into_any(),
        Mode::Erased => view! {
            <p class="notice error" role="alert">{move || i18n.t(LKey::Erased)}</p>
            <button type="button" on:click=move |_| gate.state.set(GateState::Open)>
                {move || i18n.t(LKey::SignInAgain)}
            </button>
        }
        .into_any(),
    }
    };
    view! {
        <section class="page narrow" data-testid="lock-screen">
            <h1>{move || i18n.t(LKey::Locked)}</h1>
            <p>{move || i18n.t(LKey::LockedAs)} " " <strong>{user.shown_name().to_owned()}</strong></p>
            {body}
            {move || (mode.get() == Mode::Pin).then(|| view! {
                <p><button type="button" class="link" on:click=move |_| mode.set(Mode::Password)>
                    {move || i18n.t(LKey::ForgotPin)}
                </button></p>
            })}
            {(!others.is_empty()).then(|| view! {
                <h2>{move || i18n.t(LKey::SwitchUser)}</h2>
                <ul class="plain">
                    {others.into_iter().map(|other| {
                        let name = other.shown_name().to_owned();
                        view! { <li><button type="button" on:click=move |_| {
                            session::make_current(&other.username);
                            gate.state.set(GateState::Locked(other.clone()));
                        }>{name}</button></li> }
                    }).collect_view()}
                </ul>
            })}
            <p><button type="button" class="link" on:click=move |_| gate.state.set(GateState::Open)>
                {move || i18n.t(LKey::AnotherAccount)}
            </button></p>
        </section>
    }
}

#[component]
fn PinForm(username: String, mode: RwSignal<Mode>) -> impl IntoView {
    let i18n = use_i18n();
    let gate = use_gate();
    let username = StoredValue::new(username);
    let pin = RwSignal::new(String::new());
    let busy = Busy::new();
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.run(async move {
            message.set(None);
            let user = username.get_value();
            let outcome = vault::unlock_with_pin(&user, &pin.get_untracked()).await;
            pin.set(String::new());
            match outcome {
                Ok(PinOutcome::Opened) => gate::enter_saved(gate).await,
                Ok(PinOutcome::Wrong(Standing::Pin { left })) => message.set(Some(format!(
                    "{} {}",
                    i18n.t(LKey::WrongPin),
                    i18n.count(left, LCount::TriesLeft)
                ))),
                Ok(PinOutcome::Wrong(_) | PinOutcome::NotAllowed(_)) => mode.set(mode_for(&user)),
                Err(err) => message.set(Some(unlock_failed(i18n, err.into()))),
            }
        });
    };
    view! {
        <form class="form" on:submit=submit>
            <label for="unlock-pin">{move || i18n.t(LKey::Pin)}</label>
            <input id="unlock-pin" type="password" inputmode="numeric" autocomplete="off" required
                prop:value=pin on:input=move |ev| pin.set(event_target_value(&ev)) />
            {move || message.get().map(|m| view! { <p class="notice error" role="alert">{m}</p> })}
            <button type="submit" disabled=move || busy.get()>
                {move || i18n.t(if busy.get() { LKey::Unlocking } else { LKey::Unlock })}
            </button>
        </form>
    }
}

/// Says whose data was erased because their account was disabled or this tablet revoked (until
/// the next sign-in).
#[component]
pub fn ErasedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let gate = use_gate();
    move || {
        gate.erased.get().map(|(name, unsynced, why)| {
            let reason = if why == SessionEnd::DeviceRevoked {
                LKey::RevokedErased
            } else {
                LKey::DisabledErased
            };
            view! {
                <div class="notice error" role="alert" data-testid="erased-notice">
                    <strong>{name}</strong> ": " {move || i18n.t(reason)}
                    {(unsynced > 0).then(|| format!(" {}", i18n.count(unsynced, LCount::LostUnsynced)))}
                </div>
            }
        })
    }
}

/// "Unlocking failed: <why>", in the person's language; the detail goes to the console.
fn unlock_failed(i18n: I18n, err: AppError) -> String {
    err.log("unlock");
    format!("{}: {}", i18n.t(LKey::Failed), err.message(i18n))
}
