//! A record on the device that cannot be read (a newer app wrote it, or it is damaged) still
//! shows, saying so: in a list as its own row, on its page as an alert.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// "This record cannot be read: <reason>", on the page of that record.
#[component]
pub fn UnreadableRecord(reason: String) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="notice error" role="alert">{move || i18n.t(Key::UnreadableRecord)} ": " {reason}</p> }
}

/// The row standing for an unreadable record in a list of records.
#[component]
pub fn UnreadableRow(reason: String) -> impl IntoView {
    let i18n = use_i18n();
    view! { <li class="card"><p class="notice error">{move || i18n.t(Key::UnreadableRecord)} ": " {reason}</p></li> }
}
