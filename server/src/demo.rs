//! The demo, all of it from the one demo dataset (`mentora_shared::demo`): `serve --demo` loads
//! its places and accounts into an empty database (`db::open`), and `serve --demo-records` its
//! mentees with their assessments, validations and coaching plan, as real mentee documents, into
//! a database that has no documents yet ([`seed_records`]).

use std::collections::BTreeMap;

use crate::sql::Db;
use mentora_shared::demo;
use mentora_shared::documents::chw_session::{self, ChwSession, Participant};
use mentora_shared::documents::mentee::{
    AssessmentEntry, CoachingEntry, MenteeRecord, ValidationEntry,
};
use mentora_shared::domain::{AssessmentKind, Dataset, MentorId, PlaceId};
use mentora_shared::setup::places::level_code;
use mentora_shared::setup::tracker::IMPORT_DEVICE;
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId as SyncPlaceId, Scope};

use crate::accounts::{NewUser, Password};
use crate::db::PlaceRow;
use crate::mentee_docs::{self, MenteeWrite, NewDoc, NewRecord, WriteError};

/// Password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "mentora-demo";

/// A demo place's code (`rw-huye`, …); every place of the dataset has one.
fn code(id: PlaceId) -> Option<String> {
    demo::place_code(id).map(str::to_owned)
}

/// The demo accounts (`demo::accounts`): a district-based mentor at Rango Health Centre, the
/// Huye district supervisor and an admin, with the published [`DEMO_PASSWORD`].
pub fn accounts() -> Vec<NewUser> {
    demo::accounts()
        .into_iter()
        .map(|account| NewUser {
            username: account.username.to_owned(),
            display_name: account.display_name.to_owned(),
            role: account.role,
            districts: account.districts.into_iter().filter_map(code).collect(),
            facilities: account.facilities.into_iter().filter_map(code).collect(),
            affiliation: account.affiliation,
            password: Password(DEMO_PASSWORD.to_owned()),
        })
        .collect()
}

/// The demo place hierarchy (`demo::places`), parents first: Rwanda → Southern Province → Huye
/// (Kabutare DH, Rango HC, Simbi HC) and Nyanza (Nyanza DH, Busoro HP).
pub fn places() -> Vec<PlaceRow> {
    let places = demo::places();
    demo::places_in_insert_order()
        .filter_map(|id| {
            let place = places.get(id)?;
            Some(PlaceRow {
                id: code(id)?,
                parent_id: place.parent.and_then(code),
                level: level_code(place.kind).to_owned(),
                name: place.name.clone(),
            })
        })
        .collect()
}

/// What [`seed_records`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordsSeeded {
    /// The dataset's records were written: this many mentee and CHW session documents.
    Written { mentees: usize, chw_sessions: usize },
    /// The database already has documents: nothing written.
    HasDocuments,
    /// A facility of the dataset (or its district) is not among the stored places (a database
    /// not seeded with `--demo`): nothing written.
    NoDemoPlaces,
}

