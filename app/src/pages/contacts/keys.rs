//! The follow-up contacts screen's strings.

use mentora_shared::documents::contact::{ContactError, ContactMode};
use mentora_shared::documents::qi::InputError;

crate::i18n::keys! { CKey;
    Title => "Follow-up contacts", "Contacts de suivi";
    Intro => "Calls, messages and meetings with mentees between visits: what was discussed, the advice given and the next step.", "Appels, messages et rencontres avec les mentorés entre les visites : ce qui a été discuté, les conseils donnés et la prochaine étape.";
    Qi => "Quality improvement", "Amélioration de la qualité";
    Record => "Record a contact", "Enregistrer un contact";
    Mentee => "Mentee", "Mentoré";
    ChooseMentee => "Choose a mentee", "Choisir un mentoré";
    NoMentees => "Register the mentees of this place first.", "Enregistrez d’abord les mentorés de ce site.";
    Date => "Date", "Date";
    Mode => "How you talked", "Moyen de contact";
    Phone => "Phone", "Téléphone";
    WhatsApp => "WhatsApp", "WhatsApp";
    Video => "Video call", "Appel vidéo";
    InPerson => "In person", "En personne";
    Topic => "Topic or case discussed", "Sujet ou cas discuté";
    TopicHint => "No patient names or other identifiers: describe the case only.", "Aucun nom ni autre identifiant de patient : décrivez seulement le cas.";
    Advice => "Advice given", "Conseils donnés";
    NextStep => "Next step", "Prochaine étape";
    Empty => "No contacts recorded at this place yet.", "Aucun contact enregistré sur ce site pour l’instant.";
    ListTitle => "Contacts, newest first", "Contacts, du plus récent au plus ancien";
    UnknownMentee => "Mentee not on this device", "Mentoré absent de cet appareil";
    RecordedBy => "Recorded by", "Enregistré par";
    ErrNoMentee => "Choose the mentee.", "Choisissez le mentoré.";
    ErrFuture => "The date cannot be after today.", "La date ne peut pas être après aujourd’hui.";
    ErrDate => "Enter a valid date.", "Saisissez une date valide.";
    ErrTopic => "Say what was discussed.", "Indiquez ce qui a été discuté.";
    ErrTooLong => "This is too long.", "C’est trop long.";
}

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
