//! The observation checklist screen (`/mentees/:id/observe/:competency`): a mentor watches a
//! mentee perform a technique, marks each step, gives feedback, and saves the result to the
//! mentee's record on this device.
//!
//! This module only decides what can be shown (signed in? catalogue, competency and mentee
//! found?); the form lives in `form`, its pieces in `setup`, `checklist`, `feedback` and `outcome`, and the
//! pure rules in `draft`.

mod checklist;
mod draft;
mod feedback;
mod form;
mod keys;
mod outcome;
mod setup;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentora_shared::domain::MentorAffiliation;
use mentora_shared::sync::DocId;

pub use self::checklist::ChecklistPreview;
use self::form::ObservationForm;
use self::keys::ObsKey;
use crate::components::UnreadableRecord;
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::records;
use crate::session::use_session;
use crate::store::hex;

/// What the screen can show. Compared by value, so the form is built once and a sync arriving
/// while the mentor marks steps does not rebuild it (and wipe nothing).
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    SignedOut,
    CatalogueBroken(AppError),
    UnknownCompetency {
        mentee_href: String,
    },
    NoChecklist {
        mentee_href: String,
    },
    /// The device store is still opening: the mentee may yet appear.
    Loading,
    MenteeNotFound,
    Unreadable(AppError),
    Ready {
        doc: DocId,
        competency: String,
        username: String,
        shown_name: String,
        association: Option<MentorAffiliation>,
    },
}

#[component]
pub fn ObservationPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sync = use_sync();
    let params = use_params_map();

    let shape = Memo::new(move |_| {
        let (id, competency) =
            params.with(|p| (p.get("id").unwrap_or_default(), p.get("competency")));
        let Some(user) = session.0.with(|s| s.as_ref().map(|s| s.user.clone())) else {
            return Shape::SignedOut;
        };
        let doc = records::parse_doc_id(&id);
        let mentee_href = match doc {
            Some(doc) => format!("/mentees/{}", hex(&doc.0)),
            None => "/mentees".to_owned(),
        };
        if let Err(reason) = crate::catalogue::catalogue() {
            return Shape::CatalogueBroken(reason);
        }
        let Some(found) = competency.as_deref().and_then(crate::catalogue::competency) else {
            return Shape::UnknownCompetency { mentee_href };
        };
        if found.current_checklist().is_none() {
            return Shape::NoChecklist { mentee_href };
        }
        let Some(doc) = doc else {
            return Shape::MenteeNotFound;
        };
        // The engine bumps the revision once it has opened the device store.
        if sync.revision.get() == 0 && sync.storage_error.with(Option::is_none) {
            return Shape::Loading;
        }
        match records::load(doc) {
            None => Shape::MenteeNotFound,
            Some(Err(reason)) => Shape::Unreadable(reason),
            Some(Ok(_)) => Shape::Ready {
                doc,
                competency: found.id.as_str().to_owned(),
                username: user.username.clone(),
                shown_name: user.shown_name().to_owned(),
                association: user.affiliation,
            },
        }
    });

    view! {
        <section class="page obs-page">
            {move || match shape.get() {
                Shape::SignedOut => view! {
                    <h1>{move || i18n.t(ObsKey::Title)}</h1>
                    {crate::components::sign_in_prompt()}
                }
                .into_any(),
                Shape::CatalogueBroken(reason) => view! {
                    <h1>{move || i18n.t(ObsKey::Title)}</h1>
                    <p class="notice error" role="alert">{move || i18n.t(ObsKey::CatalogueBroken)} ": " {move || reason.message(i18n)}</p>
                }
                .into_any(),
                Shape::UnknownCompetency { mentee_href } => view! {
                    <h1>{move || i18n.t(ObsKey::CompetencyNotFound)}</h1>
                    <p>{move || i18n.t(ObsKey::CompetencyNotFoundHelp)}</p>
                    <A href=mentee_href attr:class="button">{move || i18n.t(ObsKey::BackToMentee)}</A>
                }
                .into_any(),
                Shape::NoChecklist { mentee_href } => view! {
                    <h1>{move || i18n.t(ObsKey::Title)}</h1>
                    <p class="notice">{move || i18n.t(ObsKey::NoChecklist)}</p>
                    <A href=mentee_href attr:class="button">{move || i18n.t(ObsKey::BackToMentee)}</A>
                }
                .into_any(),
                Shape::Loading => view! {
                    <h1>{move || i18n.t(ObsKey::Title)}</h1>
                    <p class="muted" role="status">{move || i18n.t(ObsKey::Loading)}</p>
                }
                .into_any(),
                Shape::MenteeNotFound => view! {
                    <h1>{move || i18n.t(ObsKey::MenteeNotFound)}</h1>
                    <p>{move || i18n.t(ObsKey::MenteeNotFoundHelp)}</p>
                    <A href="/mentees" attr:class="button">{move || i18n.t(ObsKey::BackToMentees)}</A>
                }
                .into_any(),
                Shape::Unreadable(reason) => view! {
                    <h1>{move || i18n.t(ObsKey::Title)}</h1>
                    <UnreadableRecord reason />
                    <A href="/mentees" attr:class="button">{move || i18n.t(ObsKey::BackToMentees)}</A>
                }
                .into_any(),
                Shape::Ready { doc, competency, username, shown_name, association } => {
                    match crate::catalogue::competency(&competency) {
                        Some(competency) => view! {
                            <ObservationForm doc competency username shown_name association />
                        }
                        .into_any(),
                        // Checked just above; kept total rather than trusting it.
                        None => view! { <h1>{move || i18n.t(ObsKey::CompetencyNotFound)}</h1> }.into_any(),
                    }
                }
            }}
        </section>
    }
}
