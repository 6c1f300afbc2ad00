//! `/supervision`: joint supervision visits at today's place — the quarterly tool with which
//! programme, ministry and association supervisors review mentorship progress, supervise the
//! mentors, and agree on solutions to the issues found (who, by when). Past visits are listed
//! newest first under the form; each visit is its own document, scoped to the facility.

mod form;
mod keys;

use leptos::prelude::*;
use mentora_shared::documents::supervision::{self, Supervision};
use mentora_shared::policy::Kind;
use mentora_shared::sync::DocId;

use crate::components::{record_list, user_and_place};
use crate::engine::use_sync;
use crate::error::AppError;
use crate::facility_docs;
use crate::i18n::use_i18n;
use keys::SKey;

fn visits_at(facility: &str) -> Vec<(DocId, Result<Supervision, AppError>)> {
    let mut rows = facility_docs::all_of_kind(supervision::KIND, facility, |_, automerge| {
        supervision::read(automerge).map_err(AppError::unreadable)
    });
    facility_docs::newest_first(&mut rows, |s| s.date);
    rows
}

#[component]
pub fn SupervisionPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let body = move || match user_and_place() {
        Err(missing) => missing,
        Ok((user, place)) => {
            let facility = place.id.clone();
            let visits = Memo::new(move |_| {
                sync.revision.track();
                visits_at(&facility)
            });
            let writer = crate::capabilities::may_create(&user, Kind::Supervision);
            view! {
                {if writer {
                    view! { <form::RecordSupervision place /> }.into_any()
                } else {
                    view! { <p class="notice">{move || i18n.t(SKey::SupervisorsOnly)}</p> }.into_any()
                }}
                <VisitList visits />
            }
            .into_any()
        }
    };
    view! {
        <section class="page supervision-page">
            <h1>{move || i18n.t(SKey::Title)}</h1>
            <p class="muted">{move || i18n.t(SKey::Intro)}</p>
            {body}
        </section>
    }
}

#[component]
fn VisitList(visits: Memo<Vec<(DocId, Result<Supervision, AppError>)>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="supervision-past">
            <h2 id="supervision-past">{move || i18n.t(SKey::Past)}</h2>
            {move || record_list(visits.get(), SKey::Empty, "supervision-list", "supervision-list", |(_, v)| view! { <VisitCard v /> })}
        </section>
    }
}

#[component]
fn VisitCard(v: Supervision) -> impl IntoView {
    let i18n = use_i18n();
    let labelled = move |key: SKey, text: String| {
        (!text.is_empty()).then(|| view! { <dt>{move || i18n.t(key)}</dt><dd>{text}</dd> })
    };
    let issues = v.issues.clone();
    view! {
        <li class="supervision-card">
            <h3>{v.date.to_string()}</h3>
            <dl class="facts">
                {labelled(SKey::Team, v.team)}
                {labelled(SKey::Progress, v.progress)}
                {labelled(SKey::Mentors, v.mentors)}
                {labelled(SKey::Notes, v.notes)}
                {labelled(SKey::RecordedBy, v.recorded_by)}
            </dl>
            <h4>{move || i18n.t(SKey::Issues)}</h4>
            {if issues.is_empty() {
                view! { <p class="muted">{move || i18n.t(SKey::NoIssues)}</p> }.into_any()
            } else {
                view! {
                    <div class="supervision-issues-wrap">
                        <table class="supervision-issues">
                            <thead><tr>
                                <th scope="col">{move || i18n.t(SKey::Issue)}</th>
                                <th scope="col">{move || i18n.t(SKey::Solution)}</th>
                                <th scope="col">{move || i18n.t(SKey::Responsible)}</th>
                                <th scope="col">{move || i18n.t(SKey::Due)}</th>
                            </tr></thead>
                            <tbody>
                                {issues.into_iter().map(|(_, issue)| view! {
                                    <tr>
                                        <td>{issue.issue}</td>
                                        <td>{issue.solution}</td>
                                        <td>{issue.responsible}</td>
                                        <td>{issue.due.to_string()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </li>
    }
}
