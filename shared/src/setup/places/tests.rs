use super::*;

fn stored(plan: &Plan) -> Vec<Existing> {
    plan.adds
        .iter()
        .map(|p| Existing {
            id: p.id.clone(),
            parent_id: p.parent_id.clone(),
            level: p.level.clone(),
            name: p.name.clone(),
            dhis2_id: p.dhis2_id.clone(),
            holds_records: false,
        })
        .collect()
}

fn csv_plan(text: &str, existing: &[Existing]) -> Plan {
    plan(read_csv(text).expect("readable"), existing)
}

fn problems(plan: &Plan) -> Vec<(usize, Problem)> {
    plan.errors
        .iter()
        .map(|e| (e.row, e.problem.clone()))
        .collect()
}

#[test]
fn the_template_adds_parents_first_and_a_reimport_changes_nothing() {
    // Children before parents in the file: the plan still adds top down.
    let reversed: String = {
        let mut lines: Vec<&str> = CSV_TEMPLATE.lines().collect();
        lines[1..].reverse();
        lines.join("\n")
    };
    let first = csv_plan(&reversed, &[]);
    assert_eq!(first.errors, []);
    let ids: Vec<&str> = first.adds.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["rw", "rw-south", "rw-huye", "rango-hc", "kabutare-dh"]
    );
    assert_eq!(first.adds[3].parent_id.as_deref(), Some("rw-huye"));
    let again = csv_plan(CSV_TEMPLATE, &stored(&first));
    assert!(again.is_noop(), "{again:?}");
    assert_eq!(again.unchanged, 5);
}

#[test]
fn renames_and_moves_are_changes_unless_records_were_made_there() {
    let mut existing = stored(&csv_plan(CSV_TEMPLATE, &[]));
    let text = format!("{CSV_TEMPLATE}rw-nyanza,Nyanza,district,rw-south,\n").replace(
        "Rango Health Centre,health_centre,rw-huye",
        "Rango HC,health_centre,rw-nyanza",
    );
    let moved = csv_plan(&text, &existing);
    assert_eq!(moved.errors, []);
    assert_eq!(moved.adds.len(), 1);
    assert_eq!(moved.changes.len(), 1);
    let change = &moved.changes[0];
    assert_eq!(change.before.name, "Rango Health Centre");
    assert_eq!(change.after.name, "Rango HC");
    assert_eq!(change.after.parent_id.as_deref(), Some("rw-nyanza"));

    for place in &mut existing {
        place.holds_records = place.id == "rango-hc";
    }
    let refused = csv_plan(&text, &existing);
    assert_eq!(problems(&refused), [(6, Problem::HoldsRecords)]);
    // A rename alone is fine where records were made.
    let renamed = csv_plan(
        &CSV_TEMPLATE.replace("Rango Health Centre", "Rango HC"),
        &existing,
    );
    assert_eq!((renamed.errors.len(), renamed.changes.len()), (0, 1));
}

#[test]
fn each_bad_row_is_named_and_the_rest_still_planned() {
    let text = "code,name,level,parent_code,dhis2_id
rw,Rwanda,country,,
rw-huye,Huye,district,rw,
Bad Code,Somewhere,district,rw,
x-hc,,health_centre,rw-huye,
y-hc,Y,clinic,rw-huye,
z-hc,Z,health_centre,rw-nowhere,
rw,Rwanda again,country,,
w-hc,W,health_centre,,
v-hc,V,health_centre,rw-huye,ABC
u-hc,U,health_centre,rw-huye,ABC
";
    let plan = csv_plan(text, &[]);
    assert_eq!(
        problems(&plan),
        [
            (
                3,
                Problem::WrongParentLevel {
                    parent: "rw".into(),
                    parent_level: "country".into()
                }
            ),
            (
                4,
                Problem::BadId {
                    id: "Bad Code".into()
                }
            ),
            (
                5,
                Problem::MissingValue {
                    column: "name".into()
                }
            ),
            (
                6,
                Problem::UnknownLevel {
                    level: "clinic".into()
                }
            ),
            (
                7,
                Problem::UnknownParent {
                    parent: "rw-nowhere".into()
                }
            ),
            (8, Problem::DuplicateId { id: "rw".into() }),
            (9, Problem::MissingParent),
            (
                11,
                Problem::DuplicateDhis2Id {
                    dhis2_id: "ABC".into()
                }
            ),
        ]
    );
    assert_eq!(
        plan.errors[1].to_string(),
        "row 4: 'Bad Code' is not a usable code (lower-case letters, digits, '-' and '_')"
    );
    // The country is still planned; the district under it is in error, so v-hc's parent is
    // unknown to the plan only through the store: it is reported, not guessed.
    assert_eq!(
        plan.adds.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["rw", "v-hc"]
    );
}

