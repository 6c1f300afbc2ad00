//! "Delete this entry" for something logged by mistake: the first tap asks, in words, what will
//! happen; only "Yes, delete it" deletes; "Keep it" goes back. The deletion is a tombstone in the
//! document (`documents::deletion`), so it reaches every device with the next sync.

use leptos::prelude::*;

use super::{SaveOutcome, Saving};
use crate::i18n::use_i18n;
use crate::session::use_session;
use mentora_shared::documents::deletion::Deletion;

crate::i18n::keys!(DKey, "components/confirm_delete");

/// The deletion made now by the signed-in user.
pub fn deletion_now() -> Deletion {
    Deletion {
        on: crate::platform::today(),
        by: use_session()
            .0
            .get_untracked()
            .map(|s| s.user.shown_name().to_owned())
            .unwrap_or_default(),
    }
}

/// The two-step delete; `on_delete` gets the deletion to write and runs it through `saving`
/// (a success takes the entry off the list, so only a failure shows here).
#[component]
pub fn ConfirmDelete(on_delete: Callback<Deletion>, saving: Saving) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    view! {
        <div class="confirm-delete">
            <Show when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="secondary" on:click=move |_| asking.set(true)>
                        {move || i18n.t(DKey::Delete)}
                    </button>
                }>
                <p class="notice" role="alert">{move || i18n.t(DKey::Question)}</p>
                <button type="button" class="danger" disabled=move || saving.busy()
                    on:click=move |_| on_delete.run(deletion_now())>
                    {move || i18n.t(if saving.busy() { DKey::Deleting } else { DKey::Confirm })}
                </button>
                <button type="button" class="secondary" on:click=move |_| asking.set(false)>
                    {move || i18n.t(DKey::Keep)}
                </button>
            </Show>
            <SaveOutcome status=saving.status />
        </div>
    }
}
