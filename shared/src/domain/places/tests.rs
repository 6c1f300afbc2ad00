use super::*;

fn place(id: u128, kind: PlaceKind, parent: Option<u128>) -> Place {
    Place {
        id: PlaceId::from_u128(id),
        name: format!("place {id}"),
        kind,
        parent: parent.map(PlaceId::from_u128),
    }
}

#[track_caller]
fn check(places: Vec<Place>, expect: Result<usize, PlacesError>) {
    assert_eq!(Places::new(places).map(|places| places.len()), expect);
}

const HC: PlaceKind = PlaceKind::Facility(FacilityLevel::HealthCentre);

#[test]
fn hierarchy_is_checked() {
    let country = || place(1, PlaceKind::Country, None);
    let province = || place(2, PlaceKind::Province, Some(1));
    let district = || place(3, PlaceKind::District, Some(2));
    check(vec![], Ok(0));
    check(
        vec![country(), province(), district(), place(4, HC, Some(3))],
        Ok(4),
    );
    check(
        vec![country(), country()],
        Err(PlacesError::DuplicateId(PlaceId::from_u128(1))),
    );
    check(
        vec![country(), place(4, HC, Some(1))],
        Err(PlacesError::WrongParentKind {
            place: PlaceId::from_u128(4),
            kind: HC,
            parent_kind: PlaceKind::Country,
        }),
    );
    check(
        vec![
            country(),
            province(),
            place(3, PlaceKind::District, Some(9)),
        ],
        Err(PlacesError::UnknownParent {
            place: PlaceId::from_u128(3),
            parent: PlaceId::from_u128(9),
        }),
    );
    check(
        vec![place(1, PlaceKind::Country, Some(1))],
        Err(PlacesError::CountryWithParent(PlaceId::from_u128(1))),
    );
    check(
        vec![place(2, PlaceKind::Province, None)],
        Err(PlacesError::MissingParent(PlaceId::from_u128(2))),
    );
    check(
        vec![Place {
            name: "  ".into(),
            ..country()
        }],
        Err(PlacesError::BlankName(PlaceId::from_u128(1))),
    );
}

#[test]
fn walking_the_hierarchy() {
    let places = Places::new(vec![
        place(1, PlaceKind::Country, None),
        place(2, PlaceKind::Province, Some(1)),
        place(3, PlaceKind::District, Some(2)),
        place(4, HC, Some(3)),
        place(5, PlaceKind::Facility(FacilityLevel::HealthPost), Some(3)),
        place(6, PlaceKind::District, Some(2)),
    ])
    .expect("valid hierarchy");
    let ids = |list: Vec<&Place>| list.iter().map(|place| place.id).collect::<Vec<_>>();
    assert_eq!(
        ids(places.lineage(PlaceId::from_u128(4))),
        [4, 3, 2, 1].map(PlaceId::from_u128)
    );
    assert_eq!(
        places.district_of(PlaceId::from_u128(5)).map(|d| d.id),
        Some(PlaceId::from_u128(3))
    );
    assert_eq!(
        ids(places.facilities_under(PlaceId::from_u128(2))),
        [4, 5].map(PlaceId::from_u128)
    );
    assert_eq!(ids(places.facilities_under(PlaceId::from_u128(6))), []);
    assert_eq!(
        ids(places.children(PlaceId::from_u128(3))),
        [4, 5].map(PlaceId::from_u128)
    );
    assert_eq!(
        places.facility_level(PlaceId::from_u128(5)),
        Some(FacilityLevel::HealthPost)
    );
    assert_eq!(places.facility_level(PlaceId::from_u128(3)), None);
    let json = serde_json::to_string(&places).expect("serializes");
    assert_eq!(serde_json::from_str::<Places>(&json).ok(), Some(places));
}

#[test]
fn facility_level_codes_round_trip_and_hospitals_are_known() {
    for level in FacilityLevel::ALL {
        assert_eq!(FacilityLevel::from_code(level.code()), Some(level));
        let json = serde_json::to_string(&level).unwrap();
        assert_eq!(
            json,
            format!("\"{}\"", level.code()),
            "the code is the serde name"
        );
    }
    assert_eq!(FacilityLevel::from_code("district"), None);
    let hospitals: Vec<_> = (FacilityLevel::ALL.into_iter())
        .filter(|l| l.is_hospital())
        .collect();
    assert_eq!(
        hospitals,
        [
            FacilityLevel::ProvincialHospital,
            FacilityLevel::DistrictHospital
        ]
    );
}
