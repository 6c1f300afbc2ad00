//! Importing the place hierarchy: a CSV file (the documented template) or DHIS2 organisation
//! units become [`Incoming`] places, and [`plan`] compares them with the places the server
//! holds: what would be added, what would change, what is already there, and each row's
//! errors. Nothing here writes; the server applies a plan without errors in one transaction.
//!
//! A CSV row is matched by its code (the place id). A DHIS2 unit is matched by its DHIS2 id
//! first, then by its code, so a re-import changes nothing and a unit whose DHIS2 code changed
//! keeps its Mentora id.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::{FacilityLevel, PlaceKind};

mod dhis2;
mod template;
#[cfg(test)]
mod tests;

pub use dhis2::{Dhis2Levels, Skipped, read_dhis2};
pub use template::{CSV_TEMPLATE, FileError, read_csv};

/// The level a DHIS2 facility gets when neither its name nor the chosen default tells.
const UNKNOWN_FACILITY_LEVEL: &str = "facility";

/// The largest file an import reads.
pub const MAX_FILE_BYTES: usize = 8 << 20;
/// The most places one import may hold.
pub const MAX_PLACES: usize = 50_000;
/// The longest place id and name.
pub const MAX_ID_CHARS: usize = 64;
pub const MAX_NAME_CHARS: usize = 120;

/// The level code stored for a place kind (`country`, `district_hospital`, …).
pub fn level_code(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Country => "country",
        PlaceKind::Province => "province",
        PlaceKind::District => "district",
        PlaceKind::Facility(level) => match level {
            FacilityLevel::ProvincialHospital => "provincial_hospital",
            FacilityLevel::DistrictHospital => "district_hospital",
            FacilityLevel::HealthCentre => "health_centre",
            FacilityLevel::HealthPost => "health_post",
            FacilityLevel::Community => "community",
        },
    }
}

/// Every place kind, top down.
pub const KINDS: [PlaceKind; 8] = [
    PlaceKind::Country,
    PlaceKind::Province,
    PlaceKind::District,
    PlaceKind::Facility(FacilityLevel::ProvincialHospital),
    PlaceKind::Facility(FacilityLevel::DistrictHospital),
    PlaceKind::Facility(FacilityLevel::HealthCentre),
    PlaceKind::Facility(FacilityLevel::HealthPost),
    PlaceKind::Facility(FacilityLevel::Community),
];

/// The place kind of a stored level code.
pub fn parse_level(code: &str) -> Option<PlaceKind> {
    KINDS.into_iter().find(|kind| level_code(*kind) == code)
}

fn depth(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::Country => 0,
        PlaceKind::Province => 1,
        PlaceKind::District => 2,
        PlaceKind::Facility(_) => 3,
    }
}

/// A place as the server holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Existing {
    pub id: String,
    pub parent_id: Option<String>,
    pub level: String,
    pub name: String,
    pub dhis2_id: Option<String>,
    /// Whether synced records name this place (a facility or district): such a place may not
    /// move or change kind, since the records' headers keep where they were made.
    pub holds_records: bool,
}

/// A place read from an import file; `row` is the file's line (CSV) or unit number (DHIS2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incoming {
    pub row: usize,
    pub id: String,
    pub name: String,
    pub level: String,
    /// The parent's id, or its DHIS2 id when `from_dhis2`.
    pub parent: Option<String>,
    /// Read from DHIS2: matched to stored places by DHIS2 id first, and `parent` is a DHIS2 id.
    /// A CSV row is matched by its code, which is authoritative.
    pub from_dhis2: bool,
    pub dhis2_id: Option<String>,
}

/// A place as it will be written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planned {
    pub row: usize,
    pub id: String,
    pub name: String,
    pub level: String,
    pub parent_id: Option<String>,
    pub dhis2_id: Option<String>,
}

/// An existing place the import changes: what it was and what it becomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub before: Planned,
    pub after: Planned,
}

