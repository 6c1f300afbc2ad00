//! The facility outcome indicator values of a quarter, for the quarterly coordination pack.

use std::collections::BTreeMap;

use super::DashboardFilter;
use crate::documents::facility_data::{FacilityData, MonthlyValue, merge, parse_key};
use crate::domain::YearMonth;

/// A facility data document with the district its header names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardFacilityData {
    pub district: String,
    pub data: FacilityData,
}

/// One indicator at one facility: its value in each month of the quarter, if entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorRow {
    pub facility: String,
    pub indicator: String,
    pub values: [Option<MonthlyValue>; 3],
}

/// The values entered for `months` at the filter's place, by facility then indicator id; the
/// documents of a facility are merged (the newer entry wins, as on the Facility data screen).
/// Indicators with no value in the quarter are left out.
pub fn quarter_indicators(
    documents: &[DashboardFacilityData],
    filter: &DashboardFilter,
    months: [YearMonth; 3],
) -> Vec<IndicatorRow> {
    let mut by_facility: BTreeMap<&str, Vec<&FacilityData>> = BTreeMap::new();
    for d in documents
        .iter()
        .filter(|d| filter.place_matches(&d.district, &d.data.facility))
    {
        by_facility
            .entry(d.data.facility.as_str())
            .or_default()
            .push(&d.data);
    }
    let mut rows = Vec::new();
    for (facility, docs) in by_facility {
        let merged = merge(docs);
        let mut by_indicator: BTreeMap<&str, [Option<MonthlyValue>; 3]> = BTreeMap::new();
        for (key, resolved) in &merged.values {
            let Some((indicator, month)) = parse_key(key) else {
                continue;
            };
            if let Some(i) = months.iter().position(|m| *m == month) {
                by_indicator.entry(indicator).or_default()[i] = Some(resolved.entry.value);
            }
        }
        rows.extend(
            by_indicator
                .into_iter()
                .map(|(indicator, values)| IndicatorRow {
                    facility: facility.to_owned(),
                    indicator: indicator.to_owned(),
                    values,
                }),
        );
    }
    rows
}