#[test]
fn whole_file_problems_are_errors_before_any_row() {
    assert!(matches!(
        read_csv("code,name,level,province\n"),
        Err(FileError::UnknownColumn { column, .. }) if column == "province"
    ));
    assert_eq!(
        read_csv("code,level\nrw,country\n"),
        Err(FileError::MissingColumn {
            column: "name".into()
        })
    );
    assert_eq!(read_csv("\n\n"), Err(FileError::Empty));
    assert!(matches!(
        read_csv("code,name,level\n\"rw"),
        Err(FileError::Csv { .. })
    ));
}

const DHIS2: &str = r#"{"organisationUnits": [
  {"id": "Hjw70Lodtf2", "code": "RW", "name": "Rwanda", "level": 1},
  {"id": "SouthProv01", "code": "RW-S", "name": "Southern Province", "level": 2, "parent": {"id": "Hjw70Lodtf2"}},
  {"id": "HuyeDistr01", "name": "Huye", "level": 3, "parent": {"id": "SouthProv01"}},
  {"id": "NgomaSect01", "name": "Ngoma sector", "level": 4, "parent": {"id": "HuyeDistr01"}},
  {"id": "KabutareDH1", "code": "0401", "name": "Kabutare District Hospital", "level": 5, "parent": {"id": "NgomaSect01"}},
  {"id": "RangoHC0001", "code": "0402", "name": "CS Rango", "level": 5, "parent": {"id": "NgomaSect01"}},
  {"id": "Ruhashya001", "code": "0403", "name": "Ruhashya", "level": 5, "parent": {"id": "NgomaSect01"}}
]}"#;

fn dhis2_levels() -> Dhis2Levels {
    Dhis2Levels {
        facility: 5,
        ..Dhis2Levels::default()
    }
}

#[test]
fn dhis2_units_map_levels_skip_sectors_and_keep_their_ids() {
    let (incoming, skipped) = read_dhis2(DHIS2, &dhis2_levels()).expect("readable");
    assert_eq!(skipped, [(4, 1)]);
    let first = plan(incoming, &[]);
    assert_eq!(
        problems(&first),
        [(
            7,
            Problem::FacilityLevelUnknown {
                name: "Ruhashya".into()
            }
        )]
    );
    let added: Vec<(&str, &str, Option<&str>)> = first
        .adds
        .iter()
        .map(|p| (p.id.as_str(), p.level.as_str(), p.parent_id.as_deref()))
        .collect();
    assert_eq!(
        added,
        [
            ("rw", "country", None),
            ("rw-s", "province", Some("rw")),
            ("huyedistr01", "district", Some("rw-s")),
            ("0401", "district_hospital", Some("huyedistr01")),
            ("0402", "health_centre", Some("huyedistr01")),
        ]
    );
    assert_eq!(first.adds[3].dhis2_id.as_deref(), Some("KabutareDH1"));

    // With a default level every unit is planned; a re-import changes nothing, even after a
    // unit's code changed in DHIS2 (matched by DHIS2 id, the Mentora id stays).
    let levels = Dhis2Levels {
        default_facility: Some(FacilityLevel::HealthPost),
        ..dhis2_levels()
    };
    let (incoming, _) = read_dhis2(DHIS2, &levels).expect("readable");
    let all = plan(incoming, &[]);
    assert_eq!(all.errors, []);
    assert_eq!(all.adds[5].level, "health_post");
    let recoded = DHIS2.replace("\"0402\"", "\"RANGO\"");
    let (incoming, _) = read_dhis2(&recoded, &levels).expect("readable");
    let again = plan(incoming, &stored(&all));
    assert!(again.is_noop(), "{again:?}");
    assert_eq!(again.unchanged, 6);
}

#[test]
fn dhis2_ids_and_csv_codes_meet_in_one_store() {
    // The demo places were loaded from CSV without DHIS2 ids; a DHIS2 file whose codes are the
    // same slugs attaches the ids to them.
    let existing = stored(&csv_plan(CSV_TEMPLATE, &[]));
    let text = r#"{"organisationUnits": [
      {"id": "Hjw70Lodtf2", "code": "rw", "name": "Rwanda", "level": 1}
    ]}"#;
    let (incoming, _) = read_dhis2(text, &Dhis2Levels::default()).expect("readable");
    let attached = plan(incoming, &existing);
    assert_eq!(attached.changes.len(), 1);
    assert_eq!(
        attached.changes[0].after.dhis2_id.as_deref(),
        Some("Hjw70Lodtf2")
    );
    // The same DHIS2 id may not land on a second place.
    let mut with_id = existing.clone();
    with_id[0].dhis2_id = Some("Hjw70Lodtf2".into());
    let text = "code,name,level,parent_code,dhis2_id\nrw-x,X,country,,Hjw70Lodtf2\n";
    assert_eq!(
        problems(&csv_plan(text, &with_id)),
        [(
            2,
            Problem::Dhis2IdTaken {
                dhis2_id: "Hjw70Lodtf2".into(),
                place: "Rwanda".into()
            }
        )]
    );
    assert!(matches!(
        read_dhis2("[]", &Dhis2Levels::default()),
        Err(FileError::NotDhis2 { .. })
    ));
}
