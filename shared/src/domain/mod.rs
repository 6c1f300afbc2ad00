//! The clinical-mentorship domain model.
//!
//! Plain data with serde: the adapters store and sync it, [`crate::rules`] decides on it and
//! [`crate::reports`] aggregates it. Nothing here reads a clock or generates ids.

pub mod assessment;
pub mod community;
pub mod dataset;
pub mod date;
pub mod facility;
pub mod ids;
pub mod improvement;
pub mod people;
pub mod places;
pub mod programme;
pub mod score;
pub mod text;
pub mod tutorat;
pub mod visit;

pub use assessment::{
    Assessment, AssessmentKind, CaseKind, ChecklistResult, ItemMark, ItemResponse, KnowledgeAnswer,
    ObservationPurpose, TestPhase, Validation,
};
pub use community::ChwGroupSession;
pub use dataset::Dataset;
pub use date::{Date, DateError, YearMonth};
pub use facility::{
    BaselineAnswer, BaselineAssessment, BaselineResponse, DataVerification, IndicatorCount,
};
pub use ids::*;
pub use improvement::{CoachingPlan, CoachingTarget, QiAction, QiActionStatus, QiProject};
pub use people::{Cadre, Mentee, Mentor, MentorAffiliation, Supervisor};
pub use places::{FacilityLevel, Place, PlaceKind, Places, PlacesError};
pub use programme::{Programme, TechnicalArea};
pub use score::{Percent, PercentOutOfRange, Proportion, Score, ScoreError};
pub use text::{BilingualText, Language};
pub use tutorat::{CompletedStep, TutoratCycle, TutoratError, TutoratStep};
pub use visit::{FollowUpChannel, Visit, VisitActivity, VisitStatus};
