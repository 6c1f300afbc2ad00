//! The app's one error type: what went wrong, said in the person's language.
//!
//! Each [`AppError`] variant stands for something the person can act on (free space, sign in
//! again, sync later, tell a supervisor) and maps to a key of [`ErrKey`]. The technical detail
//! (an IndexedDB message, an Automerge error, the server's refusal detail) stays inside the
//! error for the console ([`AppError::log`]); it is never part of [`AppError::message`]. No
//! user-visible message is built from an error's `Display`. An admin refusal
//! ([`AppError::AdminRefused`]) is said by its code with a key of the admin screens' own set
//! (`pages/admin/refusals.rs`).

use std::collections::BTreeMap;

use mentora_shared::documents::DocError;
use mentora_shared::documents::schema::UpgradeError;
use mentora_shared::rules::ValidationRefused;
use mentora_shared::sync::client::{ClientError, SyncFailure, SyncState, SyncStatus};
use mentora_shared::sync::file::FileError;
use mentora_shared::sync::wire::Refusal;

use crate::i18n::{I18n, Lang, Text, fill};
use crate::platform::FetchError;
use crate::store::IdbError;
use crate::vault::VaultError;

crate::i18n::keys!(ErrKey, "error");

/// A message from a screen's own key set, kept in every language so it follows a language
/// switch (the error outlives the moment it was made), and what it is about (a name the person
/// knows, e.g. a competency's), shown after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    texts: [&'static str; Lang::KNOWN.len()],
    about: Option<String>,
}

impl Said {
    pub fn of(key: impl Text) -> Self {
        Self {
            texts: Lang::KNOWN.map(|lang| key.text(lang)),
            about: None,
        }
    }

    fn text(&self, lang: Lang) -> String {
        let index = Lang::KNOWN.iter().position(|l| *l == lang).unwrap_or(0);
        let text = self.texts.get(index).copied().unwrap_or_default();
        match &self.about {
            Some(about) => format!("{text}: {about}"),
            None => text.to_owned(),
        }
    }
}

/// What went wrong, by what the person can do about it. `detail` fields are for the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// The device store (IndexedDB) failed.
    Storage { detail: String },
    /// The device store is out of space.
    StorageFull { detail: String },
    /// The device store was not opened (signed out, or it failed at start).
    StorageNotOpen,
    /// The session holds no valid device id.
    NoDeviceId,
    /// The browser has no `crypto.getRandomValues`.
    NoRandomSource,
    /// The record is not on this device.
    NotOnDevice,
    /// A record on the device that cannot be read (damaged, or written by a newer app).
    Unreadable { detail: String },
    /// A change the record's document refused while it was written.
    NotWritten { detail: String },
    /// The record was saved by a newer app: this one may not change it.
    NewerApp { detail: String },
    /// The chosen place has no district or an invalid id: records cannot be kept there.
    PlaceCannotHoldRecords,
    /// The save was dropped before it was durable.
    Interrupted,
    /// The server could not be reached.
    Offline,
    /// The server answered with an HTTP error (a 401 is [`AppError::SessionEnded`]).
    Server { status: u16, detail: Option<String> },
    /// The server's answer could not be read.
    BadAnswer { detail: String },
    /// A sync failed for a reason the client gave only in words (e.g. a timeout).
    SyncFailed { detail: String },
    /// The server no longer accepts the session.
    SessionEnded,
    /// The server refused a document.
    Refused { reason: Refusal, detail: String },
    /// The server refused an admin action or an import: `code` names why (`user_exists`, …),
    /// `params` the values its sentence names; `detail` is the server's English, for the console.
    AdminRefused {
        code: String,
        params: BTreeMap<String, String>,
        detail: String,
    },
    /// A check of what was typed or chosen, in the screen's own words.
    InvalidInput(Said),
    /// The rules refuse to record a validation from this assessment.
    ValidationRefused(ValidationRefused),
    /// The app's built-in data could not be read (a build defect).
    AppBroken { detail: String },
    /// The device's encrypted vault (PIN, keys) refused.
    Vault(VaultError),
    /// A sync file that cannot be used here.
    SyncFile(FileError),
    /// A tablet's sync file the server would not take because of the tablet or its account.
    TabletFileRefused(TabletRefusal),
    /// A file input was used without a file.
    FileNotChosen,
    /// The browser could not read the chosen file.
    FileUnreadable,
    /// The browser could not build a file to download.
    FileNotMade,
}

