//! The handover to the district: once the debrief step is done, its date and who received it;
//! once recorded, said in words at the end of the cycle.

use leptos::prelude::*;
use mentora_shared::documents::tutorat::{self, Handover};
use mentora_shared::domain::Date;
use mentora_shared::sync::DocId;
use serde::{Deserialize, Serialize};

use super::cycle::{Live, debrief_done};
use super::data;
use super::keys::{TKey, error_key};
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform;
use crate::store::hex;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct HandoverDraft {
    /// Empty means today.
    date: String,
    received_by: String,
}

#[component]
pub fn HandoverPanel(doc: DocId, live: Live) -> impl IntoView {
    let i18n = use_i18n();
    let recorded = move || live.get().and_then(|c| c.cycle.handover);
    view! {
        <section aria-labelledby="tutorat-handover-title" data-testid="tutorat-handover">
            <h2 id="tutorat-handover-title">{move || i18n.t(TKey::Handover)}</h2>
            {move || match recorded() {
                Some(h) => view! {
                    <p class="tutorat-handed"><span aria-hidden="true">"✓ "</span>
                        {move || i18n.t(TKey::HandoverOn)} " " {h.date.to_string()} " " {move || i18n.t(TKey::To)} " " {h.received_by.clone()}
                    </p>
                }.into_any(),
                None if debrief_done(live) => view! { <HandoverForm doc /> }.into_any(),
                None => view! { <p class="muted">{move || i18n.t(TKey::HandoverHint)}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn HandoverForm(doc: DocId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let draft = FormDraft::<HandoverDraft>::new("tutorat-handover", hex(&doc.0));
    let error = RwSignal::new(None::<TKey>);
    let saving = Saving::new();
    let status = saving.status;
    let today = platform::today();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let fields = draft.value.get_untracked();
        let date = if fields.date.trim().is_empty() {
            today
        } else if let Ok(date) = Date::parse(fields.date.trim()) {
            date
        } else {
            return error.set(Some(TKey::ErrDate));
        };
        let Some(Ok(now)) = data::load(doc) else {
            return status.set(Some(Err(AppError::invalid(TKey::NotFound))));
        };
        let typed = Handover {
            date,
            received_by: fields.received_by,
        };
        let handover = match tutorat::check_handover(&now.cycle, typed, platform::today()) {
            Ok(handover) => handover,
            Err(err) => return error.set(Some(error_key(err))),
        };
        error.set(None);
        saving.run(
            engine::edit(sync, doc, move |automerge| {
                tutorat::set_handover(automerge, &handover).map_err(AppError::from)
            }),
            move |_| draft.clear(),
        );
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="handover-form">
            <label for="handover-date">{move || i18n.t(TKey::HandoverDate)}</label>
            <input id="handover-date" type="date" max=today.to_string()
                prop:value=move || draft.get(|d| if d.date.is_empty() { today.to_string() } else { d.date.clone() })
                on:input=move |ev| draft.set(|d| d.date = event_target_value(&ev)) />
            <label for="handover-received">{move || i18n.t(TKey::ReceivedBy)}</label>
            <input id="handover-received" type="text" aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || draft.get(|d| d.received_by.clone())
                on:input=move |ev| draft.set(|d| d.received_by = event_target_value(&ev)) />
            {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, TKey::RecordHandover)}
            </button>
        </form>
    }
}
