//! Facility-level records: the baseline assessment and onsite data verification.
//!
//! Both are filled in against a versioned tool of the catalogue, like a checklist.

use serde::{Deserialize, Serialize};

use super::date::{Date, YearMonth};
use super::ids::{
    BaselineAssessmentId, DataVerificationId, IndicatorId, ItemId, MentorId, PlaceId,
};

/// The state of one baseline item (equipment, guideline, organisation of a service).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineAnswer {
    Yes,
    Partial,
    No,
    NotApplicable,
}

/// The answer to one baseline item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineResponse {
    pub item: ItemId,
    pub answer: BaselineAnswer,
}

/// The facility baseline (Tutorat's situational analysis) made before mentorship starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineAssessment {
    pub id: BaselineAssessmentId,
    pub facility: PlaceId,
    pub date: Date,
    pub assessor: MentorId,
    pub tool_version: u32,
    pub responses: Vec<BaselineResponse>,
    pub notes: String,
}

/// Reported versus recounted value of one indicator for the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorCount {
    pub indicator: IndicatorId,
    /// The value reported in the monthly report (HMIS / DHIS2).
    pub reported: u32,
    /// The value recounted from the registers on site.
    pub recounted: u32,
}

/// An onsite data verification for one facility and month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataVerification {
    pub id: DataVerificationId,
    pub facility: PlaceId,
    pub period: YearMonth,
    pub verified_on: Date,
    pub verified_by: MentorId,
    pub form_version: u32,
    pub counts: Vec<IndicatorCount>,
}
