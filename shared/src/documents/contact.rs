//! The follow-up contact document: kind `contact`, schema 1, one per contact between visits
//! (a phone call, a WhatsApp exchange, a video call, or meeting in person).
//!
//! Root text fields: `facility` (place slug), `date` (`YYYY-MM-DD`), `mode` ([`ContactMode`]
//! code), `mentee` (hex document id of a mentee at the facility), `topic`, `advice`, `next_step`,
//! `recorded_by` (the mentor's shown name). Fields are written one by one and [`update`] writes
//! only those that changed, so two tablets correcting different fields both keep theirs.
//! The topic is a case *discussed*: the form asks for no patient identifiers.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};

use super::DocError;
use super::deletion::{put_tombstone, tombstone};
use super::fields::{invalid, text};
use super::qi::{InputError, optional_text, required_text};
use crate::domain::{Date, FollowUpChannel};

pub const KIND: &str = "contact";
pub const SCHEMA_VERSION: u32 = 1;

/// How the mentor and mentee talked. The domain's [`FollowUpChannel`] names the remote ones;
/// meeting in person between visits is a contact too, so it is added here, not there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContactMode {
    Phone,
    WhatsApp,
    Video,
    InPerson,
}

impl ContactMode {
    pub const ALL: [ContactMode; 4] = [Self::Phone, Self::WhatsApp, Self::Video, Self::InPerson];

    pub fn code(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::WhatsApp => "whatsapp",
            Self::Video => "video",
            Self::InPerson => "in_person",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The remote channel, for the visit log's follow-up activity; `None` in person.
    pub fn channel(self) -> Option<FollowUpChannel> {
        match self {
            Self::Phone => Some(FollowUpChannel::Phone),
            Self::WhatsApp => Some(FollowUpChannel::WhatsApp),
            Self::Video => Some(FollowUpChannel::Video),
            Self::InPerson => None,
        }
    }
}

impl From<FollowUpChannel> for ContactMode {
    fn from(channel: FollowUpChannel) -> Self {
        match channel {
            FollowUpChannel::Phone => Self::Phone,
            FollowUpChannel::WhatsApp => Self::WhatsApp,
            FollowUpChannel::Video => Self::Video,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub facility: String,
    pub date: Date,
    pub mode: ContactMode,
    /// Hex document id of the mentee.
    pub mentee: String,
    pub topic: String,
    pub advice: String,
    pub next_step: String,
    pub recorded_by: String,
}

/// Why a contact form cannot be saved; the first problem found wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    #[error("no mentee chosen")]
    NoMentee,
    #[error("the date is after today")]
    FutureDate,
    #[error("the topic: {0}")]
    Topic(InputError),
    #[error("the advice: {0}")]
    Advice(InputError),
    #[error("the next step: {0}")]
    NextStep(InputError),
}

/// Checks a contact typed in the form: a mentee chosen (32 hex digits), a date not after
/// `today` (a contact is recorded after it happens), a topic, and texts within limits.
pub fn clean(mut contact: Contact, today: Date) -> Result<Contact, ContactError> {
    let hex_id =
        contact.mentee.len() == 32 && contact.mentee.chars().all(|c| c.is_ascii_hexdigit());
    if !hex_id {
        return Err(ContactError::NoMentee);
    }
    if contact.date > today {
        return Err(ContactError::FutureDate);
    }
    contact.topic = required_text(&contact.topic).map_err(ContactError::Topic)?;
    contact.advice = optional_text(&contact.advice).map_err(ContactError::Advice)?;
    contact.next_step = optional_text(&contact.next_step).map_err(ContactError::NextStep)?;
    Ok(contact)
}

fn fields(contact: &Contact) -> [(&'static str, String); 8] {
    [
        ("facility", contact.facility.clone()),
        ("date", contact.date.to_string()),
        ("mode", contact.mode.code().to_owned()),
        ("mentee", contact.mentee.clone()),
        ("topic", contact.topic.clone()),
        ("advice", contact.advice.clone()),
        ("next_step", contact.next_step.clone()),
        ("recorded_by", contact.recorded_by.clone()),
    ]
}

/// Writes a whole new contact into an empty document.
pub fn write_new(doc: &mut Automerge, contact: &Contact) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    for (field, value) in fields(contact) {
        tx.put(ROOT, field, value)?;
    }
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Writes only the fields that differ, so concurrent corrections of other fields survive.
pub fn update(doc: &mut Automerge, next: &Contact) -> Result<(), DocError> {
    let current = fields(&read(doc)?);
    let mut tx = doc.transaction();
    for ((field, old), (_, new)) in current.into_iter().zip(fields(next)) {
        if old != new {
            tx.put(ROOT, field, new)?;
        }
    }
    crate::documents::fields::commit(tx);
    Ok(())
}

fn required(doc: &Automerge, field: &'static str) -> Result<String, DocError> {
    text(doc, field)?.ok_or(DocError::Missing(field))
}

/// Reads the contact; a shape it does not expect is a typed error.
pub fn read(doc: &Automerge) -> Result<Contact, DocError> {
    let date = required(doc, "date")?;
    let mode = required(doc, "mode")?;
    Ok(Contact {
        facility: required(doc, "facility")?,
        date: Date::parse(&date).map_err(|e| invalid("date", &e.to_string()))?,
        mode: ContactMode::from_code(&mode)
            .ok_or_else(|| invalid("mode", &format!("unknown mode {mode:?}")))?,
        mentee: required(doc, "mentee")?,
        topic: required(doc, "topic")?,
        advice: text(doc, "advice")?.unwrap_or_default(),
        next_step: text(doc, "next_step")?.unwrap_or_default(),
        recorded_by: text(doc, "recorded_by")?.unwrap_or_default(),
    })
}

/// Deletes a contact recorded by mistake: a tombstone, so a concurrent correction on another
/// tablet does not bring it back (`documents::deletion`).
pub fn delete(doc: &mut Automerge, deletion: &super::deletion::Deletion) -> Result<(), DocError> {
    put_tombstone(doc, None, deletion)
}

/// Whether the contact has been deleted; lists leave deleted contacts out.
pub fn is_deleted(doc: &Automerge) -> Result<bool, DocError> {
    Ok(tombstone(doc, None)?.is_some())
}

#[cfg(test)]
mod tests;
