//! The demo's places: the ones the server seeds (`serve --demo`), with the codes it stores them
//! under (`rw-huye`, `rango-hc`, …) beside the dataset's fixed ids.

use super::demo_uuid;
use crate::domain::{FacilityLevel, Place, PlaceId, PlaceKind, Places};

pub const RWANDA: PlaceId = PlaceId::from_u128(demo_uuid(0x1001));
pub const SOUTHERN_PROVINCE: PlaceId = PlaceId::from_u128(demo_uuid(0x1002));
pub const HUYE: PlaceId = PlaceId::from_u128(demo_uuid(0x1003));
pub const NYANZA: PlaceId = PlaceId::from_u128(demo_uuid(0x1004));
pub const KABUTARE_DH: PlaceId = PlaceId::from_u128(demo_uuid(0x1005));
pub const RANGO_HC: PlaceId = PlaceId::from_u128(demo_uuid(0x1006));
pub const SIMBI_HC: PlaceId = PlaceId::from_u128(demo_uuid(0x1007));
pub const NYANZA_DH: PlaceId = PlaceId::from_u128(demo_uuid(0x1008));
pub const BUSORO_HP: PlaceId = PlaceId::from_u128(demo_uuid(0x100a));

/// One place: its dataset id, the code the server stores it under, name, kind and parent.
struct Entry {
    id: PlaceId,
    code: &'static str,
    name: &'static str,
    kind: PlaceKind,
    parent: Option<PlaceId>,
}

const fn entry(
    id: PlaceId,
    code: &'static str,
    name: &'static str,
    kind: PlaceKind,
    parent: Option<PlaceId>,
) -> Entry {
    Entry {
        id,
        code,
        name,
        kind,
        parent,
    }
}

const fn facility(level: FacilityLevel) -> PlaceKind {
    PlaceKind::Facility(level)
}

/// Parents before children (the server inserts them in this order).
const TABLE: [Entry; 9] = [
    entry(RWANDA, "rw", "Rwanda", PlaceKind::Country, None),
    entry(
        SOUTHERN_PROVINCE,
        "rw-south",
        "Southern Province",
        PlaceKind::Province,
        Some(RWANDA),
    ),
    entry(
        HUYE,
        "rw-huye",
        "Huye",
        PlaceKind::District,
        Some(SOUTHERN_PROVINCE),
    ),
    entry(
        NYANZA,
        "rw-nyanza",
        "Nyanza",
        PlaceKind::District,
        Some(SOUTHERN_PROVINCE),
    ),
    entry(
        KABUTARE_DH,
        "kabutare-dh",
        "Kabutare District Hospital",
        facility(FacilityLevel::DistrictHospital),
        Some(HUYE),
    ),
    entry(
        RANGO_HC,
        "rango-hc",
        "Rango Health Centre",
        facility(FacilityLevel::HealthCentre),
        Some(HUYE),
    ),
    entry(
        SIMBI_HC,
        "simbi-hc",
        "Simbi Health Centre",
        facility(FacilityLevel::HealthCentre),
        Some(HUYE),
    ),
    entry(
        NYANZA_DH,
        "nyanza-dh",
        "Nyanza District Hospital",
        facility(FacilityLevel::DistrictHospital),
        Some(NYANZA),
    ),
    entry(
        BUSORO_HP,
        "busoro-hp",
        "Busoro Health Post",
        facility(FacilityLevel::HealthPost),
        Some(NYANZA),
    ),
];

/// Rwanda → Southern Province → Huye (Kabutare DH, Rango HC, Simbi HC) and Nyanza (Nyanza DH,
/// Busoro HP).
pub fn places() -> Places {
    let list = TABLE
        .iter()
        .map(|entry| Place {
            id: entry.id,
            name: entry.name.to_owned(),
            kind: entry.kind,
            parent: entry.parent,
        })
        .collect();
    // The table above is a valid hierarchy (the integration tests check it); an empty set is the
    // non-panicking fallback should it ever be edited into an invalid one.
    Places::new(list).unwrap_or_default()
}

/// The code the server stores a demo place under (`rw-huye`, `rango-hc`, …); `None` for an id
/// that is not a demo place.
pub fn code(id: PlaceId) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|entry| entry.id == id)
        .map(|entry| entry.code)
}

/// Every demo place's id, parents before children.
pub fn in_insert_order() -> impl Iterator<Item = PlaceId> {
    TABLE.iter().map(|entry| entry.id)
}
