//! A form's fields kept as a draft while the mentor types (see `crate::drafts`): reloading the
//! app, or the tablet closing it, mid-form loses nothing. Every form whose fields are one
//! serialisable value uses it (QI, supervision, tutorat, baseline, contacts, comments, cascade).

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::drafts;
use crate::session::use_session;

/// The fields of one form, saved to the device on every change and cleared once saved.
#[derive(Debug)]
pub struct FormDraft<T: Send + Sync + 'static> {
    pub value: RwSignal<T>,
}

impl<T: Send + Sync + 'static> Clone for FormDraft<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for FormDraft<T> {}

impl<T> FormDraft<T>
where
    T: Serialize + DeserializeOwned + Default + Clone + PartialEq + Send + Sync + 'static,
{
    /// Loads the draft of `form` about `subject` (a place, a project) for the signed-in user.
    pub fn new(form: &'static str, subject: String) -> Self {
        let username = use_session()
            .0
            .get_untracked()
            .map(|s| s.user.username)
            .unwrap_or_default();
        let value = RwSignal::new(drafts::load(&username, form, &subject).unwrap_or_default());
        Effect::new(move |_| {
            let current = value.get();
            if current == T::default() {
                drafts::clear(&username, form, &subject);
            } else {
                drafts::save(&username, form, &subject, &current);
            }
        });
        Self { value }
    }

    /// Reads one field, reactively.
    pub fn get<R>(self, field: impl Fn(&T) -> R) -> R {
        self.value.with(|v| field(v))
    }

    /// Changes one field (and so the saved draft).
    pub fn set(self, field: impl FnOnce(&mut T)) {
        self.value.update(field);
    }

    /// Empties the form and forgets the draft, once its record is saved.
    pub fn clear(self) {
        self.value.set(T::default());
    }
}
