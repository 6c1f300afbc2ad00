//! The supervisor dashboard (issue 7): filters, headline figures, what needs attention, Tables
//! 1 and 2 of the programme brief and trend charts, all computed by `reports::dashboard` from the
//! documents synced to this device, so it works offline. `/dashboard`, reached from the
//! Facility hub and, for supervisors and admins, from My places.

mod data;
mod devices;
mod figures;
mod filters;
mod keys;
mod quarter;
mod report;
mod tables;
mod trends;

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::mentee;
use mentora_shared::domain::{CompetencyId, Date, TechnicalArea};
use mentora_shared::reports::FiscalCalendar;
use mentora_shared::reports::dashboard::{DashboardFilter, FilterOptions, Period, filter_options};

use crate::engine::use_sync;
use crate::i18n::use_i18n;
use crate::places::use_places;
use crate::platform;
use crate::session::use_session;
use data::Loaded;
use keys::{DKey, area_from_code};
pub use quarter::QuarterPackPage;
pub use report::MonthlyReportPage;

const CALENDAR: FiscalCalendar = FiscalCalendar::RWANDA;

/// What every part of the page reads: the documents, the filter, names of places.
#[derive(Clone, Copy)]
struct Ctx {
    loaded: Memo<Loaded>,
    options: Memo<FilterOptions>,
    filter: Memo<DashboardFilter>,
    areas: StoredValue<BTreeMap<CompetencyId, TechnicalArea>>,
    /// Place id → name, from the places list kept on the device.
    names: Memo<BTreeMap<String, String>>,
    today: Date,
}

impl Ctx {
    fn place_name(self, id: &str) -> String {
        self.names
            .with(|n| n.get(id).cloned())
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The select values, "" meaning all.
#[derive(Clone, Copy)]
struct Selection {
    district: RwSignal<String>,
    facility: RwSignal<String>,
    association: RwSignal<String>,
    area: RwSignal<String>,
    mentor: RwSignal<String>,
    period: RwSignal<String>,
}

impl Selection {
    fn new(period: Period) -> Self {
        Self {
            district: RwSignal::new(String::new()),
            facility: RwSignal::new(String::new()),
            association: RwSignal::new(String::new()),
            area: RwSignal::new(String::new()),
            mentor: RwSignal::new(String::new()),
            period: RwSignal::new(period.code()),
        }
    }

    fn filter(self, options: &FilterOptions, default: Period) -> DashboardFilter {
        let text = |s: RwSignal<String>| Some(s.get()).filter(|v| !v.is_empty());
        DashboardFilter {
            district: text(self.district),
            facility: text(self.facility),
            association: mentee::association_from_code(&self.association.get()),
            area: area_from_code(&self.area.get()),
            mentor: options
                .mentors
                .iter()
                .find(|m| m.id.to_string() == self.mentor.get())
                .map(|m| m.id),
            period: Period::from_code(&self.period.get()).unwrap_or(default),
        }
    }
}

fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let signed_in = move || session.0.with(Option::is_some);
    view! {
        <section class="page dashboard-page">
            <h1>{move || i18n.t(DKey::Title)}</h1>
            <p class="muted">{move || i18n.t(DKey::Intro)}</p>
            <Show when=signed_in fallback=crate::components::sign_in_prompt>
                <Dashboard />
            </Show>
        </section>
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let i18n = use_i18n();
    let today = platform::today();
    let default_period = Period::Year(CALENDAR.fiscal_year(today));
    let selection = Selection::new(default_period);
    let ctx = context(selection, default_period, today);
    let loaded = ctx.loaded;
    let empty = move || loaded.with(|l| l.data.mentees.is_empty() && l.data.visits.is_empty());
    view! {
        <p class="no-print">
            <button type="button" on:click=move |_| print_page()>{move || i18n.t(DKey::Print)}</button>
            " "
            <A href="/dashboard/report" attr:class="button secondary">{move || i18n.t(DKey::MonthlyReport)}</A>
            " "
            <A href="/dashboard/quarter" attr:class="button secondary">{move || i18n.t(quarter::keys::QKey::Link)}</A>
        </p>
        {move || {
            let n = loaded.with(|l| l.unreadable);
            (n > 0).then(|| view! { <p class="notice error" role="alert">{n} " " {i18n.t(DKey::Unreadable)}</p> })
        }}
        {move || empty().then(|| view! { <p class="notice" role="status">{i18n.t(DKey::NothingYet)}</p> })}
        <filters::Filters ctx selection default_period />
        <figures::Figures ctx />
        <figures::AttentionList ctx />
        <devices::StaleDevices />
        <tables::Tables ctx />
        <trends::Trends ctx />
        <div class="no-print">
            <super::server_exports::ServerExports />
        </div>
    }
}

/// The documents, options and filter memos every part of a dashboard page reads.
fn context(selection: Selection, default_period: Period, today: Date) -> Ctx {
    let sync = use_sync();
    let places = use_places();
    let loaded = Memo::new(move |_| {
        sync.revision.track();
        places.state.with(|s| data::load(s.places()))
    });
    let areas = StoredValue::new(
        crate::catalogue::catalogue()
            .map(|c| c.competency_areas())
            .unwrap_or_default(),
    );
    let options = Memo::new(move |_| {
        loaded.with(|l| areas.with_value(|a| filter_options(&l.data, a, CALENDAR)))
    });
    let filter = Memo::new(move |_| options.with(|o| selection.filter(o, default_period)));
    let names = Memo::new(move |_| {
        places.state.with(|s| {
            s.places()
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect()
        })
    });
    Ctx {
        loaded,
        options,
        filter,
        areas,
        names,
        today,
    }
}

/// The link on My places, for supervisors and admins.
#[component]
pub fn DashboardLink() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let reviewer = move || {
        session.0.with(|s| {
            s.as_ref()
                .is_some_and(|s| crate::capabilities::reviews(&s.user))
        })
    };
    view! {
        <Show when=reviewer>
            <p>
                <A href="/dashboard" attr:class="button">{move || i18n.t(DKey::Link)}</A>
            </p>
        </Show>
    }
}