impl AppError {
    /// The key of the sentence that says what happened and what to do.
    pub fn key(&self) -> Option<ErrKey> {
        Some(match self {
            Self::Storage { .. } => ErrKey::Storage,
            Self::StorageFull { .. } => ErrKey::StorageFull,
            Self::StorageNotOpen => ErrKey::StorageNotOpen,
            Self::NoDeviceId => ErrKey::NoDeviceId,
            Self::NoRandomSource => ErrKey::NoRandomSource,
            Self::NotOnDevice => ErrKey::NotOnDevice,
            Self::Unreadable { .. } => ErrKey::Unreadable,
            Self::NotWritten { .. } => ErrKey::NotWritten,
            Self::NewerApp { .. } => ErrKey::NewerApp,
            Self::PlaceCannotHoldRecords => ErrKey::PlaceCannotHoldRecords,
            Self::Interrupted => ErrKey::Interrupted,
            Self::Offline => ErrKey::Offline,
            Self::Server { .. } => ErrKey::Server,
            Self::BadAnswer { .. } => ErrKey::BadAnswer,
            Self::SyncFailed { .. } => ErrKey::SyncFailed,
            Self::SessionEnded => ErrKey::SessionEnded,
            Self::Refused { reason, .. } => refusal_key(*reason),
            Self::InvalidInput(_) | Self::AdminRefused { .. } => return None,
            Self::FileNotChosen => ErrKey::FileNotChosen,
            Self::FileUnreadable => ErrKey::FileUnreadable,
            Self::FileNotMade => ErrKey::FileNotMade,
            Self::ValidationRefused(ValidationRefused::Gaps(_)) => ErrKey::ValidationGaps,
            Self::ValidationRefused(ValidationRefused::AlreadyValidated) => {
                ErrKey::AlreadyValidated
            }
            Self::AppBroken { .. } => ErrKey::AppBroken,
            Self::SyncFile(err) => sync_file_key(err),
            Self::TabletFileRefused(TabletRefusal::UnknownTablet) => ErrKey::SyncFileUnknownTablet,
            Self::TabletFileRefused(TabletRefusal::Revoked) => ErrKey::SyncFileTabletRevoked,
            Self::TabletFileRefused(TabletRefusal::AccountDisabled) => {
                ErrKey::SyncFileAccountDisabled
            }
            Self::TabletFileRefused(TabletRefusal::OtherUser) => ErrKey::SyncFileOtherUser,
            Self::Vault(VaultError::Locked) => ErrKey::VaultLocked,
            Self::Vault(VaultError::Missing) => ErrKey::VaultMissing,
            Self::Vault(VaultError::NoCrypto) => ErrKey::VaultNoCrypto,
            Self::Vault(VaultError::Unreadable) => ErrKey::VaultUnreadable,
        })
    }

    /// The sentence for the person, in `lang`; never the technical detail.
    pub fn text(&self, lang: Lang) -> String {
        match (self, self.key()) {
            (Self::InvalidInput(said), _) => said.text(lang),
            (Self::AdminRefused { code, params, .. }, _) => {
                crate::pages::admin::refusals::refusal_text(code, params, lang)
            }
            (Self::Server { status, .. }, Some(key)) => {
                fill(key.text(lang), &[("status", &status.to_string())])
            }
            (_, Some(key)) => key.text(lang).to_owned(),
            (_, None) => String::new(),
        }
    }

