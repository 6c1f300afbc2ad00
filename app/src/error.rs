//! The app's one error type: what went wrong, said in the person's language.
//!
//! Each [`AppError`] variant stands for something the person can act on (free space, sign in
//! again, sync later, tell a supervisor) and maps to a key of [`ErrKey`]. The technical detail
//! (an IndexedDB message, an Automerge error, the server's refusal detail) stays inside the
//! error for the console ([`AppError::log`]); it is never part of [`AppError::message`]. No
//! user-visible message is built from an error's `Display`.

use mentora_shared::documents::DocError;
use mentora_shared::documents::schema::UpgradeError;
use mentora_shared::rules::ValidationRefused;
use mentora_shared::sync::client::{ClientError, SyncState, SyncStatus};
use mentora_shared::sync::file::FileError;
use mentora_shared::sync::wire::Refusal;

use crate::i18n::{I18n, Lang, Text, fill};
use crate::platform::FetchError;
use crate::store::IdbError;
use crate::vault::VaultError;

// Inline until app/i18n/rw/error.json is translated: new on main after the Kinyarwanda delivery
// (see `i18n::keys!`, transitional form); Kinyarwanda shows these in English meanwhile.
crate::i18n::keys! { ErrKey;
    Storage => "this device's storage failed. Reload the app and try again; if it keeps failing, sync and tell your supervisor.", "le stockage de cet appareil a échoué. Rechargez l’application et réessayez ; si cela continue, synchronisez et prévenez votre superviseur.";
    StorageFull => "this device's storage is full. Sync, then free space on this device.", "le stockage de cet appareil est plein. Synchronisez, puis libérez de l’espace sur cet appareil.";
    StorageNotOpen => "this device's storage is not open. Sign in again, or reload the app.", "le stockage de cet appareil n’est pas ouvert. Reconnectez-vous ou rechargez l’application.";
    NoDeviceId => "this device is not registered. Sign in again.", "cet appareil n’est pas enregistré. Reconnectez-vous.";
    NoRandomSource => "this browser cannot make secure random numbers. Update the browser or use another one.", "ce navigateur ne sait pas produire de nombres aléatoires sûrs. Mettez-le à jour ou utilisez-en un autre.";
    NotOnDevice => "this record is not on this device. Sync, then try again.", "cet enregistrement n’est pas sur cet appareil. Synchronisez, puis réessayez.";
    Unreadable => "the record is damaged or was saved by a newer version of Mentora. Reload the app, then sync.", "l’enregistrement est endommagé ou vient d’une version plus récente de Mentora. Rechargez l’application, puis synchronisez.";
    NotWritten => "the change could not be written into the record. Reload the app and try again.", "la modification n’a pas pu être inscrite dans l’enregistrement. Rechargez l’application et réessayez.";
    NewerApp => "this record was saved by a newer version of Mentora. Reload the app to update it, then try again.", "cet enregistrement vient d’une version plus récente de Mentora. Rechargez l’application pour la mettre à jour, puis réessayez.";
    PlaceCannotHoldRecords => "this place cannot hold records. Choose your facility in My places.", "ce site ne peut pas contenir de dossiers. Choisissez votre établissement dans Mes sites.";
    Interrupted => "saving was interrupted. Try again.", "l’enregistrement a été interrompu. Réessayez.";
    Offline => "the server could not be reached. Your work stays on this device; sync later.", "le serveur est injoignable. Votre travail reste sur cet appareil ; synchronisez plus tard.";
    Server => "the server had a problem (error {status}). Your work stays on this device; try again later.", "le serveur a rencontré un problème (erreur {status}). Votre travail reste sur cet appareil ; réessayez plus tard.";
    BadAnswer => "the server sent an answer this app cannot read. Reload the app to update it, then sync.", "le serveur a envoyé une réponse que cette application ne sait pas lire. Rechargez l’application pour la mettre à jour, puis synchronisez.";
    SyncFailed => "the last sync did not finish. Your work stays on this device; Mentora will try again.", "la dernière synchronisation n’a pas abouti. Votre travail reste sur cet appareil ; Mentora réessaiera.";
    SessionEnded => "your session has ended. Sign in again; your changes stay on this device.", "votre session a pris fin. Reconnectez-vous ; vos modifications restent sur cet appareil.";
    RefusedOutOfScope => "this change is outside your places. Tell your supervisor.", "cette modification est hors de vos sites. Prévenez votre superviseur.";
    RefusedHeaderMismatch => "the record's kind or place does not match the server's copy. Tell your supervisor.", "le type ou le site de l’enregistrement ne correspond pas à la copie du serveur. Prévenez votre superviseur.";
    RefusedInvalidChanges => "the server could not read this change. Reload the app, then tell your supervisor.", "le serveur n’a pas pu lire cette modification. Rechargez l’application, puis prévenez votre superviseur.";
    RefusedTooLarge => "this record is too large to send. Tell your supervisor.", "cet enregistrement est trop volumineux pour être envoyé. Prévenez votre superviseur.";
    RefusedForeignActor => "this change claims to come from another device. Tell your supervisor.", "cette modification se présente comme venant d’un autre appareil. Prévenez votre superviseur.";
    RefusedNotPermitted => "your role does not allow this change. Ask your supervisor.", "votre rôle ne permet pas cette modification. Adressez-vous à votre superviseur.";
    RefusedUnsupported => "the server does not know this kind of record yet; it may need an update. Tell your supervisor.", "le serveur ne connaît pas encore ce type d’enregistrement ; il doit peut-être être mis à jour. Prévenez votre superviseur.";
    RefusedOther => "the server refused this change. Tell your supervisor.", "le serveur a refusé cette modification. Prévenez votre superviseur.";
    FileNotChosen => "no file chosen. Choose a file first.", "aucun fichier choisi. Choisissez d’abord un fichier.";
    FileUnreadable => "the browser could not read the file. Choose it again.", "le navigateur n’a pas pu lire le fichier. Choisissez-le de nouveau.";
    FileNotMade => "the browser could not make the file. Try again.", "le navigateur n’a pas pu créer le fichier. Réessayez.";
    ValidationGaps => "this assessment does not meet the validation rule yet.", "cette évaluation ne remplit pas encore la règle de validation.";
    AlreadyValidated => "this mentee is already validated on this competency.", "ce mentoré est déjà validé pour cette compétence.";
    SyncFileNotOne => "this is not a Mentora sync file. Choose the .msync file.", "ce n’est pas un fichier de synchronisation Mentora. Choisissez le fichier .msync.";
    SyncFileNewer => "this sync file was made by a newer Mentora. Reload the app to update it, then load the file again.", "ce fichier de synchronisation vient d’une version plus récente de Mentora. Rechargez l’application pour la mettre à jour, puis chargez de nouveau le fichier.";
    SyncFileAnswerNotRequest => "this is an answer file for a tablet, not a tablet's sync file. Load it on the tablet.", "c’est un fichier de réponse pour une tablette, pas le fichier de synchronisation d’une tablette. Chargez-le sur la tablette.";
    SyncFileRequestNotAnswer => "this is a tablet's sync file, not an answer from the server. Bring it to the server first.", "c’est le fichier de synchronisation d’une tablette, pas une réponse du serveur. Apportez-le d’abord au serveur.";
    SyncFileTruncated => "this sync file is cut short. Copy it again.", "ce fichier de synchronisation est incomplet. Copiez-le de nouveau.";
    SyncFileTooLarge => "this sync file is larger than any sync. Save a new one.", "ce fichier de synchronisation est plus gros que toute synchronisation. Enregistrez-en un nouveau.";
    SyncFileOtherDevice => "this sync file was made for another tablet. Load it on that tablet.", "ce fichier de synchronisation a été fait pour une autre tablette. Chargez-le sur cette tablette-là.";
    SyncFileTampered => "this sync file was changed or damaged after it was made, or is not for this device. Make a new one.", "ce fichier de synchronisation a été modifié ou endommagé après sa création, ou n’est pas destiné à cet appareil. Faites-en un nouveau.";
    VaultLocked => "the app is locked. Unlock it, then try again.", "l’application est verrouillée. Déverrouillez-la, puis réessayez.";
    VaultMissing => "no PIN is set for this user on this device. Sign in with your password.", "aucun code PIN n’est défini pour cet utilisateur sur cet appareil. Connectez-vous avec votre mot de passe.";
    VaultNoCrypto => "this browser offers no secure encryption. Open Mentora at its https address, or update the browser.", "ce navigateur n’offre pas de chiffrement sûr. Ouvrez Mentora à son adresse https, ou mettez le navigateur à jour.";
    VaultUnreadable => "the key kept on this device does not open. Sign in again with your password; if it keeps failing, tell your supervisor.", "la clé gardée sur cet appareil ne s’ouvre pas. Reconnectez-vous avec votre mot de passe ; si cela continue, prévenez votre superviseur.";
    AppBroken => "this copy of Mentora is damaged. Reload the app; if it keeps happening, tell your supervisor.", "cette copie de Mentora est endommagée. Rechargez l’application ; si cela continue, prévenez votre superviseur.";
}

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
            Self::InvalidInput(_) => return None,
            Self::FileNotChosen => ErrKey::FileNotChosen,
            Self::FileUnreadable => ErrKey::FileUnreadable,
            Self::FileNotMade => ErrKey::FileNotMade,
            Self::ValidationRefused(ValidationRefused::Gaps(_)) => ErrKey::ValidationGaps,
            Self::ValidationRefused(ValidationRefused::AlreadyValidated) => {
                ErrKey::AlreadyValidated
            }
            Self::AppBroken { .. } => ErrKey::AppBroken,
            Self::SyncFile(err) => sync_file_key(err),
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

