//! The follow-up contacts screen's strings.

use mentora_shared::documents::contact::{ContactError, ContactMode};
use mentora_shared::documents::qi::InputError;

crate::i18n::keys!(CKey, "pages/contacts/keys");

pub fn mode_key(mode: ContactMode) -> CKey {
    match mode {
        ContactMode::Phone => CKey::Phone,
        ContactMode::WhatsApp => CKey::WhatsApp,
        ContactMode::Video => CKey::Video,
        ContactMode::InPerson => CKey::InPerson,
    }
}

/// The form's message for a refused contact, and the field to mark invalid.
pub fn error_key(err: ContactError) -> (&'static str, CKey) {
    let text = |e: InputError| match e {
        InputError::Empty => CKey::ErrTopic,
        InputError::TooLong => CKey::ErrTooLong,
    };
    match err {
        ContactError::NoMentee => ("mentee", CKey::ErrNoMentee),
        ContactError::FutureDate => ("date", CKey::ErrFuture),
        ContactError::Topic(e) => ("topic", text(e)),
        ContactError::Advice(e) => ("advice", text(e)),
        ContactError::NextStep(e) => ("next_step", text(e)),
    }
}
