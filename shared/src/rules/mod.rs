//! The rules of clinical mentorship, as pure functions: scoring, validation,
//! readiness, CHW group size, visit cadence and data verification.
//!
//! Defaults come from the seed documents and are configurable per programme
//! ([`ProgrammeRules`]).

pub mod data_quality;
pub mod policy;
pub mod readiness;
pub mod scoring;
pub mod validation;

#[cfg(test)]
mod fixtures;

pub use data_quality::{DataAccuracy, IndicatorCheck, check_indicator, verification_factor};
pub use policy::{
    CadencePeriod, CadenceTarget, ClassThresholds, GroupSizeFlag, GroupSizeRange, ProgrammeRules,
    ValidationPolicy,
};
pub use readiness::{CompetencyStatus, NextStep, Readiness, WeakStep, readiness, weak_steps};
pub use scoring::{
    ChecklistOutcome, ScoringError, checklist_result, score_checklist, score_knowledge_test,
};
pub use validation::{
    CompetencyClass, ValidationGap, ValidationRefused, classify, validate, validation_gaps,
};
