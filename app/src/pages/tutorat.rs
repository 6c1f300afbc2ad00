//! The Tutorat cycle: `/tutorat` lists the current place's cycles (steps done, the next step,
//! handed over or not) and starts one; `/tutorat/:id` is one cycle's six dated steps, each with
//! its status and notes, and the handover to the district.

mod cycle;
mod data;
mod handover;
mod keys;
mod step_form;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use mentora_shared::documents::tutorat;

use crate::components::{SaveOutcome, Saving, record_list, user_and_place};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::places::Place;
use crate::platform;
use crate::records;
use crate::session::use_session;
pub use cycle::TutoratCyclePage;
use data::Cycle;
use keys::{TKey, step_key};

#[component]
pub fn TutoratPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let body = move || match user_and_place() {
        Err(missing) => missing,
        Ok((_, place)) => {
            let facility = place.id.clone();
            let rows = Memo::new(move |_| {
                sync.revision.track();
                data::at_facility(&facility)
            });
            view! {
                <section aria-labelledby="tutorat-cycles-title">
                    <h2 id="tutorat-cycles-title">{move || i18n.t(TKey::Cycles)}</h2>
                    {move || record_list(rows.get(), TKey::Empty, "card-list", "tutorat-list", |c| view! { <CycleCard c /> })}
                </section>
                <StartCycle place />
            }
            .into_any()
        }
    };
    view! {
        <section class="page tutorat-page">
            <h1>{move || i18n.t(TKey::Title)}</h1>
            <p class="muted">{move || i18n.t(TKey::Intro)}</p>
            {body}
        </section>
    }
}

#[component]
fn CycleCard(c: Cycle) -> impl IntoView {
    let i18n = use_i18n();
    let href = data::href(c.doc);
    let done = c.cycle.cycle().completed.len();
    let next = c.cycle.current_step();
    let handed = c.cycle.is_handed_over();
    let started = c.cycle.started_on.to_string();
    view! {
        <li class="card">
            <div>
                <h3>{move || i18n.t(TKey::StartedOn)} " " {started.clone()}</h3>
                <p>
                    <strong>{done}</strong> " " {move || i18n.t(TKey::StepsDone)}
                    {next.map(|step| view! { " · " {move || i18n.t(TKey::NextStep)} " " {move || i18n.t(step_key(step))} })}
                    {handed.then(|| view! { " · ✓ " {move || i18n.t(TKey::HandedOver)} })}
                </p>
            </div>
            <A href=href attr:class="button">{move || i18n.t(TKey::Open)}</A>
        </li>
    }
}

/// Starts a cycle today and opens it.
#[component]
fn StartCycle(place: Place) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let navigate = use_navigate();
    let saving = Saving::new();
    let status = saving.status;
    let start = move |_| {
        status.set(None);
        let header = match records::facility_header(tutorat::KIND, tutorat::SCHEMA_VERSION, &place)
        {
            Ok(header) => header,
            Err(reason) => return saving.refuse(reason),
        };
        let facility = place.id.clone();
        let tutor = session
            .0
            .get_untracked()
            .map(|s| s.user.shown_name().to_owned())
            .unwrap_or_default();
        let navigate = navigate.clone();
        let save = engine::create(sync, header, move |doc| {
            tutorat::write_new(doc, &facility, platform::today(), &tutor).map_err(AppError::from)
        });
        saving.run_quietly(save, move |doc| {
            navigate(&data::href(doc), Default::default());
        });
    };
    view! {
        <div class="tutorat-start">
            <SaveOutcome status />
            <button type="button" on:click=start disabled=move || saving.busy()>
                {move || i18n.t(if saving.busy() { TKey::Starting } else { TKey::Start })}
            </button>
        </div>
    }
}
