//! The demo's places.

use super::demo_uuid;
use crate::domain::{FacilityLevel, Place, PlaceId, PlaceKind, Places};

pub const RWANDA: PlaceId = PlaceId::from_u128(demo_uuid(0x1001));
pub const NORTHERN_PROVINCE: PlaceId = PlaceId::from_u128(demo_uuid(0x1002));
pub const GICUMBI: PlaceId = PlaceId::from_u128(demo_uuid(0x1003));
pub const BURERA: PlaceId = PlaceId::from_u128(demo_uuid(0x1004));
pub const BYUMBA_DH: PlaceId = PlaceId::from_u128(demo_uuid(0x1005));
pub const RUTARE_HC: PlaceId = PlaceId::from_u128(demo_uuid(0x1006));
pub const KAGEYO_HC: PlaceId = PlaceId::from_u128(demo_uuid(0x1007));
pub const BUTARO_DH: PlaceId = PlaceId::from_u128(demo_uuid(0x1008));
pub const RUGARAMA_HC: PlaceId = PlaceId::from_u128(demo_uuid(0x1009));
pub const NYAGAHINGA_HP: PlaceId = PlaceId::from_u128(demo_uuid(0x100a));

/// Rwanda → Northern Province → Gicumbi (Byumba DH, Rutare HC, Kageyo HC) and Burera (Butaro
/// DH, Rugarama HC, Nyagahinga HP).
pub fn places() -> Places {
    let place = |id, name: &str, kind, parent| Place {
        id,
        name: name.to_owned(),
        kind,
        parent,
    };
    let facility = |level| PlaceKind::Facility(level);
    let list = vec![
        place(RWANDA, "Rwanda", PlaceKind::Country, None),
        place(
            NORTHERN_PROVINCE,
            "Northern Province",
            PlaceKind::Province,
            Some(RWANDA),
        ),
        place(
            GICUMBI,
            "Gicumbi",
            PlaceKind::District,
            Some(NORTHERN_PROVINCE),
        ),
        place(
            BURERA,
            "Burera",
            PlaceKind::District,
            Some(NORTHERN_PROVINCE),
        ),
        place(
            BYUMBA_DH,
            "Byumba District Hospital",
            facility(FacilityLevel::DistrictHospital),
            Some(GICUMBI),
        ),
        place(
            RUTARE_HC,
            "Rutare Health Centre",
            facility(FacilityLevel::HealthCentre),
            Some(GICUMBI),
        ),
        place(
            KAGEYO_HC,
            "Kageyo Health Centre",
            facility(FacilityLevel::HealthCentre),
            Some(GICUMBI),
        ),
        place(
            BUTARO_DH,
            "Butaro District Hospital",
            facility(FacilityLevel::DistrictHospital),
            Some(BURERA),
        ),
        place(
            RUGARAMA_HC,
            "Rugarama Health Centre",
            facility(FacilityLevel::HealthCentre),
            Some(BURERA),
        ),
        place(
            NYAGAHINGA_HP,
            "Nyagahinga Health Post",
            facility(FacilityLevel::HealthPost),
            Some(BURERA),
        ),
    ];
    // The list above is a valid hierarchy (a unit test checks it); an empty set is the
    // non-panicking fallback should it ever be edited into an invalid one.
    Places::new(list).unwrap_or_default()
}
