//! The form updating one step: status, date and notes, kept as a draft while it is filled in
//! (fields not touched show what is stored). Saving checks the domain's order rule against the
//! cycle as it is on the device now.

use leptos::prelude::*;
use mentora_shared::documents::tutorat::{self, StepRecord, StepStatus};
use mentora_shared::domain::Date;
use mentora_shared::domain::tutorat::TutoratStep;
use mentora_shared::sync::DocId;
use serde::{Deserialize, Serialize};

use super::data;
use super::keys::{TKey, error_key, status_parts};
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform;
use crate::store::hex;

/// `None` means "as stored".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct StepDraft {
    status: Option<String>,
    date: Option<String>,
    notes: Option<String>,
}

#[component]
pub fn StepForm(
    doc: DocId,
    step: TutoratStep,
    record: StepRecord,
    selected: RwSignal<Option<TutoratStep>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let code = tutorat::step_code(step);
    let draft = FormDraft::<StepDraft>::new("tutorat-step", format!("{}/{code}", hex(&doc.0)));
    let error = RwSignal::new(None::<TKey>);
    let saving = Saving::new();
    let status = saving.status;
    let stored = StoredValue::new(record);
    let current_status = move || {
        draft
            .get(|d| d.status.clone())
            .and_then(|c| StepStatus::from_code(&c))
            .unwrap_or_else(|| stored.with_value(|r| r.status))
    };
    let current_date = move || {
        draft.get(|d| d.date.clone()).unwrap_or_else(|| {
            stored.with_value(|r| r.date.map(|d| d.to_string()).unwrap_or_default())
        })
    };
    let current_notes = move || {
        draft
            .get(|d| d.notes.clone())
            .unwrap_or_else(|| stored.with_value(|r| r.notes.clone()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let date_text = current_date();
        let date = if date_text.trim().is_empty() {
            None
        } else if let Ok(date) = Date::parse(date_text.trim()) {
            Some(date)
        } else {
            return error.set(Some(TKey::ErrDate));
        };
        let typed = StepRecord {
            status: current_status(),
            date,
            notes: current_notes(),
        };
        let Some(Ok(now)) = data::load(doc) else {
            return status.set(Some(Err(AppError::invalid(TKey::NotFound))));
        };
        let record = match tutorat::check_step(&now.cycle, step, typed, platform::today()) {
            Ok(record) => record,
            Err(err) => return error.set(Some(error_key(err))),
        };
        error.set(None);
        let done = record.status == StepStatus::Done;
        saving.run(
            engine::edit(sync, doc, move |automerge| {
                tutorat::put_step(automerge, step, &record).map_err(AppError::from)
            }),
            move |_| {
                draft.clear();
                // A step done moves the form on to the next one.
                if done {
                    let index = TutoratStep::ALL.iter().position(|s| *s == step);
                    selected.set(index.and_then(|i| TutoratStep::ALL.get(i + 1)).copied());
                }
            },
        );
    };
    let id = |field: &str| format!("tutorat-{code}-{field}");
    view! {
        <form class="form tutorat-form" on:submit=submit data-testid=format!("step-form-{code}")>
            <fieldset>
                <legend>{move || i18n.t(TKey::Status)}</legend>
                {StepStatus::ALL.into_iter().map(|s| {
                    let (_, word) = status_parts(s);
                    view! {
                        <label class="choice">
                            <input type="radio" name=id("status") value=s.code()
                                prop:checked=move || current_status() == s
                                on:change=move |_| draft.set(|d| d.status = Some(s.code().to_owned())) />
                            {move || i18n.t(word)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label for=id("date")>{move || i18n.t(TKey::Date)}</label>
            <input id=id("date") type="date" aria-invalid=move || error.get().is_some().to_string()
                prop:value=current_date
                on:input=move |ev| draft.set(|d| d.date = Some(event_target_value(&ev))) />
            <label for=id("notes")>{move || i18n.t(TKey::Notes)}</label>
            <textarea id=id("notes") rows="3"
                prop:value=current_notes
                on:input=move |ev| draft.set(|d| d.notes = Some(event_target_value(&ev)))></textarea>
            {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, TKey::SaveStep)}
            </button>
        </form>
    }
}