/// What is wrong with one row, in terms an admin can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    MissingValue {
        column: String,
    },
    BadId {
        id: String,
    },
    TooLong {
        column: String,
        max: usize,
    },
    UnknownLevel {
        level: String,
    },
    /// The facility level cannot be told from a DHIS2 unit's name and no default was chosen.
    FacilityLevelUnknown {
        name: String,
    },
    DuplicateId {
        id: String,
    },
    DuplicateDhis2Id {
        dhis2_id: String,
    },
    UnknownParent {
        parent: String,
    },
    /// A country has a parent, or another place's parent is not one level up.
    WrongParentLevel {
        parent: String,
        parent_level: String,
    },
    MissingParent,
    /// The DHIS2 id belongs to another place already.
    Dhis2IdTaken {
        dhis2_id: String,
        place: String,
    },
    /// A place that records name would move or change kind.
    HoldsRecords,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MissingValue { column } => write!(f, "no {column}"),
            Self::BadId { id } => write!(
                f,
                "'{id}' is not a usable code (lower-case letters, digits, '-' and '_')"
            ),
            Self::TooLong { column, max } => write!(f, "the {column} is over {max} characters"),
            Self::UnknownLevel { level } => write!(f, "unknown level '{level}'"),
            Self::FacilityLevelUnknown { name } => {
                write!(
                    f,
                    "cannot tell the facility level of '{name}' from its name"
                )
            }
            Self::DuplicateId { id } => write!(f, "code '{id}' appears twice"),
            Self::DuplicateDhis2Id { dhis2_id } => write!(f, "DHIS2 id {dhis2_id} appears twice"),
            Self::UnknownParent { parent } => write!(f, "unknown parent '{parent}'"),
            Self::WrongParentLevel {
                parent,
                parent_level,
            } => write!(f, "parent '{parent}' is a {parent_level}, not one level up"),
            Self::MissingParent => write!(f, "no parent (only a country has none)"),
            Self::Dhis2IdTaken { dhis2_id, place } => {
                write!(f, "DHIS2 id {dhis2_id} already belongs to '{place}'")
            }
            Self::HoldsRecords => write!(
                f,
                "records were made at this place: it cannot move or change kind"
            ),
        }
    }
}

/// One row's problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    /// The row's place name or code, to find it in the file.
    pub place: String,
    #[serde(flatten)]
    pub problem: Problem,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}: {}", self.row, self.problem)
    }
}

/// What an import would do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Parents before children, so applying in order never names a missing parent.
    pub adds: Vec<Planned>,
    pub changes: Vec<Change>,
    pub unchanged: usize,
    /// Units left out (DHIS2 levels not mapped).
    pub skipped: Skipped,
    pub errors: Vec<RowError>,
}

