//! A cell of the facility's progress matrix (the progress tracker sheet it replaces): where a
//! mentee stands on a competency and what to say beside it. The progress page lays the cells
//! out as mentees × the competencies any of them is mentored on, and exports them as CSV.

use super::{History, MenteeRecord};
use crate::domain::{CompetencyId, Date};
use crate::rules::{CompetencyStatus, ValidationPolicy};

/// What a cell says beside the status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellDetail {
    /// Validated on this date.
    ValidatedOn(Date),
    /// Not validated: the latest assessment's score, whole percent rounded down.
    LatestScore(u8),
}

/// One cell of the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgressCell {
    pub status: CompetencyStatus,
    /// `None` before any assessment.
    pub detail: Option<CellDetail>,
}

/// The mentee's cell on `competency`; `None` when their record does not name it (not mentored).
pub fn progress_cell(
    record: &MenteeRecord,
    history: &History,
    policy: &ValidationPolicy,
    competency: &CompetencyId,
) -> Option<ProgressCell> {
    if !record.competencies.contains(competency.as_str()) {
        return None;
    }
    let detail = match history.validations.get(competency) {
        Some(entry) => Some(CellDetail::ValidatedOn(entry.validation.date)),
        None => (history.assessments_of(competency).last())
            .map(|latest| CellDetail::LatestScore(latest.score.percent_floor())),
    };
    Some(ProgressCell {
        status: history.readiness(policy, competency).status,
        detail,
    })
}

#[cfg(test)]
mod tests;
