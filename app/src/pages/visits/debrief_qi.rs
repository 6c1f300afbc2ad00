//! Debrief → QI: a logged debrief offers "Open a QI project on this gap", which opens a project
//! pre-filled with the debrief's notes and linked to the visit, then goes to it; once opened, the
//! debrief links to that project instead. And the QI actions still open at the facility, shown
//! on the visit page for follow-up (overdue ones first and highlighted).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use mentora_shared::sync::DocId;

use super::keys::VKey;
use crate::components::{SaveOutcome, Saving};
use crate::engine::use_sync;
use crate::i18n::use_i18n;
use crate::pages::qi::{FollowUpList, data as qi_data};
use crate::store::hex;

#[component]
pub fn DebriefQi(visit: DocId, activity: String, gap: String) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let navigate = use_navigate();
    let saving = Saving::new();
    let status = saving.status;
    let visit_hex = hex(&visit.0);
    let key = activity.clone();
    let opened = Memo::new(move |_| {
        sync.revision.track();
        qi_data::opened_from(&visit_hex, &key)
    });
    let has_gap = !gap.trim().is_empty();
    let open = move |_| {
        let (activity, gap, navigate) = (activity.clone(), gap.trim().to_owned(), navigate.clone());
        let save = qi_data::open_from_debrief(sync, visit, activity, gap);
        saving.run_quietly(save, move |doc| {
            navigate(&qi_data::href(doc), Default::default());
        });
    };
    view! {
        <div class="debrief-qi" data-testid="debrief-qi">
            {move || match opened.get() {
                Some(doc) => view! {
                    <A href=qi_data::href(doc) attr:class="button secondary">{move || i18n.t(VKey::SeeQiProject)}</A>
                }
                .into_any(),
                None if has_gap => view! {
                    <button type="button" on:click=open.clone() disabled=move || saving.busy()>
                        {move || i18n.t(VKey::OpenQiOnGap)}
                    </button>
                }
                .into_any(),
                None => view! {
                    <p class="muted">{move || i18n.t(VKey::NoGapWritten)} " "
                        <A href="/qi">{move || i18n.t(VKey::OpenQiElsewhere)}</A>
                    </p>
                }
                .into_any(),
            }}
            <SaveOutcome status />
        </div>
    }
}

/// The facility's open QI actions, for follow-up during this visit.
#[component]
pub fn QiFollowUp(facility: String) -> impl IntoView {
    let sync = use_sync();
    let at = facility.clone();
    let projects = Memo::new(move |_| {
        sync.revision.track();
        qi_data::at_facility(&at)
    });
    view! { <FollowUpList projects facility /> }
}
