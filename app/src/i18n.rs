//! Every user-visible string goes through here, in English and French.
//!
//! Strings are keyed by an enum, so a missing translation is a compile error, not a blank label.
//! The chosen language is kept in `localStorage` and mirrored on `<html lang>`.

use leptos::prelude::*;

const STORAGE_KEY: &str = "mentora.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's own name, shown in the switch whatever the current language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }
}

/// The current language, provided as context at the root.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    fn load() -> Self {
        let stored =
            crate::platform::local_get(STORAGE_KEY).and_then(|code| Lang::from_code(&code));
        let browser = crate::platform::browser_language()
            .and_then(|tag| Lang::from_code(tag.get(..2).unwrap_or_default()));
        let lang = stored.or(browser).unwrap_or(Lang::En);
        crate::platform::set_document_lang(lang.code());
        Self {
            lang: RwSignal::new(lang),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn set_lang(&self, lang: Lang) {
        crate::platform::local_set(STORAGE_KEY, lang.code());
        crate::platform::set_document_lang(lang.code());
        self.lang.set(lang);
    }

    /// The text for `key` in the current language; reactive when called inside a closure.
    pub fn t(&self, key: impl Text) -> &'static str {
        key.text(self.lang.get())
    }
}

pub fn provide_i18n() -> I18n {
    let i18n = I18n::load();
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::load)
}

/// `text` with each `{name}` replaced by its value, for sentences whose word order differs
/// between languages.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// A set of translated strings. Screens may declare their own set with [`keys!`], so each screen's
/// strings live beside it; every set has a text in every language or it does not compile.
pub trait Text: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

/// Declares a key enum and its English and French texts: `keys! { Name; Key => "en", "fr"; … }`.
macro_rules! keys {
    ($name:ident; $($key:ident => $en:literal, $fr:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key,)* }

        impl $name {
            #[allow(dead_code, reason = "read by the tests of each key set")]
            pub const ALL: &[$name] = &[$($name::$key,)*];
        }

        impl $crate::i18n::Text for $name {
            fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, $crate::i18n::Lang::En) => $en,
                      ($name::$key, $crate::i18n::Lang::Fr) => $fr,)*
                }
            }
        }

        #[cfg(test)]
        mod key_texts {
            #[test]
            fn every_key_has_non_empty_text_in_every_language() {
                use $crate::i18n::Text as _;
                for key in super::$name::ALL {
                    for lang in $crate::i18n::Lang::ALL {
                        assert!(!key.text(lang).trim().is_empty(), "{key:?} is empty in {lang:?}");
                    }
                }
            }
        }
    };
}
pub(crate) use keys;

/// The plural category a count takes in a language (the CLDR cardinal rules for whole
/// numbers). English says "1 evaluation", "0 evaluations"; French "0 évaluation", "1 évaluation",
/// "2 évaluations". Kinyarwanda will add its own arm here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Lang {
    pub fn plural(self, n: u64) -> Plural {
        let one = match self {
            Lang::En => n == 1,
            Lang::Fr => n <= 1,
        };
        if one { Plural::One } else { Plural::Other }
    }
}

/// A set of counted phrases: each has a form per plural category and language, where `{n}`
/// stands for the number ("{n} change waiting" / "{n} changes waiting").
pub trait Counted: Copy {
    fn forms(self, lang: Lang) -> [&'static str; 2];
}

/// The phrase for `n` in `lang`, in the form its plural rule asks for.
pub fn count_text(lang: Lang, n: u64, key: impl Counted) -> String {
    let [one, other] = key.forms(lang);
    let form = match lang.plural(n) {
        Plural::One => one,
        Plural::Other => other,
    };
    form.replace("{n}", &n.to_string())
}

impl I18n {
    /// `n` with its phrase in the current language; reactive when called inside a closure.
    pub fn count(&self, n: impl TryInto<u64>, key: impl Counted) -> String {
        count_text(self.lang.get(), n.try_into().unwrap_or(u64::MAX), key)
    }
}

/// Declares counted phrases: `counts! { Name; Key => ["{n} one", "{n} other"], ["{n} un",
/// "{n} autres"]; … }` (English forms, then French), tested to name the count in every form.
macro_rules! counts {
    ($name:ident; $($key:ident => [$en1:literal, $en2:literal], [$fr1:literal, $fr2:literal];)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key,)* }

