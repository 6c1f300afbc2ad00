//! The coaching plan: for each competency still in coaching, the steps missed in the last
//! observations, the planned actions and a target date (overdue plans say so).

use leptos::prelude::*;
use mentora_shared::catalogue::Competency;
use mentora_shared::documents::mentee::{self, CoachingEntry};
use mentora_shared::domain::Date;
use mentora_shared::rules::{CompetencyStatus, WeakStep, weak_steps};

use super::keys::MKey;
use crate::catalogue::{self, text};
use crate::components::{SaveOutcome, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};
use crate::platform;
use crate::records::Mentee;

/// How many recent observations the weak steps are drawn from.
const RECENT_OBSERVATIONS: usize = 3;

/// What a plan card is built from. The saved entry is not part of it: saving the plan must not
/// rebuild the card (its message and anything being typed would be lost); the card reads the
/// entry once, when it is built.
#[derive(Clone, PartialEq)]
struct Plan {
    competency: Competency,
    weak: Vec<WeakStep>,
}

fn plans(mentee: &Mentee) -> Vec<Plan> {
    let Ok(catalogue) = catalogue::catalogue() else {
        return Vec::new();
    };
    catalogue
        .competencies
        .iter()
        .filter(|c| mentee.record.competencies.contains(c.id.as_str()))
        .filter(|c| mentee.readiness(&c.id).status == CompetencyStatus::InCoaching)
        .map(|competency| Plan {
            weak: competency
                .current_checklist()
                .map(|checklist| {
                    weak_steps(
                        &mentee.history.assessments_of(&competency.id),
                        checklist,
                        RECENT_OBSERVATIONS,
                    )
                })
                .unwrap_or_default(),
            competency: competency.clone(),
        })
        .collect()
}

#[component]
pub fn CoachingPlan(mentee: Memo<Option<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    // Rebuilt when the set of competencies in coaching changes, not on every keystroke's save.
    let list = Memo::new(move |_| mentee.get().map(|m| plans(&m)).unwrap_or_default());
    view! {
        <section aria-labelledby="coaching-title" data-testid="coaching-plan">
            <h2 id="coaching-title">{move || i18n.t(MKey::CoachingPlan)}</h2>
            {move || {
                let plans = list.get();
                if plans.is_empty() {
                    return view! { <p class="muted">{move || i18n.t(MKey::NoCoaching)}</p> }.into_any();
                }
                plans.into_iter().map(|plan| view! { <PlanCard plan mentee /> }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn PlanCard(plan: Plan, mentee: Memo<Option<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let Plan { competency, weak } = plan;
    let entry: CoachingEntry = mentee.with_untracked(|m| {
        m.as_ref()
            .and_then(|m| m.history.coaching.get(&competency.id).cloned())
            .unwrap_or_default()
    });
    let actions = RwSignal::new(entry.actions.clone());
    let target = RwSignal::new(entry.target.map(|d| d.to_string()).unwrap_or_default());
    let saving = Saving::new();
    let status = saving.status;
    let overdue = entry.target.is_some_and(|t| t < platform::today());
    let slug = competency.id.to_string();
    let checklist = competency.current_checklist().cloned();
    let id = StoredValue::new(competency.id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(doc) = mentee.get_untracked().map(|m| m.doc) else {
            return;
        };
        let notes = match mentee::clean_note(&actions.get_untracked()) {
            Ok(notes) => notes,
            Err(_) => {
                status.set(Some(Err(AppError::invalid(Key::ErrTooLong))));
                return;
            }
        };
        let date_text = target.get_untracked();
        let date = if date_text.trim().is_empty() {
            None
        } else if let Ok(date) = Date::parse(date_text.trim()) {
            Some(date)
        } else {
            status.set(Some(Err(AppError::invalid(MKey::BadDate))));
            return;
        };
        let entry = CoachingEntry {
            actions: notes,
            target: date,
        };
        let competency = id.get_value();
        saving.run(
            engine::edit(sync, doc, move |automerge| {
                mentee::set_coaching(automerge, &competency, Some(&entry)).map_err(AppError::from)
            }),
            drop,
        );
    };
    let name = competency.name.clone();
    view! {
        <form class="form card-form" on:submit=submit data-competency=slug.clone()>
            <h3>{move || text(i18n, &name)}</h3>
            {overdue.then(|| view! { <p class="notice error"><strong>{move || i18n.t(MKey::Overdue)}</strong></p> })}
            <h4>{move || i18n.t(MKey::WeakSteps)}</h4>
            {if weak.is_empty() {
                view! { <p class="muted">{move || i18n.t(MKey::NoWeakSteps)}</p> }.into_any()
            } else {
                view! {
                    <ul class="weak-steps">
                        {weak.into_iter().map(|step| {
                            let label = checklist.as_ref().and_then(|c| c.item(&step.item)).map(|item| item.text.clone());
                            view! {
                                <li>
                                    {step.critical.then(|| view! { <span class="critical-tag">"⚠ " {move || i18n.t(MKey::Critical)}</span> " " })}
                                    {move || label.as_ref().map(|l| text(i18n, l)).unwrap_or_else(|| step.item.to_string())}
                                    <span class="muted">" (" {step.times_missed} " " {move || i18n.t(MKey::TimesMissed)} ")"</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <label for=format!("plan-{slug}")>{move || i18n.t(MKey::PlannedActions)}</label>
            <textarea id=format!("plan-{slug}") rows="3" prop:value=actions
                on:input=move |ev| actions.set(event_target_value(&ev))></textarea>
            <label for=format!("target-{slug}")>{move || i18n.t(MKey::TargetDate)}</label>
            <input id=format!("target-{slug}") type="date" prop:value=target
                on:input=move |ev| target.set(event_target_value(&ev)) />
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, MKey::SavePlan)}
            </button>
        </form>
    }
}