    /// The sentence in the current language; reactive when called inside a closure.
    pub fn message(&self, i18n: I18n) -> String {
        self.text(i18n.lang())
    }

    /// Writes the error with its technical detail to the console, for whoever debugs it.
    pub fn log(&self, context: &str) {
        leptos::logging::warn!("{context}: {self:?}");
    }

    /// A check that failed, said with a key of the screen's own set.
    pub fn invalid(key: impl Text) -> Self {
        Self::InvalidInput(Said::of(key))
    }

    /// A check that failed about something the person named ("not validated: Neonatal
    /// resuscitation").
    pub fn invalid_about(key: impl Text, about: String) -> Self {
        Self::InvalidInput(Said {
            about: Some(about),
            ..Said::of(key)
        })
    }

    /// A write that failed for a reason only a developer can act on.
    pub fn not_written(err: impl std::fmt::Display) -> Self {
        Self::NotWritten {
            detail: err.to_string(),
        }
    }

    /// A record's document that could not be read.
    pub fn unreadable(err: impl std::fmt::Display) -> Self {
        Self::Unreadable {
            detail: err.to_string(),
        }
    }

    /// A failed request, with the server's own message (kept for the console).
    pub fn from_fetch(error: FetchError, message: Option<String>) -> Self {
        match error {
            FetchError::Unreachable => Self::Offline,
            FetchError::Status(401) => Self::SessionEnded,
            FetchError::Status(status) => Self::Server {
                status,
                detail: message,
            },
            FetchError::Body(detail) => Self::BadAnswer { detail },
        }
    }
}

/// Why the server would not take a tablet's sync file, beyond the file's own problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabletRefusal {
    UnknownTablet,
    Revoked,
    AccountDisabled,
    OtherUser,
}

impl AppError {
    /// A failed upload of a tablet's sync file: the server's `code` says which problem (a
    /// `FileError` code, or the tablet's), else it is a failed request like any other.
    pub fn from_sync_file_upload(
        error: FetchError,
        message: Option<String>,
        code: Option<&str>,
    ) -> Self {
        let tablet = match code {
            Some("sync_file_unknown_tablet") => Some(TabletRefusal::UnknownTablet),
            Some("sync_file_tablet_revoked") => Some(TabletRefusal::Revoked),
            Some("sync_file_account_disabled") => Some(TabletRefusal::AccountDisabled),
            Some("sync_file_other_user") => Some(TabletRefusal::OtherUser),
            _ => None,
        };
        match (tablet, code.and_then(FileError::from_code)) {
            (Some(refusal), _) => Self::TabletFileRefused(refusal),
            (None, Some(file)) => Self::SyncFile(file),
            (None, None) => Self::from_fetch(error, message),
        }
    }
}

fn refusal_key(reason: Refusal) -> ErrKey {
    match reason {
        Refusal::OutOfScope => ErrKey::RefusedOutOfScope,
        Refusal::HeaderMismatch => ErrKey::RefusedHeaderMismatch,
        Refusal::InvalidChanges => ErrKey::RefusedInvalidChanges,
        Refusal::TooLarge => ErrKey::RefusedTooLarge,
        Refusal::ForeignActor => ErrKey::RefusedForeignActor,
        Refusal::NotPermitted => ErrKey::RefusedNotPermitted,
        Refusal::Unsupported => ErrKey::RefusedUnsupported,
        Refusal::Other => ErrKey::RefusedOther,
    }
}

fn sync_file_key(err: &FileError) -> ErrKey {
    match err {
        FileError::NotASyncFile => ErrKey::SyncFileNotOne,
        FileError::UnsupportedVersion(_) => ErrKey::SyncFileNewer,
        FileError::AnswerNotRequest => ErrKey::SyncFileAnswerNotRequest,
        FileError::RequestNotAnswer => ErrKey::SyncFileRequestNotAnswer,
        FileError::Truncated => ErrKey::SyncFileTruncated,
        FileError::TooLarge { .. } => ErrKey::SyncFileTooLarge,
        FileError::OtherDevice => ErrKey::SyncFileOtherDevice,
        FileError::Tampered => ErrKey::SyncFileTampered,
    }
}

