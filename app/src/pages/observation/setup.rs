//! The setup step: why the observation is made and on what case. A real case asks for the
//! patient's consent and reminds the mentor that nothing identifying the patient is recorded.

use leptos::prelude::*;
use mentora_shared::domain::ObservationPurpose;

use super::draft::{Case, Refusal};
use super::form::Editor;
use super::keys::ObsKey;
use crate::i18n::use_i18n;

const PURPOSES: [(ObservationPurpose, ObsKey, &str); 3] = [
    (
        ObservationPurpose::Baseline,
        ObsKey::PurposeBaseline,
        "baseline",
    ),
    (
        ObservationPurpose::Coaching,
        ObsKey::PurposeCoaching,
        "coaching",
    ),
    (
        ObservationPurpose::PostMentorship,
        ObsKey::PurposePostMentorship,
        "post_mentorship",
    ),
];

const CASES: [(Case, ObsKey, &str); 2] = [
    (Case::Simulation, ObsKey::CaseSimulation, "simulation"),
    (Case::Real, ObsKey::CaseReal, "real"),
];

/// Purpose and case, as two groups of big radio buttons, then consent for a real case.
#[component]
pub(super) fn SetupFields(editor: Editor, refusal: Memo<Option<Refusal>>) -> impl IntoView {
    let i18n = use_i18n();
    let draft = editor.draft;
    let is_real = move || draft.with(|d| d.setup.case == Some(Case::Real));
    let purposes = PURPOSES
        .into_iter()
        .map(|(purpose, key, value)| {
            view! {
                <label class="obs-option">
                    <input type="radio" name="obs-purpose" value=value
                        prop:checked=move || draft.with(|d| d.setup.purpose == purpose)
                        on:change=move |_| editor.edit(|d| d.setup.purpose = purpose) />
                    <span>{move || i18n.t(key)}</span>
                </label>
            }
        })
        .collect_view();
    let cases = CASES
        .into_iter()
        .map(|(case, key, value)| {
            view! {
                <label class="obs-option">
                    <input type="radio" name="obs-case" value=value
                        prop:checked=move || draft.with(|d| d.setup.case == Some(case))
                        on:change=move |_| editor.edit(|d| d.setup.case = Some(case)) />
                    <span>{move || i18n.t(key)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <h2>{move || i18n.t(ObsKey::Setup)}</h2>
        <fieldset class="obs-choices" id="obs-purpose">
            <legend>{move || i18n.t(ObsKey::Purpose)}</legend>
            <div class="obs-seg">{purposes}</div>
        </fieldset>
        <fieldset class="obs-choices" id="obs-case"
            class:obs-invalid=move || refusal.get() == Some(Refusal::ChooseCase)>
            <legend>{move || i18n.t(ObsKey::Case)}</legend>
            <div class="obs-seg">{cases}</div>
            <Show when=is_real>
                <label class="choice obs-consent">
                    <input type="checkbox" id="obs-consent"
                        aria-invalid=move || (refusal.get() == Some(Refusal::NoConsent)).to_string()
                        prop:checked=move || draft.with(|d| d.setup.consent)
                        on:change=move |ev| {
                            let consented = event_target_checked(&ev);
                            editor.edit(|d| d.setup.consent = consented);
                        } />
                    <span>{move || i18n.t(ObsKey::Consent)}</span>
                </label>
                <p class="notice obs-no-ids">
                    <span aria-hidden="true">"🔒 "</span>{move || i18n.t(ObsKey::NoIdentifiers)}
                </p>
            </Show>
        </fieldset>
    }
}
