//! QI projects read from and written to the sync engine. (Kept beside the screens rather than in
//! `records.rs`, which is about mentees.)

use automerge::Automerge;
use mentora_shared::documents::qi::{self, QiProject};
use mentora_shared::domain::Date;
use mentora_shared::sync::DocId;

use crate::engine::{self, SyncView};
use crate::error::AppError;
use crate::store::hex;
use crate::{facility_docs, platform};

/// A project with its document id.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub doc: DocId,
    pub project: QiProject,
    /// The visit (hex id) and debrief activity the project was opened from, if any.
    pub debrief: Option<(String, String)>,
}

impl Project {
    pub fn href(&self) -> String {
        href(self.doc)
    }
}

pub fn href(doc: DocId) -> String {
    format!("/qi/{}", hex(&doc.0))
}

fn read(doc: DocId, automerge: &Automerge) -> Result<Project, AppError> {
    let debrief = qi::debrief_link(automerge).map_err(AppError::unreadable)?;
    qi::read(automerge)
        .map(|project| Project {
            doc,
            project,
            debrief,
        })
        .map_err(AppError::unreadable)
}

/// One project; `None` when the document is not on this device.
pub fn load(doc: DocId) -> Option<Result<Project, AppError>> {
    engine::read_one(doc, |_, automerge| read(doc, automerge))
}

/// The projects at a facility, open ones first, newest first within each; unreadable ones last,
/// as errors, so the screen can say which.
pub fn at_facility(facility: &str) -> Vec<Result<Project, (DocId, AppError)>> {
    let mut rows =
        facility_docs::with_doc_on_error(facility_docs::all_of_kind(qi::KIND, facility, read));
    rows.sort_by_key(|row| match row {
        Ok(p) => (
            u8::from(!p.project.is_open()),
            std::cmp::Reverse(p.project.opened_on),
            p.doc.0,
        ),
        Err((doc, _)) => (2, std::cmp::Reverse(Date::from_days_since_epoch(0)), doc.0),
    });
    rows
}

/// A fresh key for a cause, solution or action (see `qi::entry_key`).
pub fn new_key() -> Result<String, AppError> {
    let random = platform::random_16().ok_or(AppError::NoRandomSource)?;
    let [a, b, c, d, e, f, g, h, ..] = random;
    Ok(qi::entry_key(platform::now_ms(), [a, b, c, d, e, f, g, h]))
}

/// Applies `write` to the project's document; resolves once it is durable on the device.
pub async fn save(
    sync: SyncView,
    doc: DocId,
    write: impl FnOnce(&mut Automerge) -> Result<(), mentora_shared::documents::DocError> + 'static,
) -> Result<(), AppError> {
    engine::edit(sync, doc, move |automerge| {
        write(automerge).map_err(AppError::from)
    })
    .await
}

/// The project opened from the debrief `activity` of the visit `visit` (hex id), if any.
pub fn opened_from(visit: &str, activity: &str) -> Option<DocId> {
    engine::read_all(qi::KIND, |doc, _, automerge| {
        let link = qi::debrief_link(automerge).ok().flatten()?;
        (link.0 == visit && link.1 == activity).then_some(doc)
    })
    .into_iter()
    .flatten()
    .min_by_key(|doc| doc.0)
}

/// Opens a project on `gap` at the visit's facility, linked to its debrief; resolves with the
/// new project's id once it is durable on the device.
pub async fn open_from_debrief(
    sync: SyncView,
    visit: DocId,
    activity: String,
    gap: String,
) -> Result<DocId, AppError> {
    let scope =
        engine::read_one(visit, |header, _| header.scope.clone()).ok_or(AppError::NotOnDevice)?;
    let facility = scope
        .facility
        .as_ref()
        .map(|f| f.as_str().to_owned())
        .ok_or(AppError::PlaceCannotHoldRecords)?;
    let header = mentora_shared::sync::DocHeader {
        kind: mentora_shared::sync::DocKind::new(qi::KIND).map_err(AppError::not_written)?,
        schema_version: qi::SCHEMA_VERSION,
        scope,
    };
    let visit_hex = hex(&visit.0);
    engine::create(sync, header, move |doc| {
        qi::write_new(doc, &facility, &gap, None, platform::today())
            .and_then(|()| qi::link_debrief(doc, &visit_hex, &activity))
            .map_err(AppError::from)
    })
    .await
}
