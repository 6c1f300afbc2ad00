use leptos::prelude::*;
use mentora_shared::documents::mentee;
use mentora_shared::domain::Cadre;

use crate::i18n::{Key, use_i18n};
use crate::pages::cadre_key;

/// The cadre drop-down of the mentee forms, labelled by the `<label for=id>` beside it.
#[component]
pub fn CadreSelect(id: &'static str, cadre: RwSignal<Cadre>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id=id name="cadre"
            on:change=move |ev| if let Some(c) = mentee::cadre_from_code(&event_target_value(&ev)) { cadre.set(c) }>
            {mentee::CADRES.into_iter().map(|c| view! {
                <option value=mentee::cadre_code(c) selected=move || cadre.get() == c>{move || i18n.t(cadre_key(c))}</option>
            }).collect_view()}
        </select>
    }
}

/// What became of the last save: "saved on this device" once durable, or why not.
#[component]
pub fn SaveOutcome(status: RwSignal<Option<Result<(), String>>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        status.get().map(|s| match s {
            Ok(()) => view! { <p class="notice ok" role="status">{i18n.t(Key::SavedOnDevice)}</p> }.into_any(),
            Err(reason) => view! { <p class="notice error" role="alert">{i18n.t(Key::SaveFailed)} ": " {reason}</p> }.into_any(),
        })
    }
}