impl From<VaultError> for AppError {
    fn from(err: VaultError) -> Self {
        Self::Vault(err)
    }
}

impl From<FileError> for AppError {
    fn from(err: FileError) -> Self {
        Self::SyncFile(err)
    }
}

/// A write into a record's document that failed.
impl From<DocError> for AppError {
    fn from(err: DocError) -> Self {
        Self::NotWritten {
            detail: err.to_string(),
        }
    }
}

impl From<UpgradeError> for AppError {
    fn from(err: UpgradeError) -> Self {
        match err {
            UpgradeError::Newer { .. } => Self::NewerApp {
                detail: err.to_string(),
            },
            UpgradeError::Migration(err) => err.into(),
        }
    }
}

impl From<ClientError> for AppError {
    fn from(err: ClientError) -> Self {
        let detail = err.to_string();
        match err {
            ClientError::NoSuchDoc(_) => Self::NotOnDevice,
            ClientError::Corrupt(..) => Self::Unreadable { detail },
            ClientError::AlreadyExists(_) => Self::NotWritten { detail },
        }
    }
}

impl From<IdbError> for AppError {
    fn from(err: IdbError) -> Self {
        if err.quota_exceeded() {
            Self::StorageFull { detail: err.0 }
        } else {
            Self::Storage { detail: err.0 }
        }
    }
}

