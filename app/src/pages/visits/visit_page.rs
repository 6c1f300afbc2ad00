//! One visit: its plan (editable while planned), "Start visit", the activity log, "Finish visit".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentora_shared::documents::visit::{self, Visit, VisitState};
use mentora_shared::sync::DocId;

use super::data;
use super::keys::{VKey, kind_key, state_key};
use super::plan_form::{PlanForm, PlanTarget};
use super::{log, logged, mentees_at};
use crate::components::{SaveOutcome, Saving, UnreadableRecord};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};
use crate::pages::comments::CommentsSection;
use crate::records::{self, Mentee};
use mentora_shared::documents::comment::TargetKind;

#[component]
pub fn VisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let params = use_params_map();
    let doc_id = move || params.with(|p| p.get("id").and_then(|id| records::parse_doc_id(&id)));
    let loaded = Memo::new(move |_| {
        sync.revision.track();
        doc_id().and_then(data::load)
    });
    let mentees = Memo::new(move |_| {
        sync.revision.track();
        loaded
            .with(|l| l.as_ref().and_then(|(facility, _)| facility.clone()))
            .map(|facility| mentees_at(&facility))
            .unwrap_or_default()
    });
    let live = Memo::new(move |_| loaded.get().and_then(|(_, v)| v.ok()));
    // Rebuilt when the visit appears, breaks or changes state — not on every edit — so a sync
    // arriving while the plan form is open does not reset it.
    let shape = Memo::new(move |_| {
        let state = loaded.with(|l| match l {
            Some((_, Ok(v))) => Ok(Some(v.state)),
            Some((_, Err(reason))) => Err(reason.clone()),
            None => Ok(None),
        });
        (doc_id(), state)
    });
    view! {
        <section class="page visit-page">
            <A href="/visits">{move || i18n.t(Key::Back)}</A>
            {move || match shape.get() {
                (Some(doc), Ok(Some(state))) => live
                    .get_untracked()
                    .map(|current| {
                        let facility = loaded.with_untracked(|l| l.as_ref().and_then(|(f, _)| f.clone()));
                        view! { <VisitView doc state current live mentees facility /> }
                    })
                    .into_any(),
                (_, Err(reason)) => view! {
                    <h1>{move || i18n.t(VKey::VisitOf)}</h1>
                    <UnreadableRecord reason />
                }
                .into_any(),
                _ => view! { <h1>{move || i18n.t(VKey::NotFound)}</h1> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn VisitView(
    doc: DocId,
    state: VisitState,
    current: Visit,
    live: Memo<Option<Visit>>,
    mentees: Memo<Vec<Mentee>>,
    facility: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let plan = move || live.get().map(|v| v.plan);
    let title = move || {
        plan().map(|p| {
            format!(
                "{} · {}",
                i18n.t(VKey::VisitOf),
                data::range(i18n, p.start, p.end)
            )
        })
    };
    let expected = move || {
        let Some(plan) = plan() else {
            return String::new();
        };
        mentees.with(|list| {
            plan.expected_mentees
                .iter()
                .map(|id| {
                    data::mentee_name(list, id)
                        .unwrap_or_else(|| i18n.t(VKey::UnknownMentee).to_owned())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    // An empty field reads as a dash, not as a missing answer.
    let or_dash = |text: String| {
        if text.is_empty() {
            "—".to_owned()
        } else {
            text
        }
    };
    view! {
        <h1>{title}</h1>
        <p role="status"><span class="status-chip" data-status=state.code()>{move || i18n.t(state_key(state))}</span></p>
        <dl class="facts" data-testid="visit-plan">
            <dt>{move || i18n.t(VKey::MentorsLabel)}</dt>
            <dd>{move || plan().map(|p| p.mentors.join(", "))}</dd>
            <dt>{move || i18n.t(VKey::PlannedActivities)}</dt>
            <dd>{move || plan().map(|p| p.activities.iter().map(|k| i18n.t(kind_key(*k))).collect::<Vec<_>>().join(", "))}</dd>
            <dt>{move || i18n.t(VKey::ExpectedMentees)}</dt>
            <dd>{move || or_dash(expected())}</dd>
            <dt>{move || i18n.t(VKey::NotesLabel)}</dt>
            <dd>{move || or_dash(plan().map(|p| p.notes).unwrap_or_default())}</dd>
        </dl>
        {match state {
            VisitState::Planned => view! {
                <details class="edit-plan">
                    <summary>{move || i18n.t(VKey::EditPlan)}</summary>
                    <PlanForm target=PlanTarget::Edit(doc, current.plan) mentees />
                </details>
            }
            .into_any(),
            VisitState::Cancelled => view! { <p class="notice">{move || i18n.t(VKey::CancelledNotice)}</p> }.into_any(),
            VisitState::InProgress | VisitState::Done => view! { <log::LogActivity doc mentees /> }.into_any(),
        }}
        <StateActions doc state />
        {facility
            .filter(|_| matches!(state, VisitState::Planned | VisitState::InProgress))
            .map(|facility| view! { <super::debrief_qi::QiFollowUp facility /> })}
        <logged::Logged doc visit=live mentees />
        <CommentsSection kind=TargetKind::Visit doc />
        <crate::components::ChangeHistory doc label="visit" />
    }
}

/// The buttons that move the visit on: start or cancel a planned one (cancelling asks first),
/// finish one in progress.
#[component]
fn StateActions(doc: DocId, state: VisitState) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let saving = Saving::new();
    let status = saving.status;
    let confirm_cancel = RwSignal::new(false);
    let change = move |next: VisitState| {
        // On success the page rebuilds for the new state; only a failure needs saying here.
        let save = engine::edit(sync, doc, move |automerge| {
            visit::set_state(automerge, next).map_err(AppError::from)
        });
        saving.run_quietly(save, drop);
    };
    let button = move |next: VisitState, key: VKey, class: &'static str| {
        view! {
            <button type="button" class=class disabled=move || saving.busy() on:click=move |_| change(next)>
                {move || i18n.t(key)}
            </button>
        }
    };
    view! {
        <SaveOutcome status />
        <div class="actions">
            {match state {
                VisitState::Planned => view! {
                    {button(VisitState::InProgress, VKey::StartVisit, "")}
                    <Show when=move || !confirm_cancel.get()>
                        <button type="button" class="secondary" on:click=move |_| confirm_cancel.set(true)>
                            {move || i18n.t(VKey::CancelVisit)}
                        </button>
                    </Show>
                    <Show when=move || confirm_cancel.get()>
                        {button(VisitState::Cancelled, VKey::ConfirmCancel, "secondary")}
                        <button type="button" class="secondary" on:click=move |_| confirm_cancel.set(false)>
                            {move || i18n.t(VKey::KeepVisit)}
                        </button>
                    </Show>
                }
                .into_any(),
                VisitState::InProgress => button(VisitState::Done, VKey::FinishVisit, "").into_any(),
                VisitState::Done | VisitState::Cancelled => ().into_any(),
            }}
        </div>
    }
}