/// Why the sync engine shows an error, as the client reported it: the typed failure the adapter
/// fed it when `reason` is that failure's words, a refusal when it is the first refused
/// document's, else the client's own words kept for the console.
pub fn sync_error(status: &SyncStatus, fed: Option<&(String, AppError)>) -> Option<AppError> {
    let SyncState::Error { reason, .. } = &status.state else {
        return None;
    };
    if let Some((words, error)) = fed
        && words == reason
    {
        return Some(error.clone());
    }
    if let Some((_, refusal, detail)) = status.refused.first()
        && reason.ends_with(&format!(" was refused: {detail}"))
    {
        return Some(AppError::Refused {
            reason: *refusal,
            detail: detail.clone(),
        });
    }
    Some(
        if reason.starts_with("the server sent an unreadable answer") {
            AppError::BadAnswer {
                detail: reason.clone(),
            }
        } else {
            AppError::SyncFailed {
                detail: reason.clone(),
            }
        },
    )
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
                | AppError::InvalidInput(_)
                | AppError::FileNotChosen
                | AppError::FileUnreadable
                | AppError::FileNotMade
                | AppError::ValidationRefused(_)
                | AppError::AppBroken { .. }
                | AppError::SyncFile(_)
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
        let error = |reason: &str| SyncState::Error {
            waiting: 1,
            reason: reason.to_owned(),
        };
        let doc = mentora_shared::sync::DocId([7; 16]);
        let fed = ("server answered 503".to_owned(), AppError::Offline);
        assert_eq!(
            sync_error(&status(error("server answered 503"), vec![]), Some(&fed)),
            Some(AppError::Offline)
        );
        let refused = status(
            error(&format!("document {doc} was refused: not yours")),
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
                &status(error("the server did not answer in time"), vec![]),
                None
            ),
            Some(AppError::SyncFailed { .. })
        ));
        assert_eq!(sync_error(&status(SyncState::Synced, vec![]), None), None);
    }
}
