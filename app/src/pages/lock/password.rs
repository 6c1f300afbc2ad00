//! Unlocking with the password, online: after 5 wrong PINs or "forgot PIN". The server's answer
//! carries the device's vault key, which opens the data key; then the user chooses a new PIN.
//! Wrong passwords count with the wrong PINs; the tenth erases the user's data here.

use leptos::prelude::*;

use super::gate::{self, enter};
use super::{ChoosePin, attempts_warning};
use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};
use crate::session::{self, LoginError, Session};
use crate::vault::{self, Standing};

#[component]
pub fn PasswordUnlock(username: String, on_erased: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let gate = gate::use_gate();
    let username = StoredValue::new(username);
    let password = RwSignal::new(String::new());
    let busy = Busy::new();
    let message = RwSignal::new(None::<String>);
    let signed_in = RwSignal::new(None::<Session>);
    let warning = RwSignal::new(attempts_warning(&username.get_value(), |n, k| {
        i18n.count(n, k)
    }));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.run(async move {
            message.set(None);
            let user = username.get_value();
            let result = session::login(&user, &password.get_untracked()).await;
            password.set(String::new());
            match result {
                Ok(answer) => {
                    let opened = answer
                        .vault_key
                        .ok_or(vault::VaultError::Unreadable)
                        .and_then(|key| vault::unlock_with_vault_key(&user, key))
                        .and_then(|()| session::remember(&answer.session));
                    match opened {
                        Ok(()) => signed_in.set(Some(answer.session)),
                        Err(err) => message.set(Some(super::unlock_failed(i18n, err.into()))),
                    }
                }
                Err(LoginError::Rejected) => {
                    if vault::count_wrong(&user) == Standing::Erase {
                        crate::engine::stop();
                        if let Err(err) = session::erase(&user).await {
                            let err = AppError::from(err);
                            err.log("erase");
                            message.set(Some(err.message(i18n)));
                            return;
                        }
                        on_erased.run(());
                        return;
                    }
                    message.set(Some(i18n.t(Key::LoginRejected).to_owned()));
                    warning.set(attempts_warning(&user, |n, k| i18n.count(n, k)));
                }
                Err(LoginError::CutOff(why)) => {
                    gate::erase_cut_off(gate, &user, why).await;
                }
                Err(LoginError::Offline) => message.set(Some(i18n.t(Key::LoginOffline).to_owned())),
                Err(LoginError::Other(reason)) => {
                    reason.log("sign-in");
                    message.set(Some(format!(
                        "{}: {}",
                        i18n.t(Key::LoginFailed),
                        reason.message(i18n)
                    )));
                }
            }
        });
    };

    move || {
        match signed_in.get() {
        Some(session) => {
            let session = StoredValue::new(session);
            view! {
                <ChoosePin on_chosen=move |pin: String| async move {
                    let session = session.get_value();
                    vault::set_pin(&session.user.username, &pin).await?;
                    enter(gate, session).await;
                    Ok::<_, AppError>(())
                } />
            }
            .into_any()
        }
        None => view! {
            <form class="form" on:submit=submit>
                <label for="unlock-password">{move || i18n.t(Key::Password)}</label>
                <input id="unlock-password" type="password" autocomplete="current-password" required
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
                {move || message.get().map(|m| view! { <p class="notice error" role="alert">{m}</p> })}
                {move || warning.get().map(|w| view! { <p class="notice warning" data-testid="erase-warning">{w}</p> })}
                <button type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { Key::SigningIn } else { Key::SignIn })}
                </button>
            </form>
        }
        .into_any(),
    }
    }
}
