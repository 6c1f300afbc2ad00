//! The two things most screens need before they can show anything: a signed-in user and the
//! place chosen for today. Said once here, so every screen asks for them the same way.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, use_i18n};
use crate::places::{Place, use_places};
use crate::session::{User, use_session};

/// The signed-in user and today's place, or the view that says which is missing and links to
/// where to fix it (sign in first, then choose a place). Reactive when called inside a closure.
pub fn user_and_place() -> Result<(User, Place), AnyView> {
    let i18n = use_i18n();
    let Some(user) = use_session().0.get().map(|s| s.user) else {
        return Err(sign_in_prompt());
    };
    match use_places().current_place() {
        Some(place) => Ok((user, place)),
        None => Err(view! {
            <p class="notice">{move || i18n.t(Key::ChoosePlaceFirst)}</p>
            <A href="/places" attr:class="button">{move || i18n.t(Key::NavPlaces)}</A>
        }
        .into_any()),
    }
}

/// "Sign in to continue" and the link to the sign-in page: what every screen shows when nobody
/// is signed in.
pub fn sign_in_prompt() -> AnyView {
    let i18n = use_i18n();
    view! {
        <p>{move || i18n.t(Key::SignInNeeded)}</p>
        <A href="/login" attr:class="button">{move || i18n.t(Key::SignIn)}</A>
    }
    .into_any()
}
