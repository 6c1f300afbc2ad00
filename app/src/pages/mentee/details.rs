//! The mentee's details (name, cadre, phone), editable field by field: a concurrent edit made on
//! another tablet to another field is merged, not overwritten.

use leptos::prelude::*;
use mentora_shared::documents::mentee::{self, MenteeRecord};
use mentora_shared::domain::Cadre;
use mentora_shared::sync::DocId;

use super::super::mentees::input_error_key;
use super::keys::MKey;
use crate::components::{AssociationSelect, CadreSelect, SaveOutcome, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};

#[component]
pub fn DetailsForm(id: DocId, current: MenteeRecord) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let name = RwSignal::new(current.name.clone());
    let phone = RwSignal::new(current.phone.clone().unwrap_or_default());
    let cadre = RwSignal::new(current.cadre);
    let association = RwSignal::new(current.association);
    let saving = Saving::new();
    let status = saving.status;
    let before = StoredValue::new(current);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (clean_name, clean_phone) =
            match mentee::clean_name_and_phone(&name.get_untracked(), &phone.get_untracked()) {
                Ok(cleaned) => cleaned,
                Err(err) => {
                    status.set(Some(Err(AppError::invalid(input_error_key(&err)))));
                    return;
                }
            };
        saving.run(
            engine::edit(sync, id, move |doc| {
                // Only what the user changed on this form is written, so an edit made meanwhile
                // on another tablet to another field survives.
                let before = before.get_value();
                let mut next = mentee::read(doc).map_err(AppError::unreadable)?;
                if clean_name != before.name {
                    next.name = clean_name;
                }
                if clean_phone != before.phone {
                    next.phone = clean_phone;
                }
                if cadre.get_untracked() != before.cadre {
                    next.cadre = cadre.get_untracked();
                }
                if association.get_untracked() != before.association {
                    next.association = association.get_untracked();
                }
                if matches!(next.cadre, Cadre::Chw | Cadre::Ceho) {
                    next.association = None;
                }
                mentee::update(doc, &next).map_err(AppError::from)
            }),
            drop,
        );
    };

    view! {
        <form class="form card-form" on:submit=submit data-testid="edit-mentee">
            <h2>{move || i18n.t(MKey::Details)}</h2>
            <label for="edit-name">{move || i18n.t(Key::Name)}</label>
            <input id="edit-name" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="edit-cadre">{move || i18n.t(Key::Cadre)}</label>
            <CadreSelect id="edit-cadre" cadre />
            <AssociationSelect id="edit-association" cadre association />
            <label for="edit-phone">{move || i18n.t(Key::Phone)}</label>
            <input id="edit-phone" type="tel" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev)) />
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, Key::Save)}
            </button>
        </form>
    }
}
