//! Facility data (issue 6): monthly values of the programme's outcome indicators and of the data
//! verification indicators with their 12-month trends, and onsite data verification (reported
//! versus recounted, with the verification factor and what it means).
//!
//! Everything is read from all `facility_data` documents of the current place, merged by entry
//! key (see `store`), so two tablets that each started the year's document offline show the
//! union of their entries.

use leptos::prelude::*;
use mentora_shared::catalogue::DataVerificationForm;
use mentora_shared::documents::facility_data::{self as fd, ValueError};
use mentora_shared::domain::YearMonth;

mod chart;
mod keys;
mod store;
mod values;
mod verification;

use keys::{FKey, month_name};
use store::Loaded;
use values::IndicatorCard;
use verification::Verification;

use crate::catalogue;
use crate::components::user_and_place;
use crate::engine::{SyncView, use_sync};
use crate::i18n::use_i18n;
use crate::places::{Place, use_places};
use crate::platform;
use crate::session::use_session;

/// How many months back the month pickers offer.
const MONTHS_OFFERED: u32 = 24;

/// What every part of the screen needs.
#[derive(Clone)]
pub(super) struct Ctx {
    pub place: Place,
    pub username: String,
    pub shown_name: String,
    pub sync: SyncView,
    pub loaded: Memo<Loaded>,
}

pub(super) fn error_key(err: ValueError) -> FKey {
    match err {
        ValueError::NotANumber => FKey::ErrNumber,
        ValueError::TooLarge => FKey::ErrTooLarge,
        ValueError::NumeratorAboveDenominator => FKey::ErrNumerator,
        ValueError::NoteTooLong => FKey::ErrNote,
    }
}

/// The months offered, newest first: this month and the ones before it.
pub(super) fn months_offered() -> Vec<YearMonth> {
    let now = YearMonth::of(platform::today());
    (0..MONTHS_OFFERED)
        .map(|back| fd::month_back(now, back))
        .collect()
}

/// A month `<select>`; its options are the months offered, in the current language.
#[component]
pub(super) fn MonthSelect(id: &'static str, month: RwSignal<YearMonth>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id=id on:change=move |ev| {
            if let Some(m) = fd::parse_month(&event_target_value(&ev)) { month.set(m); }
        }>
            {months_offered().into_iter().map(|m| view! {
                <option value=fd::month_code(m) selected=move || month.get() == m>{move || month_name(i18n.lang(), m)}</option>
            }).collect_view()}
        </select>
    }
}

fn verification_form() -> Option<DataVerificationForm> {
    catalogue::catalogue()
        .ok()?
        .current_data_verification_form()
        .cloned()
}

#[component]
pub fn FacilityDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let _session = use_session();
    let _places = use_places();
    let sync = use_sync();
    let body = move || {
        let (user, place) = match user_and_place() {
            Ok(found) => found,
            Err(missing) => return missing,
        };
        let facility = place.id.clone();
        let loaded = Memo::new(move |_| {
            sync.revision.track();
            store::load(&facility)
        });
        let ctx = Ctx {
            place: place.clone(),
            username: user.username.clone(),
            shown_name: user.shown_name().to_owned(),
            sync,
            loaded,
        };
        let form = verification_form();
        let indicators = fd::monthly_indicators(form.as_ref());
        let month = RwSignal::new(fd::month_back(YearMonth::of(platform::today()), 1));
        let cards_ctx = ctx.clone();
        view! {
            <p class="muted">{move || i18n.t(FKey::Intro)} " · " <strong>{place.name.clone()}</strong></p>
            {move || (loaded.with(|l| l.unreadable) > 0).then(|| view! { <p class="notice error" role="alert">{i18n.t(FKey::Unreadable)}</p> })}
            <section aria-labelledby="fd-values-title" data-testid="indicator-values">
                <h2 id="fd-values-title">{move || i18n.t(FKey::Indicators)}</h2>
                <div class="form month-pick">
                    <label for="fd-month">{move || i18n.t(FKey::Month)}</label>
                    <MonthSelect id="fd-month" month />
                </div>
                {move || {
                    let month = month.get();
                    indicators.iter().cloned().map(|indicator| {
                        view! { <IndicatorCard ctx=cards_ctx.clone() indicator month /> }
                    }).collect_view()
                }}
            </section>
            <Verification ctx form />
        }
        .into_any()
    };
    view! {
        <section class="page facility-data">
            <h1>{move || i18n.t(FKey::Title)}</h1>
            {body}
        </section>
    }
}
