//! `/qi`: the current place's QI projects, with the actions to follow up at this visit (overdue
//! ones first and highlighted) and the form that opens a project from the debrief.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use mentora_shared::documents::qi::{self, FollowUp};
use serde::{Deserialize, Serialize};

use super::StatusChip;
use super::data::{self, Project};
use super::keys::{QCount, QKey, input_key};
use crate::catalogue::{self, text};
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving, record_list};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::places::Place;
use crate::platform;
use crate::records;
use crate::store::hex;

pub(crate) type Rows = Memo<Vec<Result<Project, (mentora_shared::sync::DocId, AppError)>>>;

#[component]
pub fn QiPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let body = move || {
        super::with_place(move |place: Place| {
            let facility = place.id.clone();
            let projects: Rows = Memo::new(move |_| {
                sync.revision.track();
                data::at_facility(&facility)
            });
            view! {
                <FollowUpList projects facility=place.id.clone() />
                <ProjectList projects />
                <OpenProjectForm place />
            }
            .into_any()
        })
    };
    view! {
        <section class="page qi-page">
            <h1>{move || i18n.t(QKey::Title)}</h1>
            <p class="muted">{move || i18n.t(QKey::Intro)} " "
                <A href="/contacts">{move || i18n.t(QKey::Contacts)}</A>
            </p>
            {body}
        </section>
    }
}

/// The open actions of the open projects here, overdue ones in a highlighted box with their count.
#[component]
pub(crate) fn FollowUpList(projects: Rows, facility: String) -> impl IntoView {
    let i18n = use_i18n();
    let today = platform::today();
    let follow_ups = Memo::new(move |_| {
        projects.with(|rows| {
            let readable = rows
                .iter()
                .filter_map(|r| r.as_ref().ok())
                .map(|p| (p.doc.0, &p.project));
            qi::open_actions(readable, &facility, today)
        })
    });
    let overdue = move || {
        follow_ups
            .get()
            .into_iter()
            .filter(|f| f.overdue)
            .collect::<Vec<_>>()
    };
    let upcoming = move || {
        follow_ups
            .get()
            .into_iter()
            .filter(|f| !f.overdue)
            .collect::<Vec<_>>()
    };
    view! {
        <section aria-labelledby="qi-follow-up-title" data-testid="qi-follow-up">
            <h2 id="qi-follow-up-title">{move || i18n.t(QKey::FollowUpTitle)}</h2>
            {move || {
                let late = overdue();
                (!late.is_empty()).then(|| {
                    let count = late.len();
                    view! {
                        <div class="notice error qi-overdue" data-testid="qi-overdue">
                            <p><strong>"⚠ " {move || i18n.count(count, QCount::Overdue)}</strong></p>
                            <ul class="qi-follow-list">
                                {late.into_iter().map(|f| view! { <FollowUpRow f /> }).collect_view()}
                            </ul>
                        </div>
                    }
                })
            }}
            {move || {
                let rest = upcoming();
                if follow_ups.with(Vec::is_empty) {
                    Some(view! { <p class="muted">{move || i18n.t(QKey::NothingToFollowUp)}</p> }.into_any())
                } else {
                    (!rest.is_empty()).then(|| view! {
                        <ul class="qi-follow-list">
                            {rest.into_iter().map(|f| view! { <FollowUpRow f /> }).collect_view()}
                        </ul>
                    }.into_any())
                }
            }}
        </section>
    }
}

#[component]
fn FollowUpRow(f: FollowUp<[u8; 16]>) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/qi/{}", hex(&f.project));
    let due = f.action.due.to_string();
    view! {
        <li>
            <A href=href>{f.action.text}</A>
            <span class="muted">" · " {f.gap} " · " {f.action.owner}</span>
            <br />
            {if f.overdue {
                view! { <strong class="qi-overdue-flag">"⚠ " {move || i18n.t(QKey::OverdueSince)} " " {due.clone()}</strong> }.into_any()
            } else {
                view! { <span>{move || i18n.t(QKey::DueOn)} " " {due.clone()}</span> }.into_any()
            }}
            " · " <StatusChip status=f.action.status />
        </li>
    }
}

