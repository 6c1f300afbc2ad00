//! What the mentor sees once the observation is durable on the device: the score, the critical
//! steps missed by name, and — for a post-mentorship observation — whether it meets the
//! validation rule on its own, each gap said in words.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::catalogue::Checklist;
use mentora_shared::domain::{Assessment, AssessmentKind, ItemId, ObservationPurpose, Score};
use mentora_shared::rules::ValidationPolicy;
use mentora_shared::rules::validation::{ValidationGap, validation_gaps};

use super::keys::ObsKey;
use crate::i18n::{I18n, use_i18n};

fn score_text(score: Score) -> String {
    format!(
        "{}/{} ({}%)",
        score.achieved(),
        score.applicable(),
        score.percent_floor()
    )
}

/// The steps' texts in the current language; an id the checklist lacks is shown as is.
fn step_names(i18n: I18n, checklist: StoredValue<Checklist>, steps: &[ItemId]) -> Vec<String> {
    checklist.with_value(|c| {
        steps
            .iter()
            .map(|id| {
                c.item(id).map_or_else(
                    || id.to_string(),
                    |item| crate::catalogue::text(i18n, &item.text),
                )
            })
            .collect()
    })
}

fn gap_view(i18n: I18n, checklist: StoredValue<Checklist>, gap: ValidationGap) -> AnyView {
    match gap {
        ValidationGap::NotAValidationAssessment => {
            view! { <li>{move || i18n.t(ObsKey::GapNotValidation)}</li> }.into_any()
        }
        ValidationGap::NoPatientConsent => {
            view! { <li>{move || i18n.t(ObsKey::GapNoConsent)}</li> }.into_any()
        }
        ValidationGap::BelowPassMark { score } => {
            let pass = ValidationPolicy::default().pass_mark.basis_points() / 100;
            view! {
                <li>
                    {move || i18n.t(ObsKey::GapBelowPassMark)}
                    {format!(" ({}% < {pass}%)", score.percent_floor())}
                </li>
            }
            .into_any()
        }
        ValidationGap::CriticalStepsMissed { steps } => view! {
            <li>
                {move || i18n.t(ObsKey::GapCriticalMissed)} ": "
                {move || step_names(i18n, checklist, &steps).join("; ")}
            </li>
        }
        .into_any(),
    }
}

#[component]
pub(super) fn Outcome(
    assessment: Assessment,
    checklist: StoredValue<Checklist>,
    mentee_href: String,
    on_new: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (purpose, missed) = match &assessment.kind {
        AssessmentKind::Observation {
            purpose, result, ..
        } => (Some(*purpose), result.critical_steps_missed.clone()),
        _ => (None, Vec::new()),
    };
    let validation = if purpose == Some(ObservationPurpose::PostMentorship) {
        let gaps = validation_gaps(&ValidationPolicy::default(), &assessment);
        if gaps.is_empty() {
            view! { <p class="notice ok" data-testid="meets-rule">{move || i18n.t(ObsKey::MeetsRule)}</p> }
                .into_any()
        } else {
            view! {
                <div class="notice" data-testid="validation-gaps">
                    <p>{move || i18n.t(ObsKey::DoesNotMeetRule)}</p>
                    <ul>{gaps.into_iter().map(|gap| gap_view(i18n, checklist, gap)).collect_view()}</ul>
                </div>
            }
            .into_any()
        }
    } else {
        view! { <p class="muted">{move || i18n.t(ObsKey::OnlyPostMentorshipValidates)}</p> }
            .into_any()
    };
    let critical = if missed.is_empty() {
        view! { <p>{move || i18n.t(ObsKey::NoCriticalMissed)}</p> }.into_any()
    } else {
        view! {
            <p>{move || i18n.t(ObsKey::CriticalMissedList)}</p>
            <ul class="obs-missed" data-testid="critical-missed">
                {move || step_names(i18n, checklist, &missed)
                    .into_iter()
                    .map(|name| view! { <li>{name}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <div class="obs-outcome" data-testid="observation-outcome">
            <p class="notice ok" role="status">{move || i18n.t(ObsKey::Saved)}</p>
            <h2 id="obs-outcome" tabindex="-1">{move || i18n.t(ObsKey::Outcome)}</h2>
            <dl class="facts">
                <dt>{move || i18n.t(ObsKey::Score)}</dt>
                <dd data-testid="outcome-score">{score_text(assessment.score)}</dd>
            </dl>
            {critical}
            <h3>{move || i18n.t(ObsKey::Validation)}</h3>
            {validation}
            <div class="obs-actions">
                <A href=mentee_href attr:class="button">{move || i18n.t(ObsKey::BackToMentee)}</A>
                <button type="button" class="secondary" on:click=move |_| on_new.run(())>
                    {move || i18n.t(ObsKey::NewObservation)}
                </button>
            </div>
        </div>
    }
}