/// Why the demo records could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoRecordsError {
    #[error("the demo dataset does not build: {0}")]
    Dataset(#[from] demo::DemoError),
    #[error("the demo mentee at place {0} has no place code")]
    Place(PlaceId),
    #[error(transparent)]
    Database(#[from] crate::sql::Error),
    #[error("cannot write the demo records: {0}")]
    Write(#[from] WriteError),
}

/// Writes the demo dataset's mentees (with their assessments, validations and coaching plan) as
/// mentee documents, and its CHW group sessions that assessed CHWs, through the sync store, as the import's device (`IMPORT_DEVICE`, shown as
/// imported history), changes stamped `now` (Unix seconds), in one transaction; only into a
/// database that has no documents and holds the demo places, so it never adds to real work and
/// a second call writes nothing.
pub fn seed_records(conn: &mut Db, now: i64) -> Result<RecordsSeeded, DemoRecordsError> {
    let tx = conn.write_transaction()?;
    let documents: i64 = tx.query_row("SELECT COUNT(*) FROM sync_doc", [], |r| r.get(0))?;
    if documents > 0 {
        return Ok(RecordsSeeded::HasDocuments);
    }
    let dataset = demo::dataset()?;
    let writes = record_writes(&dataset)?;
    let mut known = tx.prepare("SELECT COUNT(*) FROM place WHERE id = ?1")?;
    for write in &writes {
        if let Some(new) = &write.new {
            for id in [&new.record.facility, &new.district] {
                if known.query_row([id], |r| r.get::<_, i64>(0))? == 0 {
                    return Ok(RecordsSeeded::NoDemoPlaces);
                }
            }
        }
    }
    drop(known);
    let mentees = mentee_docs::write(&tx, IMPORT_DEVICE, now, &writes)?;
    let sessions = chw_sessions(&dataset)?;
    let chw_sessions = mentee_docs::write_new_docs(&tx, IMPORT_DEVICE, now, &sessions)?;
    tx.commit()?;
    Ok(RecordsSeeded::Written {
        mentees,
        chw_sessions,
    })
}

/// Each mentee of `dataset` as a new record at its facility, with its records; each entry
/// names its mentor and counts for the mentor's affiliation (Table 1), as the app records them.
fn record_writes(dataset: &Dataset) -> Result<Vec<MenteeWrite>, DemoRecordsError> {
    let mentor = |id: MentorId| dataset.mentors.iter().find(|m| m.id == id);
    let name = |id| mentor(id).map(|m| m.name.clone()).unwrap_or_default();
    let affiliation = |id| mentor(id).map(|m| m.affiliation);
    dataset
        .mentees
        .iter()
        .map(|mentee| {
            let place = |id: Option<PlaceId>| {
                id.and_then(code)
                    .ok_or(DemoRecordsError::Place(mentee.facility))
            };
            let facility = place(Some(mentee.facility))?;
            let district = place(dataset.places.district_of(mentee.facility).map(|d| d.id))?;
            Ok(MenteeWrite {
                id: mentee.id,
                new: Some(NewRecord {
                    record: MenteeRecord {
                        name: mentee.name.clone(),
                        cadre: mentee.cadre,
                        facility,
                        phone: None,
                        association: None,
                        competencies: Default::default(),
                    },
                    district,
                }),
                assessments: dataset
                    .assessments
                    .iter()
                    .filter(|a| a.mentee == mentee.id)
                    .map(|a| AssessmentEntry {
                        assessment: a.clone(),
                        assessor_name: name(a.assessor),
                        feedback: None,
                        association: affiliation(a.assessor),
                    })
                    .collect(),
                validations: dataset
                    .validations
                    .iter()
                    .filter(|v| v.mentee == mentee.id)
                    .map(|v| ValidationEntry {
                        validation: v.clone(),
                        validated_by_name: name(v.validated_by),
                        association: affiliation(v.validated_by),
                    })
                    .collect(),
                coaching: dataset
                    .coaching_plans
                    .iter()
                    .filter(|plan| plan.mentee == mentee.id)
                    .flat_map(|plan| &plan.targets)
                    .map(|target| {
                        (
                            target.competency.clone(),
                            CoachingEntry {
                                actions: target.objective.clone(),
                                target: Some(target.target_date),
                            },
                        )
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The CHW group sessions of `dataset` whose CHWs were assessed (a session document lists each
/// participant's assessment), as `chw_session` documents under the session's id, which the
/// assessments name, at the session's health centre.
fn chw_sessions(dataset: &Dataset) -> Result<Vec<NewDoc<'static>>, DemoRecordsError> {
    let mut docs = Vec::new();
    for session in &dataset.chw_sessions {
        let participants: BTreeMap<String, Participant> = dataset
            .assessments
            .iter()
            .filter(|a| {
                matches!(&a.kind, AssessmentKind::ChwGroupAssessment { session: s, .. } if *s == session.id)
            })
            .map(|a| {
                (
                    DocId(*a.mentee.0.as_bytes()).to_string(),
                    Participant {
                        competency: a.competency.clone(),
                        assessment: a.id,
                    },
                )
            })
            .collect();
        if participants.is_empty() {
            continue;
        }
        let place = |id: Option<PlaceId>| {
            id.and_then(code)
                .ok_or(DemoRecordsError::Place(session.health_centre))
        };
        let facility = place(Some(session.health_centre))?;
        let district = place(
            dataset
                .places
                .district_of(session.health_centre)
                .map(|d| d.id),
        )?;
        let scope_place = |code: String| {
            SyncPlaceId::new(&code).map_err(|_| DemoRecordsError::Place(session.health_centre))
        };
        let header = DocHeader {
            kind: DocKind::new(chw_session::KIND)
                .map_err(|_| DemoRecordsError::Place(session.health_centre))?,
            schema_version: chw_session::SCHEMA_VERSION,
            scope: Scope {
                district: scope_place(district)?,
                facility: Some(scope_place(facility)?),
            },
        };
        let record = ChwSession {
            technical_area: session.technical_area,
            date: session.date,
            place: dataset
                .places
                .get(session.location)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            facilitator: session.facilitator,
            facilitator_name: dataset
                .mentors
                .iter()
                .find(|m| m.id == session.facilitator)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            feedback: session.group_feedback.clone(),
            participants,
        };
        docs.push(NewDoc {
            id: DocId(*session.id.0.as_bytes()),
            header,
            fill: Box::new(move |doc| chw_session::write_new(doc, &record)),
        });
    }
    Ok(docs)
}

/// The demo accounts that still have [`DEMO_PASSWORD`], by username; `serve` warns about them.
pub fn accounts_with_published_password(conn: &Db) -> crate::sql::Result<Vec<String>> {
    let demo_password = Password(DEMO_PASSWORD.to_owned());
    let mut found = Vec::new();
    for account in accounts() {
        if let Some((user, hash)) = crate::accounts::user_for_login(conn, &account.username)?
            && crate::accounts::verify_password(&hash, &demo_password)
        {
            found.push(user.username);
        }
    }
    Ok(found)
}
