//! Placeholder while the screen is built (replaced in this session).

use leptos::prelude::*;

#[component]
pub fn ObservationPage() -> impl IntoView {
    view! { <section class="page"></section> }
}