#[component]
fn ProjectList(projects: Rows) -> impl IntoView {
    let i18n = use_i18n();
    let today = platform::today();
    view! {
        <section aria-labelledby="qi-projects-title">
            <h2 id="qi-projects-title">{move || i18n.t(QKey::ProjectsTitle)}</h2>
            {move || record_list(projects.get(), QKey::NoProjects, "card-list", "qi-projects", |p| view! { <ProjectCard p today /> })}
        </section>
    }
}

#[component]
fn ProjectCard(p: Project, today: mentora_shared::domain::Date) -> impl IntoView {
    let i18n = use_i18n();
    let href = p.href();
    let open = p.project.is_open();
    let pending = p
        .project
        .actions
        .iter()
        .filter(|(_, a)| a.status != qi::ActionStatus::Done)
        .count();
    let late = p
        .project
        .actions
        .iter()
        .filter(|(_, a)| qi::is_overdue(a, today))
        .count();
    let opened = p.project.opened_on.to_string();
    view! {
        <li class="card">
            <div>
                <h3>{p.project.gap.clone()}</h3>
                <p class="muted">{move || i18n.t(QKey::OpenedOn)} " " {opened.clone()}</p>
                <p>
                    <span class="status-chip" data-status=if open { "open" } else { "closed" }>
                        {if open { "● " } else { "✓ " }}
                        {move || i18n.t(if open { QKey::ProjectOpen } else { QKey::ProjectClosed })}
                    </span>
                    {move || i18n.count(pending, QCount::OpenActions)}
                    {(open && late > 0).then(|| view! {
                        " · " <strong class="qi-overdue-flag">"⚠ " {move || i18n.count(late, QCount::Overdue)}</strong>
                    })}
                </p>
            </div>
            <A href=href attr:class="button">{move || i18n.t(QKey::See)}</A>
        </li>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct OpenDraft {
    gap: String,
    competency: String,
}

#[component]
fn OpenProjectForm(place: Place) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let navigate = use_navigate();
    let draft = FormDraft::<OpenDraft>::new("qi-open", place.id.clone());
    let error = RwSignal::new(None::<QKey>);
    let saving = Saving::new();
    let status = saving.status;
    let competencies = catalogue::catalogue()
        .map(|c| c.competencies.clone())
        .unwrap_or_default();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let fields = draft.value.get_untracked();
        let gap = match qi::required_text(&fields.gap) {
            Ok(gap) => gap,
            Err(err) => return error.set(Some(input_key(err))),
        };
        error.set(None);
        let header = match records::facility_header(qi::KIND, qi::SCHEMA_VERSION, &place) {
            Ok(header) => header,
            Err(reason) => return saving.refuse(reason),
        };
        let facility = place.id.clone();
        let competency = Some(fields.competency).filter(|c| !c.is_empty());
        let navigate = navigate.clone();
        saving.run_quietly(
            engine::create(sync, header, move |doc| {
                qi::write_new(
                    doc,
                    &facility,
                    &gap,
                    competency.as_deref(),
                    platform::today(),
                )
                .map_err(AppError::from)
            }),
            move |doc| {
                draft.clear();
                navigate(&data::href(doc), Default::default());
            },
        );
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="open-qi-project">
            <h2>{move || i18n.t(QKey::OpenProject)}</h2>
            <label for="qi-gap">{move || i18n.t(QKey::Gap)}</label>
            <p class="muted" id="qi-gap-hint">{move || i18n.t(QKey::GapHint)}</p>
            <textarea id="qi-gap" rows="3" aria-describedby="qi-gap-hint"
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || draft.get(|d| d.gap.clone())
                on:input=move |ev| draft.set(|d| d.gap = event_target_value(&ev))></textarea>
            <label for="qi-competency">{move || i18n.t(QKey::Competency)}</label>
            <select id="qi-competency" on:change=move |ev| draft.set(|d| d.competency = event_target_value(&ev))>
                <option value="" selected=move || draft.get(|d| d.competency.is_empty())>{move || i18n.t(QKey::NoCompetency)}</option>
                {competencies.into_iter().map(|c| {
                    let id = c.id.to_string();
                    let selected = id.clone();
                    view! {
                        <option value=id selected=move || draft.get(|d| d.competency == selected)>{move || text(i18n, &c.name)}</option>
                    }
                }).collect_view()}
            </select>
            {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || i18n.t(if saving.busy() { QKey::Opening } else { QKey::OpenProject })}
            </button>
        </form>
    }
}
