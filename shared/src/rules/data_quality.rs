//! Data verification: the verification factor is recounted ÷ reported. Below 1 the facility
//! over-reported (the registers hold fewer than the report), above 1 it under-reported.
//! Within the form's tolerance (e.g. ±10%) the report counts as accurate.

use serde::{Deserialize, Serialize};

use crate::domain::{IndicatorCount, IndicatorId, Percent, Proportion};

/// How a reported value compares with the recount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataAccuracy {
    Accurate,
    OverReported,
    UnderReported,
    /// Nothing reported although the registers hold cases.
    ReportedZeroButFound,
    /// Nothing reported and nothing found.
    NothingToVerify,
}

/// The verification of one indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorCheck {
    pub indicator: IndicatorId,
    /// recounted / reported; `None` when nothing was reported.
    pub factor: Option<Proportion>,
    pub accuracy: DataAccuracy,
}

/// recounted / reported, exact; `None` when nothing was reported.
pub fn verification_factor(count: &IndicatorCount) -> Option<Proportion> {
    (count.reported > 0).then(|| Proportion::new(count.recounted, count.reported))
}

/// Classifies one indicator against a tolerance around 100%.
pub fn check_indicator(count: &IndicatorCount, tolerance: Percent) -> IndicatorCheck {
    let reported = u64::from(count.reported);
    let recounted = u64::from(count.recounted);
    let allowed_difference_x10000 = u64::from(tolerance.basis_points()) * reported;
    let accuracy = match (reported, recounted) {
        (0, 0) => DataAccuracy::NothingToVerify,
        (0, _) => DataAccuracy::ReportedZeroButFound,
        _ if reported.abs_diff(recounted) * 10_000 <= allowed_difference_x10000 => {
            DataAccuracy::Accurate
        }
        _ if recounted < reported => DataAccuracy::OverReported,
        _ => DataAccuracy::UnderReported,
    };
    IndicatorCheck {
        indicator: count.indicator.clone(),
        factor: verification_factor(count),
        accuracy,
    }
}

#[cfg(test)]
mod tests;
