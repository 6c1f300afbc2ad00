//! One mentee: where they stand on each competency (with the next step and validation), their
//! history, coaching plan, possible duplicates and details.

mod coaching;
mod competencies;
mod details;
mod duplicates;
mod history;
mod keys;
mod validate;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::cadre_key;
use crate::components::{UnreadableRecord, association_key};
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};
use crate::records::{self, Mentee};
use keys::MKey;
pub use keys::status_key;

#[component]
pub fn MenteePage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let params = use_params_map();
    let doc_id = move || params.with(|p| p.get("id").and_then(|id| records::parse_doc_id(&id)));
    let mentee = Memo::new(move |_| {
        sync.revision.track();
        doc_id().and_then(records::load)
    });
    // The details form is rebuilt only when the record appears, disappears or breaks — not on
    // every change — so a sync arriving while it is open does not wipe what is being typed.
    let shape = Memo::new(move |_| {
        let state = mentee.with(|m| match m {
            Some(Ok(_)) => Ok(true),
            Some(Err(reason)) => Err(reason.clone()),
            None => Ok(false),
        });
        (doc_id(), state)
    });
    view! {
        <section class="page mentee-page">
            <A href="/mentees">{move || i18n.t(Key::Back)}</A>
            {move || match shape.get() {
                (Some(_), Ok(true)) => mentee
                    .get_untracked()
                    .and_then(Result::ok)
                    .map(|current| view! { <MenteeView current mentee /> })
                    .into_any(),
                (_, Err(reason)) => view! {
                    <UnreadableRecord reason />
                }
                .into_any(),
                _ => view! { <h1>{move || i18n.t(Key::MenteeNotFound)}</h1> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MenteeView(current: Mentee, mentee: Memo<Option<Result<Mentee, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let live = Memo::new(move |_| mentee.get().and_then(Result::ok));
    let title = move || live.get().map(|m| m.record.name);
    let cadre = move || {
        live.get().map(|m| {
            let cadre = i18n.t(cadre_key(m.record.cadre));
            match m.record.association {
                Some(a) => format!("{cadre} · {}", i18n.t(association_key(a))),
                None => cadre.to_owned(),
            }
        })
    };
    let merged = move || live.get().and_then(|m| m.history.merged_into);
    let doc = current.doc;
    view! {
        <h1>{title}</h1>
        <p class="muted">{cadre}</p>
        {move || merged().map(|into| view! {
            <p class="notice" role="status">{move || i18n.t(MKey::MergedNotice)} " "
                <A href=format!("/mentees/{into}")>{move || i18n.t(MKey::OpenMerged)}</A>
            </p>
        })}
        <competencies::Competencies mentee=live />
        <coaching::CoachingPlan mentee=live />
        <history::History mentee=live />
        <duplicates::Duplicates mentee=live />
        <details::DetailsForm id=doc current=current.record />
        <crate::components::ChangeHistory doc label="mentee" />
    }
}
