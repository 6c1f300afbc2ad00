//! Newtype identifiers, so a `MenteeId` can never be passed where a `MentorId` is expected.
//!
//! Record ids are UUIDs minted by the device adapters (the browser or the server) and passed in:
//! this crate never generates randomness. Catalogue ids (competencies, checklist items,
//! questions) are stable human-readable slugs written in the catalogue files.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A deterministic id, for fixtures and the demo dataset.
            pub const fn from_u128(value: u128) -> Self {
                Self(Uuid::from_u128(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

uuid_id! {
    /// A node of the places hierarchy: country, province, district or facility.
    PlaceId,
    /// A mentor (association, district-based, health-centre staff or CEHO).
    MentorId,
    /// A mentee: a provider being mentored, CHWs included.
    MenteeId,
    /// A supervisor reviewing mentorship at district, national or programme level.
    SupervisorId,
    /// A mentorship visit to a facility.
    VisitId,
    /// One assessment: a knowledge test or a checklist observation.
    AssessmentId,
    /// The record that a mentee was validated on a competency.
    ValidationId,
    /// A facility baseline assessment.
    BaselineAssessmentId,
    /// A quality-improvement project opened at a debrief.
    QiProjectId,
    /// One action of a QI project's action plan.
    QiActionId,
    /// A coaching plan targeting a mentee's weak competencies.
    CoachingPlanId,
    /// A quarterly CHW group mentorship session.
    ChwGroupSessionId,
    /// An onsite data verification.
    DataVerificationId,
    /// One run of the Tutorat six-step cycle at a facility.
    TutoratCycleId,
}

macro_rules! slug_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a catalogue slug.
            pub fn new(slug: impl Into<String>) -> Self {
                Self(slug.into())
            }

            /// The slug as written in the catalogue.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

slug_id! {
    /// A competency of the catalogue, e.g. `hbb`.
    CompetencyId,
    /// A step of a skills checklist or a facility tool, unique within its tool.
    ItemId,
    /// A section of a checklist, unique within its checklist.
    SectionId,
    /// A knowledge-test question, unique within its test.
    QuestionId,
    /// An answer option, unique within its question.
    OptionId,
    /// An indicator of the data verification form.
    IndicatorId,
}
