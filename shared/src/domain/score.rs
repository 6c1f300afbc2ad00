//! Exact scores and proportions.
//!
//! A score is kept as the fraction achieved / applicable weight, never as a float, so the 85%
//! validation boundary is decided exactly: 85/100 passes, 8499/10000 does not.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// A threshold in basis points (hundredths of a percent): 85% is `Percent::from_basis_points(8500)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct Percent(u16);

/// A threshold above 100%.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0} basis points is above 100%")]
pub struct PercentOutOfRange(pub u16);

impl Percent {
    pub const ZERO: Self = Self(0);
    pub const HUNDRED: Self = Self(10_000);

    /// A whole percentage, e.g. `Percent::whole(85)`; clamped to 100.
    pub const fn whole(percent: u8) -> Self {
        let percent = if percent > 100 { 100 } else { percent };
        Self(percent as u16 * 100)
    }

    pub fn from_basis_points(basis_points: u16) -> Result<Self, PercentOutOfRange> {
        if basis_points > 10_000 {
            Err(PercentOutOfRange(basis_points))
        } else {
            Ok(Self(basis_points))
        }
    }

    pub fn basis_points(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for Percent {
    type Error = PercentOutOfRange;
    fn try_from(basis_points: u16) -> Result<Self, Self::Error> {
        Self::from_basis_points(basis_points)
    }
}

impl From<Percent> for u16 {
    fn from(percent: Percent) -> u16 {
        percent.0
    }
}

/// A score: achieved weight out of applicable weight, with at least one applicable unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawScore")]
pub struct Score {
    achieved: u32,
    applicable: u32,
}

#[derive(Deserialize)]
struct RawScore {
    achieved: u32,
    applicable: u32,
}

/// A score whose parts cannot make a fraction in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("nothing applicable to score")]
    NothingApplicable,
    #[error("achieved {achieved} exceeds applicable {applicable}")]
    AchievedExceedsApplicable { achieved: u32, applicable: u32 },
}

impl TryFrom<RawScore> for Score {
    type Error = ScoreError;
    fn try_from(raw: RawScore) -> Result<Self, Self::Error> {
        Self::new(raw.achieved, raw.applicable)
    }
}

impl Score {
    pub fn new(achieved: u32, applicable: u32) -> Result<Self, ScoreError> {
        if applicable == 0 {
            Err(ScoreError::NothingApplicable)
        } else if achieved > applicable {
            Err(ScoreError::AchievedExceedsApplicable {
                achieved,
                applicable,
            })
        } else {
            Ok(Self {
                achieved,
                applicable,
            })
        }
    }

    pub fn achieved(self) -> u32 {
        self.achieved
    }

    pub fn applicable(self) -> u32 {
        self.applicable
    }

    /// Whether the score reaches `threshold`, decided exactly by cross-multiplication.
    pub fn meets(self, threshold: Percent) -> bool {
        u64::from(self.achieved) * 10_000 >= u64::from(threshold.0) * u64::from(self.applicable)
    }

    /// The score in basis points, rounded down, so a displayed 85.00% always passes an 85% bar.
    pub fn basis_points_floor(self) -> u16 {
        let basis_points = u64::from(self.achieved) * 10_000 / u64::from(self.applicable);
        u16::try_from(basis_points).unwrap_or(10_000)
    }

    /// The score as a whole percentage, rounded down (0..=100).
    pub fn percent_floor(self) -> u8 {
        u8::try_from(self.basis_points_floor() / 100).unwrap_or(100)
    }

    /// Compares the values of two scores (1/2 equals 2/4), not their parts.
    pub fn cmp_value(self, other: Score) -> Ordering {
        (u64::from(self.achieved) * u64::from(other.applicable))
            .cmp(&(u64::from(other.achieved) * u64::from(self.applicable)))
    }
}

/// A proportion in a report, e.g. validated mentees over total mentees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Proportion {
    pub numerator: u32,
    pub denominator: u32,
}

impl Proportion {
    pub fn new(numerator: u32, denominator: u32) -> Self {
        Self {
            numerator,
            denominator,
        }
    }

    /// Whole percentage rounded half up, as reports print it (143 of 155 is 92%); `None` for 0/0.
    pub fn percent_rounded(self) -> Option<u32> {
        if self.denominator == 0 {
            return None;
        }
        let scaled = u64::from(self.numerator) * 200 + u64::from(self.denominator);
        u32::try_from(scaled / (2 * u64::from(self.denominator))).ok()
    }
}

#[cfg(test)]
mod tests;
