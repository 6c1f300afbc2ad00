//! Saving a group session: first the `chw_session` document, then each CHW's assessment in
//! their own mentee document (so it counts in the progress tracker and towards validation).

use std::collections::BTreeMap;

use leptos::prelude::*;
use mentora_shared::catalogue::Competency;
use mentora_shared::documents::chw_session::{self, ChwSession, Participant};
use mentora_shared::documents::mentee::{AssessmentEntry, mentor_id};
use mentora_shared::domain::{
    Assessment, AssessmentId, AssessmentKind, ChecklistResult, ChwGroupSessionId, CompetencyId,
    MentorAffiliation, Score,
};
use mentora_shared::sync::{DocHeader, DocId};

use super::draft::Checked;
use crate::engine::{self, SyncView};
use crate::error::AppError;
use crate::places::Place;
use crate::{platform, records};

/// Everything one press of Save writes. Kept until it is all durable: after a failure part-way,
/// a retry finishes the same session instead of creating a second one, and the assessments it
/// replays are no-ops (they keep their ids).
#[derive(Clone, Debug)]
pub(super) struct Batch {
    pub header: DocHeader,
    pub session: ChwSession,
    pub competency: CompetencyId,
    pub assessor_name: String,
    /// The facilitator's affiliation, recorded with each CHW's assessment.
    pub association: Option<MentorAffiliation>,
    pub assessments: Vec<(DocId, AssessmentId, Score, ChecklistResult)>,
    /// Set once the session document exists on the device.
    pub created: Option<DocId>,
}

pub(super) async fn persist(
    sync: SyncView,
    batch: StoredValue<Option<Batch>>,
) -> Result<(), AppError> {
    let Some(mut current) = batch.get_value() else {
        return Ok(());
    };
    let doc = match current.created {
        Some(doc) => doc,
        None => {
            let session = current.session.clone();
            let doc = engine::create(sync, current.header.clone(), move |automerge| {
                chw_session::write_new(automerge, &session).map_err(AppError::from)
            })
            .await?;
            current.created = Some(doc);
            batch.set_value(Some(current.clone()));
            doc
        }
    };
    let session_id = ChwGroupSessionId(uuid::Uuid::from_bytes(doc.0));
    for (mentee, id, score, result) in current.assessments {
        let entry = AssessmentEntry {
            assessment: Assessment {
                id,
                mentee: records::mentee_id(mentee),
                assessor: current.session.facilitator,
                competency: current.competency.clone(),
                date: current.session.date,
                visit: None,
                kind: AssessmentKind::ChwGroupAssessment {
                    session: session_id,
                    result,
                },
                score,
                recorded_at: Some(platform::now_ms()),
            },
            assessor_name: current.assessor_name.clone(),
            feedback: None,
            association: current.association,
        };
        records::save_assessment(sync, mentee, entry).await?;
    }
    batch.set_value(None);
    Ok(())
}

/// Builds the batch for a checked draft: a fresh id for each CHW's assessment, listed in the
/// session's participants so the session points at every result.
pub(super) fn prepare(
    checked: Checked,
    competency: &Competency,
    place_text: String,
    username: &str,
    (shown_name, association): (String, Option<MentorAffiliation>),
    place: &Place,
) -> Result<Batch, AppError> {
    let header = records::facility_header(chw_session::KIND, chw_session::SCHEMA_VERSION, place)?;
    let mut participants = BTreeMap::new();
    let mut assessments = Vec::new();
    for (chw, score, result) in checked.results {
        let doc = records::parse_doc_id(&chw).ok_or(AppError::NotOnDevice)?;
        let id = AssessmentId(uuid::Uuid::from_bytes(
            platform::random_16().ok_or(AppError::NoRandomSource)?,
        ));
        participants.insert(
            chw,
            Participant {
                competency: competency.id.clone(),
                assessment: id,
            },
        );
        assessments.push((doc, id, score, result));
    }
    Ok(Batch {
        header,
        session: ChwSession {
            technical_area: competency.technical_area,
            date: checked.date,
            place: place_text,
            facilitator: mentor_id(username),
            facilitator_name: shown_name.clone(),
            feedback: checked.feedback,
            participants,
        },
        competency: competency.id.clone(),
        assessor_name: shown_name,
        association,
        assessments,
        created: None,
    })
}
