//! What a tracker file is checked against: the facilities (with their district), the accounts,
//! and the stored mentee records of the facilities the file names and of the ids it makes.

use std::collections::BTreeSet;

use crate::sql::Db;
use automerge::Automerge;
use mentora_shared::documents::mentee;
use mentora_shared::domain::MenteeId;
use mentora_shared::setup::tracker::ids::{MenteeKey, name_key};
use mentora_shared::setup::tracker::{
    Known, KnownFacility, KnownUser, StoredMentee, TrackerRow, parse_association,
};
use mentora_shared::sync::DocId;

use super::ImportError;
use crate::store::DbStore;

/// The facility levels a mentee may work at.
const FACILITY_LEVELS: &str =
    "('provincial_hospital', 'district_hospital', 'health_centre', 'health_post', 'community')";

/// Everything `rows` is checked against.
pub fn known(conn: &Db, rows: &[TrackerRow]) -> Result<Known, ImportError> {
    let facilities = facilities(conn)?;
    let users = users(conn)?;
    // The facilities the file names, by code or by name, as the plan will find them.
    let cells: BTreeSet<String> = rows.iter().map(|r| name_key(&r.facility)).collect();
    let named: Vec<&KnownFacility> = facilities
        .iter()
        .filter(|f| cells.contains(&name_key(&f.id)) || cells.contains(&name_key(&f.name)))
        .collect();
    let mut ids: BTreeSet<DocId> = BTreeSet::new();
    let mut stmt = conn
        .prepare("SELECT doc_id FROM sync_doc WHERE kind = ?1 AND facility = ?2 ORDER BY doc_id")?;
    for facility in &named {
        for id in stmt.query_map([mentee::KIND, facility.id.as_str()], |r| {
            r.get::<_, Vec<u8>>(0)
        })? {
            if let Ok(bytes) = <[u8; 16]>::try_from(id?.as_slice()) {
                ids.insert(DocId(bytes));
            }
        }
    }
    // Ids the file makes, wherever they are stored (a record keeps its facility forever).
    for row in rows {
        for facility in named.iter().filter(|f| {
            name_key(&f.id) == name_key(&row.facility)
                || name_key(&f.name) == name_key(&row.facility)
        }) {
            if let Some(cadre) = mentee::cadre_from_code(&row.cadre.to_lowercase()) {
                let id = MenteeKey::new(&facility.id, &row.mentee_name, cadre).mentee_id();
                ids.insert(DocId(*id.0.as_bytes()));
            }
        }
    }
    let store = DbStore::new(conn);
    let mut mentees = Vec::new();
    for id in ids {
        // A record that does not read is not matched; writing to it fails loudly instead.
        if let Some((header, doc, _)) = crate::mentee_docs::load(&store, id)?
            && header.kind.as_str() == mentee::KIND
            && let Some(stored) = stored_mentee(id, &doc)
        {
            mentees.push(stored);
        }
    }
    Ok(Known {
        facilities,
        users,
        mentees,
    })
}

fn facilities(conn: &Db) -> crate::sql::Result<Vec<KnownFacility>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT f.id, f.name, d.id FROM place f JOIN place d ON d.id = f.parent_id
         WHERE d.level = 'district' AND f.level IN {FACILITY_LEVELS} ORDER BY f.id"
    ))?;
    stmt.query_map([], |r| {
        Ok(KnownFacility {
            id: r.get(0)?,
            name: r.get(1)?,
            district: r.get(2)?,
        })
    })?
    .collect()
}

fn users(conn: &Db) -> crate::sql::Result<Vec<KnownUser>> {
    let mut stmt = conn.prepare(
        "SELECT username, display_name, affiliation FROM user_account ORDER BY username",
    )?;
    stmt.query_map([], |r| {
        Ok(KnownUser {
            username: r.get(0)?,
            display_name: r.get(1)?,
            // A code this build does not know counts as none; a row's mentor_association wins.
            association: r
                .get::<_, Option<String>>(2)?
                .and_then(|code| parse_association(&code).ok()),
        })
    })?
    .collect()
}

fn stored_mentee(id: DocId, doc: &Automerge) -> Option<StoredMentee> {
    let record = mentee::read(doc).ok()?;
    let history = mentee::read_history(doc).ok()?;
    Some(StoredMentee {
        id: MenteeId(id.as_uuid()),
        facility: record.facility,
        name: record.name,
        cadre: record.cadre,
        merged: history.merged_into.is_some(),
        assessments: history.all_assessments(),
        validated: history.validations.keys().cloned().collect(),
    })
}
