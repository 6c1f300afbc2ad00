//! Logging an activity as it happens: one tap on its kind, then a small form with only what
//! that kind needs (a topic and head count for a simulation; the mentee, checklist and saved
//! observation for a case observation). Each entry gets its own id made on the device, so two
//! tablets logging offline never overwrite or duplicate each other.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::visit::{
    self, ACTIVITY_KINDS, ActivityError, ActivityForm, ActivityKind,
};
use mentora_shared::domain::{AssessmentId, AssessmentKind};
use mentora_shared::sync::DocId;

use super::keys::{VKey, activity_error_key, kind_key};
use crate::catalogue::{self, text};
use crate::components::{SaveOutcome, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform;
use crate::records::Mentee;
use crate::session::use_session;
use crate::store::hex;

/// The device's wall-clock time as `HH:MM`, the default for "when".
fn now_hhmm() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

#[component]
pub fn LogActivity(doc: DocId, mentees: Memo<Vec<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<ActivityKind>);
    let status = RwSignal::new(None::<Result<(), AppError>>);
    view! {
        <section aria-labelledby="log-title" class="log-activity" data-testid="log-activity">
            <h2 id="log-title">{move || i18n.t(VKey::LogActivity)}</h2>
            <p class="muted">{move || i18n.t(VKey::LogExplain)}</p>
            <div class="activity-kinds">
                {ACTIVITY_KINDS.into_iter().map(|kind| view! {
                    <button type="button" class="secondary"
                        aria-pressed=move || (open.get() == Some(kind)).to_string()
                        on:click=move |_| { status.set(None); open.set(Some(kind)); }>
                        {move || i18n.t(kind_key(kind))}
                    </button>
                }).collect_view()}
            </div>
            {move || open.get().map(|kind| view! { <EntryForm kind doc mentees open status /> })}
            <SaveOutcome status />
        </section>
    }
}

#[component]
fn EntryForm(
    kind: ActivityKind,
    doc: DocId,
    mentees: Memo<Vec<Mentee>>,
    open: RwSignal<Option<ActivityKind>>,
    status: RwSignal<Option<Result<(), AppError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let date = RwSignal::new(platform::today().to_string());
    let time = RwSignal::new(now_hhmm());
    let notes = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let participants = RwSignal::new(String::new());
    let mentee = RwSignal::new(String::new());
    let assessment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActivityError>);
    let saving = Saving::with_status(status);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let logged_by = session
            .0
            .with_untracked(|s| s.as_ref().map(|s| s.user.shown_name().to_owned()))
            .unwrap_or_default();
        let (date, time, notes, topic, participants, mentee) = (
            date.get_untracked(),
            time.get_untracked(),
            notes.get_untracked(),
            topic.get_untracked(),
            participants.get_untracked(),
            mentee.get_untracked(),
        );
        let form = ActivityForm {
            kind,
            date: &date,
            time: &time,
            notes: &notes,
            topic: &topic,
            participants: &participants,
            mentee: &mentee,
            assessment: uuid::Uuid::parse_str(&assessment.get_untracked())
                .ok()
                .map(AssessmentId),
            logged_by: &logged_by,
        };
        let entry = match visit::clean_activity(&form) {
            Ok(entry) => entry,
            Err(err) => {
                error.set(Some(err));
                return;
            }
        };
        error.set(None);
        let Some(id) = platform::random_16().map(|bytes| hex(&bytes)) else {
            status.set(Some(Err(AppError::NoRandomSource)));
            return;
        };
        let save = engine::edit(sync, doc, move |automerge| {
            visit::log_activity(automerge, &id, &entry).map_err(AppError::from)
        });
        saving.run(save, move |()| open.set(None));
    };
    let input = move |id: &'static str, key: VKey, kind: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{move || i18n.t(key)}</label>
            <input id=id type=kind autocomplete="off" prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="activity-form">
            <h3>{move || i18n.t(kind_key(kind))}</h3>
            {input("activity-date", VKey::Date, "date", date)}
            {input("activity-time", VKey::Time, "time", time)}
            {(kind == ActivityKind::LdhfSimulation).then(|| view! {
                {input("activity-topic", VKey::Topic, "text", topic)}
                <label for="activity-participants">{move || i18n.t(VKey::Participants)}</label>
                <input id="activity-participants" type="number" inputmode="numeric" min="1" max="200"
                    prop:value=participants on:input=move |ev| participants.set(event_target_value(&ev)) />
            })}
            {(kind == ActivityKind::CaseObservation).then(|| view! { <ObservationFields mentees mentee assessment /> })}
            <label for="activity-notes">{move || i18n.t(VKey::Notes)}</label>
            <textarea id="activity-notes" rows="3" prop:value=notes
                on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            {move || error.get().map(|err| view! { <p class="notice error" role="alert">{i18n.t(activity_error_key(err))}</p> })}
            <div class="actions">
                <button type="submit" disabled=move || saving.busy()>
                    {move || saving.label(i18n, VKey::SaveActivity)}
                </button>
                <button type="button" class="secondary" on:click=move |_| open.set(None)>{move || i18n.t(VKey::CloseForm)}</button>
            </div>
        </form>
    }
}

