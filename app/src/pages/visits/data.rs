//! Reading visits through the sync engine, and the few formatting helpers both visit screens
//! share (a date range in words, a mentee's name from its id).

use mentora_shared::documents::visit::{self, Visit};
use mentora_shared::domain::{Date, YearMonth};
use mentora_shared::sync::DocId;

use super::keys::month_key;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::records::Mentee;
use crate::store::hex;
use crate::{engine, facility_docs};

/// One visit of the agenda: readable, or why not (the bytes came from another device).
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow {
    pub doc: DocId,
    pub visit: Result<Visit, AppError>,
}

impl VisitRow {
    pub fn href(&self) -> String {
        href(self.doc)
    }
}

pub fn href(doc: DocId) -> String {
    format!("/visits/{}", hex(&doc.0))
}

/// The visits at a facility, by first day (unreadable ones last).
pub fn at_facility(facility: &str) -> Vec<VisitRow> {
    let mut rows: Vec<VisitRow> =
        facility_docs::all_of_kind(visit::KIND, facility, |_, automerge| {
            visit::read(automerge).map_err(AppError::unreadable)
        })
        .into_iter()
        .map(|(doc, visit)| VisitRow { doc, visit })
        .collect();
    rows.sort_by_key(|row| match &row.visit {
        Ok(v) => (0, Some(v.plan.start), row.doc.0),
        Err(_) => (1, None, row.doc.0),
    });
    rows
}

/// One visit and the facility it belongs to; `None` when it is not on this device.
pub fn load(doc: DocId) -> Option<(Option<String>, Result<Visit, AppError>)> {
    engine::read_one(doc, |header, automerge| {
        (
            header
                .scope
                .facility
                .as_ref()
                .map(|f| f.as_str().to_owned()),
            visit::read(automerge).map_err(AppError::unreadable),
        )
    })
}

/// "4 March 2024", "4 mars 2024".
pub fn day(i18n: I18n, date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        i18n.t(month_key(date.month())),
        date.year()
    )
}

/// "4–5 March 2024", or one day, or across months "30 March 2024 – 2 April 2024".
pub fn range(i18n: I18n, start: Date, end: Date) -> String {
    if start == end {
        day(i18n, start)
    } else if YearMonth::of(start) == YearMonth::of(end) {
        format!("{}–{}", start.day(), day(i18n, end))
    } else {
        format!("{} – {}", day(i18n, start), day(i18n, end))
    }
}

/// "March 2024", "mars 2024".
pub fn month(i18n: I18n, month: YearMonth) -> String {
    format!("{} {}", i18n.t(month_key(month.month)), month.year)
}

/// A mentee's name from its document id (hex), among the mentees at the facility.
pub fn mentee_name(mentees: &[Mentee], id: &str) -> Option<String> {
    mentees
        .iter()
        .find(|m| hex(&m.doc.0) == id)
        .map(|m| m.record.name.clone())
}
