//! The facility baseline assessment: `/baseline` lists the current place's assessments with
//! their overall score and holds the new-assessment form (section by section, kept as a draft);
//! `/baseline/:id` shows one result by section beside the previous assessment.

mod data;
mod form;
mod keys;
mod result;

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::baseline;

use crate::components::{record_list, user_and_place};
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::use_i18n;
use data::Assessment;
use keys::BKey;
pub use result::BaselineResultPage;

#[component]
pub fn BaselinePage() -> impl IntoView {
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
                <PastAssessments rows />
                <form::NewAssessment place />
            }
            .into_any()
        }
    };
    view! {
        <section class="page baseline-page">
            <h1>{move || i18n.t(BKey::Title)}</h1>
            <p class="muted">{move || i18n.t(BKey::Intro)}</p>
            {body}
        </section>
    }
}

type Rows = Memo<Vec<Result<Assessment, (mentora_shared::sync::DocId, AppError)>>>;

#[component]
fn PastAssessments(rows: Rows) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="baseline-past-title">
            <h2 id="baseline-past-title">{move || i18n.t(BKey::PastTitle)}</h2>
            {move || record_list(rows.get(), BKey::Empty, "card-list", "baseline-list", |a| view! { <AssessmentCard a /> })}
        </section>
    }
}

#[component]
fn AssessmentCard(a: Assessment) -> impl IntoView {
    let i18n = use_i18n();
    let href = a.href();
    let overall = a
        .scores()
        .and_then(|scores| baseline::overall(&scores).percent());
    let date = a.baseline.date.to_string();
    let assessor = a.baseline.assessor.clone();
    view! {
        <li class="card">
            <div>
                <h3>{date}</h3>
                <p>
                    {move || i18n.t(BKey::Overall)} ": "
                    <strong>{overall.map_or_else(|| "–".to_owned(), |p| format!("{p}%"))}</strong>
                    {(!assessor.is_empty()).then(|| view! {
                        <span class="muted">" · " {move || i18n.t(BKey::By)} " " {assessor.clone()}</span>
                    })}
                </p>
            </div>
            <A href=href attr:class="button">{move || i18n.t(BKey::See)}</A>
        </li>
    }
}