        impl $name {
            #[allow(dead_code, reason = "read by the tests of each phrase set")]
            pub const ALL: &[$name] = &[$($name::$key,)*];
        }

        impl $crate::i18n::Counted for $name {
            fn forms(self, lang: $crate::i18n::Lang) -> [&'static str; 2] {
                match (self, lang) {
                    $(($name::$key, $crate::i18n::Lang::En) => [$en1, $en2],
                      ($name::$key, $crate::i18n::Lang::Fr) => [$fr1, $fr2],)*
                }
            }
        }

        #[cfg(test)]
        mod counted_texts {
            #[test]
            fn every_form_names_the_count() {
                use $crate::i18n::Counted as _;
                for key in super::$name::ALL {
                    for lang in $crate::i18n::Lang::ALL {
                        for form in key.forms(lang) {
                            assert!(form.contains("{n}"), "{key:?} in {lang:?}: {form:?}");
                        }
                    }
                }
            }
        }
    };
}
pub(crate) use counts;

counts! {
    Count;
    ChangesWaiting => ["{n} change waiting", "{n} changes waiting"],
        ["{n} modification en attente", "{n} modifications en attente"];
    Mentees => ["{n} mentee", "{n} mentees"], ["{n} mentoré", "{n} mentorés"];
    CompetenciesValidated => ["{n} competency validated", "{n} competencies validated"],
        ["{n} compétence validée", "{n} compétences validées"];
    InCoaching => ["{n} in coaching (follow-up due)", "{n} in coaching (follow-up due)"],
        ["{n} en accompagnement (suivi à faire)", "{n} en accompagnement (suivi à faire)"];
    CoachingOverdue => ["{n} coaching plan overdue", "{n} coaching plans overdue"],
        ["{n} plan d’accompagnement en retard", "{n} plans d’accompagnement en retard"];
}

