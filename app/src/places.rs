//! The place hierarchy the user works in, and the place chosen for today.
//!
//! Until the sync engine carries places as documents, they come from `GET /api/places` and the
//! last good answer is kept in `localStorage`, so the list shows offline after one online visit.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Key;
use crate::platform;

const CACHE_KEY: &str = "mentora.places";
const CURRENT_KEY: &str = "mentora.current_place";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub parent_id: Option<String>,
    pub level: String,
    pub name: String,
}

impl Place {
    pub fn is_facility(&self) -> bool {
        !matches!(self.level.as_str(), "country" | "province" | "district")
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
}

/// Where the list on screen came from.
#[derive(Debug, Clone, PartialEq)]
pub enum PlacesState {
    Loading,
    Fresh(Vec<Place>),
    /// The server could not be reached; showing the copy kept on this device.
    Cached(Vec<Place>),
    Failed(String),
}

impl PlacesState {
    pub fn places(&self) -> &[Place] {
        match self {
            Self::Fresh(places) | Self::Cached(places) => places,
            Self::Loading | Self::Failed(_) => &[],
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PlacesStore {
    pub state: RwSignal<PlacesState>,
    pub current: RwSignal<Option<String>>,
    connectivity: platform::Connectivity,
}

impl PlacesStore {
    pub fn provide(connectivity: platform::Connectivity) -> Self {
        let store = Self {
            connectivity,
            state: RwSignal::new(PlacesState::Loading),
            current: RwSignal::new(platform::local_get(CURRENT_KEY)),
        };
        provide_context(store);
        store.refresh();
        store
    }

    pub fn refresh(self) {
        self.state.set(PlacesState::Loading);
        leptos::task::spawn_local(async move {
            let result = platform::fetch_json::<PlacesPayload>("/api/places").await;
            self.connectivity.observe(&result);
            let next = match result {
                Ok(payload) => {
                    if let Ok(json) = serde_json::to_string(&payload) {
                        platform::local_set(CACHE_KEY, &json);
                    }
                    PlacesState::Fresh(payload.places)
                }
                Err(reason) => match cached() {
                    Some(places) => PlacesState::Cached(places),
                    None => PlacesState::Failed(reason.to_string()),
                },
            };
            self.state.set(next);
        });
    }

    pub fn choose(self, place_id: &str) {
        platform::local_set(CURRENT_KEY, place_id);
        self.current.set(Some(place_id.to_owned()));
    }

    pub fn current_place(self) -> Option<Place> {
        let current = self.current.get()?;
        self.state
            .with(|state| state.places().iter().find(|p| p.id == current).cloned())
    }
}

fn cached() -> Option<Vec<Place>> {
    let json = platform::local_get(CACHE_KEY)?;
    serde_json::from_str::<PlacesPayload>(&json)
        .ok()
        .map(|p| p.places)
}

pub fn use_places() -> PlacesStore {
    expect_context::<PlacesStore>()
}
