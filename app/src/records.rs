//! Reading and writing a mentee's record and history through the sync engine, for every screen
//! that needs them (the mentee page, tests, observations, the matrix).

use mentora_shared::documents::mentee::{self, AssessmentEntry, History, MenteeRecord};
use mentora_shared::domain::{CompetencyId, Date, MenteeId};
use mentora_shared::rules::{CompetencyStatus, Readiness, ValidationPolicy};
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId, Scope};

use crate::engine::{self, SyncView};
use crate::error::AppError;
use crate::facility_docs;
use crate::i18n::{Count, I18n};
use crate::places::Place;
use crate::store::{hex, unhex};

/// The header of a new document of `kind` kept at a facility (district = the facility's parent),
/// so the server can scope it without reading it.
pub fn facility_header(
    kind: &str,
    schema_version: u32,
    place: &Place,
) -> Result<DocHeader, AppError> {
    let district = place.parent_id.clone().unwrap_or_default();
    match (
        PlaceId::new(&district),
        PlaceId::new(&place.id),
        DocKind::new(kind),
    ) {
        (Ok(district), Ok(facility), Ok(kind)) => Ok(DocHeader {
            kind,
            schema_version,
            scope: Scope {
                district,
                facility: Some(facility),
            },
        }),
        _ => Err(AppError::PlaceCannotHoldRecords),
    }
}

/// A mentee's record and history as read from its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentee {
    pub doc: DocId,
    pub record: MenteeRecord,
    pub history: History,
}

impl Mentee {
    /// The id the domain uses for this mentee: the document id.
    pub fn id(&self) -> MenteeId {
        mentee_id(self.doc)
    }

    pub fn href(&self) -> String {
        format!("/mentees/{}", hex(&self.doc.0))
    }

    /// Where the mentee stands on one competency, under the default validation policy.
    pub fn readiness(&self, competency: &CompetencyId) -> Readiness {
        self.history
            .readiness(&ValidationPolicy::default(), competency)
    }

    /// The status of each competency the mentee is mentored on.
    pub fn statuses(&self) -> impl Iterator<Item = CompetencyStatus> + '_ {
        self.record
            .competencies
            .iter()
            .map(|c| self.readiness(&CompetencyId::new(c.as_str())).status)
    }
}

/// The figures shown on a facility's card.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FacilityCounts {
    pub mentees: usize,
    /// Competencies validated, all mentees together.
    pub validated: usize,
    /// Competencies still in coaching: each needs a follow-up.
    pub in_coaching: usize,
    /// Coaching plans whose target date has passed without validation.
    pub overdue: usize,
}

impl FacilityCounts {
    /// "2 mentees · 1 competency validated · 1 in coaching (follow-up due)".
    pub fn summary(&self, i18n: I18n) -> String {
        format!(
            "{} · {} · {}",
            i18n.count(self.mentees, Count::Mentees),
            i18n.count(self.validated, Count::CompetenciesValidated),
            i18n.count(self.in_coaching, Count::InCoaching)
        )
    }
}

pub fn facility_counts(facility: &str, today: Date) -> FacilityCounts {
    let mut counts = FacilityCounts::default();
    for mentee in at_facility(facility).into_iter().filter_map(Result::ok) {
        counts.mentees += 1;
        for status in mentee.statuses() {
            match status {
                CompetencyStatus::Validated => counts.validated += 1,
                CompetencyStatus::InCoaching => counts.in_coaching += 1,
                CompetencyStatus::NotStarted => {}
            }
        }
        counts.overdue += mentee
            .history
            .coaching
            .iter()
            .filter(|(competency, plan)| {
                plan.target.is_some_and(|t| t < today)
                    && !mentee.history.validations.contains_key(*competency)
            })
            .count();
    }
    counts
}

pub fn mentee_id(doc: DocId) -> MenteeId {
    MenteeId(uuid::Uuid::from_bytes(doc.0))
}

/// Parses the `:id` of a mentee route.
pub fn parse_doc_id(text: &str) -> Option<DocId> {
    unhex::<16>(text).map(DocId)
}

fn read(doc: DocId, automerge: &automerge::Automerge) -> Result<Mentee, AppError> {
    Ok(Mentee {
        doc,
        record: mentee::read(automerge).map_err(AppError::unreadable)?,
        history: mentee::read_history(automerge).map_err(AppError::unreadable)?,
    })
}

/// One mentee; `None` when the document is not on this device.
pub fn load(doc: DocId) -> Option<Result<Mentee, AppError>> {
    engine::read_one(doc, |_, automerge| read(doc, automerge))
}

/// The mentees at a facility that were not merged into another record, by name. Records that
/// cannot be read are returned as errors so the screen can say so.
pub fn at_facility(facility: &str) -> Vec<Result<Mentee, (DocId, AppError)>> {
    let mut rows: Vec<_> =
        facility_docs::with_doc_on_error(facility_docs::all_of_kind(mentee::KIND, facility, read))
            .into_iter()
            .filter(|row| !matches!(row, Ok(m) if m.history.merged_into.is_some()))
            .collect();
    rows.sort_by_key(|row| match row {
        Ok(m) => (0, m.record.name.to_lowercase()),
        Err(_) => (1, String::new()),
    });
    rows
}

/// Saves an assessment into the mentee's document; resolves once it is durable on the device.
pub async fn save_assessment(
    sync: SyncView,
    doc: DocId,
    entry: AssessmentEntry,
) -> Result<(), AppError> {
    engine::edit(sync, doc, move |automerge| {
        mentee::add_assessment(automerge, &entry).map_err(AppError::from)
    })
    .await
}
