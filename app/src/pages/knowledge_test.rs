//! Placeholder while the screen is built (replaced in this session).

use leptos::prelude::*;

#[component]
pub fn KnowledgeTestPage() -> impl IntoView {
    view! { <section class="page"></section> }
}
