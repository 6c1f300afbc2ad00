//! Comments read from and written to the sync engine.

use mentora_shared::documents::comment::{self, Acknowledgement, Comment, CommentRecord, Target};
use mentora_shared::documents::order;
use mentora_shared::sync::{DocHeader, DocId, DocKind};

use crate::engine::{self, SyncView};
use crate::error::AppError;
use crate::store::{hex, unhex};

/// A comment with its document id.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub doc: DocId,
    pub record: CommentRecord,
}

/// Every readable comment on the device, newest first. (An unreadable one cannot say what it
/// is about, so it is left out rather than shown under the wrong record.)
pub fn all() -> Vec<Row> {
    let mut rows: Vec<Row> = engine::read_all(comment::KIND, |doc, _, automerge| {
        comment::read(automerge)
            .ok()
            .map(|record| Row { doc, record })
    })
    .into_iter()
    .flatten()
    .collect();
    order::sort_newest_first(&mut rows, |r| (r.doc, Some(r.record.comment.created_on)));
    rows
}

/// The comments about one target, newest first.
pub fn about(target: &Target) -> Vec<Row> {
    all()
        .into_iter()
        .filter(|row| &row.record.comment.target == target)
        .collect()
}

/// How many comments wait for `username`.
pub fn waiting_count(username: &str) -> usize {
    all().iter().filter(|r| r.record.awaits(username)).count()
}

/// Where the target is shown.
pub fn href(target: &Target) -> String {
    use mentora_shared::documents::comment::TargetKind;
    match target.kind {
        TargetKind::Visit => format!("/visits/{}", target.doc),
        TargetKind::QiProject => format!("/qi/{}", target.doc),
        TargetKind::Assessment => format!("/mentees/{}", target.doc),
    }
}

/// The header of a comment on `target`: the target document's scope, so the comment reaches
/// whoever may see the target.
fn header_for(target: &Target) -> Result<DocHeader, AppError> {
    let doc = unhex::<16>(&target.doc)
        .map(DocId)
        .ok_or(AppError::NotOnDevice)?;
    let scope =
        engine::read_one(doc, |header, _| header.scope.clone()).ok_or(AppError::NotOnDevice)?;
    Ok(DocHeader {
        kind: DocKind::new(comment::KIND).map_err(AppError::not_written)?,
        schema_version: comment::SCHEMA_VERSION,
        scope,
    })
}

/// Saves a new (already cleaned) comment; resolves once it is durable on the device.
pub async fn post(sync: SyncView, record: Comment) -> Result<(), AppError> {
    let header = header_for(&record.target)?;
    engine::create(sync, header, move |doc| {
        comment::write_new(doc, &record).map_err(AppError::from)
    })
    .await
    .map(drop)
}

/// Records that `username` read the comment (`ack` already cleaned).
pub async fn acknowledge(
    sync: SyncView,
    doc: DocId,
    username: String,
    ack: Acknowledgement,
) -> Result<(), AppError> {
    engine::edit(sync, doc, move |automerge| {
        comment::acknowledge(automerge, &username, &ack).map_err(AppError::from)
    })
    .await
}

/// The target of an assessment in a mentee's document.
pub fn assessment_target(mentee: DocId, assessment: String) -> Target {
    Target {
        kind: comment::TargetKind::Assessment,
        doc: hex(&mentee.0),
        assessment: Some(assessment),
    }
}

/// The target of a whole document (a visit, a QI project).
pub fn doc_target(kind: comment::TargetKind, doc: DocId) -> Target {
    Target {
        kind,
        doc: hex(&doc.0),
        assessment: None,
    }
}
