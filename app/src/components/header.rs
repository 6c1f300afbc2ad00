use leptos::prelude::*;

use crate::components::SyncBadge;
use crate::i18n::{Key, use_i18n};
use crate::places::use_places;
use crate::session::use_session;

/// The top bar: app name, who is signed in, today's place, `children` (the comments waiting),
/// and the sync status.
#[component]
pub fn AppHeader(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let places = use_places();
    let session = use_session();
    let user_name = move || {
        session.0.get().map_or_else(
            || i18n.t(Key::NotSignedIn).to_owned(),
            |s| s.user.shown_name().to_owned(),
        )
    };
    let place_name = move || {
        places
            .current_place()
            .map_or_else(|| i18n.t(Key::NoPlaceChosen).to_owned(), |p| p.name)
    };
    view! {
        <header class="app-header">
            <a class="brand" href="/">{move || i18n.t(Key::AppName)}</a>
            // Who and where, one tap from changing today's place (at a phone's width the two
            // lines share the header's single row with the comments and the sync state).
            <a class="context" href="/places" data-testid="header-context">
                <span class="line">
                    <span class="visually-hidden">{move || i18n.t(Key::User)} ": "</span>
                    <span data-testid="header-user">{user_name}</span>
                </span>
                <span class="line">
                    <span class="visually-hidden">{move || i18n.t(Key::CurrentPlace)} ": "</span>
                    <span data-testid="header-place">{place_name}</span>
                </span>
            </a>
            {children()}
            <SyncBadge />
        </header>
    }
}
