//! Mentee documents written by the server itself, as a device no tablet is (the progress-tracker
//! import, `setup/tracker.rs`, and the demo records, `demo.rs`): each record is loaded (or
//! created), written with the shared document writers under that device's actor, and its new
//! changes stored through the sync store with a new sequence number, so every tablet whose scope
//! covers the facility receives them at its next sync. [`write_new_docs`] does the same for new
//! documents of other kinds.

use std::collections::BTreeSet;

use crate::sql::Db;
use automerge::Automerge;
use mentora_shared::documents::DocError;
use mentora_shared::documents::fields::at_time;
use mentora_shared::documents::mentee::{
    self, AssessmentEntry, CoachingEntry, MenteeRecord, ValidationEntry,
};
use mentora_shared::domain::{CompetencyId, MenteeId};
use mentora_shared::sync::server::ServerConfig;
use mentora_shared::sync::{
    DeviceId, DocHeader, DocId, DocKind, PlaceId, Scope, ServerStore as _, StoreOp,
};

use crate::store::{DbStore, StoreError};

/// What to write to one mentee's document.
#[derive(Clone, Debug)]
pub struct MenteeWrite {
    pub id: MenteeId,
    /// The record to create if none is stored (the competencies of `assessments` are added to
    /// it); `None` writes only to a stored record.
    pub new: Option<NewRecord>,
    /// Added unless already there (an assessment is kept under its id).
    pub assessments: Vec<AssessmentEntry>,
    /// Added; a competency already validated is refused.
    pub validations: Vec<ValidationEntry>,
    /// Coaching plans set, by competency.
    pub coaching: Vec<(CompetencyId, CoachingEntry)>,
}

/// A new mentee record and the district of its facility (the document's scope).
#[derive(Clone, Debug)]
pub struct NewRecord {
    pub record: MenteeRecord,
    pub district: String,
}

/// Why the documents were not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Database(#[from] crate::sql::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A stored mentee record does not load, or a write was refused.
    #[error("mentee document {doc}: {reason}")]
    Document { doc: String, reason: String },
}

/// A stored document: header, the document, and how many change chunks it has beside its
/// snapshot.
pub fn load(
    store: &DbStore<'_>,
    id: DocId,
) -> Result<Option<(DocHeader, Automerge, usize)>, WriteError> {
    let Some(stored) = store.load_doc(id)? else {
        return Ok(None);
    };
    let Some(header) = stored.header else {
        return Ok(None);
    };
    let broken = |e: automerge::AutomergeError| WriteError::Document {
        doc: id.to_string(),
        reason: e.to_string(),
    };
    let mut doc = match &stored.snapshot {
        Some(snapshot) => Automerge::load(snapshot).map_err(broken)?,
        None => Automerge::new(),
    };
    for chunk in &stored.changes {
        doc.load_incremental(chunk).map_err(broken)?;
    }
    Ok(Some((header, doc, stored.changes.len())))
}

/// Writes `writes` in `conn` (inside the caller's transaction) as `author`, changes stamped `now`
/// (Unix seconds), and stores them in one batch; answers how many documents changed.
pub fn write(
    conn: &Db,
    author: DeviceId,
    now: i64,
    writes: &[MenteeWrite],
) -> Result<usize, WriteError> {
    let mut store = DbStore::new(conn);
    let mut seq = store.last_seq()?;
    let mut ops = Vec::new();
    let mut changed = 0;
    for write in writes {
        let doc_id = DocId(*write.id.0.as_bytes());
        let failed = |reason: String| WriteError::Document {
            doc: doc_id.to_string(),
            reason,
        };
        let (header, mut doc, chunks, created) = match load(&store, doc_id)? {
            Some((header, doc, chunks)) => (header, doc, chunks, false),
            None => {
                let new = write
                    .new
                    .as_ref()
                    .ok_or_else(|| failed("not stored".into()))?;
                (new_header(new).map_err(failed)?, Automerge::new(), 0, true)
            }
        };
        doc.set_actor(author.actor());
        let old_heads = doc.get_heads();
        at_time(now, || write_one(&mut doc, write, created)).map_err(|e| failed(e.to_string()))?;
        if stage(
            &mut ops,
            &mut seq,
            (doc_id, header),
            &doc,
            &old_heads,
            chunks,
            author,
        ) {
            changed += 1;
        }
    }
    store.apply(ops)?;
    Ok(changed)
}

