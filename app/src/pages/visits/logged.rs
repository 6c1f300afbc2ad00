//! The activities logged so far, in the order they happened, with what each one recorded.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::visit::{Activity, ActivityEntry, Visit};

use super::data;
use super::keys::{VCount, VKey, kind_key};
use crate::catalogue;
use crate::components::{ConfirmDelete, Saving};
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::records::Mentee;
use crate::store::hex;

#[component]
pub fn Logged(
    doc: mentora_shared::sync::DocId,
    visit: Memo<Option<Visit>>,
    mentees: Memo<Vec<Mentee>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let entries = Memo::new(move |_| visit.get().map(|v| v.activities).unwrap_or_default());
    view! {
        <section aria-labelledby="logged-title">
            <h2 id="logged-title">{move || i18n.t(VKey::Activities)}</h2>
            {move || {
                let entries = entries.get();
                if entries.is_empty() {
                    return view! { <p class="muted">{move || i18n.t(VKey::NoActivities)}</p> }.into_any();
                }
                view! {
                    <ol class="history" data-testid="visit-activities">
                        {entries.into_iter().map(|(id, entry)| view! { <Entry doc id entry mentees i18n /> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Entry(
    doc: mentora_shared::sync::DocId,
    id: String,
    entry: ActivityEntry,
    mentees: Memo<Vec<Mentee>>,
    i18n: I18n,
) -> impl IntoView {
    let kind = entry.activity.kind();
    let when = move || {
        let day = data::day(i18n, entry.date);
        entry.time.map_or(day.clone(), |t| format!("{day} · {t}"))
    };
    let detail = match entry.activity {
        Activity::LdhfSimulation { topic, participants } => Some(
            view! { <p>{topic} " · " {move || i18n.count(participants, VCount::Participants)}</p> }
                .into_any(),
        ),
        Activity::CaseObservation { mentee, assessment } => Some(
            view! { <p>{move || observation(i18n, &mentees.get(), &mentee, assessment)}</p> }.into_any(),
        ),
        Activity::Debrief => Some(
            view! { <super::debrief_qi::DebriefQi visit=doc activity=id.clone() gap=entry.notes.clone() /> }
                .into_any(),
        ),
        _ => None,
    };
    let notes = (!entry.notes.is_empty()).then(|| view! { <p>{entry.notes.clone()}</p> });
    let remove = delete_activity(doc, id.clone());
    view! {
        <li data-activity=id>
            <p><strong>{move || i18n.t(kind_key(kind))}</strong></p>
            {detail}
            {notes}
            <p class="muted">{when} " · " {move || i18n.t(VKey::LoggedBy)} " " {entry.logged_by.clone()}</p>
            {remove}
        </li>
    }
}

/// The mentee observed (a link to their record) and the saved observation, as far as this
/// device knows them.
fn observation(
    i18n: I18n,
    mentees: &[Mentee],
    mentee: &str,
    assessment: Option<mentora_shared::domain::AssessmentId>,
) -> AnyView {
    let Some(m) = mentees.iter().find(|m| hex(&m.doc.0) == mentee) else {
        return view! { {i18n.t(VKey::UnknownMentee)} }.into_any();
    };
    let saved = assessment.and_then(|id| {
        m.history
            .assessments
            .iter()
            .find(|e| e.assessment.id == id)
            .map(|e| {
                let a = &e.assessment;
                let name = catalogue::competency(a.competency.as_str()).map_or_else(
                    || a.competency.to_string(),
                    |c| catalogue::text(i18n, &c.name),
                );
                format!(" · {name} · {} · {}%", a.date, a.score.percent_floor())
            })
    });
    let (href, name) = (m.href(), m.record.name.clone());
    view! { <A href=href>{name}</A> {saved} }.into_any()
}

/// "Delete this entry" for an activity logged by mistake (a tombstone in the visit).
fn delete_activity(doc: mentora_shared::sync::DocId, id: String) -> impl IntoView {
    let sync = crate::engine::use_sync();
    let saving = Saving::new();
    let on_delete = Callback::new(
        move |deletion: mentora_shared::documents::deletion::Deletion| {
            let id = id.clone();
            let delete = crate::engine::edit(sync, doc, move |automerge| {
                mentora_shared::documents::visit::delete_activity(automerge, &id, &deletion)
                    .map_err(AppError::from)
            });
            // On success the entry leaves the list; only a failure needs saying.
            saving.run_quietly(delete, drop);
        },
    );
    view! { <ConfirmDelete on_delete saving /> }
}