keys! {
    Key;
    AppName => "Mentora", "Mentora";
    SkipToContent => "Skip to content", "Aller au contenu";
    MainNav => "Main navigation", "Navigation principale";
    NavPlaces => "My places", "Mes sites";
    NavSync => "Sync", "Synchronisation";
    NavSettings => "Settings", "Paramètres";
    NotSignedIn => "Not signed in", "Non connecté";
    NoPlaceChosen => "No place chosen", "Aucun site choisi";
    CurrentPlace => "Current place", "Site actuel";
    User => "User", "Utilisateur";
    StatusOnline => "Online · never synced", "En ligne · jamais synchronisé";
    StatusOffline => "Offline", "Hors ligne";
    PlacesTitle => "My places", "Mes sites";
    PlacesIntro => "Choose the facility you are working at today.", "Choisissez l’établissement où vous travaillez aujourd’hui.";
    PlacesLoading => "Loading places…", "Chargement des sites…";
    PlacesEmpty => "No places yet. Connect once to download your places.", "Aucun site pour l’instant. Connectez-vous une fois pour télécharger vos sites.";
    PlacesFromCache => "Shown from this device: you are offline.", "Affiché depuis cet appareil : vous êtes hors ligne.";
    PlacesLoadFailed => "Could not load places", "Impossible de charger les sites";
    Retry => "Try again", "Réessayer";
    Choose => "Choose", "Choisir";
    Chosen => "Current", "Actuel";
    District => "District", "District";
    LevelDistrictHospital => "District hospital", "Hôpital de district";
    LevelProvincialHospital => "Provincial hospital", "Hôpital provincial";
    LevelHealthCentre => "Health centre", "Centre de santé";
    LevelHealthPost => "Health post", "Poste de santé";
    LevelCommunity => "Community", "Communauté";
    LevelOther => "Facility", "Établissement";
    SyncTitle => "Sync", "Synchronisation";
    SyncNetwork => "Network", "Réseau";
    SyncNever => "This device has not synced yet. Your work stays on this device until it does.", "Cet appareil ne s’est pas encore synchronisé. Votre travail reste sur cet appareil jusque-là.";
    SettingsTitle => "Settings", "Paramètres";
    Language => "Language", "Langue";
    Storage => "Storage on this device", "Stockage sur cet appareil";
    StoragePersisted => "Protected: the browser will not clear Mentora’s data to free space.", "Protégé : le navigateur n’effacera pas les données de Mentora pour libérer de l’espace.";
    StorageNotPersisted => "Not protected: the browser may clear data when space is low. Sync often.", "Non protégé : le navigateur peut effacer les données si l’espace manque. Synchronisez souvent.";
    StorageUnknown => "Checking storage…", "Vérification du stockage…";
    StorageUsage => "Used", "Utilisé";
    StorageQuota => "Available to Mentora", "Disponible pour Mentora";
    StorageLow => "Storage is almost full. Sync, then free space on this device.", "Le stockage est presque plein. Synchronisez, puis libérez de l’espace sur cet appareil.";
    UpdateReady => "A new version of Mentora is ready.", "Une nouvelle version de Mentora est prête.";
    Reload => "Reload", "Recharger";
    SessionEnded => "Your session has ended — sign in again; your unsynced changes are kept on this device.", "Votre session a pris fin — reconnectez-vous ; vos modifications non synchronisées restent sur cet appareil.";
    SessionExpiredReason => "It was not used for a long time.", "Elle n’a pas été utilisée depuis longtemps.";
    SessionRevokedReason => "It was closed: signed out, password changed or access revoked.", "Elle a été fermée : déconnexion, mot de passe changé ou accès révoqué.";
    UserDisabledReason => "This account is disabled; ask your administrator.", "Ce compte est désactivé ; adressez-vous à votre administrateur.";
    DeviceRevokedReason => "This tablet's access was revoked; ask your administrator.", "L’accès de cette tablette a été révoqué ; adressez-vous à votre administrateur.";
    NotFoundTitle => "Page not found", "Page introuvable";
    BackHome => "Back to my places", "Retour à mes sites";
    Version => "Version", "Version";
    NavMentees => "Mentees", "Mentorés";
    NavFacility => "Facility", "Établissement";
    FilterAll => "All", "Tous";
    Association => "Professional association (optional)", "Association professionnelle (facultatif)";
    AssociationNone => "None", "Aucune";
    AssociationRpa => "Rwanda Paediatric Association (RPA)", "Association rwandaise de pédiatrie (RPA)";
    AssociationRam => "Rwanda Association of Midwives (RAM)", "Association rwandaise des sages-femmes (RAM)";
    AssociationRsog => "Rwanda Society of Obstetricians and Gynaecologists (RSOG)", "Société rwandaise des obstétriciens et gynécologues (RSOG)";
    FilterStatus => "Competency status", "Statut de compétence";
    SignIn => "Sign in", "Se connecter";
    SignOut => "Sign out", "Se déconnecter";
    SignInTitle => "Sign in to Mentora", "Connexion à Mentora";
    SignInNeeded => "Sign in to work with your records on this device.", "Connectez-vous pour travailler avec vos dossiers sur cet appareil.";
    Username => "Username", "Nom d’utilisateur";
    Password => "Password", "Mot de passe";
    SigningIn => "Signing in…", "Connexion…";
    LoginRejected => "Wrong username or password.", "Nom d’utilisateur ou mot de passe incorrect.";
    LoginOffline => "No connection: the first sign-in on a device needs the network.", "Pas de connexion : la première connexion sur un appareil nécessite le réseau.";
    LoginFailed => "Sign-in failed", "La connexion a échoué";
    SignedInAs => "Signed in as", "Connecté en tant que";
    MenteesTitle => "Mentees", "Mentorés";
    MenteesEmpty => "No mentees registered at this place yet.", "Aucun mentoré enregistré ici pour l’instant.";
    ChoosePlaceFirst => "Choose the place you are working at first.", "Choisissez d’abord le site où vous travaillez.";
    RegisterMentee => "Register a mentee", "Enregistrer un mentoré";
    Name => "Full name", "Nom complet";
    Cadre => "Cadre", "Cadre";
    Phone => "Phone (optional)", "Téléphone (facultatif)";
    Save => "Save", "Enregistrer";
    Saving => "Saving…", "Enregistrement…";
    SavedOnDevice => "Saved on this device.", "Enregistré sur cet appareil.";
    SaveFailed => "Not saved", "Non enregistré";
    ErrEmptyName => "Enter the mentee’s name.", "Saisissez le nom du mentoré.";
    ErrTooLong => "This is too long.", "C’est trop long.";
    ErrBadPhone => "Use only digits, spaces and + - ( ).", "Utilisez seulement des chiffres, des espaces et + - ( ).";
    DuplicateWarning => "A mentee with this name is already registered here. Save anyway only if this is a different person.", "Un mentoré de ce nom est déjà enregistré ici. N’enregistrez que s’il s’agit d’une autre personne.";
    SaveAnyway => "Save anyway", "Enregistrer quand même";
    Search => "Search by name", "Rechercher par nom";
    Open => "Open", "Ouvrir";
    Cancel => "Cancel", "Annuler";
    Back => "Back", "Retour";
    MenteeNotFound => "This mentee is not on this device.", "Ce mentoré n’est pas sur cet appareil.";
    UnreadableRecord => "This record cannot be read", "Cet enregistrement est illisible";
    CadreMedicalDoctor => "Medical doctor", "Médecin";
    CadreIntern => "Intern", "Interne";
    CadreNurse => "Nurse", "Infirmier·ère";
    CadreMidwife => "Midwife", "Sage-femme";
    CadreChw => "Community health worker", "Agent de santé communautaire";
    CadreCeho => "CEHO", "CEHO";
    StatusSynced => "Synced", "Synchronisé";
    StatusSyncing => "Syncing…", "Synchronisation…";
    StatusError => "Sync error", "Erreur de synchronisation";
    LastSync => "Last successful sync", "Dernière synchronisation réussie";
    NeverSynced => "never", "jamais";
    SyncNow => "Sync now", "Synchroniser maintenant";
    Refused => "Refused by the server", "Refusé par le serveur";
    StorageError => "Device storage problem", "Problème de stockage sur l’appareil";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn plural_rules_follow_each_language() {
        let cases = [
            (Lang::En, 0, Plural::Other),
            (Lang::En, 1, Plural::One),
            (Lang::En, 2, Plural::Other),
            (Lang::Fr, 0, Plural::One),
            (Lang::Fr, 1, Plural::One),
            (Lang::Fr, 2, Plural::Other),
            (Lang::Fr, 1000, Plural::Other),
        ];
        for (lang, n, expected) in cases {
            assert_eq!(lang.plural(n), expected, "{lang:?} {n}");
        }
    }

    #[test]
    fn counts_read_as_a_person_would_say_them() {
        let cases = [
            (Lang::En, 0, "0 changes waiting"),
            (Lang::En, 1, "1 change waiting"),
            (Lang::En, 7, "7 changes waiting"),
            (Lang::Fr, 0, "0 modification en attente"),
            (Lang::Fr, 1, "1 modification en attente"),
            (Lang::Fr, 2, "2 modifications en attente"),
        ];
        for (lang, n, expected) in cases {
            assert_eq!(count_text(lang, n, Count::ChangesWaiting), expected);
        }
    }
}
