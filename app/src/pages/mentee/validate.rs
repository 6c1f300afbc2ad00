//! Confirming a validation: one decision on its own panel, recorded with the confirming
//! mentor's name, today's date and the assessment that met the rule.

use leptos::prelude::*;
use mentora_shared::documents::mentee::{self, ValidationEntry};
use mentora_shared::domain::{Assessment, CompetencyId, ValidationId};
use mentora_shared::rules::{ValidationPolicy, validate};

use super::keys::MKey;
use crate::components::{SaveOutcome, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform;
use crate::records::Mentee;
use crate::session::use_session;

#[component]
pub fn ValidateButton(
    mentee: Memo<Option<Mentee>>,
    competency: CompetencyId,
    candidate: Assessment,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let open = RwSignal::new(false);
    let saving = Saving::new();
    let status = saving.status;
    let candidate = StoredValue::new(candidate);
    let competency = StoredValue::new(competency);
    let confirm = move |_| {
        let (Some(current), Some(user)) = (
            mentee.get_untracked(),
            session.0.get_untracked().map(|s| s.user),
        ) else {
            return;
        };
        let Some(bytes) = platform::random_16() else {
            status.set(Some(Err(AppError::NoRandomSource)));
            return;
        };
        let competency = competency.get_value();
        let existing: Vec<_> = current
            .history
            .validations
            .get(&competency)
            .map(|v| v.validation.clone())
            .into_iter()
            .collect();
        let outcome = validate(
            &ValidationPolicy::default(),
            ValidationId(uuid::Uuid::from_bytes(bytes)),
            &candidate.get_value(),
            &current.history.assessments_of(&competency),
            &existing,
        );
        let mut validation = match outcome {
            Ok(validation) => validation,
            Err(refused) => {
                status.set(Some(Err(AppError::ValidationRefused(refused))));
                return;
            }
        };
        validation.validated_by = mentee::mentor_id(&user.username);
        validation.date = platform::today();
        let entry = ValidationEntry {
            validation,
            validated_by_name: user.shown_name().to_owned(),
            association: user.affiliation,
        };
        let save = engine::edit(sync, current.doc, move |doc| {
            mentee::add_validation(doc, &entry).map_err(AppError::from)
        });
        saving.run(save, move |()| open.set(false));
    };
    view! {
        <button type="button" on:click=move |_| open.set(true) aria-expanded=move || open.get().to_string()>
            {move || i18n.t(MKey::ConfirmValidation)}
        </button>
        <Show when=move || open.get()>
            <div class="confirm-panel" role="dialog" aria-labelledby="validate-title">
                <h3 id="validate-title">{move || i18n.t(MKey::ValidateTitle)}</h3>
                <p>{move || i18n.t(MKey::ValidateExplain)}</p>
                <div class="actions">
                    <button type="button" on:click=confirm disabled=move || saving.busy()>
                        {move || saving.label(i18n, MKey::ConfirmValidation)}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| open.set(false)>
                        {move || i18n.t(MKey::Cancel)}
                    </button>
                </div>
            </div>
        </Show>
        <SaveOutcome status />
    }
}
