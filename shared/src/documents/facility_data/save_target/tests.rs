use super::*;
use crate::documents::facility_data::{MonthlyValue, ValueEntry, VerificationEntry};
use crate::domain::Date;
use crate::rules::DataAccuracy;

use Section::{Values, Verifications};

const KEY: &str = "facility_births/2026-03";

/// A document: (id byte, year, holds KEY among its values, holds KEY among its verifications).
type Doc = (u8, i32, bool, bool);

fn doc(&(id, year, value, verification): &Doc) -> (DocId, FacilityData) {
    let mut data = FacilityData {
        facility: "rango".to_owned(),
        year,
        ..FacilityData::default()
    };
    if value {
        let entry = ValueEntry {
            value: MonthlyValue::Count(12),
            entered_by: "amina".to_owned(),
            updated_ms: 1,
        };
        data.values.insert(KEY.to_owned(), entry);
    }
    if verification {
        let entry = VerificationEntry {
            reported: 12,
            recounted: 12,
            verified_on: Date::from_days_since_epoch(20_000),
            verified_by: "amina".to_owned(),
            note: String::new(),
            tolerance_basis_points: 1000,
            factor: None,
            accuracy: DataAccuracy::Accurate,
            updated_ms: 1,
        };
        data.verifications.insert(KEY.to_owned(), entry);
    }
    (DocId([id; 16]), data)
}

/// The facility's documents and the section saved to, for 2026 → the ids written, `None` for a
/// new document.
#[track_caller]
fn check(docs: &[Doc], section: Section, expect: Option<&[u8]>) {
    let docs: Vec<_> = docs.iter().map(doc).collect();
    let got = match save_target(&docs, 2026, section, KEY) {
        SaveTarget::New => None,
        SaveTarget::Existing(ids) => Some(ids.iter().map(|id| id.0[0]).collect::<Vec<_>>()),
    };
    assert_eq!(got.as_deref(), expect);
}

#[test]
fn a_save_goes_to_the_years_first_document_and_every_holder_of_its_key() {
    check(&[], Values, None);
    // Only other years: a new document for 2026.
    check(&[(1, 2025, false, false)], Values, None);
    check(&[(4, 2026, false, false)], Values, Some(&[4]));
    // Two tablets created 2026 offline: the smallest id, whatever the order read.
    check(
        &[(7, 2026, false, false), (3, 2026, false, false)],
        Values,
        Some(&[3]),
    );
    // The other copy already holds the key: it is written too, so the conflict settles.
    check(
        &[(7, 2026, true, false), (3, 2026, false, false)],
        Values,
        Some(&[3, 7]),
    );
    check(
        &[(3, 2026, true, false), (7, 2026, true, false)],
        Values,
        Some(&[3, 7]),
    );
    // Holding the key in the other section does not count.
    check(
        &[(7, 2026, true, false), (3, 2026, false, false)],
        Verifications,
        Some(&[3]),
    );
    check(
        &[(7, 2026, false, true), (3, 2026, false, false)],
        Verifications,
        Some(&[3, 7]),
    );
    // Holders are written in id order after the primary.
    check(
        &[
            (9, 2026, true, false),
            (5, 2026, false, false),
            (6, 2026, true, false),
        ],
        Values,
        Some(&[5, 6, 9]),
    );
}
