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
use crate::i18n::use_i18n;
use crate::session::{self, SessionEnd, User};
use crate::vault::{self, PinOutcome, Standing};

crate::i18n::keys! { LKey;
    Locked => "Mentora is locked", "Mentora est verrouillé";
    LockedAs => "Signed in as", "Connecté en tant que";
    Pin => "PIN", "Code PIN";
    Unlock => "Unlock", "Déverrouiller";
    Unlocking => "Unlocking…", "Déverrouillage…";
    WrongPin => "Wrong PIN.", "Code PIN incorrect.";
    ForgotPin => "Forgot PIN? Sign in with your password", "Code PIN oublié ? Connectez-vous avec votre mot de passe";
    PinLockedOut => "Too many wrong PINs: sign in with your password (online) to unlock, then choose a new PIN.", "Trop de codes PIN incorrects : connectez-vous avec votre mot de passe (en ligne) pour déverrouiller, puis choisissez un nouveau code.";
    SwitchUser => "Other users on this tablet", "Autres utilisateurs de cette tablette";
    AnotherAccount => "Sign in with another account", "Se connecter avec un autre compte";
    Erased => "After 10 wrong attempts, this user's data was erased from this tablet. What was synced is safe on the server: sign in again to get it back.", "Après 10 tentatives incorrectes, les données de cet utilisateur ont été effacées de cette tablette. Ce qui était synchronisé est conservé sur le serveur : reconnectez-vous pour le récupérer.";
    SignInAgain => "Sign in", "Se connecter";
    Failed => "Could not unlock", "Déverrouillage impossible";
    DisabledErased => "This account was disabled by an administrator: its data was removed from this tablet.", "Ce compte a été désactivé par un administrateur : ses données ont été retirées de cette tablette.";
    RevokedErased => "An administrator revoked this tablet's access: this account's data was removed from it.", "Un administrateur a révoqué l’accès de cette tablette : les données de ce compte en ont été retirées.";
}

crate::i18n::counts! { LCount;
    TriesLeft => ["{n} try left before only your password unlocks.", "{n} tries left before only your password unlocks."],
        ["{n} essai restant avant que seul le mot de passe déverrouille.", "{n} essais restants avant que seul le mot de passe déverrouille."];
    EraseWarning => ["One more wrong attempt erases this user's data on this tablet: {n} record is not yet synced.", "One more wrong attempt erases this user's data on this tablet: {n} records are not yet synced."],
        ["Une tentative incorrecte de plus efface les données de cet utilisateur sur cette tablette : {n} fiche n’est pas encore synchronisée.", "Une tentative incorrecte de plus efface les données de cet utilisateur sur cette tablette : {n} fiches ne sont pas encore synchronisées."];
    LostUnsynced => ["{n} record with unsynced changes was lost.", "{n} records with unsynced changes were lost."],
        ["{n} fiche avec des modifications non synchronisées a été perdue.", "{n} fiches avec des modifications non synchronisées ont été perdues."];
    AttemptsLeft => ["{n} wrong attempt left before this user's data is erased from this tablet.", "{n} wrong attempts left before this user's data is erased from this tablet."],
        ["{n} tentative incorrecte restante avant l’effacement des données de cet utilisateur sur cette tablette.", "{n} tentatives incorrectes restantes avant l’effacement des données de cet utilisateur sur cette tablette."];
}

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
                Err(err) => {
                    let err = AppError::from(err);
                    err.log("unlock");
                    message.set(Some(format!(
                        "{}: {}",
                        i18n.t(LKey::Failed),
                        err.message(i18n)
                    )));
                }
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
