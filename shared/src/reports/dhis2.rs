//! DHIS2 aggregate export: counts per facility and period, as a `dataValueSets` payload.
//!
//! Our indicators ([`Indicator`]) are counted from the mentee documents, per facility (the
//! document header's facility) and per DHIS2 period ([`PeriodType`]), then mapped through a
//! [`Dhis2Mapping`] (indicator → data element and optional category option combo; facility
//! slug → org unit). Nothing is dropped silently: an indicator or a facility without a mapping
//! is named in `warnings`. Every mapped (facility, period, indicator) gets a value, zeros
//! included, so re-importing a corrected export overwrites an earlier figure.
//!
//! The requested range is widened to whole periods (a DHIS2 value always covers its whole
//! period; counting part of one would send a wrong figure), and the widening is reported.
//! Merged duplicates are left out, as in the other exports.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::exports::ExportMentee;
use crate::domain::Date;

mod period;
#[cfg(test)]
mod tests;

pub use period::{Period, PeriodType};

/// The most periods one export may cover (20 years of months).
pub const MAX_PERIODS: usize = 240;

/// An aggregate we can count from the mentee documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// Mentees with at least one assessment dated in the period ("mentees reached").
    MenteesAssessed,
    /// Assessments (tests, observations, CHW group assessments) dated in the period.
    Assessments,
    /// Mentees with at least one competency validation dated in the period.
    MenteesValidated,
    /// Competency validations dated in the period.
    Validations,
}

impl Indicator {
    pub const ALL: [Indicator; 4] = [
        Indicator::MenteesAssessed,
        Indicator::Assessments,
        Indicator::MenteesValidated,
        Indicator::Validations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Indicator::MenteesAssessed => "mentees_assessed",
            Indicator::Assessments => "assessments",
            Indicator::MenteesValidated => "mentees_validated",
            Indicator::Validations => "validations",
        }
    }
}

/// Where one indicator goes in DHIS2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataElementRef {
    pub data_element: String,
    /// Left out of the payload when absent: DHIS2 then uses the default combo.
    #[serde(default)]
    pub category_option_combo: Option<String>,
}

/// Our ids → DHIS2 uids. Unknown keys are refused, so a typo cannot drop an indicator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dhis2Mapping {
    #[serde(default)]
    pub data_elements: BTreeMap<Indicator, DataElementRef>,
    /// Facility slug → org unit uid.
    #[serde(default)]
    pub org_units: BTreeMap<String, String>,
    /// Copied to the payload's `dataSet` when given.
    #[serde(default)]
    pub data_set: Option<String>,
    /// Set on every data value when given.
    #[serde(default)]
    pub attribute_option_combo: Option<String>,
}

/// What to export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dhis2Request {
    pub period_type: PeriodType,
    pub start: Date,
    pub end: Date,
    pub mapping: Dhis2Mapping,
}

/// Why an export request cannot be answered; each is the caller's mistake.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Dhis2Error {
    #[error("end {end} is before start {start}")]
    EmptyRange { start: Date, end: Date },
    #[error("the range covers more than {MAX_PERIODS} periods")]
    TooManyPeriods,
    #[error("{field} {value:?} is not a DHIS2 uid (11 letters or digits, starting with a letter)")]
    BadUid { field: String, value: String },
}

/// One DHIS2 data value, field names as the DHIS2 API spells them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataValue {
    pub data_element: String,
    pub period: String,
    pub org_unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_option_combo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute_option_combo: Option<String>,
    /// DHIS2 takes values as strings.
    pub value: String,
}

/// The body to `POST` to DHIS2's `/api/dataValueSets`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataValueSet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_set: Option<String>,
    pub data_values: Vec<DataValue>,
}

/// The export: the payload, the periods it covers, and what could not be mapped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dhis2Export {
    pub data_value_set: DataValueSet,
    pub periods: Vec<Period>,
    pub warnings: Vec<String>,
}

/// Whether `text` is a DHIS2 uid: 11 ASCII letters or digits, the first a letter.
pub fn is_uid(text: &str) -> bool {
    text.len() == 11
        && text.bytes().all(|b| b.is_ascii_alphanumeric())
        && text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
}

impl Dhis2Mapping {
    /// Adds the org units the server knows (a place's DHIS2 id, kept from a place import) for
    /// facilities the mapping does not name; a mapping given with the request wins, and an id
    /// that is not a DHIS2 uid is left out rather than failing the export.
    pub fn fill_org_units(&mut self, known: impl IntoIterator<Item = (String, String)>) {
        for (facility, org_unit) in known {
            if is_uid(&org_unit) {
                self.org_units.entry(facility).or_insert(org_unit);
            }
        }
    }

