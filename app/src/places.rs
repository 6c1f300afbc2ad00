//! The places of the signed-in user's scope, and the place chosen for today.
//!
//! Until the sync engine carries places as documents, they come from `GET /api/places` (the
//! caller's scope and the places above it; it needs a sign-in) and the last good answer is kept
//! in `localStorage` per user, so the list shows offline after one online visit. Today's place
//! is remembered per user too; a user with a single facility has it chosen for them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Key;
use crate::platform;
use crate::session::{Session, SessionState};

/// Before places were per user: one list and one choice for the whole tablet.
const LEGACY_CACHE_KEY: &str = "mentora.places";
const LEGACY_CURRENT_KEY: &str = "mentora.current_place";

fn cache_key(username: &str) -> String {
    format!("mentora.places.{username}")
}

fn current_key(username: &str) -> String {
    format!("mentora.current_place.{username}")
}

/// Removes what this device keeps of `username`'s places (their data is being erased).
pub fn forget(username: &str) {
    platform::local_remove(&cache_key(username));
    platform::local_remove(&current_key(username));
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub parent_id: Option<String>,
    pub level: String,
    pub name: String,
    /// A deactivated place stays in the hierarchy and the records but is offered for no new
    /// work (from the server's `inactive` list).
    #[serde(default = "active")]
    pub active: bool,
}

fn active() -> bool {
    true
}

impl Place {
    pub fn is_facility(&self) -> bool {
        !matches!(self.level.as_str(), "country" | "province" | "district")
    }

    /// A facility new work may be done at: not deactivated.
    pub fn is_open_facility(&self) -> bool {
        self.is_facility() && self.active
    }

    pub fn level_key(&self) -> Key {
        match self.level.as_str() {
            "district_hospital" => Key::LevelDistrictHospital,
            "provincial_hospital" => Key::LevelProvincialHospital,
            "health_centre" => Key::LevelHealthCentre,
            "health_post" => Key::LevelHealthPost,
            "community" => Key::LevelCommunity,
            _ => Key::LevelOther,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct PlacesPayload {
    places: Vec<Place>,
    /// Deactivated places' ids (absent from older servers and older cached copies).
    #[serde(default)]
    inactive: Vec<String>,
}

impl PlacesPayload {
    /// The places, each marked active or not.
    fn marked(self) -> Vec<Place> {
        let inactive = self.inactive;
        self.places
            .into_iter()
            .map(|place| Place {
                active: !inactive.contains(&place.id),
                ..place
            })
            .collect()
    }
}

/// Where the list on screen came from.
#[derive(Debug, Clone, PartialEq)]
pub enum PlacesState {
    /// Nobody is signed in: places are only for a user.
    SignedOut,
    Loading,
    Fresh(Vec<Place>),
    /// The server could not be reached; showing the copy kept on this device.
    Cached(Vec<Place>),
    Failed(AppError),
}

impl PlacesState {
    pub fn places(&self) -> &[Place] {
        match self {
            Self::Fresh(places) | Self::Cached(places) => places,
            Self::SignedOut | Self::Loading | Self::Failed(_) => &[],
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PlacesStore {
    pub state: RwSignal<PlacesState>,
    pub current: RwSignal<Option<String>>,
    session: SessionState,
    connectivity: platform::Connectivity,
}

impl PlacesStore {
    /// Follows the session: each sign-in (or unlock, or switch of user) loads that user's places.
    pub fn provide(connectivity: platform::Connectivity, session: SessionState) -> Self {
        platform::local_remove(LEGACY_CACHE_KEY);
        let store = Self {
            state: RwSignal::new(PlacesState::SignedOut),
            current: RwSignal::new(None),
            session,
            connectivity,
        };
        provide_context(store);
        Effect::new(move |_| {
            let signed_in = session.0.get();
            store.load(signed_in.as_ref());
        });
        store
    }

    /// Fetches the signed-in user's places again (the "Try again" button).
    pub fn refresh(self) {
        let signed_in = self.session.0.get_untracked();
        self.load(signed_in.as_ref());
    }

    fn load(self, signed_in: Option<&Session>) {
        let Some(session) = signed_in.cloned() else {
            self.state.set(PlacesState::SignedOut);
            self.current.set(None);
            return;
        };
        let username = session.user.username.clone();
        self.current.set(remembered_choice(&username));
        self.state.set(PlacesState::Loading);
        leptos::task::spawn_local(async move {
            let result =
                platform::get_json_authed::<PlacesPayload>("/api/places", &session.token).await;
            let result = result.map_err(|(error, _message)| error);
            self.connectivity.observe(&result);
            let still_signed_in = self
                .session
                .0
                .with_untracked(|s| s.as_ref().is_some_and(|s| s.user.username == username));
            if !still_signed_in {
                return;
            }
            let next = match result {
                Ok(payload) => {
                    if let Ok(json) = serde_json::to_string(&payload) {
                        platform::local_set(&cache_key(&username), &json);
                    }
                    PlacesState::Fresh(payload.marked())
                }
                Err(reason) => match cached(&username) {
                    Some(places) => PlacesState::Cached(places),
                    None => {
                        let error = AppError::from_fetch(reason, None);
                        error.log("places");
                        PlacesState::Failed(error)
                    }
                },
            };
            self.state.set(next);
            self.choose_the_only_facility(&username);
        });
    }

    /// A user with one facility works there: it is chosen for them (also when the place chosen
    /// before has left their scope).
    fn choose_the_only_facility(self, username: &str) {
        let current = self.current.get_untracked();
        let still_theirs = self.state.with_untracked(|state| {
            state
                .places()
                .iter()
                .any(|p| current.as_deref() == Some(p.id.as_str()))
        });
        if still_theirs {
            return;
        }
        let only = self.state.with_untracked(|state| {
            let mut facilities = state.places().iter().filter(|p| p.is_open_facility());
            match (facilities.next(), facilities.next()) {
                (Some(one), None) => Some(one.id.clone()),
                _ => None,
            }
        });
        if let Some(id) = only {
            platform::local_set(&current_key(username), &id);
            self.current.set(Some(id));
        }
    }

    pub fn choose(self, place_id: &str) {
        if let Some(username) = self
            .session
            .0
            .with_untracked(|s| s.as_ref().map(|s| s.user.username.clone()))
        {
            platform::local_set(&current_key(&username), place_id);
        }
        self.current.set(Some(place_id.to_owned()));
    }

    pub fn current_place(self) -> Option<Place> {
        let current = self.current.get()?;
        self.state
            .with(|state| state.places().iter().find(|p| p.id == current).cloned())
    }
}

/// The user's choice of today's place; one made on this tablet before choices were per user
/// becomes theirs.
fn remembered_choice(username: &str) -> Option<String> {
    if let Some(place) = platform::local_get(&current_key(username)) {
        return Some(place);
    }
    let legacy = platform::local_get(LEGACY_CURRENT_KEY)?;
    platform::local_set(&current_key(username), &legacy);
    platform::local_remove(LEGACY_CURRENT_KEY);
    Some(legacy)
}

fn cached(username: &str) -> Option<Vec<Place>> {
    let json = platform::local_get(&cache_key(username))?;
    serde_json::from_str::<PlacesPayload>(&json)
        .ok()
        .map(PlacesPayload::marked)
}

pub fn use_places() -> PlacesStore {
    expect_context::<PlacesStore>()
}
