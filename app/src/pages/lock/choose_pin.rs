//! Choosing a PIN: at a user's first sign-in on a device, after "forgot PIN", and once on a
//! device upgraded from before the vault.

use leptos::prelude::*;

use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::vault::record::{PinProblem, check_new_pin};

crate::i18n::keys!(PinKey, "pages/lock/choose_pin");

/// The PIN form; `on_chosen` gets the PIN once it passes the rules, and resolves to an error to
/// show if storing it failed.
#[component]
pub fn ChoosePin<F, Fut>(on_chosen: F) -> impl IntoView
where
    F: Fn(String) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<(), AppError>> + 'static,
{
    let i18n = use_i18n();
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = Busy::new();
    let message = RwSignal::new(None::<AppError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = pin.get_untracked();
        if let Err(problem) = check_new_pin(&chosen, &again.get_untracked()) {
            let key = match problem {
                PinProblem::TooShort => PinKey::TooShort,
                PinProblem::NotDigits => PinKey::NotDigits,
                PinProblem::Mismatch => PinKey::Mismatch,
                PinProblem::TooSimple => PinKey::TooSimple,
            };
            message.set(Some(AppError::invalid(key)));
            return;
        }
        busy.run(async move {
            message.set(None);
            let result = on_chosen(chosen).await;
            if let Err(reason) = result {
                reason.log("PIN not stored");
                message.set(Some(reason));
            }
        });
    };
    view! {
        <section class="page narrow" data-testid="choose-pin">
            <h1>{move || i18n.t(PinKey::Title)}</h1>
            <p>{move || i18n.t(PinKey::Why)}</p>
            <form class="form" on:submit=submit>
                <label for="new-pin">{move || i18n.t(PinKey::NewPin)}</label>
                <input id="new-pin" type="password" inputmode="numeric" autocomplete="new-password" required
                    prop:value=pin on:input=move |ev| pin.set(event_target_value(&ev)) />
                <label for="new-pin-again">{move || i18n.t(PinKey::Again)}</label>
                <input id="new-pin-again" type="password" inputmode="numeric" autocomplete="new-password" required
                    prop:value=again on:input=move |ev| again.set(event_target_value(&ev)) />
                {move || message.get().map(|m| view! { <p class="notice error" role="alert">{move || m.message(i18n)}</p> })}
                <button type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { PinKey::Setting } else { PinKey::Set })}
                </button>
            </form>
        </section>
    }
}
