//! DHIS2 organisation units, as `api/organisationUnits?fields=id,code,name,level,parent[id]
//! &paging=false` returns them. The admin says which DHIS2 level is the country, province,
//! district and facility; units at other levels (e.g. sectors) are skipped and their children
//! hang from the nearest mapped ancestor. A facility's level comes from its name ("… District
//! Hospital", "CS …", "Health Post") or else the chosen default.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::template::FileError;
use super::{Incoming, MAX_FILE_BYTES, MAX_PLACES, UNKNOWN_FACILITY_LEVEL, level_code};
use crate::domain::{FacilityLevel, PlaceKind};

/// Which DHIS2 level is which Mentora level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dhis2Levels {
    pub country: u8,
    pub province: u8,
    pub district: u8,
    pub facility: u8,
    /// The level of a facility whose name does not tell; `None` makes such a unit an error.
    #[serde(default)]
    pub default_facility: Option<FacilityLevel>,
}

impl Default for Dhis2Levels {
    fn default() -> Self {
        Self {
            country: 1,
            province: 2,
            district: 3,
            facility: 4,
            default_facility: None,
        }
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(rename = "organisationUnits")]
    units: Vec<Unit>,
}

#[derive(Deserialize)]
struct Unit {
    id: String,
    #[serde(default)]
    code: Option<String>,
    name: String,
    level: u8,
    #[serde(default)]
    parent: Option<ParentRef>,
}

#[derive(Deserialize)]
struct ParentRef {
    id: String,
}

/// The facility level a name says, in English or French usage and their abbreviations.
fn level_from_name(name: &str) -> Option<FacilityLevel> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |phrase: &str| lower.contains(phrase);
    let word = |w: &str| words.contains(&w);
    if has("provincial hospital") || has("referral hospital") || has("hôpital provincial") {
        Some(FacilityLevel::ProvincialHospital)
    } else if has("hospital") || has("hôpital") || word("dh") || word("hd") {
        Some(FacilityLevel::DistrictHospital)
    } else if has("health centre")
        || has("health center")
        || has("centre de santé")
        || word("hc")
        || word("cs")
    {
        Some(FacilityLevel::HealthCentre)
    } else if has("health post") || has("poste de santé") || word("hp") || word("ps") {
        Some(FacilityLevel::HealthPost)
    } else {
        None
    }
}

/// A Mentora code for a unit: its DHIS2 code in lower case with other characters as `-`, or
/// its DHIS2 id when it has no code.
fn code_of(unit: &Unit) -> String {
    let source = unit
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or(&unit.id);
    let slug: String = source
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    slug.trim_matches('-')
        .chars()
        .take(super::MAX_ID_CHARS)
        .collect()
}

/// Units left out because their DHIS2 level is not mapped, as `(level, count)`.
pub type Skipped = Vec<(u8, usize)>;

/// Reads a DHIS2 organisation units file; units at unmapped levels are counted by level.
pub fn read_dhis2(text: &str, levels: &Dhis2Levels) -> Result<(Vec<Incoming>, Skipped), FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            max_bytes: MAX_FILE_BYTES,
        });
    }
    let file: File = serde_json::from_str(text).map_err(|e| FileError::NotDhis2 {
        reason: e.to_string(),
    })?;
    if file.units.len() > MAX_PLACES {
        return Err(FileError::NotDhis2 {
            reason: format!("more than {MAX_PLACES} units"),
        });
    }
    let kind_at = |level: u8| {
        if level == levels.country {
            Some(PlaceKind::Country)
        } else if level == levels.province {
            Some(PlaceKind::Province)
        } else if level == levels.district {
            Some(PlaceKind::District)
        } else if level == levels.facility {
            // The facility level is settled per unit below.
            Some(PlaceKind::Facility(FacilityLevel::HealthCentre))
        } else {
            None
        }
    };
    let parents: BTreeMap<&str, Option<&str>> = file
        .units
        .iter()
        .map(|u| (u.id.as_str(), u.parent.as_ref().map(|p| p.id.as_str())))
        .collect();
    let level_of: BTreeMap<&str, u8> = file
        .units
        .iter()
        .map(|u| (u.id.as_str(), u.level))
        .collect();
    // The nearest ancestor at a mapped level (a bounded walk: a cycle cannot hang it).
    let mapped_parent = |unit: &Unit| -> Option<String> {
        let mut at = unit.parent.as_ref().map(|p| p.id.as_str());
        for _ in 0..=file.units.len() {
            let id = at?;
            match level_of.get(id) {
                Some(level) if kind_at(*level).is_some() => return Some(id.to_owned()),
                Some(_) => at = parents.get(id).copied().flatten(),
                // Not in the file: it may be stored already; `plan` resolves or reports it.
                None => return Some(id.to_owned()),
            }
        }
        None
    };
    let mut skipped: BTreeMap<u8, usize> = BTreeMap::new();
    let mut incoming = Vec::new();
    for (index, unit) in file.units.iter().enumerate() {
        let Some(kind) = kind_at(unit.level) else {
            *skipped.entry(unit.level).or_default() += 1;
            continue;
        };
        let level = match kind {
            PlaceKind::Facility(_) => level_from_name(&unit.name)
                .or(levels.default_facility)
                .map_or(UNKNOWN_FACILITY_LEVEL, |l| {
                    level_code(PlaceKind::Facility(l))
                }),
            kind => level_code(kind),
        };
        incoming.push(Incoming {
            row: index + 1,
            id: code_of(unit),
            name: unit.name.trim().to_owned(),
            level: level.to_owned(),
            parent: if kind == PlaceKind::Country {
                None
            } else {
                mapped_parent(unit)
            },
            from_dhis2: true,
            dhis2_id: Some(unit.id.trim().to_owned()),
        });
    }
    Ok((incoming, skipped.into_iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facility_levels_come_from_names() {
        for (name, level) in [
            (
                "Kabutare District Hospital",
                Some(FacilityLevel::DistrictHospital),
            ),
            (
                "Hôpital de district de Nyanza",
                Some(FacilityLevel::DistrictHospital),
            ),
            (
                "Butare University Teaching / Referral Hospital",
                Some(FacilityLevel::ProvincialHospital),
            ),
            ("Rango Health Centre", Some(FacilityLevel::HealthCentre)),
            ("CS Rango", Some(FacilityLevel::HealthCentre)),
            ("Mbazi HP", Some(FacilityLevel::HealthPost)),
            (
                "Poste de santé de Gisagara",
                Some(FacilityLevel::HealthPost),
            ),
            ("Ruhashya", None),
            // "cs" inside a word is not a health centre.
            ("Physics lab", None),
        ] {
            assert_eq!(level_from_name(name), level, "{name}");
        }
    }
}
