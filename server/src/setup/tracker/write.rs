//! Writing a plan: each mentee record it touches is loaded (or created), written with the
//! shared document writers as the device `IMPORT_DEVICE`, and its new changes stored through
//! the sync store with a new sequence number, so devices receive them at their next sync.

use std::collections::BTreeSet;

use automerge::Automerge;
use mentora_shared::documents::fields::at_time;
use mentora_shared::documents::mentee::{self, MenteeRecord};
use mentora_shared::domain::MenteeId;
use mentora_shared::setup::tracker::{IMPORT_DEVICE, Plan};
use mentora_shared::sync::server::ServerConfig;
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId, Scope, ServerStore as _, StoreOp};
use rusqlite::Transaction;

use super::ImportError;
use super::known::load;
use crate::store::SqliteStore;

/// Writes `plan` (checked, without errors) in `tx`; changes are stamped `now` (Unix seconds).
pub fn write(tx: &Transaction<'_>, plan: &Plan, now: i64) -> Result<(), ImportError> {
    let mut store = SqliteStore::new(&**tx);
    let compact_after = ServerConfig::default().compact_after_chunks;
    let mut seq = store.last_seq()?;
    let mut ops = Vec::new();
    for mentee_id in plan.touched() {
        let doc_id = DocId(*mentee_id.0.as_bytes());
        let failed = |reason: String| ImportError::Document {
            doc: doc_id.to_string(),
            reason,
        };
        let (header, mut doc, chunks, created) = match load(&store, doc_id)? {
            Some((header, doc, chunks)) => (header, doc, chunks, false),
            None => (
                new_header(plan, mentee_id).map_err(failed)?,
                Automerge::new(),
                0,
                true,
            ),
        };
        doc.set_actor(IMPORT_DEVICE.actor());
        let old_heads = doc.get_heads();
        at_time(now, || write_one(&mut doc, plan, mentee_id, created))
            .map_err(|e| failed(e.to_string()))?;
        let changes: Vec<Vec<u8>> = doc
            .get_changes(&old_heads)
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect();
        if changes.is_empty() {
            continue;
        }
        let total = chunks + changes.len();
        seq += 1;
        ops.push(StoreOp::PutDoc {
            doc_id,
            header,
            seq,
        });
        ops.push(StoreOp::AppendChanges {
            doc_id,
            author: IMPORT_DEVICE,
            changes,
        });
        if total >= compact_after {
            ops.push(StoreOp::Compact {
                doc_id,
                snapshot: doc.save(),
            });
        }
    }
    store.apply(ops)?;
    Ok(())
}

/// The header of a new record: kind `mentee` at its facility and district.
fn new_header(plan: &Plan, id: MenteeId) -> Result<DocHeader, String> {
    let planned = plan
        .mentees
        .iter()
        .find(|m| m.id == id)
        .ok_or("neither stored nor planned")?;
    let place = |name: &str| PlaceId::new(name).map_err(|e| format!("place '{name}': {e}"));
    Ok(DocHeader {
        kind: DocKind::new(mentee::KIND).map_err(|e| e.to_string())?,
        schema_version: mentee::SCHEMA_VERSION,
        scope: Scope {
            district: place(&planned.district)?,
            facility: Some(place(&planned.facility)?),
        },
    })
}

fn write_one(
    doc: &mut Automerge,
    plan: &Plan,
    id: MenteeId,
    created: bool,
) -> Result<(), mentora_shared::documents::DocError> {
    let competencies: BTreeSet<String> = plan
        .assessments
        .iter()
        .filter(|a| a.mentee == id)
        .map(|a| a.competency.as_str().to_owned())
        .collect();
    if created {
        if let Some(planned) = plan.mentees.iter().find(|m| m.id == id) {
            mentee::write_new(
                doc,
                &MenteeRecord {
                    name: planned.name.clone(),
                    cadre: planned.cadre,
                    facility: planned.facility.clone(),
                    phone: planned.phone.clone(),
                    association: None,
                    competencies,
                },
            )?;
        }
    } else {
        let mut record = mentee::read(doc)?;
        if !competencies.is_subset(&record.competencies) {
            record.competencies.extend(competencies);
            mentee::update(doc, &record)?;
        }
    }
    for assessment in plan.assessments.iter().filter(|a| a.mentee == id) {
        mentee::add_assessment(doc, &assessment.entry())?;
    }
    for validation in plan.validations.iter().filter(|v| v.mentee == id) {
        mentee::add_validation(doc, &validation.entry())?;
    }
    Ok(())
}
