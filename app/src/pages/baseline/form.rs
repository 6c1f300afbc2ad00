//! The new-assessment form: one section of the checklist at a time, every answer kept as a
//! draft as it is tapped, so closing the app mid-assessment loses nothing.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use mentora_shared::catalogue::FacilityTool;
use mentora_shared::documents::baseline::{self, Baseline, BaselineError};
use mentora_shared::domain::Date;
use serde::{Deserialize, Serialize};

use super::data;
use super::keys::{BKey, answer_key};
use crate::catalogue::text;
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::places::Place;
use crate::platform;
use crate::records;
use crate::session::use_session;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct BaselineDraft {
    /// Empty means today.
    date: String,
    /// The section shown, from 0.
    section: usize,
    /// Item id → answer code.
    answers: BTreeMap<String, String>,
    notes: String,
}

/// A refusal: the message, and the item it is about (shown by its text).
type Refusal = (BKey, Option<String>);

#[component]
pub fn NewAssessment(place: Place) -> impl IntoView {
    let i18n = use_i18n();
    match data::current_tool() {
        Some(tool) => view! { <Form place tool /> }.into_any(),
        None => view! { <p class="notice error" role="alert">{move || i18n.t(BKey::NoTool)}</p> }
            .into_any(),
    }
}

#[component]
fn Form(place: Place, tool: FacilityTool) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let navigate = use_navigate();
    let draft = FormDraft::<BaselineDraft>::new("baseline", place.id.clone());
    let error = RwSignal::new(None::<Refusal>);
    let saving = Saving::new();
    let status = saving.status;
    let today = platform::today();
    let count = tool.sections.len();
    // A memo, so the section is rebuilt only when another one is shown, not on every answer.
    let index = Memo::new(move |_| draft.get(|d| d.section.min(count.saturating_sub(1))));
    let shown = move || index.get();
    let tool = StoredValue::new(tool);
    let item_text = move |id: &str| {
        tool.with_value(|t| {
            t.sections
                .iter()
                .flat_map(|s| &s.items)
                .find(|item| item.id.as_str() == id)
                .map(|item| text(i18n, &item.text))
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let fields = draft.value.get_untracked();
        let date = if fields.date.trim().is_empty() {
            today
        } else if let Ok(date) = Date::parse(fields.date.trim()) {
            date
        } else {
            return error.set(Some((BKey::ErrDate, None)));
        };
        let typed = Baseline {
            facility: place.id.clone(),
            date,
            tool_version: 0,
            assessor: session
                .0
                .get_untracked()
                .map(|s| s.user.shown_name().to_owned())
                .unwrap_or_default(),
            notes: fields.notes.clone(),
            answers: fields
                .answers
                .iter()
                .filter_map(|(item, code)| Some((item.clone(), baseline::answer_from_code(code)?)))
                .collect(),
        };
        let cleaned = tool.with_value(|t| baseline::clean(typed, t, platform::today()));
        let record = match cleaned {
            Ok(record) => record,
            Err(BaselineError::Unanswered { section, item }) => {
                let index =
                    tool.with_value(|t| t.sections.iter().position(|s| s.id.as_str() == section));
                draft.set(|d| d.section = index.unwrap_or(0));
                return error.set(Some((BKey::ErrUnanswered, item_text(&item))));
            }
            Err(BaselineError::NotApplicableRefused(item)) => {
                return error.set(Some((BKey::ErrNa, item_text(&item))));
            }
            Err(BaselineError::FutureDate) => return error.set(Some((BKey::ErrFuture, None))),
            Err(BaselineError::NotesTooLong) => return error.set(Some((BKey::ErrTooLong, None))),
            Err(BaselineError::UnknownItem(_)) => return error.set(Some((BKey::ErrUnknown, None))),
        };
        error.set(None);
        let header =
            match records::facility_header(baseline::KIND, baseline::SCHEMA_VERSION, &place) {
                Ok(header) => header,
                Err(reason) => return saving.refuse(reason),
            };
        let navigate = navigate.clone();
        saving.run_quietly(
            engine::create(sync, header, move |doc| {
                baseline::write_new(doc, &record).map_err(AppError::from)
            }),
            move |doc| {
                draft.clear();
                navigate(&data::href(doc), Default::default());
            },
        );
    };
    let go = move |index: usize| {
        error.set(None);
        draft.set(|d| d.section = index);
    };
    let section_view = move || {
        let index = shown();
        let section = tool.with_value(|t| t.sections.get(index).cloned())?;
        let total = section.items.len();
        let ids: Vec<String> = section
            .items
            .iter()
            .map(|i| i.id.as_str().to_owned())
            .collect();
        let answered =
            move || draft.get(|d| ids.iter().filter(|id| d.answers.contains_key(*id)).count());
        let title = section.title.clone();
        Some(view! {
            <fieldset class="baseline-section" data-testid="baseline-section">
                <legend>
                    {move || i18n.t(BKey::SectionOf)} " " {index + 1} " " {move || i18n.t(BKey::Of)} " " {count}
                    ": " {move || text(i18n, &title)}
                </legend>
                <p class="muted" aria-live="polite">{answered} " / " {total} " " {move || i18n.t(BKey::Answered)}</p>
                {section.items.into_iter().map(|item| {
                    let id = item.id.as_str().to_owned();
                    let name = format!("baseline-{id}");
                    let answers: Vec<_> = baseline::ANSWERS
                        .into_iter()
                        .filter(|a| item.na_allowed || *a != mentora_shared::domain::BaselineAnswer::NotApplicable)
                        .collect();
                    view! {
                        <fieldset class="baseline-item">
                            <legend><crate::catalogue::CatalogueText text=item.text.clone() /></legend>
                            <div class="baseline-answers">
                                {answers.into_iter().map(|answer| {
                                    let code = baseline::answer_code(answer);
                                    let (checked, set) = (id.clone(), id.clone());
                                    view! {
                                        <label class="choice">
                                            <input type="radio" name=name.clone() value=code
                                                prop:checked=move || draft.get(|d| d.answers.get(&checked).map(String::as_str) == Some(code))
                                                on:change=move |_| draft.set(|d| { d.answers.insert(set.clone(), code.to_owned()); }) />
                                            {move || i18n.t(answer_key(answer))}
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
            </fieldset>
        })
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="new-baseline">
            <h2>{move || i18n.t(BKey::NewTitle)}</h2>
            <p class="muted">{move || i18n.t(BKey::DraftKept)}</p>
            <label for="baseline-date">{move || i18n.t(BKey::Date)}</label>
            <input id="baseline-date" type="date" max=today.to_string()
                prop:value=move || draft.get(|d| if d.date.is_empty() { today.to_string() } else { d.date.clone() })
                on:input=move |ev| draft.set(|d| d.date = event_target_value(&ev)) />
            {section_view}
            {move || error.get().map(|(key, item)| view! {
                <p class="notice error" role="alert">{i18n.t(key)} {item.map(|t| format!(" {t}"))}</p>
            })}
            <div class="baseline-steps">
                {move || (shown() > 0).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| go(shown() - 1)>{move || i18n.t(BKey::Previous)}</button>
                })}
                {move || (shown() + 1 < count).then(|| view! {
                    <button type="button" on:click=move |_| go(shown() + 1)>{move || i18n.t(BKey::Next)}</button>
                })}
            </div>
            {move || (shown() + 1 == count).then(|| view! {
                <label for="baseline-notes">{move || i18n.t(BKey::Notes)}</label>
                <textarea id="baseline-notes" rows="3"
                    prop:value=move || draft.get(|d| d.notes.clone())
                    on:input=move |ev| draft.set(|d| d.notes = event_target_value(&ev))></textarea>
                <SaveOutcome status />
                <button type="submit" disabled=move || saving.busy()>
                    {move || saving.label(i18n, BKey::Save)}
                </button>
            })}
        </form>
    }
}
