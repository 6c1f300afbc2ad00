use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};
use crate::pages::lock::{ChoosePin, Gate, GateState, enter, erase_cut_off};
use crate::session::{self, LoginError, Session, SessionEnd};
use crate::vault;

/// Sign-in form. The first sign-in on a device needs the network, and then the user chooses the
/// PIN that unlocks the app offline from then on. Signing in again where the user already has a
/// vault opens it with the device's vault key from the server's answer.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let gate = expect_context::<Gate>();
    let nav = StoredValue::new_local(use_navigate());
    let choosing = RwSignal::new(None::<(Session, Option<[u8; 32]>)>);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = Busy::new();
    let error = RwSignal::new(None::<LoginError>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.run(async move {
            error.set(None);
            let result =
                session::login(username.get_untracked().trim(), &password.get_untracked()).await;
            match result {
                Ok(signed_in) => {
                    password.set(String::new());
                    let user = signed_in.session.user.username.clone();
                    if vault::record(&user).is_none() {
                        choosing.set(Some((signed_in.session, signed_in.vault_key)));
                        return;
                    }
                    let opened = signed_in
                        .vault_key
                        .ok_or(vault::VaultError::Unreadable)
                        .and_then(|key| vault::unlock_with_vault_key(&user, key))
                        .and_then(|()| session::remember(&signed_in.session));
                    if opened.is_err() {
                        // The vault does not open with this device's key: the PIN still does.
                        session::make_current(&user);
                        gate.state.set(GateState::Locked(signed_in.session.user));
                        return;
                    }
                    let start = signed_in.session.user.start_path();
                    enter(gate, signed_in.session).await;
                    nav.with_value(|go| go(start, Default::default()));
                }
                Err(LoginError::CutOff(why)) => {
                    // What this device holds of that user leaves it, as at a sync refused for
                    // the same reason; a revoked device's id goes too, so the next sign-in here
                    // is a new device.
                    let user = username.get_untracked().trim().to_owned();
                    let known = session::users_on_device()
                        .iter()
                        .any(|u| u.username == user);
                    if known || why == SessionEnd::DeviceRevoked {
                        erase_cut_off(gate, &user, why).await;
                    }
                    error.set(Some(LoginError::CutOff(why)));
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };

    let message = move || {
        error.get().map(|err| {
            let text = match err {
                LoginError::Rejected => i18n.t(Key::LoginRejected).to_owned(),
                LoginError::CutOff(SessionEnd::DeviceRevoked) => {
                    i18n.t(Key::DeviceRevokedReason).to_owned()
                }
                LoginError::CutOff(_) => i18n.t(Key::UserDisabledReason).to_owned(),
                LoginError::Offline => i18n.t(Key::LoginOffline).to_owned(),
                LoginError::Other(reason) => {
                    format!("{}: {}", i18n.t(Key::LoginFailed), reason.message(i18n))
                }
            };
            view! { <p class="notice error" role="alert">{text}</p> }
        })
    };

    let chosen = move |pin: String| async move {
        let Some((signed_in, vault_key)) = choosing.get_untracked() else {
            return Ok::<_, AppError>(());
        };
        let user = signed_in.user.username.clone();
        vault::create(&user, &pin, vault_key).await?;
        session::remember(&signed_in)?;
        let start = signed_in.user.start_path();
        enter(gate, signed_in).await;
        nav.with_value(|go| go(start, Default::default()));
        Ok(())
    };
    let form = move || choosing.with(Option::is_none);
    view! {
        <Show when=form fallback=move || view! { <ChoosePin on_chosen=chosen /> }>
        <section class="page narrow">
            <h1>{move || i18n.t(Key::SignInTitle)}</h1>
            <form class="form" on:submit=submit>
                <label for="username">{move || i18n.t(Key::Username)}</label>
                <input id="username" name="username" autocomplete="username" required
                    prop:value=username on:input=move |ev| username.set(event_target_value(&ev)) />
                <label for="password">{move || i18n.t(Key::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
                {message}
                <button type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { Key::SigningIn } else { Key::SignIn })}
                </button>
            </form>
        </section>
        </Show>
    }
}