/// Fills an empty document with the shared writers.
pub type Fill<'a> = dyn Fn(&mut Automerge) -> Result<(), DocError> + 'a;

/// A new document of any kind (a CHW session, …): its id and header, and the shared writer
/// that fills the empty document.
pub struct NewDoc<'a> {
    pub id: DocId,
    pub header: DocHeader,
    pub fill: Box<Fill<'a>>,
}

/// Writes each of `docs` that is not stored yet, as [`write`] does; answers how many were.
pub fn write_new_docs(
    conn: &Db,
    author: DeviceId,
    now: i64,
    docs: &[NewDoc<'_>],
) -> Result<usize, WriteError> {
    let mut store = DbStore::new(conn);
    let mut seq = store.last_seq()?;
    let mut ops = Vec::new();
    let mut changed = 0;
    for new in docs {
        if store.load_doc(new.id)?.is_some() {
            continue;
        }
        let mut doc = Automerge::new();
        doc.set_actor(author.actor());
        at_time(now, || (new.fill)(&mut doc)).map_err(|e| WriteError::Document {
            doc: new.id.to_string(),
            reason: e.to_string(),
        })?;
        if stage(
            &mut ops,
            &mut seq,
            (new.id, new.header.clone()),
            &doc,
            &[],
            0,
            author,
        ) {
            changed += 1;
        }
    }
    store.apply(ops)?;
    Ok(changed)
}

/// Adds to `ops` the store operations for `doc`'s changes since `old_heads` (and a snapshot once
/// it has `compact_after_chunks` chunks); false if there are none.
fn stage(
    ops: &mut Vec<StoreOp>,
    seq: &mut u64,
    (doc_id, header): (DocId, DocHeader),
    doc: &Automerge,
    old_heads: &[automerge::ChangeHash],
    chunks: usize,
    author: DeviceId,
) -> bool {
    let changes: Vec<Vec<u8>> = doc
        .get_changes(old_heads)
        .iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    if changes.is_empty() {
        return false;
    }
    let total = chunks + changes.len();
    *seq += 1;
    ops.push(StoreOp::PutDoc {
        doc_id,
        header,
        seq: *seq,
    });
    ops.push(StoreOp::AppendChanges {
        doc_id,
        author,
        changes,
    });
    if total >= ServerConfig::default().compact_after_chunks {
        ops.push(StoreOp::Compact {
            doc_id,
            snapshot: doc.save(),
        });
    }
    true
}

/// The header of a new record: kind `mentee` at its facility and district.
fn new_header(new: &NewRecord) -> Result<DocHeader, String> {
    let place = |name: &str| PlaceId::new(name).map_err(|e| format!("place '{name}': {e}"));
    Ok(DocHeader {
        kind: DocKind::new(mentee::KIND).map_err(|e| e.to_string())?,
        schema_version: mentee::SCHEMA_VERSION,
        scope: Scope {
            district: place(&new.district)?,
            facility: Some(place(&new.record.facility)?),
        },
    })
}

fn write_one(doc: &mut Automerge, write: &MenteeWrite, created: bool) -> Result<(), DocError> {
    let competencies: BTreeSet<String> = write
        .assessments
        .iter()
        .map(|a| a.assessment.competency.as_str().to_owned())
        .collect();
    match (&write.new, created) {
        (Some(new), true) => {
            let mut record = new.record.clone();
            record.competencies.extend(competencies);
            mentee::write_new(doc, &record)?;
        }
        _ => {
            let mut record = mentee::read(doc)?;
            if !competencies.is_subset(&record.competencies) {
                record.competencies.extend(competencies);
                mentee::update(doc, &record)?;
            }
        }
    }
    for entry in &write.assessments {
        mentee::add_assessment(doc, entry)?;
    }
    for entry in &write.validations {
        mentee::add_validation(doc, entry)?;
    }
    for (competency, entry) in &write.coaching {
        mentee::set_coaching(doc, competency, Some(entry))?;
    }
    Ok(())
}
