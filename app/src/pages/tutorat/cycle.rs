//! `/tutorat/:id`: one cycle's six steps in order — status in words, date and notes — with the
//! form of the step being updated (the next step's form open first), and the handover.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentora_shared::documents::tutorat::{StepRecord, StepStatus};
use mentora_shared::domain::tutorat::TutoratStep;
use mentora_shared::sync::DocId;

use super::data::{self, Cycle};
use super::handover::HandoverPanel;
use super::keys::{TKey, status_parts, step_key};
use super::step_form::StepForm;
use crate::components::UnreadableRecord;
use crate::engine::use_sync;
use crate::i18n::{Key, use_i18n};
use crate::records;

/// The cycle as the page shows it, kept current as edits and syncs arrive.
pub(super) type Live = Memo<Option<Cycle>>;

#[component]
pub fn TutoratCyclePage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let params = use_params_map();
    let doc_id = move || params.with(|p| p.get("id").and_then(|id| records::parse_doc_id(&id)));
    let loaded = Memo::new(move |_| {
        sync.revision.track();
        doc_id().and_then(data::load)
    });
    // Built once per cycle, so a sync arriving while a form is typed into does not disturb it.
    let shape = Memo::new(move |_| {
        let state = loaded.with(|c| match c {
            Some(Ok(_)) => Ok(true),
            Some(Err(reason)) => Err(reason.clone()),
            None => Ok(false),
        });
        (doc_id(), state)
    });
    let live: Live = Memo::new(move |_| loaded.get().and_then(Result::ok));
    view! {
        <section class="page tutorat-cycle">
            <A href="/tutorat">{move || i18n.t(Key::Back)}</A>
            <h1>{move || i18n.t(TKey::Title)}</h1>
            {move || match shape.get() {
                (Some(doc), Ok(true)) => view! { <CycleView doc live /> }.into_any(),
                (_, Err(reason)) => view! {
                    <UnreadableRecord reason />
                }
                .into_any(),
                _ => view! { <p class="notice">{move || i18n.t(TKey::NotFound)}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn CycleView(doc: DocId, live: Live) -> impl IntoView {
    let i18n = use_i18n();
    let first = live.with_untracked(|c| c.as_ref().and_then(|c| c.cycle.current_step()));
    let selected = RwSignal::new(first);
    let rows = move || live.get().map(|c| c.cycle.steps).unwrap_or_default();
    let started = move || live.get().map(|c| c.cycle.started_on.to_string());
    let tutor = move || live.get().map(|c| c.cycle.tutor).filter(|t| !t.is_empty());
    view! {
        <p>{move || i18n.t(TKey::StartedOn)} " " {started} {move || tutor().map(|t| format!(" · {t}"))}</p>
        <section aria-labelledby="tutorat-steps-title">
            <h2 id="tutorat-steps-title">{move || i18n.t(TKey::Steps)}</h2>
            <ol class="tutorat-steps" data-testid="tutorat-steps">
                <For each=rows
                    key=|(step, record)| (*step, serde_json::to_string(record).unwrap_or_default())
                    children=move |(step, record)| view! { <StepCard doc step record selected /> } />
            </ol>
        </section>
        <HandoverPanel doc live />
    }
}

#[component]
fn StepCard(
    doc: DocId,
    step: TutoratStep,
    record: StepRecord,
    selected: RwSignal<Option<TutoratStep>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (symbol, word) = status_parts(record.status);
    let date = record.date.map(|d| d.to_string());
    let notes = record.notes.clone();
    let code = record.status.code();
    let record = StoredValue::new(record);
    let open = move || selected.get() == Some(step);
    let number = TutoratStep::ALL
        .iter()
        .position(|s| *s == step)
        .unwrap_or(0)
        + 1;
    view! {
        <li class="tutorat-step" data-status=code data-testid=format!("step-{number}")>
            <h3>{move || i18n.t(TKey::Step)} " " {number} ": " {move || i18n.t(step_key(step))}</h3>
            <p>
                <span class="status-chip" data-status=code>
                    <span aria-hidden="true">{symbol} " "</span>{move || i18n.t(word)}
                </span>
                " · "
                {match date {
                    Some(d) => d.into_any(),
                    None => view! { <span class="muted">{move || i18n.t(TKey::NoDate)}</span> }.into_any(),
                }}
            </p>
            {(!notes.is_empty()).then(|| view! { <p class="tutorat-notes">{notes}</p> })}
            {move || if open() {
                view! {
                    <StepForm doc step record=record.get_value() selected />
                    <button type="button" class="secondary" on:click=move |_| selected.set(None)>{move || i18n.t(TKey::Close)}</button>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="secondary" on:click=move |_| selected.set(Some(step))>{move || i18n.t(TKey::Update)}</button>
                }.into_any()
            }}
        </li>
    }
}

/// Whether the status is done, for the handover panel.
pub(super) fn debrief_done(live: Live) -> bool {
    live.with(|c| {
        c.as_ref().is_some_and(|c| {
            c.cycle.step(TutoratStep::DebriefAndHandover).status == StepStatus::Done
        })
    })
}
