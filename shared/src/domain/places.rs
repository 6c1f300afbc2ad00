//! The places hierarchy: country → province/region → district → facility.
//!
//! Reports group by district and facility level, and a device only holds what its user may see,
//! so the hierarchy is checked once when built ([`Places::new`]) and then walked without errors.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::PlaceId;

/// The level of a health facility, from hospital down to the community.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityLevel {
    ProvincialHospital,
    DistrictHospital,
    HealthCentre,
    HealthPost,
    /// A village or cell where CHWs work, or a volunteer's home used for group sessions.
    Community,
}

impl FacilityLevel {
    /// Every level, from the top of the hierarchy down.
    pub const ALL: [Self; 5] = [
        Self::ProvincialHospital,
        Self::DistrictHospital,
        Self::HealthCentre,
        Self::HealthPost,
        Self::Community,
    ];

    /// The code a place list stores for it (`district_hospital`, …): its serde name.
    pub fn code(self) -> &'static str {
        match self {
            Self::ProvincialHospital => "provincial_hospital",
            Self::DistrictHospital => "district_hospital",
            Self::HealthCentre => "health_centre",
            Self::HealthPost => "health_post",
            Self::Community => "community",
        }
    }

    /// The level of a stored code; `None` for an administrative level or an unknown code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// A district or provincial hospital (the brief's Table 1 scope).
    pub fn is_hospital(self) -> bool {
        matches!(self, Self::ProvincialHospital | Self::DistrictHospital)
    }
}

/// What a place is; the order of the variants is the order of the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "level")]
pub enum PlaceKind {
    Country,
    /// A province (Rwanda) or region (Senegal).
    Province,
    District,
    Facility(FacilityLevel),
}

impl PlaceKind {
    fn depth(self) -> u8 {
        match self {
            Self::Country => 0,
            Self::Province => 1,
            Self::District => 2,
            Self::Facility(_) => 3,
        }
    }
}

/// One node of the hierarchy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: PlaceId,
    pub name: String,
    pub kind: PlaceKind,
    /// `None` only for a country.
    pub parent: Option<PlaceId>,
}

/// Why a list of places does not form a hierarchy.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlacesError {
    #[error("place {0} appears twice")]
    DuplicateId(PlaceId),
    #[error("place {place} names parent {parent}, which is not in the list")]
    UnknownParent { place: PlaceId, parent: PlaceId },
    #[error("place {place} is a {kind:?} but its parent is a {parent_kind:?}")]
    WrongParentKind {
        place: PlaceId,
        kind: PlaceKind,
        parent_kind: PlaceKind,
    },
    #[error("place {0} is a country with a parent")]
    CountryWithParent(PlaceId),
    #[error("place {0} has no parent but is not a country")]
    MissingParent(PlaceId),
    #[error("place {0} has a blank name")]
    BlankName(PlaceId),
}

/// A checked hierarchy of places, in id order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Place>", into = "Vec<Place>")]
pub struct Places {
    by_id: BTreeMap<PlaceId, Place>,
}

impl Places {
    /// Checks that every place has a parent one level up (country at the top).
    pub fn new(places: Vec<Place>) -> Result<Self, PlacesError> {
        let mut by_id = BTreeMap::new();
        for place in places {
            if place.name.trim().is_empty() {
                return Err(PlacesError::BlankName(place.id));
            }
            if let Some(previous) = by_id.insert(place.id, place) {
                return Err(PlacesError::DuplicateId(previous.id));
            }
        }
        for place in by_id.values() {
            match (place.kind, place.parent) {
                (PlaceKind::Country, Some(_)) => {
                    return Err(PlacesError::CountryWithParent(place.id));
                }
                (PlaceKind::Country, None) => {}
                (_, None) => return Err(PlacesError::MissingParent(place.id)),
                (kind, Some(parent_id)) => {
                    let parent = by_id.get(&parent_id).ok_or(PlacesError::UnknownParent {
                        place: place.id,
                        parent: parent_id,
                    })?;
                    if parent.kind.depth() + 1 != kind.depth() {
                        return Err(PlacesError::WrongParentKind {
                            place: place.id,
                            kind,
                            parent_kind: parent.kind,
                        });
                    }
                }
            }
        }
        Ok(Self { by_id })
    }

    pub fn get(&self, id: PlaceId) -> Option<&Place> {
        self.by_id.get(&id)
    }

    /// All places, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Place> {
        self.by_id.values()
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Direct children of `id`, sorted by name for display.
    pub fn children(&self, id: PlaceId) -> Vec<&Place> {
        let mut children: Vec<&Place> = self
            .by_id
            .values()
            .filter(|place| place.parent == Some(id))
            .collect();
        children.sort_by(|a, b| a.name.cmp(&b.name));
        children
    }

    /// The chain from `id` up to its country, starting with `id` itself.
    pub fn lineage(&self, id: PlaceId) -> Vec<&Place> {
        let mut chain = Vec::new();
        let mut next = self.get(id);
        // The hierarchy has at most four levels, so this always ends; the bound guards the loop.
        while let Some(place) = next.filter(|_| chain.len() < 4) {
            chain.push(place);
            next = place.parent.and_then(|parent| self.get(parent));
        }
        chain
    }

    /// The district a facility (or the district itself) belongs to.
    pub fn district_of(&self, id: PlaceId) -> Option<&Place> {
        self.lineage(id)
            .into_iter()
            .find(|place| place.kind == PlaceKind::District)
    }

    /// The level of a facility; `None` for an administrative area or unknown id.
    pub fn facility_level(&self, id: PlaceId) -> Option<FacilityLevel> {
        match self.get(id)?.kind {
            PlaceKind::Facility(level) => Some(level),
            _ => None,
        }
    }

    /// Every facility under `area` (or `area` itself if it is a facility), in id order.
    pub fn facilities_under(&self, area: PlaceId) -> Vec<&Place> {
        self.by_id
            .values()
            .filter(|place| matches!(place.kind, PlaceKind::Facility(_)))
            .filter(|place| {
                self.lineage(place.id)
                    .iter()
                    .any(|ancestor| ancestor.id == area)
            })
            .collect()
    }
}

impl TryFrom<Vec<Place>> for Places {
    type Error = PlacesError;
    fn try_from(places: Vec<Place>) -> Result<Self, Self::Error> {
        Self::new(places)
    }
}

impl From<Places> for Vec<Place> {
    fn from(places: Places) -> Self {
        places.by_id.into_values().collect()
    }
}

#[cfg(test)]
mod tests;
