//! Per-programme rules with the defaults the seed documents give: 85% pass mark with all
//! critical steps, CHW groups of 5–9, and visit cadence by kind of mentor.

use serde::{Deserialize, Serialize};

use crate::domain::{MentorAffiliation, Percent, Programme};

/// HNQIS-style competency classes: scores at or above `competent` (with every critical step done)
/// are competent, at or above `needs_improvement` need improvement, below are not competent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassThresholds {
    pub competent: Percent,
    pub needs_improvement: Percent,
}

/// When a skills assessment validates a mentee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationPolicy {
    /// Minimum score of a post-mentorship assessment (85% in Ingobyi).
    pub pass_mark: Percent,
    /// "Performs the technique properly": every critical step done.
    pub require_all_critical_steps: bool,
    /// Optional competency classes; `None` when the programme does not use them.
    pub classes: Option<ClassThresholds>,
}

impl Default for ValidationPolicy {
    fn default() -> Self {
        Self {
            pass_mark: Percent::whole(85),
            require_all_critical_steps: true,
            classes: None,
        }
    }
}

/// The period a cadence target is counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CadencePeriod {
    Week,
    Month,
    Quarter,
}

/// How often a kind of mentor is expected to visit each assigned facility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceTarget {
    pub visits: u8,
    pub per: CadencePeriod,
    /// Days on site per visit, consecutive.
    pub days_per_visit: u8,
}

/// Allowed size of a CHW group; sessions outside it are recorded but flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSizeRange {
    pub min: u8,
    pub max: u8,
}

/// How a group's size compares with the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupSizeFlag {
    WithinRange,
    TooSmall,
    TooLarge,
}

impl GroupSizeRange {
    pub fn flag(self, participants: usize) -> GroupSizeFlag {
        if participants < usize::from(self.min) {
            GroupSizeFlag::TooSmall
        } else if participants > usize::from(self.max) {
            GroupSizeFlag::TooLarge
        } else {
            GroupSizeFlag::WithinRange
        }
    }
}

/// Everything configurable per programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeRules {
    pub programme: Programme,
    pub validation: ValidationPolicy,
    pub chw_group_size: GroupSizeRange,
    /// Cadence target per kind of mentor; kinds without a target are not measured.
    pub cadence: Vec<(MentorAffiliation, CadenceTarget)>,
}

impl ProgrammeRules {
    /// The defaults from the seed documents.
    pub fn defaults_for(programme: Programme) -> Self {
        let monthly = |visits, days_per_visit| CadenceTarget {
            visits,
            per: CadencePeriod::Month,
            days_per_visit,
        };
        let cadence = match programme {
            Programme::Ingobyi => vec![
                (MentorAffiliation::Rpa, monthly(1, 3)),
                (MentorAffiliation::Ram, monthly(1, 3)),
                (MentorAffiliation::Rsog, monthly(1, 3)),
                (MentorAffiliation::DistrictBased, monthly(2, 2)),
                (
                    MentorAffiliation::Ceho,
                    CadenceTarget {
                        visits: 1,
                        per: CadencePeriod::Quarter,
                        days_per_visit: 1,
                    },
                ),
            ],
            Programme::RbcHivMentorship => vec![(
                MentorAffiliation::RbcClinicalMentor,
                CadenceTarget {
                    visits: 3,
                    per: CadencePeriod::Week,
                    days_per_visit: 1,
                },
            )],
            Programme::Mesh => vec![(MentorAffiliation::DistrictBased, monthly(2, 2))],
            Programme::Tutorat | Programme::TutoratPlus => {
                vec![(MentorAffiliation::DistrictBased, monthly(1, 1))]
            }
        };
        let classes = match programme {
            // MESH used HNQIS-style classes; others validate on the pass mark alone.
            Programme::Mesh => Some(ClassThresholds {
                competent: Percent::whole(85),
                needs_improvement: Percent::whole(50),
            }),
            _ => None,
        };
        Self {
            programme,
            validation: ValidationPolicy {
                classes,
                ..ValidationPolicy::default()
            },
            chw_group_size: GroupSizeRange { min: 5, max: 9 },
            cadence,
        }
    }

    pub fn cadence_for(&self, affiliation: MentorAffiliation) -> Option<CadenceTarget> {
        self.cadence
            .iter()
            .find(|(kind, _)| *kind == affiliation)
            .map(|(_, target)| *target)
    }
}

#[cfg(test)]
mod tests;
