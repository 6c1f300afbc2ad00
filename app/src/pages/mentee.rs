use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentora_shared::documents::mentee::{self, MenteeRecord};
use mentora_shared::sync::DocId;

use super::mentees::input_error_key;
use crate::components::{CadreSelect, SaveOutcome};
use crate::engine::{self, use_sync};
use crate::i18n::{Key, use_i18n};
use crate::store::unhex;

/// One mentee's record, editable field by field: concurrent edits made on another tablet to other
/// fields are merged, not overwritten.
#[component]
pub fn MenteePage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let params = use_params_map();
    let doc_id = move || params.with(|p| p.get("id").and_then(|id| unhex::<16>(&id)).map(DocId));
    let record = Memo::new(move |_| {
        sync.revision.track();
        doc_id().and_then(|id| {
            engine::read_one(id, |_, doc| mentee::read(doc).map_err(|e| e.to_string()))
        })
    });
    // The editor is rebuilt only when the record appears, disappears or breaks — not on every
    // change — so a sync arriving while the form is open does not wipe what is being typed.
    let shape = Memo::new(move |_| {
        let state = record.with(|r| match r {
            Some(Ok(_)) => Ok(true),
            Some(Err(reason)) => Err(reason.clone()),
            None => Ok(false),
        });
        (doc_id(), state)
    });
    view! {
        <section class="page">
            <A href="/mentees">{move || i18n.t(Key::Back)}</A>
            {move || match shape.get() {
                (Some(id), Ok(true)) => {
                    let current = record.get_untracked().and_then(Result::ok);
                    current.map(|current| view! { <MenteeEditor id current record /> }).into_any()
                }
                (_, Err(reason)) => view! {
                    <p class="notice error" role="alert">{move || i18n.t(Key::UnreadableRecord)} ": " {reason}</p>
                }
                .into_any(),
                _ => view! { <h1>{move || i18n.t(Key::MenteeNotFound)}</h1> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MenteeEditor(
    id: DocId,
    current: MenteeRecord,
    record: Memo<Option<Result<MenteeRecord, String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let name = RwSignal::new(current.name.clone());
    let phone = RwSignal::new(current.phone.clone().unwrap_or_default());
    let cadre = RwSignal::new(current.cadre);
    let status = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let title = move || record.get().and_then(Result::ok).map(|m| m.name);
    let before = StoredValue::new(current);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (clean_name, clean_phone) =
            match mentee::clean_name_and_phone(&name.get_untracked(), &phone.get_untracked()) {
                Ok(cleaned) => cleaned,
                Err(err) => {
                    status.set(Some(Err(i18n.t(input_error_key(&err)).to_owned())));
                    return;
                }
            };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = engine::edit(sync, id, move |doc| {
                // Only what the user changed on this form is written, so an edit made meanwhile
                // on another tablet to another field survives.
                let before = before.get_value();
                let mut next = mentee::read(doc).map_err(|e| e.to_string())?;
                if clean_name != before.name {
                    next.name = clean_name;
                }
                if clean_phone != before.phone {
                    next.phone = clean_phone;
                }
                if cadre.get_untracked() != before.cadre {
                    next.cadre = cadre.get_untracked();
                }
                mentee::update(doc, &next).map_err(|e| e.to_string())
            })
            .await;
            busy.set(false);
            status.set(Some(result));
        });
    };

    view! {
        <h1>{title}</h1>
        <form class="form card-form" on:submit=submit data-testid="edit-mentee">
            <label for="edit-name">{move || i18n.t(Key::Name)}</label>
            <input id="edit-name" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="edit-cadre">{move || i18n.t(Key::Cadre)}</label>
            <CadreSelect id="edit-cadre" cadre />
            <label for="edit-phone">{move || i18n.t(Key::Phone)}</label>
            <input id="edit-phone" type="tel" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev)) />
            <SaveOutcome status />
            <button type="submit" disabled=move || busy.get()>
                {move || i18n.t(if busy.get() { Key::Saving } else { Key::Save })}
            </button>
        </form>
    }
}
