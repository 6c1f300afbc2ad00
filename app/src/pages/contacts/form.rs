//! The "Record a contact" form, kept as a draft while it is filled in. The topic field says
//! plainly that no patient identifiers belong there.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::contact::{self, Contact, ContactMode};
use mentora_shared::domain::Date;
use serde::{Deserialize, Serialize};

use super::Mentees;
use super::keys::{CKey, error_key, mode_key};
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{Key, use_i18n};
use crate::places::Place;
use crate::platform;
use crate::records;
use crate::session::use_session;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ContactDraft {
    mentee: String,
    /// Empty means today.
    date: String,
    mode: String,
    topic: String,
    advice: String,
    next_step: String,
}

impl ContactDraft {
    fn mode(&self) -> ContactMode {
        ContactMode::from_code(&self.mode).unwrap_or(ContactMode::Phone)
    }
}

#[component]
pub fn RecordContact(place: Place, mentees: Mentees) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let draft = FormDraft::<ContactDraft>::new("contact", place.id.clone());
    let error = RwSignal::new(None::<(&'static str, CKey)>);
    let saving = Saving::new();
    let status = saving.status;
    let today = platform::today();
    let invalid =
        move |field: &'static str| error.get().is_some_and(|(f, _)| f == field).to_string();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let fields = draft.value.get_untracked();
        let date = if fields.date.trim().is_empty() {
            today
        } else if let Ok(date) = Date::parse(fields.date.trim()) {
            date
        } else {
            return error.set(Some(("date", CKey::ErrDate)));
        };
        let typed = Contact {
            facility: place.id.clone(),
            date,
            mode: fields.mode(),
            mentee: fields.mentee.clone(),
            topic: fields.topic.clone(),
            advice: fields.advice.clone(),
            next_step: fields.next_step.clone(),
            recorded_by: session
                .0
                .get_untracked()
                .map(|s| s.user.shown_name().to_owned())
                .unwrap_or_default(),
        };
        let record = match contact::clean(typed, platform::today()) {
            Ok(record) => record,
            Err(err) => return error.set(Some(error_key(err))),
        };
        error.set(None);
        let header = match records::facility_header(contact::KIND, contact::SCHEMA_VERSION, &place)
        {
            Ok(header) => header,
            Err(reason) => return saving.refuse(reason),
        };
        saving.run(
            engine::create(sync, header, move |doc| {
                contact::write_new(doc, &record).map_err(AppError::from)
            }),
            move |_| draft.clear(),
        );
    };
    // A labelled text area; `hint` is shown under the label and read out with the field.
    let text_field = move |field: &'static str,
                           key: CKey,
                           hint: Option<CKey>,
                           get: fn(&ContactDraft) -> String,
                           set: fn(&mut ContactDraft, String)| {
        let id = format!("contact-{field}");
        let hint_id = hint.map(|_| format!("contact-{field}-hint"));
        view! {
            <label for=id.clone()>{move || i18n.t(key)}</label>
            {hint.map(|hint| view! { <p class="notice" id=format!("contact-{field}-hint")>{move || i18n.t(hint)}</p> })}
            <textarea id=id rows="2" aria-invalid=move || invalid(field) aria-describedby=hint_id
                prop:value=move || draft.get(get)
                on:input=move |ev| draft.set(|d| set(d, event_target_value(&ev)))></textarea>
        }
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="record-contact">
            <h2>{move || i18n.t(CKey::Record)}</h2>
            <label for="contact-mentee">{move || i18n.t(CKey::Mentee)}</label>
            <select id="contact-mentee" aria-invalid=move || invalid("mentee")
                on:change=move |ev| draft.set(|d| d.mentee = event_target_value(&ev))>
                <option value="" selected=move || draft.get(|d| d.mentee.is_empty())>{move || i18n.t(CKey::ChooseMentee)}</option>
                {move || mentees.get().into_iter().map(|(id, name)| {
                    let chosen = id.clone();
                    view! { <option value=id selected=move || draft.get(|d| d.mentee == chosen)>{name}</option> }
                }).collect_view()}
            </select>
            {move || mentees.with(Vec::is_empty).then(|| view! {
                <p class="notice">{move || i18n.t(CKey::NoMentees)} " "
                    <A href="/mentees">{move || i18n.t(Key::NavMentees)}</A>
                </p>
            })}
            <label for="contact-date">{move || i18n.t(CKey::Date)}</label>
            <input id="contact-date" type="date" max=today.to_string() aria-invalid=move || invalid("date")
                prop:value=move || draft.get(|d| if d.date.is_empty() { today.to_string() } else { d.date.clone() })
                on:input=move |ev| draft.set(|d| d.date = event_target_value(&ev)) />
            <fieldset class="contact-modes">
                <legend>{move || i18n.t(CKey::Mode)}</legend>
                {ContactMode::ALL.into_iter().map(|mode| view! {
                    <label class="choice">
                        <input type="radio" name="contact-mode" value=mode.code()
                            prop:checked=move || draft.get(ContactDraft::mode) == mode
                            on:change=move |_| draft.set(|d| d.mode = mode.code().to_owned()) />
                        {move || i18n.t(mode_key(mode))}
                    </label>
                }).collect_view()}
            </fieldset>
            {text_field("topic", CKey::Topic, Some(CKey::TopicHint), |d| d.topic.clone(), |d, v| d.topic = v)}
            {text_field("advice", CKey::Advice, None, |d| d.advice.clone(), |d, v| d.advice = v)}
            {text_field("next_step", CKey::NextStep, None, |d| d.next_step.clone(), |d, v| d.next_step = v)}
            {move || error.get().map(|(_, key)| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, Key::Save)}
            </button>
        </form>
    }
}
