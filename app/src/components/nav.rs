use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, use_i18n};

/// Bottom navigation: large targets within thumb reach on a tablet held in one hand.
#[component]
pub fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="bottom-nav" aria-label=move || i18n.t(Key::MainNav)>
            <A href="/places" exact=true>{move || i18n.t(Key::NavPlaces)}</A>
            <A href="/mentees">{move || i18n.t(Key::NavMentees)}</A>
            <A href="/facility">{move || i18n.t(Key::NavFacility)}</A>
            <A href="/sync">{move || i18n.t(Key::NavSync)}</A>
            <A href="/settings">{move || i18n.t(Key::NavSettings)}</A>
        </nav>
    }
}
