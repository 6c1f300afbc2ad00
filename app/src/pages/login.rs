use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::engine::{self, use_sync};
use crate::i18n::{Key, use_i18n};
use crate::session::{self, LoginError, use_session};

/// Sign-in form. The first sign-in on a device needs the network; after that the app starts
/// offline from the saved session.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let view_state = use_sync();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<LoginError>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result =
                session::login(username.get_untracked().trim(), &password.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(signed_in) => {
                    password.set(String::new());
                    engine::stop();
                    engine::start(&signed_in, view_state).await;
                    session.0.set(Some(signed_in));
                    navigate("/mentees", Default::default());
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };

    let message = move || {
        error.get().map(|err| {
            let text = match err {
                LoginError::Rejected => i18n.t(Key::LoginRejected).to_owned(),
                LoginError::Offline => i18n.t(Key::LoginOffline).to_owned(),
                LoginError::Other(reason) => format!("{}: {reason}", i18n.t(Key::LoginFailed)),
            };
            view! { <p class="notice error" role="alert">{text}</p> }
        })
    };

    view! {
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
    }
}
