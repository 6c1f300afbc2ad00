//! Merging the documents of one facility and the trend of one indicator.
//!
//! Two tablets may each create the facility's document for a year while offline; both reach
//! every device, so screens read all of them and merge entries by key. Entry keys carry the
//! month, so documents of different years merge the same way and a trend can cross a new year.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{FacilityData, MonthlyValue, ValueEntry, VerificationEntry, entry_key};
use crate::domain::YearMonth;

/// The entry shown for a key, and whether another document holds a different one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved<T> {
    pub entry: T,
    pub conflict: bool,
}

/// The union of every document's entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub values: BTreeMap<String, Resolved<ValueEntry>>,
    pub verifications: BTreeMap<String, Resolved<VerificationEntry>>,
}

trait Updated {
    fn updated_ms(&self) -> u64;
}

impl Updated for ValueEntry {
    fn updated_ms(&self) -> u64 {
        self.updated_ms
    }
}

impl Updated for VerificationEntry {
    fn updated_ms(&self) -> u64 {
        self.updated_ms
    }
}

/// Keeps the most recently updated entry; on equal times the larger JSON text, so every device
/// shows the same entry whatever order it read the documents in.
fn resolve<T: Updated + Serialize + Clone + PartialEq>(
    into: &mut BTreeMap<String, Resolved<T>>,
    key: &str,
    entry: &T,
) {
    let Some(current) = into.get_mut(key) else {
        into.insert(
            key.to_owned(),
            Resolved {
                entry: entry.clone(),
                conflict: false,
            },
        );
        return;
    };
    if current.entry == *entry {
        return;
    }
    current.conflict = true;
    let rank = |e: &T| (e.updated_ms(), serde_json::to_string(e).unwrap_or_default());
    if rank(entry) > rank(&current.entry) {
        current.entry = entry.clone();
    }
}

/// Merges documents of one facility by entry key.
pub fn merge<'a>(documents: impl IntoIterator<Item = &'a FacilityData>) -> Merged {
    let mut merged = Merged::default();
    for data in documents {
        for (key, entry) in &data.values {
            resolve(&mut merged.values, key, entry);
        }
        for (key, entry) in &data.verifications {
            resolve(&mut merged.verifications, key, entry);
        }
    }
    merged
}

/// The month `months` before `month` (0 is the month itself).
pub fn month_back(month: YearMonth, months: u32) -> YearMonth {
    let index = i64::from(month.year) * 12 + i64::from(month.month) - 1 - i64::from(months);
    YearMonth {
        year: i32::try_from(index.div_euclid(12)).unwrap_or(i32::MIN),
        month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
    }
}

/// One month of a trend; `value` is `None` where nothing was entered (a gap, not a zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrendPoint {
    pub month: YearMonth,
    pub value: Option<MonthlyValue>,
}

/// The `months` months ending with `last`, oldest first, for one indicator.
pub fn trend(merged: &Merged, indicator: &str, last: YearMonth, months: u32) -> Vec<TrendPoint> {
    (0..months)
        .rev()
        .map(|back| {
            let month = month_back(last, back);
            TrendPoint {
                month,
                value: merged
                    .values
                    .get(&entry_key(indicator, month))
                    .map(|r| r.entry.value),
            }
        })
        .collect()
}