    /// Checks every uid, so DHIS2 never receives a payload it would reject as a whole.
    pub fn check(&self) -> Result<(), Dhis2Error> {
        let uid = |field: String, value: &str| {
            if is_uid(value) {
                Ok(())
            } else {
                Err(Dhis2Error::BadUid {
                    field,
                    value: value.to_owned(),
                })
            }
        };
        for (indicator, target) in &self.data_elements {
            uid(
                format!("data_elements.{}.data_element", indicator.as_str()),
                &target.data_element,
            )?;
            if let Some(combo) = &target.category_option_combo {
                uid(
                    format!("data_elements.{}.category_option_combo", indicator.as_str()),
                    combo,
                )?;
            }
        }
        for (facility, org_unit) in &self.org_units {
            uid(format!("org_units.{facility}"), org_unit)?;
        }
        if let Some(data_set) = &self.data_set {
            uid("data_set".to_owned(), data_set)?;
        }
        if let Some(combo) = &self.attribute_option_combo {
            uid("attribute_option_combo".to_owned(), combo)?;
        }
        Ok(())
    }
}

/// Counts of one facility in one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub mentees_assessed: u32,
    pub assessments: u32,
    pub mentees_validated: u32,
    pub validations: u32,
}

impl Counts {
    pub fn get(self, indicator: Indicator) -> u32 {
        match indicator {
            Indicator::MenteesAssessed => self.mentees_assessed,
            Indicator::Assessments => self.assessments,
            Indicator::MenteesValidated => self.mentees_validated,
            Indicator::Validations => self.validations,
        }
    }
}

/// The counts per facility (slug) and period (index into `periods`). Every facility with an
/// exported mentee appears, with zeros where nothing happened.
pub fn count(mentees: &[ExportMentee], periods: &[Period]) -> BTreeMap<String, Vec<Counts>> {
    let mut out: BTreeMap<String, Vec<Counts>> = BTreeMap::new();
    let find = |date: Date| periods.iter().position(|p| p.contains(date));
    for mentee in mentees.iter().filter(|m| m.is_exported()) {
        let counts = out
            .entry(mentee.facility.clone())
            .or_insert_with(|| vec![Counts::default(); periods.len()]);
        let mut assessed = BTreeSet::new();
        for entry in &mentee.history.assessments {
            if let Some(i) = find(entry.assessment.date) {
                counts[i].assessments += 1;
                assessed.insert(i);
            }
        }
        let mut validated = BTreeSet::new();
        for entry in mentee.history.validations.values() {
            if let Some(i) = find(entry.validation.date) {
                counts[i].validations += 1;
                validated.insert(i);
            }
        }
        for i in assessed {
            counts[i].mentees_assessed += 1;
        }
        for i in validated {
            counts[i].mentees_validated += 1;
        }
    }
    out
}

impl Dhis2Request {
    /// Checks the mapping and the range, and returns the periods it covers: cheap, so the
    /// server refuses a bad request before reading any document.
    pub fn periods(&self) -> Result<Vec<Period>, Dhis2Error> {
        self.mapping.check()?;
        if self.end < self.start {
            return Err(Dhis2Error::EmptyRange {
                start: self.start,
                end: self.end,
            });
        }
        self.period_type
            .periods_covering(self.start, self.end, MAX_PERIODS)
            .ok_or(Dhis2Error::TooManyPeriods)
    }
}

/// Builds the `dataValueSets` payload for `request` from the mentees the caller may read.
pub fn dhis2_export(
    mentees: &[ExportMentee],
    request: &Dhis2Request,
) -> Result<Dhis2Export, Dhis2Error> {
    let periods = request.periods()?;
    let Dhis2Request {
        start,
        end,
        mapping,
        ..
    } = request;
    let mut warnings = Vec::new();
    if let (Some(first), Some(last)) = (periods.first(), periods.last())
        && (first.start != *start || last.end != *end)
    {
        warnings.push(format!(
            "the range {start} to {end} was widened to whole periods: {} to {}",
            first.start, last.end
        ));
    }
    for indicator in Indicator::ALL {
        if !mapping.data_elements.contains_key(&indicator) {
            warnings.push(format!(
                "indicator {} has no data element in the mapping: not exported",
                indicator.as_str()
            ));
        }
    }
    let mut data_values = Vec::new();
    for (facility, counts) in count(mentees, &periods) {
        let Some(org_unit) = mapping.org_units.get(&facility) else {
            warnings.push(format!(
                "facility {facility} has no org unit in the mapping: its values are not exported"
            ));
            continue;
        };
        for (period, counts) in periods.iter().zip(counts) {
            for (indicator, target) in &mapping.data_elements {
                data_values.push(DataValue {
                    data_element: target.data_element.clone(),
                    period: period.id.clone(),
                    org_unit: org_unit.clone(),
                    category_option_combo: target.category_option_combo.clone(),
                    attribute_option_combo: mapping.attribute_option_combo.clone(),
                    value: counts.get(*indicator).to_string(),
                });
            }
        }
    }
    Ok(Dhis2Export {
        data_value_set: DataValueSet {
            data_set: mapping.data_set.clone(),
            data_values,
        },
        periods,
        warnings,
    })
}
