//! `/qi/:id`: one project — the gap, its root causes by category, the solutions, the action
//! plan with one-tap status changes, and closing (or reopening) the project.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentora_shared::documents::qi::{self, ProjectStatus};

use super::actions::ActionPlan;
use super::analysis::{Causes, Solutions};
use super::data::{self, Project};
use super::keys::QKey;
use crate::catalogue::{self, text};
use crate::components::{SaveOutcome, Saving, UnreadableRecord};
use crate::engine::use_sync;
use crate::i18n::{Key, use_i18n};
use crate::pages::comments::CommentsSection;
use crate::platform;
use crate::records;
use mentora_shared::documents::comment::TargetKind;

/// The project as the page shows it: `None` until read, then readable or not.
pub(super) type Live = Memo<Option<Project>>;

#[component]
pub fn QiProjectPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let params = use_params_map();
    let doc_id = move || params.with(|p| p.get("id").and_then(|id| records::parse_doc_id(&id)));
    let loaded = Memo::new(move |_| {
        sync.revision.track();
        doc_id().and_then(data::load)
    });
    // The forms below are built once per project, not on every change, so a sync arriving
    // while one is being typed into does not disturb it.
    let shape = Memo::new(move |_| {
        let state = loaded.with(|p| match p {
            Some(Ok(_)) => Ok(true),
            Some(Err(reason)) => Err(reason.clone()),
            None => Ok(false),
        });
        (doc_id(), state)
    });
    let live: Live = Memo::new(move |_| loaded.get().and_then(Result::ok));
    view! {
        <section class="page qi-project">
            <A href="/qi">{move || i18n.t(Key::Back)}</A>
            {move || match shape.get() {
                (Some(doc), Ok(true)) => view! { <ProjectView doc live /> }.into_any(),
                (_, Err(reason)) => view! {
                    <UnreadableRecord reason />
                }
                .into_any(),
                _ => view! { <h1>{move || i18n.t(QKey::NotFound)}</h1> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ProjectView(doc: mentora_shared::sync::DocId, live: Live) -> impl IntoView {
    let i18n = use_i18n();
    let gap = move || live.get().map(|p| p.project.gap);
    let open = Memo::new(move |_| live.with(|p| p.as_ref().is_some_and(|p| p.project.is_open())));
    let facts = move || {
        live.get().map(|p| {
            let competency = p
                .project
                .competency
                .and_then(|id| catalogue::competency(&id))
                .map(|c| format!("{} · ", text(i18n, &c.name)))
                .unwrap_or_default();
            let state = match p.project.status {
                ProjectStatus::Open => format!("● {}", i18n.t(QKey::ProjectOpen)),
                ProjectStatus::Closed { on } => {
                    format!(
                        "✓ {} ({} {on})",
                        i18n.t(QKey::ProjectClosed),
                        i18n.t(QKey::ClosedOn)
                    )
                }
            };
            format!(
                "{competency}{} {} · {state}",
                i18n.t(QKey::OpenedOn),
                p.project.opened_on
            )
        })
    };
    view! {
        <h1>{gap}</h1>
        <p class="muted" data-testid="qi-facts">{facts}</p>
        {move || live.get().and_then(|p| p.debrief).map(|(visit, _)| view! {
            <p data-testid="qi-from-debrief">
                <A href=format!("/visits/{visit}")>{move || i18n.t(QKey::FromDebrief)}</A>
            </p>
        })}
        {move || (!open.get()).then(|| view! { <p class="notice">{move || i18n.t(QKey::ClosedNotice)}</p> })}
        <Causes doc live open />
        <Solutions doc live open />
        <ActionPlan doc live open />
        <CloseProject doc open />
        <CommentsSection kind=TargetKind::QiProject doc />
        <crate::components::ChangeHistory doc label="qi" />
    }
}

/// Closes the project once its plan is carried out, or reopens it.
#[component]
fn CloseProject(doc: mentora_shared::sync::DocId, open: Memo<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let saving = Saving::new();
    let status = saving.status;
    let toggle = move |_| {
        let next = if open.get_untracked() {
            ProjectStatus::Closed {
                on: platform::today(),
            }
        } else {
            ProjectStatus::Open
        };
        saving.run(
            data::save(sync, doc, move |automerge| qi::set_status(automerge, next)),
            drop,
        );
    };
    view! {
        <div class="actions qi-close">
            <button type="button" class="secondary" on:click=toggle disabled=move || saving.busy()>
                {move || i18n.t(if open.get() { QKey::CloseProject } else { QKey::ReopenProject })}
            </button>
        </div>
        <SaveOutcome status />
    }
}
