//! The plan of a visit: dates, mentors, planned activities, mentees expected and notes. Used to
//! plan a new visit and to edit a planned one. What is typed is kept as a draft on the device
//! as it is typed, so an interruption (a call, the app closed) loses nothing.

use std::collections::BTreeSet;

use leptos::prelude::*;
use mentora_shared::documents::visit::{
    self, ACTIVITY_KINDS, ActivityKind, PlanError, PlanForm as Typed, VisitPlan,
};
use mentora_shared::sync::DocId;
use serde::{Deserialize, Serialize};

use super::keys::{VKey, kind_key, plan_error_key};
use crate::components::{SaveOutcome, Saving};
use crate::drafts;
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::places::Place;
use crate::records::{self, Mentee};
use crate::session::use_session;
use crate::store::hex;

const DRAFT_FORM: &str = "visit-plan";

/// The form as typed, which is also what the draft keeps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct PlanFields {
    start: String,
    end: String,
    mentors: String,
    activities: BTreeSet<ActivityKind>,
    expected: BTreeSet<String>,
    notes: String,
}

impl PlanFields {
    fn of(plan: &VisitPlan) -> Self {
        Self {
            start: plan.start.to_string(),
            end: if plan.end == plan.start {
                String::new()
            } else {
                plan.end.to_string()
            },
            mentors: plan.mentors.join(", "),
            activities: plan.activities.clone(),
            expected: plan.expected_mentees.clone(),
            notes: plan.notes.clone(),
        }
    }

    fn check(&self) -> Result<VisitPlan, PlanError> {
        visit::clean_plan(&Typed {
            start: &self.start,
            end: &self.end,
            mentors: &self.mentors,
            activities: self.activities.clone(),
            expected_mentees: self.expected.clone(),
            notes: &self.notes,
        })
    }
}

/// What the form saves into.
#[derive(Clone, Debug)]
pub enum PlanTarget {
    /// A new visit at this place.
    New(Place),
    /// The plan of this planned visit.
    Edit(DocId, VisitPlan),
}

/// Plans a new visit, or edits the plan of a planned one.
#[component]
pub fn PlanForm(target: PlanTarget, mentees: Memo<Vec<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let username = session
        .0
        .with_untracked(|s| s.as_ref().map(|s| s.user.username.clone()))
        .unwrap_or_default();
    let subject = match &target {
        PlanTarget::Edit(doc, _) => hex(&doc.0),
        PlanTarget::New(place) => place.id.clone(),
    };
    // What the form shows when nothing was typed: the plan as saved, or a visit starting today
    // led by the signed-in mentor.
    let blank = match &target {
        PlanTarget::Edit(_, plan) => PlanFields::of(plan),
        PlanTarget::New(_) => PlanFields {
            start: crate::platform::today().to_string(),
            mentors: session
                .0
                .with_untracked(|s| s.as_ref().map(|s| s.user.shown_name().to_owned()))
                .unwrap_or_default(),
            ..PlanFields::default()
        },
    };
    let initial =
        drafts::load::<PlanFields>(&username, DRAFT_FORM, &subject).unwrap_or(blank.clone());
    let form = RwSignal::new(initial);
    let draft_key = StoredValue::new((username, subject));
    let blank = StoredValue::new(blank);
    Effect::new(move |_| {
        let draft = form.get();
        draft_key.with_value(|(user, subject)| {
            if blank.with_value(|b| *b == draft) {
                drafts::clear(user, DRAFT_FORM, subject);
            } else {
                drafts::save(user, DRAFT_FORM, subject, &draft);
            }
        });
    });

    let status = RwSignal::new(None::<Result<(), AppError>>);
    let error = RwSignal::new(None::<PlanError>);
    let saving = Saving::with_status(status);
    let (editing, header) = match &target {
        PlanTarget::Edit(doc, _) => (Some(*doc), Err(AppError::NotOnDevice)),
        PlanTarget::New(place) => (
            None,
            records::facility_header(visit::KIND, visit::SCHEMA_VERSION, place),
        ),
    };
    let prefix = if editing.is_some() {
        "plan-edit"
    } else {
        "plan-new"
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let plan = match form.with_untracked(PlanFields::check) {
            Ok(plan) => plan,
            Err(err) => {
                error.set(Some(err));
                return;
            }
        };
        error.set(None);
        let header = header.clone();
        let save = async move {
            match (editing, header) {
                (Some(doc), _) => {
                    engine::edit(sync, doc, move |automerge| {
                        visit::set_plan(automerge, &plan).map_err(AppError::from)
                    })
                    .await
                }
                (None, Ok(header)) => engine::create(sync, header, move |automerge| {
                    visit::write_new(automerge, &plan).map_err(AppError::from)
                })
                .await
                .map(drop),
                (None, Err(reason)) => Err(reason),
            }
        };
        saving.run(save, move |()| {
            draft_key.with_value(|(user, subject)| drafts::clear(user, DRAFT_FORM, subject));
            if editing.is_none() {
                form.set(blank.get_value());
            } else {
                form.with_untracked(|d| blank.set_value(d.clone()));
            }
        });
    };

    let field = move |name: &'static str,
                      key: VKey,
                      kind: &'static str,
                      get: fn(&PlanFields) -> String,
                      set: fn(&mut PlanFields, String)| {
        let id = format!("{prefix}-{name}");
        view! {
            <label for=id.clone()>{move || i18n.t(key)}</label>
            <input id=id type=kind autocomplete="off" prop:value=move || form.with(get)
                on:input=move |ev| form.update(|d| set(d, event_target_value(&ev))) />
        }
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid=prefix>
            {editing.is_none().then(|| view! { <h2>{move || i18n.t(VKey::PlanVisit)}</h2> })}
            <p class="muted">{move || i18n.t(VKey::DraftKept)}</p>
            {field("start", VKey::Start, "date", |d| d.start.clone(), |d, v| d.start = v)}
            {field("end", VKey::End, "date", |d| d.end.clone(), |d, v| d.end = v)}
            {field("mentors", VKey::Mentors, "text", |d| d.mentors.clone(), |d, v| d.mentors = v)}
            <fieldset>
                <legend>{move || i18n.t(VKey::PlannedActivities)}</legend>
                {ACTIVITY_KINDS.into_iter().map(|kind| view! {
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || form.with(|d| d.activities.contains(&kind))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|d| { if on { d.activities.insert(kind); } else { d.activities.remove(&kind); } });
                            } />
                        {move || i18n.t(kind_key(kind))}
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(VKey::ExpectedMentees)}</legend>
                {move || {
                    let list = mentees.get();
                    if list.is_empty() {
                        return view! { <p class="muted">{move || i18n.t(VKey::NoMenteesHere)}</p> }.into_any();
                    }
                    list.into_iter().map(|m| {
                        let id = hex(&m.doc.0);
                        let check = id.clone();
                        view! {
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || form.with(|d| d.expected.contains(&check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id.clone();
                                        form.update(|d| { if on { d.expected.insert(id); } else { d.expected.remove(&id); } });
                                    } />
                                {m.record.name}
                            </label>
                        }
                    }).collect_view().into_any()
                }}
            </fieldset>
            <label for=format!("{prefix}-notes")>{move || i18n.t(VKey::Notes)}</label>
            <textarea id=format!("{prefix}-notes") rows="3" prop:value=move || form.with(|d| d.notes.clone())
                on:input=move |ev| form.update(|d| d.notes = event_target_value(&ev))></textarea>
            {move || error.get().map(|err| view! { <p class="notice error" role="alert">{i18n.t(plan_error_key(err))}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, VKey::SavePlan)}
            </button>
        </form>
    }
}
