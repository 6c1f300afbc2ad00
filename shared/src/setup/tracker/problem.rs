//! What is wrong with one row, in words an admin can act on.

use serde::{Deserialize, Serialize};

use crate::domain::Score;

/// One row's problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    MissingValue {
        column: String,
    },
    TooLong {
        column: String,
        max: usize,
    },
    UnknownFacility {
        facility: String,
    },
    /// A facility name that several facilities have: the code tells them apart.
    AmbiguousFacility {
        facility: String,
    },
    UnknownCadre {
        cadre: String,
    },
    /// The phone is not echoed back: it is personal data.
    BadPhone,
    /// Two rows of one mentee give different phone numbers.
    ConflictingPhone {
        first_row: usize,
    },
    UnknownUser {
        column: String,
        username: String,
    },
    UnknownAssociation {
        association: String,
    },
    /// Neither a mentor username nor a mentor name with an association.
    NoMentor,
    UnknownCompetency {
        competency: String,
    },
    /// The competency has no knowledge test (a test row) or checklist (an observation).
    NoCurrentVersion {
        competency: String,
        kind: String,
    },
    UnknownKind {
        kind: String,
    },
    BadDate {
        column: String,
        value: String,
    },
    FutureDate {
        column: String,
        date: String,
    },
    /// Not a percentage (87.5) or items (14/16).
    BadScore {
        score: String,
    },
    ScoreOutOfRange {
        score: String,
    },
    BadYesNo {
        column: String,
        value: String,
    },
    UnknownCase {
        case: String,
    },
    /// Only observations have critical steps and a case.
    NotAnObservation {
        column: String,
    },
    /// A validation date without a validator, or the other way round.
    IncompleteValidation {
        missing: String,
    },
    ValidationBeforeAssessment {
        validation_date: String,
        date: String,
    },
    /// A validating observation below the pass mark.
    BelowPassMark {
        score: Score,
        pass_mark_percent: u8,
    },
    /// A validating observation with a critical step not done.
    CriticalStepsMissed,
    /// Another row validates the same mentee on the same competency.
    ValidatedTwice {
        first_row: usize,
    },
    /// The same assessment (mentee, competency, kind, date and score) as an earlier row.
    DuplicateRow {
        first_row: usize,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MissingValue { column } => write!(f, "no {column}"),
            Self::TooLong { column, max } => write!(f, "the {column} is over {max} characters"),
            Self::UnknownFacility { facility } => write!(f, "unknown facility '{facility}'"),
            Self::AmbiguousFacility { facility } => write!(
                f,
                "several facilities are called '{facility}': give the facility code"
            ),
            Self::UnknownCadre { cadre } => write!(
                f,
                "unknown cadre '{cadre}' (medical_doctor, intern, nurse, midwife, chw or ceho)"
            ),
            Self::BadPhone => write!(f, "the phone may hold only digits, spaces and + - ( )"),
            Self::ConflictingPhone { first_row } => write!(
                f,
                "the phone differs from row {first_row} for the same mentee"
            ),
            Self::UnknownUser { column, username } => {
                write!(f, "unknown {column} '{username}' (no such account)")
            }
            Self::UnknownAssociation { association } => write!(
                f,
                "unknown association '{association}' (rpa, ram, rsog, district_based, health_centre_staff, ceho or rbc_clinical_mentor)"
            ),
            Self::NoMentor => write!(
                f,
                "no mentor: give a mentor_username, or a mentor_name with a mentor_association"
            ),
            Self::UnknownCompetency { competency } => {
                write!(f, "unknown competency '{competency}'")
            }
            Self::NoCurrentVersion { competency, kind } => {
                write!(f, "competency '{competency}' has no {kind}")
            }
            Self::UnknownKind { kind } => write!(
                f,
                "unknown kind '{kind}' (pre_test, post_test or observation)"
            ),
            Self::BadDate { column, value } => {
                write!(f, "the {column} '{value}' is not a date written YYYY-MM-DD")
            }
            Self::FutureDate { column, date } => write!(f, "the {column} {date} is in the future"),
            Self::BadScore { score } => write!(
                f,
                "score '{score}' is neither a percentage (87.5) nor items done (14/16)"
            ),
            Self::ScoreOutOfRange { score } => {
                write!(f, "score '{score}' is not between 0 and 100%")
            }
            Self::BadYesNo { column, value } => {
                write!(f, "the {column} '{value}' is neither yes nor no")
            }
            Self::UnknownCase { case } => {
                write!(f, "unknown case '{case}' (real or simulated)")
            }
            Self::NotAnObservation { column } => {
                write!(f, "only an observation has a {column}")
            }
            Self::IncompleteValidation { missing } => {
                write!(
                    f,
                    "a validation needs both its date and its validator: no {missing}"
                )
            }
            Self::ValidationBeforeAssessment {
                validation_date,
                date,
            } => write!(
                f,
                "validated on {validation_date}, before the observation of {date}"
            ),
            Self::BelowPassMark {
                score,
                pass_mark_percent,
            } => write!(
                f,
                "validated with {}/{}, below the {pass_mark_percent}% pass mark",
                score.achieved(),
                score.applicable()
            ),
            Self::CriticalStepsMissed => {
                write!(f, "validated although a critical step was not done")
            }
            Self::ValidatedTwice { first_row } => write!(
                f,
                "row {first_row} already validates this mentee on this competency"
            ),
            Self::DuplicateRow { first_row } => write!(f, "the same assessment as row {first_row}"),
        }
    }
}

/// One row's problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    #[serde(flatten)]
    pub problem: Problem,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}: {}", self.row, self.problem)
    }
}
