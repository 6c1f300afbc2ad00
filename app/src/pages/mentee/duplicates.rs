//! Merging duplicates: the same person registered on two tablets offline shows as two records
//! with the same name at the same place (`mentee::likely_duplicate`). Merging copies the duplicate's history into this record
//! and marks the duplicate, so lists hide it everywhere once synced.

use leptos::prelude::*;
use mentora_shared::documents::mentee;

use super::keys::{MCount, MKey};
use crate::components::{SaveOutcome, Saving, cadre_key};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::records::{self, Mentee};
use crate::store::hex;

#[component]
pub fn Duplicates(mentee: Memo<Option<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let twins = Memo::new(move |_| {
        // Other records change without this one changing: follow every revision.
        sync.revision.track();
        let Some(me) = mentee.get() else {
            return Vec::new();
        };
        records::at_facility(&me.record.facility)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|other| {
                other.doc != me.doc && mentee::likely_duplicate(&me.record, &other.record)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !twins.get().is_empty()>
            <section class="card-form" aria-labelledby="duplicates-title" data-testid="duplicates">
                <h2 id="duplicates-title">{move || i18n.t(MKey::Duplicates)}</h2>
                <p>{move || i18n.t(MKey::DuplicatesExplain)}</p>
                <ul class="card-list">
                    {move || twins.get().into_iter().map(|twin| view! { <Twin twin mentee sync /> }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn Twin(twin: Mentee, mentee: Memo<Option<Mentee>>, sync: engine::SyncView) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let saving = Saving::new();
    let status = saving.status;
    let cadre = cadre_key(twin.record.cadre);
    let count = twin.history.assessments.len();
    let twin_doc = twin.doc;
    let merge = move |_| {
        let Some(me) = mentee.get_untracked() else {
            return;
        };
        let Some(duplicate) = engine::read_one(twin_doc, |_, doc| doc.clone()) else {
            return;
        };
        let merged = async move {
            let into_id = me.id();
            let copied = engine::edit(sync, me.doc, move |doc| {
                mentee::merge_into(doc, into_id, &duplicate).map_err(AppError::from)
            })
            .await;
            // The duplicate is marked only once its history is safely in this record.
            let result = match copied {
                Ok(()) => {
                    let into = hex(&me.doc.0);
                    engine::edit(sync, twin_doc, move |doc| {
                        mentee::mark_merged(doc, &into).map_err(AppError::from)
                    })
                    .await
                }
                Err(reason) => Err(reason),
            };
            asking.set(false);
            result
        };
        saving.run(merged, drop);
    };
    view! {
        <li class="card">
            <div>
                <h3>{twin.record.name.clone()}</h3>
                <p class="muted">{move || i18n.t(cadre)} " · " {move || i18n.count(count, MCount::Assessments)}</p>
            </div>
            <Show when=move || !asking.get() fallback=move || view! {
                <button type="button" on:click=merge disabled=move || saving.busy()>{move || i18n.t(MKey::ConfirmMerge)}</button>
                <button type="button" class="secondary" on:click=move |_| asking.set(false)>{move || i18n.t(MKey::Cancel)}</button>
            }>
                <button type="button" on:click=move |_| asking.set(true)>{move || i18n.t(MKey::MergeInto)}</button>
            </Show>
            <SaveOutcome status />
        </li>
    }
}
