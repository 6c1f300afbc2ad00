//! Lists of records, and a record on the device that cannot be read (a newer app wrote it, or
//! it is damaged): it still shows, saying so, in a list as its own row and on its page as an
//! alert.

use leptos::prelude::*;
use mentora_shared::sync::DocId;

use crate::error::AppError;
use crate::i18n::{Key, Text, use_i18n};

/// A row of a list as the readers return it: the record, or why it cannot be read.
pub trait ListedRecord {
    type Record;
    fn into_record(self) -> Result<Self::Record, AppError>;
}

impl<T> ListedRecord for Result<T, AppError> {
    type Record = T;
    fn into_record(self) -> Result<T, AppError> {
        self
    }
}

impl<T> ListedRecord for Result<T, (DocId, AppError)> {
    type Record = T;
    fn into_record(self) -> Result<T, AppError> {
        self.map_err(|(_, reason)| reason)
    }
}

impl<T> ListedRecord for (DocId, Result<T, AppError>) {
    type Record = (DocId, T);
    fn into_record(self) -> Result<(DocId, T), AppError> {
        let (doc, row) = self;
        row.map(|record| (doc, record))
    }
}

/// `<ul class testid>` with each readable record through `card` and each unreadable one as an
/// [`UnreadableRow`]; `empty` (muted) when there are no rows at all.
pub fn record_list<R, V>(
    rows: Vec<R>,
    empty: impl Text + Send + Sync + 'static,
    class: &'static str,
    testid: &'static str,
    card: impl Fn(R::Record) -> V,
) -> AnyView
where
    R: ListedRecord,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="muted">{move || i18n.t(empty)}</p> }.into_any();
    }
    view! {
        <ul class=class data-testid=testid>
            {rows.into_iter().map(|row| match row.into_record() {
                Ok(record) => card(record).into_any(),
                Err(reason) => view! { <UnreadableRow reason /> }.into_any(),
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// "This record cannot be read: <why, and what to do>", on the page of that record.
#[component]
pub fn UnreadableRecord(reason: AppError) -> impl IntoView {
    let i18n = use_i18n();
    reason.log("unreadable record");
    view! { <p class="notice error" role="alert">{move || i18n.t(Key::UnreadableRecord)} ": " {move || reason.message(i18n)}</p> }
}

/// The row standing for an unreadable record in a list of records.
#[component]
pub fn UnreadableRow(reason: AppError) -> impl IntoView {
    let i18n = use_i18n();
    reason.log("unreadable record");
    view! { <li class="card"><p class="notice error">{move || i18n.t(Key::UnreadableRecord)} ": " {move || reason.message(i18n)}</p></li> }
}