/// The mentee observed, a link to the observation checklist for one of their competencies, and
/// which of their saved observations this activity refers to (none yet, if it is still to come).
#[component]
fn ObservationFields(
    mentees: Memo<Vec<Mentee>>,
    mentee: RwSignal<String>,
    assessment: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let competency = RwSignal::new(String::new());
    let chosen = Memo::new(move |_| {
        let id = mentee.get();
        mentees.with(|list| list.iter().find(|m| hex(&m.doc.0) == id).cloned())
    });
    let competency_name = move |id: &str| {
        catalogue::competency(id).map_or_else(|| id.to_owned(), |c| text(i18n, &c.name))
    };
    view! {
        <label for="activity-mentee">{move || i18n.t(VKey::Mentee)}</label>
        <select id="activity-mentee" on:change=move |ev| {
            mentee.set(event_target_value(&ev));
            assessment.set(String::new());
            competency.set(String::new());
        }>
            <option value="" selected=move || mentee.get().is_empty()>{move || i18n.t(VKey::ChooseMentee)}</option>
            {move || mentees.get().into_iter().map(|m| {
                let id = hex(&m.doc.0);
                let selected = id.clone();
                view! { <option value=id selected=move || mentee.get() == selected>{m.record.name}</option> }
            }).collect_view()}
        </select>
        {move || chosen.get().map(|m| {
            let href = m.href();
            let competencies: Vec<String> = m.record.competencies.iter().cloned().collect();
            let first = competencies.first().cloned().unwrap_or_default();
            // The mentor's choice, or the mentee's first competency until they choose.
            let shown = move || Some(competency.get()).filter(|c| !c.is_empty()).unwrap_or_else(|| first.clone());
            let mut observations: Vec<_> = m.history.assessments.iter()
                .filter(|e| matches!(e.assessment.kind, AssessmentKind::Observation { .. }))
                .map(|e| e.assessment.clone())
                .collect();
            observations.reverse();
            view! {
                {(!competencies.is_empty()).then(|| view! {
                    <label for="activity-competency">{move || i18n.t(VKey::Competency)}</label>
                    <select id="activity-competency" on:change=move |ev| competency.set(event_target_value(&ev))>
                        {competencies.into_iter().map(|c| {
                            let name = competency_name(&c);
                            let shown = shown.clone();
                            view! { <option value=c.clone() selected=move || shown() == c>{name}</option> }
                        }).collect_view()}
                    </select>
                    <A href=move || format!("{href}/observe/{}", shown()) attr:class="button secondary">
                        {move || i18n.t(VKey::OpenChecklist)}
                    </A>
                })}
                <label for="activity-assessment">{move || i18n.t(VKey::Observation)}</label>
                <select id="activity-assessment" on:change=move |ev| assessment.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t(VKey::NotSavedYet)}</option>
                    {observations.into_iter().map(|a| {
                        let label = format!("{} · {} · {}%", a.date, competency_name(a.competency.as_str()), a.score.percent_floor());
                        view! { <option value=a.id.to_string()>{label}</option> }
                    }).collect_view()}
                </select>
            }
        })}
    }
}
