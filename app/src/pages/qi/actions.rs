//! The action plan: each action with its owner, due date and status (changed with one tap),
//! overdue ones flagged in words; notes per action; and the form that adds an action. An action
//! is replaced whole on each change: the last writer wins per action, never across actions.

use leptos::prelude::*;
use mentora_shared::documents::qi::{self, ActionItem, ActionStatus};
use mentora_shared::domain::Date;
use mentora_shared::sync::DocId;
use serde::{Deserialize, Serialize};

use super::StatusChip;
use super::analysis::add;
use super::data;
use super::keys::{QKey, input_key, status_code, status_key, status_symbol};
use super::project::Live;
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::use_sync;
use crate::i18n::use_i18n;
use crate::platform;
use crate::store::hex;

#[component]
pub fn ActionPlan(doc: DocId, live: Live, open: Memo<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || live.get().map(|p| p.project.actions).unwrap_or_default();
    view! {
        <section aria-labelledby="qi-actions-title" data-testid="qi-actions">
            <h2 id="qi-actions-title">{move || i18n.t(QKey::Actions)}</h2>
            <Show when=move || !rows().is_empty()
                fallback=move || view! { <p class="muted">{move || i18n.t(QKey::NoActions)}</p> }>
                <ul class="qi-action-list">
                    // Keyed by content: a row is rebuilt only when its action changed, so notes
                    // being typed in another row keep their focus.
                    <For each=rows
                        key=|(key, action)| (key.clone(), serde_json::to_string(action).unwrap_or_default())
                        children=move |(key, action)| view! { <ActionRow doc key action open /> } />
                </ul>
            </Show>
            <Show when=move || open.get()>
                <ActionForm doc />
            </Show>
        </section>
    }
}

#[component]
fn ActionRow(doc: DocId, key: String, action: ActionItem, open: Memo<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let saving = Saving::new();
    let status = saving.status;
    let overdue = qi::is_overdue(&action, platform::today());
    let stored = StoredValue::new((key.clone(), action.clone()));
    let set_status = move |next: ActionStatus| {
        let (key, mut item) = stored.get_value();
        if item.status == next {
            return;
        }
        item.status = next;
        item.updated = platform::today();
        saving.run(
            data::save(sync, doc, move |am| qi::put_action(am, &key, &item)),
            drop,
        );
    };
    let due = action.due.to_string();
    let updated = action.updated.to_string();
    let notes = action.notes.clone();
    let current = action.status;
    view! {
        <li class="qi-action" data-overdue=overdue.to_string() data-status=status_code(action.status)>
            <h3>{action.text.clone()}</h3>
            <p>
                <StatusChip status=action.status />
                {move || i18n.t(QKey::OwnedBy)} ": " {action.owner.clone()} " · "
                {move || i18n.t(QKey::DueOn)} " " {due.clone()}
            </p>
            {overdue.then(|| {
                let due = action.due.to_string();
                view! { <p class="qi-overdue-flag"><strong>"⚠ " {move || i18n.t(QKey::OverdueSince)} " " {due.clone()}</strong></p> }
            })}
            {(!notes.is_empty()).then(|| view! { <p class="qi-notes">{move || i18n.t(QKey::Notes)} ": " {notes.clone()}</p> })}
            <p class="muted">{move || i18n.t(QKey::Updated)} " " {updated.clone()}</p>
            <Show when=move || open.get()>
                <div class="qi-status" role="group" aria-label=move || i18n.t(QKey::Status)>
                    {ActionStatus::ALL.into_iter().map(|s| view! {
                        <button type="button" class="secondary" aria-pressed=(s == current).to_string()
                            disabled=move || saving.busy() on:click=move |_| set_status(s)>
                            <span aria-hidden="true">{status_symbol(s)} " "</span>{move || i18n.t(status_key(s))}
                        </button>
                    }).collect_view()}
                </div>
                <NotesForm doc stored />
            </Show>
            <SaveOutcome status />
        </li>
    }
}

