use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, use_i18n};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{move || i18n.t(Key::NotFoundTitle)}</h1>
            <A href="/">{move || i18n.t(Key::BackHome)}</A>
        </section>
    }
}
