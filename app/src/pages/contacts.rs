//! `/contacts`: follow-up contacts with mentees between visits (phone, WhatsApp, video, in
//! person) at the current place, newest first, and the form that records one. Each contact is
//! its own document, scoped to the facility like the mentee it is about.

mod form;
mod keys;

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::contact::{self, Contact};
use mentora_shared::sync::DocId;

use super::qi::with_place;
use crate::components::{ConfirmDelete, Saving, record_list};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::facility_docs;
use crate::i18n::use_i18n;
use crate::records;
use crate::store::hex;
use keys::{CKey, mode_key};

/// The mentees one can pick: (hex document id, name), by name.
pub(super) type Mentees = Memo<Vec<(String, String)>>;

fn contacts_at(facility: &str) -> Vec<(DocId, Result<Contact, AppError>)> {
    let mut rows = facility_docs::of_kind(contact::KIND, facility, |_, automerge| {
        // Contacts deleted by mistake are left out (their tombstone stays in the document).
        if contact::is_deleted(automerge).unwrap_or(false) {
            return Ok(None);
        }
        contact::read(automerge)
            .map(Some)
            .map_err(AppError::unreadable)
    });
    facility_docs::newest_first(&mut rows, |c| c.date);
    rows
}

#[component]
pub fn ContactsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let body = move || {
        with_place(move |place| {
            let facility = place.id.clone();
            let mentees: Mentees = Memo::new(move |_| {
                sync.revision.track();
                records::at_facility(&facility)
                    .into_iter()
                    .filter_map(Result::ok)
                    .map(|m| (hex(&m.doc.0), m.record.name))
                    .collect()
            });
            let facility = place.id.clone();
            let contacts = Memo::new(move |_| {
                sync.revision.track();
                contacts_at(&facility)
            });
            view! {
                <form::RecordContact place mentees />
                <ContactList contacts mentees />
            }
            .into_any()
        })
    };
    view! {
        <section class="page contacts-page">
            <h1>{move || i18n.t(CKey::Title)}</h1>
            <p class="muted">{move || i18n.t(CKey::Intro)} " "
                <A href="/qi">{move || i18n.t(CKey::Qi)}</A>
            </p>
            {body}
        </section>
    }
}

#[component]
fn ContactList(
    contacts: Memo<Vec<(DocId, Result<Contact, AppError>)>>,
    mentees: Mentees,
) -> impl IntoView {
    let i18n = use_i18n();
    let name_of = move |id: &str| {
        mentees.with(|all| {
            all.iter()
                .find(|(hex, _)| hex == id)
                .map(|(_, name)| name.clone())
        })
    };
    view! {
        <section aria-labelledby="contacts-title">
            <h2 id="contacts-title">{move || i18n.t(CKey::ListTitle)}</h2>
            {move || record_list(contacts.get(), CKey::Empty, "contact-list", "contact-list", |(doc, c)| {
                let mentee = name_of(&c.mentee);
                view! { <ContactCard doc c mentee /> }
            })}
        </section>
    }
}

#[component]
fn ContactCard(doc: DocId, c: Contact, mentee: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let mode = mode_key(c.mode);
    let date = c.date.to_string();
    let labelled = move |key: CKey, text: String| {
        (!text.is_empty()).then(|| view! { <dt>{move || i18n.t(key)}</dt><dd>{text}</dd> })
    };
    view! {
        <li class="contact-card">
            <h3>
                {date} " · " {move || i18n.t(mode)} " · "
                {match mentee {
                    Some(name) => name.into_any(),
                    None => view! { <span class="muted">{move || i18n.t(CKey::UnknownMentee)}</span> }.into_any(),
                }}
            </h3>
            <dl class="facts">
                {labelled(CKey::Topic, c.topic)}
                {labelled(CKey::Advice, c.advice)}
                {labelled(CKey::NextStep, c.next_step)}
                {labelled(CKey::RecordedBy, c.recorded_by)}
            </dl>
            {delete_contact(doc)}
        </li>
    }
}

/// "Delete this entry" for a contact recorded by mistake (a tombstone in its document).
fn delete_contact(doc: DocId) -> impl IntoView {
    let sync = use_sync();
    let saving = Saving::new();
    let on_delete = Callback::new(
        move |deletion: mentora_shared::documents::deletion::Deletion| {
            let delete = engine::edit(sync, doc, move |automerge| {
                contact::delete(automerge, &deletion).map_err(AppError::from)
            });
            saving.run_quietly(delete, drop);
        },
    );
    view! { <ConfirmDelete on_delete saving /> }
}