/// The notes of one action, saved with the action (the last writer wins).
#[component]
fn NotesForm(doc: DocId, stored: StoredValue<(String, ActionItem)>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let (key, current) = stored.get_value();
    // `None` until the mentor types, so the saved notes show rather than an empty draft.
    let draft = FormDraft::<Option<String>>::new("qi-notes", format!("{}-{key}", hex(&doc.0)));
    let error = RwSignal::new(None::<QKey>);
    let saving = Saving::new();
    let status = saving.status;
    let id = format!("qi-notes-{key}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (key, mut item) = stored.get_value();
        let Some(typed) = draft.value.get_untracked() else {
            return;
        };
        item.notes = match qi::optional_text(&typed) {
            Ok(notes) => notes,
            Err(err) => return error.set(Some(input_key(err))),
        };
        error.set(None);
        item.updated = platform::today();
        saving.run(
            data::save(sync, doc, move |am| qi::put_action(am, &key, &item)),
            move |_| draft.clear(),
        );
    };
    view! {
        <details class="qi-notes-form">
            <summary>{move || i18n.t(QKey::Notes)}</summary>
            <form class="form" on:submit=submit>
                <label for=id.clone()>{move || i18n.t(QKey::Notes)}</label>
                <textarea id=id rows="2"
                    prop:value=move || draft.get(|d| d.clone().unwrap_or_else(|| current.notes.clone()))
                    on:input=move |ev| draft.set(|d| *d = Some(event_target_value(&ev)))></textarea>
                {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
                <SaveOutcome status />
                <button type="submit" disabled=move || saving.busy()>{move || i18n.t(QKey::SaveNotes)}</button>
            </form>
        </details>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ActionDraft {
    text: String,
    owner: String,
    due: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Text,
    Owner,
    Due,
}

#[component]
fn ActionForm(doc: DocId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let draft = FormDraft::<ActionDraft>::new("qi-action", hex(&doc.0));
    let error = RwSignal::new(None::<(Field, QKey)>);
    let saving = Saving::new();
    let status = saving.status;
    let invalid = move |field: Field| error.get().is_some_and(|(f, _)| f == field).to_string();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let fields = draft.value.get_untracked();
        let checked = qi::required_text(&fields.text)
            .map_err(|e| (Field::Text, input_key(e)))
            .and_then(|text| {
                Ok((
                    text,
                    qi::short_text(&fields.owner).map_err(|e| (Field::Owner, input_key(e)))?,
                ))
            })
            .and_then(|(text, owner)| {
                let due =
                    Date::parse(fields.due.trim()).map_err(|_| (Field::Due, QKey::ErrDate))?;
                Ok((text, owner, due))
            });
        let (text, owner, due) = match checked {
            Ok(ok) => ok,
            Err(problem) => return error.set(Some(problem)),
        };
        error.set(None);
        let action = ActionItem {
            text,
            owner,
            due,
            status: ActionStatus::NotStarted,
            notes: String::new(),
            updated: platform::today(),
        };
        add(
            sync,
            doc,
            saving,
            move || draft.clear(),
            move |automerge, key| qi::put_action(automerge, key, &action),
        );
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="add-action">
            <label for="qi-action-text">{move || i18n.t(QKey::Action)}</label>
            <textarea id="qi-action-text" rows="2" aria-invalid=move || invalid(Field::Text)
                prop:value=move || draft.get(|d| d.text.clone())
                on:input=move |ev| draft.set(|d| d.text = event_target_value(&ev))></textarea>
            <label for="qi-action-owner">{move || i18n.t(QKey::Owner)}</label>
            <input id="qi-action-owner" autocomplete="off" aria-invalid=move || invalid(Field::Owner)
                prop:value=move || draft.get(|d| d.owner.clone())
                on:input=move |ev| draft.set(|d| d.owner = event_target_value(&ev)) />
            <label for="qi-action-due">{move || i18n.t(QKey::Due)}</label>
            <input id="qi-action-due" type="date" aria-invalid=move || invalid(Field::Due)
                prop:value=move || draft.get(|d| d.due.clone())
                on:input=move |ev| draft.set(|d| d.due = event_target_value(&ev)) />
            {move || error.get().map(|(_, key)| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, QKey::AddAction)}
            </button>
        </form>
    }
}
