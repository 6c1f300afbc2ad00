//! The facility data document: kind `facility_data`, schema 1, one per facility and year.
//!
//! Root fields: `facility` (place slug), `year` (text, e.g. "2026"), `values` (map: entry key →
//! JSON [`ValueEntry`]) and `verifications` (map: entry key → JSON [`VerificationEntry`]). An
//! entry key is `indicator/YYYY-MM` ([`entry_key`]), so the entries of two documents made
//! offline for the same facility and year on two tablets form a well-defined union
//! ([`merge`]); where both hold the same key the most recently updated wins and the screen says
//! there is a conflict.

use std::collections::BTreeMap;

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{Existing, create_maps, entries, put_entry, text};
use crate::domain::{Date, IndicatorCount, IndicatorId, Percent, Proportion, YearMonth};
use crate::rules::{DataAccuracy, check_indicator};

mod indicators;
mod save_target;
mod series;
pub use indicators::{
    Indicator, Measure, OUTCOME_INDICATORS, OutcomeIndicator, monthly_indicators,
};
pub use save_target::{SaveTarget, Section, save_target};
pub use series::{Merged, Resolved, TrendPoint, merge, month_back, trend};

pub const KIND: &str = "facility_data";
pub const SCHEMA_VERSION: u32 = 1;
/// Longest verification note kept, in characters.
pub const MAX_NOTE: usize = 1000;
/// Largest value accepted in a field: far above any facility's monthly count.
pub const MAX_VALUE: u32 = 1_000_000;

/// One month's value of an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthlyValue {
    Count(u32),
    Rate { numerator: u32, denominator: u32 },
}

impl MonthlyValue {
    /// What the chart plots: the count, or the rate as a whole percentage (`None` for 0/0).
    pub fn plotted(self) -> Option<u32> {
        match self {
            Self::Count(n) => Some(n),
            Self::Rate {
                numerator,
                denominator,
            } => Proportion::new(numerator, denominator).percent_rounded(),
        }
    }
}

/// A monthly value with who entered it and when (milliseconds since the epoch, from the
/// device clock: only used to pick the newer of two conflicting entries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueEntry {
    pub value: MonthlyValue,
    pub entered_by: String,
    pub updated_ms: u64,
}

/// A data verification: the reported and recounted values, and the factor and its
/// interpretation as computed when it was saved (kept, so a later change of the form's
/// tolerance does not rewrite what the mentor told the facility).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationEntry {
    pub reported: u32,
    pub recounted: u32,
    pub verified_on: Date,
    pub verified_by: String,
    #[serde(default)]
    pub note: String,
    pub tolerance_basis_points: u16,
    pub factor: Option<Proportion>,
    pub accuracy: DataAccuracy,
    pub updated_ms: u64,
}

/// The factor (recounted ÷ reported) and its interpretation, shown before saving.
pub fn interpret(
    indicator: &str,
    reported: u32,
    recounted: u32,
    tolerance: Percent,
) -> (Option<Proportion>, DataAccuracy) {
    let check = check_indicator(
        &IndicatorCount {
            indicator: IndicatorId::new(indicator),
            reported,
            recounted,
        },
        tolerance,
    );
    (check.factor, check.accuracy)
}

/// Why typed values cannot be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("enter a whole number")]
    NotANumber,
    #[error("the number is too large")]
    TooLarge,
    #[error("the numerator is larger than the denominator")]
    NumeratorAboveDenominator,
    #[error("the note is too long")]
    NoteTooLong,
}

/// A whole number typed in a form (spaces around it allowed).
pub fn parse_number(input: &str) -> Result<u32, ValueError> {
    let n: u32 = input.trim().parse().map_err(|_| ValueError::NotANumber)?;
    if n > MAX_VALUE {
        return Err(ValueError::TooLarge);
    }
    Ok(n)
}

/// The value typed for an indicator: `first` is the count or numerator, `second` the
/// denominator (ignored for a count).
pub fn parse_value(
    measure: Measure,
    first: &str,
    second: &str,
) -> Result<MonthlyValue, ValueError> {
    let first = parse_number(first)?;
    match measure {
        Measure::Count => Ok(MonthlyValue::Count(first)),
        Measure::Rate { .. } => {
            let denominator = parse_number(second)?;
            if first > denominator {
                return Err(ValueError::NumeratorAboveDenominator);
            }
            Ok(MonthlyValue::Rate {
                numerator: first,
                denominator,
            })
        }
    }
}

/// Trims a note and checks its length.
pub fn clean_note(input: &str) -> Result<String, ValueError> {
    let note = input.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(ValueError::NoteTooLong);
    }
    Ok(note.to_owned())
}

/// `indicator/YYYY-MM`, the key of both maps.
pub fn entry_key(indicator: &str, month: YearMonth) -> String {
    format!("{indicator}/{}", month_code(month))
}

/// `YYYY-MM`.
pub fn month_code(month: YearMonth) -> String {
    format!("{:04}-{:02}", month.year, month.month)
}

/// Parses `YYYY-MM` exactly as [`month_code`] writes it; `None` for anything else.
pub fn parse_month(code: &str) -> Option<YearMonth> {
    let (year, month) = code.split_once('-')?;
    let month = YearMonth {
        year: year.parse().ok()?,
        month: month.parse().ok()?,
    };
    ((1..=12).contains(&month.month) && month_code(month) == code).then_some(month)
}

/// Splits an entry key into indicator and month; `None` when it is not one.
pub fn parse_key(key: &str) -> Option<(&str, YearMonth)> {
    let (indicator, month) = key.rsplit_once('/')?;
    Some((indicator, parse_month(month)?)).filter(|(i, _)| !i.is_empty())
}

/// Everything one document holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacilityData {
    pub facility: String,
    pub year: i32,
    pub values: BTreeMap<String, ValueEntry>,
    pub verifications: BTreeMap<String, VerificationEntry>,
}

/// Writes the root fields and creates both maps; call on a new, empty document.
pub fn write_new(doc: &mut Automerge, facility: &str, year: i32) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, "facility", facility)?;
    tx.put(ROOT, "year", year.to_string())?;
    create_maps(&mut tx, &["values", "verifications"])?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Sets one month's value (replacing an earlier one for the same key).
pub fn put_value(doc: &mut Automerge, key: &str, entry: &ValueEntry) -> Result<(), DocError> {
    put_entry(doc, "values", key, entry, Existing::Replace)
}

/// Records a verification (a later one for the same indicator and month replaces it).
pub fn put_verification(
    doc: &mut Automerge,
    key: &str,
    entry: &VerificationEntry,
) -> Result<(), DocError> {
    put_entry(doc, "verifications", key, entry, Existing::Replace)
}

/// Reads the document; entries under keys that are not `indicator/YYYY-MM` are skipped.
pub fn read(doc: &Automerge) -> Result<FacilityData, DocError> {
    let facility = text(doc, "facility")?.ok_or(DocError::Missing("facility"))?;
    let year_text = text(doc, "year")?.ok_or(DocError::Missing("year"))?;
    let year = year_text.parse().map_err(|_| DocError::Invalid {
        field: "year",
        reason: format!("not a year: {year_text:?}"),
    })?;
    Ok(FacilityData {
        facility,
        year,
        values: keyed(entries(doc, "values")?),
        verifications: keyed(entries(doc, "verifications")?),
    })
}

fn keyed<T>(entries: Vec<(String, T)>) -> BTreeMap<String, T> {
    entries
        .into_iter()
        .filter(|(key, _)| parse_key(key).is_some())
        .collect()
}

#[cfg(test)]
mod tests;
