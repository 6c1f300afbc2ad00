//! Mentorship plan and visits at the current place: the agenda, planning a visit (so facility
//! leadership can schedule staff), visits done against planned per month; and one visit, where
//! the mentor starts it, logs its activities as they happen, and finishes it.

mod agenda;
mod data;
mod debrief_qi;
mod keys;
mod log;
mod logged;
mod plan_form;
mod visit_page;

mod months;

use leptos::prelude::*;

use crate::components::user_and_place;
use crate::engine::use_sync;
use crate::i18n::use_i18n;
use crate::places::use_places;
use crate::records::{self, Mentee};
use crate::session::use_session;
use keys::VKey;
pub use visit_page::VisitPage;

/// The readable mentees at a facility (the plan and the log pick from them).
fn mentees_at(facility: &str) -> Vec<Mentee> {
    records::at_facility(facility)
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

#[component]
pub fn VisitsPage() -> impl IntoView {
    let i18n = use_i18n();
    let _session = use_session();
    let _places = use_places();
    let sync = use_sync();
    let body = move || {
        let place = match user_and_place() {
            Ok((_, place)) => place,
            Err(missing) => return missing,
        };
        let facility = place.id.clone();
        let for_rows = facility.clone();
        let rows = Memo::new(move |_| {
            sync.revision.track();
            data::at_facility(&for_rows)
        });
        let mentees = Memo::new(move |_| {
            sync.revision.track();
            mentees_at(&facility)
        });
        view! {
            <p class="muted">{place.name.clone()}</p>
            <agenda::Agenda rows />
            <plan_form::PlanForm target=plan_form::PlanTarget::New(place) mentees />
            <months::MonthTable rows />
        }
        .into_any()
    };
    view! {
        <section class="page visits-page">
            <h1>{move || i18n.t(VKey::Title)}</h1>
            {body}
        </section>
    }
}
