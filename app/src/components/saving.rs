//! A save in flight, and what became of it: the one place that guards a form against a second
//! submit while the first is still being written, and that sets the status a [`SaveOutcome`]
//! shows. Pages hand it the save as a future; the Save button reads `busy` (disabled, "Saving…").
//!
//! [`SaveOutcome`]: super::SaveOutcome

use std::future::Future;

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{I18n, Key, Text};

/// Work in flight: true from the start of [`Busy::run`] until its future ends.
#[derive(Debug, Clone, Copy)]
pub struct Busy(RwSignal<bool>);

impl Default for Busy {
    fn default() -> Self {
        Self::new()
    }
}

impl Busy {
    pub fn new() -> Self {
        Self(RwSignal::new(false))
    }

    /// Whether work is in flight; reactive.
    pub fn get(self) -> bool {
        self.0.get()
    }

    /// Runs `work` unless work is already in flight (then does nothing and returns false).
    pub fn run(self, work: impl Future<Output = ()> + 'static) -> bool {
        if self.0.get_untracked() {
            return false;
        }
        self.0.set(true);
        leptos::task::spawn_local(async move {
            work.await;
            // The page may be gone by now (a save that navigates away).
            let _gone = self.0.try_set(false);
        });
        true
    }
}

/// The status a [`super::SaveOutcome`] shows: none yet, saved, or why not.
pub type SaveStatus = RwSignal<Option<Result<(), AppError>>>;

/// A form's save: [`Busy`] plus the outcome of the last save.
#[derive(Debug, Clone, Copy)]
pub struct Saving {
    busy: Busy,
    pub status: SaveStatus,
}

impl Default for Saving {
    fn default() -> Self {
        Self::new()
    }
}

impl Saving {
    pub fn new() -> Self {
        Self {
            busy: Busy::new(),
            status: RwSignal::new(None),
        }
    }

    /// A save whose outcome shows in a [`super::SaveOutcome`] outside the form (which goes
    /// away once saved).
    pub fn with_status(status: SaveStatus) -> Self {
        Self {
            busy: Busy::new(),
            status,
        }
    }

    /// Whether a save is in flight; reactive.
    pub fn busy(self) -> bool {
        self.busy.get()
    }

    /// The Save button's text: `idle`, or "Saving…" while a save is in flight; reactive.
    pub fn label(self, i18n: I18n, idle: impl Text) -> &'static str {
        if self.busy() {
            i18n.t(Key::Saving)
        } else {
            i18n.t(idle)
        }
    }

    /// Shows why the form was not saved (a check that failed before any save started).
    pub fn refuse(self, reason: AppError) {
        self.status.set(Some(Err(reason)));
    }

    /// Runs `save` unless a save is in flight; once it ends, `saved` gets its value (clear the
    /// draft, go to the record) and the status says "saved" or why not.
    pub fn run<T: 'static>(
        self,
        save: impl Future<Output = Result<T, AppError>> + 'static,
        saved: impl FnOnce(T) + 'static,
    ) -> bool {
        self.start(save, saved, true)
    }

    /// [`Saving::run`] for a save after which the screen moves on (to the new record, or the
    /// item leaves the list): a success shows nothing, only a failure says why.
    pub fn run_quietly<T: 'static>(
        self,
        save: impl Future<Output = Result<T, AppError>> + 'static,
        saved: impl FnOnce(T) + 'static,
    ) -> bool {
        self.start(save, saved, false)
    }

    fn start<T: 'static>(
        self,
        save: impl Future<Output = Result<T, AppError>> + 'static,
        saved: impl FnOnce(T) + 'static,
        say_saved: bool,
    ) -> bool {
        let status = self.status;
        let started = self.busy.run(async move {
            match save.await {
                Ok(value) => {
                    saved(value);
                    if say_saved {
                        // The page may be gone by now.
                        let _gone = status.try_set(Some(Ok(())));
                    }
                }
                Err(reason) => {
                    reason.log("not saved");
                    let _gone = status.try_set(Some(Err(reason)));
                }
            }
        });
        if started {
            status.set(None);
        }
        started
    }
}