impl Plan {
    /// Whether applying it writes nothing.
    pub fn is_noop(&self) -> bool {
        self.adds.is_empty() && self.changes.is_empty()
    }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Compares `incoming` with `existing`.
pub fn plan(incoming: Vec<Incoming>, existing: &[Existing]) -> Plan {
    let mut out = Plan::default();
    let by_id: BTreeMap<&str, &Existing> = existing.iter().map(|e| (e.id.as_str(), e)).collect();
    let by_dhis2: BTreeMap<&str, &Existing> = existing
        .iter()
        .filter_map(|e| Some((e.dhis2_id.as_deref()?, e)))
        .collect();
    let mut error = |row: &Incoming, problem| {
        out.errors.push(RowError {
            row: row.row,
            place: if row.name.is_empty() {
                row.id.clone()
            } else {
                row.name.clone()
            },
            problem,
        });
    };

    // Pass 1: each row alone, and which id it will have (a DHIS2 match keeps the stored id).
    let mut seen_ids = BTreeSet::new();
    let mut seen_dhis2: BTreeSet<String> = BTreeSet::new();
    let mut rows: Vec<(Incoming, PlaceKind)> = Vec::new();
    for mut row in incoming {
        if let Some(found) = row
            .dhis2_id
            .as_deref()
            .filter(|_| row.from_dhis2)
            .and_then(|d| by_dhis2.get(d))
        {
            row.id.clone_from(&found.id);
        }
        let problem = if row.id.is_empty() {
            Some(Problem::MissingValue {
                column: "code".into(),
            })
        } else if row.id.chars().count() > MAX_ID_CHARS {
            Some(Problem::TooLong {
                column: "code".into(),
                max: MAX_ID_CHARS,
            })
        } else if !is_slug(&row.id) {
            Some(Problem::BadId { id: row.id.clone() })
        } else if row.name.trim().is_empty() {
            Some(Problem::MissingValue {
                column: "name".into(),
            })
        } else if row.name.chars().count() > MAX_NAME_CHARS {
            Some(Problem::TooLong {
                column: "name".into(),
                max: MAX_NAME_CHARS,
            })
        } else if !seen_ids.insert(row.id.clone()) {
            Some(Problem::DuplicateId { id: row.id.clone() })
        } else if let Some(d) = row
            .dhis2_id
            .clone()
            .filter(|d| !seen_dhis2.insert(d.clone()))
        {
            Some(Problem::DuplicateDhis2Id { dhis2_id: d })
        } else {
            row.dhis2_id
                .as_deref()
                .and_then(|d| by_dhis2.get(d).filter(|e| e.id != row.id))
                .map(|e| Problem::Dhis2IdTaken {
                    dhis2_id: e.dhis2_id.clone().unwrap_or_default(),
                    place: e.name.clone(),
                })
        };
        match (problem, parse_level(&row.level)) {
            (Some(problem), _) => error(&row, problem),
            (None, None) if row.level == UNKNOWN_FACILITY_LEVEL => error(
                &row,
                Problem::FacilityLevelUnknown {
                    name: row.name.clone(),
                },
            ),
            (None, None) => error(
                &row,
                Problem::UnknownLevel {
                    level: row.level.clone(),
                },
            ),
            (None, Some(kind)) => rows.push((row, kind)),
        }
    }

    // Pass 2: parents. A parent named by DHIS2 id resolves through the file, then the store.
    let file_dhis2: BTreeMap<String, String> = rows
        .iter()
        .filter_map(|(r, _)| Some((r.dhis2_id.clone()?, r.id.clone())))
        .collect();
    let file_kinds: BTreeMap<String, PlaceKind> =
        rows.iter().map(|(r, k)| (r.id.clone(), *k)).collect();
    let kind_of = |id: &str| {
        file_kinds
            .get(id)
            .copied()
            .or_else(|| by_id.get(id).and_then(|e| parse_level(&e.level)))
    };
    let mut planned = Vec::new();
    for (row, kind) in rows {
        let parent_id = match (&row.parent, row.from_dhis2) {
            (None, _) => None,
            (Some(p), false) => Some(p.clone()),
            (Some(p), true) => Some(
                file_dhis2
                    .get(p)
                    .cloned()
                    .or_else(|| by_dhis2.get(p.as_str()).map(|e| e.id.clone()))
                    .unwrap_or_else(|| p.clone()),
            ),
        };
        let parent_problem = match (&parent_id, kind) {
            (None, PlaceKind::Country) => None,
            (None, _) => Some(Problem::MissingParent),
            (Some(parent), kind) => match kind_of(parent) {
                None => Some(Problem::UnknownParent {
                    parent: parent.clone(),
                }),
                Some(parent_kind) if depth(parent_kind) + 1 != depth(kind) => {
                    Some(Problem::WrongParentLevel {
                        parent: parent.clone(),
                        parent_level: level_code(parent_kind).to_owned(),
                    })
                }
                Some(_) => None,
            },
        };
        if let Some(problem) = parent_problem {
            error(&row, problem);
            continue;
        }
        let after = Planned {
            row: row.row,
            id: row.id.clone(),
            name: row.name.trim().to_owned(),
            level: level_code(kind).to_owned(),
            parent_id,
            dhis2_id: row.dhis2_id.clone(),
        };
        match by_id.get(row.id.as_str()) {
            None => planned.push((depth(kind), after)),
            Some(stored) => {
                let before = Planned {
                    row: row.row,
                    id: stored.id.clone(),
                    name: stored.name.clone(),
                    level: stored.level.clone(),
                    parent_id: stored.parent_id.clone(),
                    // A file without DHIS2 ids keeps the stored ones.
                    dhis2_id: stored.dhis2_id.clone(),
                };
                let after = Planned {
                    dhis2_id: after.dhis2_id.clone().or(before.dhis2_id.clone()),
                    ..after
                };
                let moved = before.parent_id != after.parent_id
                    || parse_level(&before.level).map(depth) != Some(depth(kind));
                if moved && stored.holds_records {
                    error(&row, Problem::HoldsRecords);
                } else if before == after {
                    out.unchanged += 1;
                } else {
                    out.changes.push(Change { before, after });
                }
            }
        }
    }
    planned.sort_by_key(|(depth, place)| (*depth, place.row));
    out.adds = planned.into_iter().map(|(_, place)| place).collect();
    out.errors.sort_by_key(|e| e.row);
    out
}