/// Why the sync engine shows an error, by the kind the client reports: a failed request is the
/// typed failure the adapter fed it (when `reason` is that failure's words), a refusal is the
/// first refused document's, and the rest keep the client's words for the console.
pub fn sync_error(status: &SyncStatus, fed: Option<&(String, AppError)>) -> Option<AppError> {
    let SyncState::Error {
        failure, reason, ..
    } = &status.state
    else {
        return None;
    };
    Some(match failure {
        SyncFailure::Request => match fed {
            Some((words, error)) if words == reason => error.clone(),
            _ => AppError::SyncFailed {
                detail: reason.clone(),
            },
        },
        SyncFailure::Refused(refusal) => AppError::Refused {
            reason: *refusal,
            detail: status
                .refused
                .first()
                .map(|(_, _, detail)| detail.clone())
                .unwrap_or_default(),
        },
        SyncFailure::UnreadableAnswer => AppError::BadAnswer {
            detail: reason.clone(),
        },
        SyncFailure::TimedOut => AppError::SyncFailed {
            detail: reason.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DETAIL: &str = "QuotaExceededError: IDBObjectStore.put 0xdeadbeef";

    const REFUSALS: [Refusal; 8] = [
        Refusal::OutOfScope,
        Refusal::HeaderMismatch,
        Refusal::InvalidChanges,
        Refusal::TooLarge,
        Refusal::ForeignActor,
        Refusal::NotPermitted,
        Refusal::Unsupported,
        Refusal::Other,
    ];

    /// A key of the tests' own (not in `app/i18n/`: no screen shows it).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum TestKey {
        Typed,
    }

    impl Text for TestKey {
        fn text(self, lang: Lang) -> &'static str {
            match lang {
                Lang::Fr => "Saisissez un nom.",
                Lang::En | Lang::Rw => "Enter a name.",
            }
        }
    }

    /// One of each variant, every one carrying `DETAIL` where it has room for detail. The match
    /// makes a new variant a compile error here until it is added.
    fn every_error() -> Vec<AppError> {
        let detail = || DETAIL.to_owned();
        let mut all = vec![
            AppError::Storage { detail: detail() },
            AppError::StorageFull { detail: detail() },
            AppError::StorageNotOpen,
            AppError::NoDeviceId,
            AppError::NoRandomSource,
            AppError::NotOnDevice,
            AppError::Unreadable { detail: detail() },
            AppError::NotWritten { detail: detail() },
            AppError::NewerApp { detail: detail() },
            AppError::PlaceCannotHoldRecords,
            AppError::Interrupted,
            AppError::Offline,
            AppError::Server {
                status: 503,
                detail: Some(detail()),
            },
            AppError::BadAnswer { detail: detail() },
            AppError::SyncFailed { detail: detail() },
            AppError::SessionEnded,
            AppError::InvalidInput(Said::of(TestKey::Typed)),
            AppError::FileNotChosen,
            AppError::FileUnreadable,
            AppError::FileNotMade,
            AppError::ValidationRefused(ValidationRefused::Gaps(Vec::new())),
            AppError::ValidationRefused(ValidationRefused::AlreadyValidated),
            AppError::AppBroken { detail: detail() },
            AppError::AdminRefused {
                code: "user_exists".to_owned(),
                params: BTreeMap::from([("username".to_owned(), "mentor".to_owned())]),
                detail: detail(),
            },
            AppError::AdminRefused {
                code: "from_a_newer_server".to_owned(),
                params: BTreeMap::new(),
                detail: detail(),
            },
        ];
        all.extend(
            [
                FileError::NotASyncFile,
                FileError::UnsupportedVersion(9),
                FileError::AnswerNotRequest,
                FileError::RequestNotAnswer,
                FileError::Truncated,
                FileError::TooLarge { limit: 1 },
                FileError::OtherDevice,
                FileError::Tampered,
            ]
            .map(AppError::SyncFile),
        );
        all.extend(
            [
                TabletRefusal::UnknownTablet,
                TabletRefusal::Revoked,
                TabletRefusal::AccountDisabled,
                TabletRefusal::OtherUser,
            ]
            .map(AppError::TabletFileRefused),
        );
        all.extend(
            [
                VaultError::Locked,
                VaultError::Missing,
                VaultError::NoCrypto,
                VaultError::Unreadable,
            ]
            .map(AppError::Vault),
        );
        all.extend(REFUSALS.map(|reason| AppError::Refused {
            reason,
            detail: detail(),
        }));
        for error in &all {
            match error {
                AppError::Storage { .. }
                | AppError::StorageFull { .. }
                | AppError::StorageNotOpen
                | AppError::NoDeviceId
                | AppError::NoRandomSource
                | AppError::NotOnDevice
                | AppError::Unreadable { .. }
                | AppError::NotWritten { .. }
                | AppError::NewerApp { .. }
                | AppError::PlaceCannotHoldRecords
                | AppError::Interrupted
                | AppError::Offline
                | AppError::Server { .. }
                | AppError::BadAnswer { .. }
                | AppError::SyncFailed { .. }
                | AppError::SessionEnded
                | AppError::Refused { .. }
                | AppError::AdminRefused { .. }
                | AppError::InvalidInput(_)
                | AppError::FileNotChosen
                | AppError::FileUnreadable
                | AppError::FileNotMade
                | AppError::ValidationRefused(_)
                | AppError::AppBroken { .. }
                | AppError::SyncFile(_)
                | AppError::TabletFileRefused(_)
                | AppError::Vault(_) => {}
            }
        }
        all
    }

    #[test]
    fn every_error_says_something_in_every_language_without_its_detail() {
        for error in every_error() {
            for &lang in Lang::ALL {
                let text = error.text(lang);
                assert!(!text.trim().is_empty(), "{error:?} is blank in {lang:?}");
                assert!(
                    !text.contains(DETAIL),
                    "{error:?} shows its detail in {lang:?}"
                );
                assert!(
                    !text.contains("0xdeadbeef"),
                    "{error:?} in {lang:?}: {text}"
                );
                assert!(!text.contains('{'), "{error:?} left a placeholder: {text}");
            }
        }
    }

    #[test]
    fn every_key_is_used_and_every_refusal_has_its_own() {
        let used: Vec<ErrKey> = every_error().iter().filter_map(AppError::key).collect();
        for key in ErrKey::ALL {
            assert!(
                used.contains(key),
                "{key:?} is not the message of any error"
            );
        }
        let refusals: Vec<ErrKey> = REFUSALS.map(refusal_key).to_vec();
        for (i, key) in refusals.iter().enumerate() {
            assert!(!refusals[..i].contains(key), "{key:?} says two refusals");
        }
    }

    #[test]
    fn a_typed_check_follows_the_language() {
        let error = AppError::invalid(TestKey::Typed);
        assert_eq!(error.text(Lang::En), "Enter a name.");
        assert_eq!(error.text(Lang::Fr), "Saisissez un nom.");
        let about = AppError::invalid_about(TestKey::Typed, "Kagabo".to_owned());
        assert_eq!(about.text(Lang::Fr), "Saisissez un nom.: Kagabo");
    }

    #[test]
    fn the_server_status_is_said_and_its_message_is_not() {
        let error = AppError::from_fetch(FetchError::Status(503), Some(DETAIL.to_owned()));
        assert!(error.text(Lang::En).contains("(error 503)"));
        assert!(!error.text(Lang::En).contains(DETAIL));
        assert!(error.text(Lang::Fr).contains("(erreur 503)"));
        assert_eq!(
            AppError::from_fetch(FetchError::Status(401), None),
            AppError::SessionEnded
        );
        assert_eq!(
            AppError::from_fetch(FetchError::Unreachable, None),
            AppError::Offline
        );
    }

    #[test]
    fn a_wrong_sync_file_keeps_the_words_the_e2e_spec_looks_for() {
        let text = AppError::from(FileError::RequestNotAnswer).text(Lang::En);
        assert!(text.starts_with("this is a tablet's sync file, not an answer from the server"));
    }

    #[test]
    fn a_full_store_is_told_apart() {
        let full = IdbError::from_parts("writing", "QuotaExceededError", "no space");
        assert!(matches!(AppError::from(full), AppError::StorageFull { .. }));
        let other = IdbError::from_parts("writing", "AbortError", "aborted");
        assert!(matches!(AppError::from(other), AppError::Storage { .. }));
    }

    fn status(
        state: SyncState,
        refused: Vec<(mentora_shared::sync::DocId, Refusal, String)>,
    ) -> SyncStatus {
        SyncStatus {
            state,
            last_success: None,
            refused,
            next_attempt: None,
            left: Default::default(),
        }
    }

    #[test]
    fn a_sync_error_is_classified() {
        let error = |failure: SyncFailure, reason: &str| SyncState::Error {
            waiting: 1,
            failure,
            reason: reason.to_owned(),
        };
        let doc = mentora_shared::sync::DocId([7; 16]);
        let fed = ("server answered 503".to_owned(), AppError::Offline);
        assert_eq!(
            sync_error(
                &status(error(SyncFailure::Request, "server answered 503"), vec![]),
                Some(&fed)
            ),
            Some(AppError::Offline)
        );
        let refused = status(
            error(
                SyncFailure::Refused(Refusal::OutOfScope),
                &format!("document {doc} was refused: not yours"),
            ),
            vec![(doc, Refusal::OutOfScope, "not yours".to_owned())],
        );
        assert_eq!(
            sync_error(&refused, Some(&fed)),
            Some(AppError::Refused {
                reason: Refusal::OutOfScope,
                detail: "not yours".to_owned()
            })
        );
        assert!(matches!(
            sync_error(
                &status(
                    error(SyncFailure::TimedOut, "the server did not answer in time"),
                    vec![]
                ),
                None
            ),
            Some(AppError::SyncFailed { .. })
        ));
        assert!(matches!(
            sync_error(
                &status(
                    error(
                        SyncFailure::UnreadableAnswer,
                        "the server sent an unreadable answer"
                    ),
                    vec![]
                ),
                Some(&fed)
            ),
            Some(AppError::BadAnswer { .. })
        ));
        assert_eq!(sync_error(&status(SyncState::Synced, vec![]), None), None);
    }
}
