//! The quarterly coordination pack (`/dashboard/quarter`): one fiscal quarter and optionally a
//! district or facility; the progress figures and Tables 1 and 2, visits done against planned
//! per month, the QI status, and the supervisor's challenges and advocacy items (a device
//! draft per quarter). Printable on A4 with one button; works offline from synced documents.

pub(super) mod keys;
mod outcomes;
mod sections;

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::reports::FiscalQuarter;
use mentora_shared::reports::dashboard::Period;

use super::figures::Figures;
use super::filters::FilterSelect;
use super::keys::{DKey, period_name};
use super::tables::Tables;
use super::{CALENDAR, Ctx, Selection, context, print_page};
use crate::i18n::use_i18n;
use crate::platform;
use crate::session::use_session;
use keys::QKey;

#[component]
pub fn QuarterPackPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let signed_in = move || session.0.with(Option::is_some);
    view! {
        <section class="page dashboard-page report-page quarter-page">
            <h1>{move || i18n.t(QKey::Title)}</h1>
            <p class="muted no-print">{move || i18n.t(QKey::Intro)}</p>
            <Show when=signed_in fallback=crate::components::sign_in_prompt>
                <Pack />
            </Show>
        </section>
    }
}

/// The quarter the selection names, or today's.
fn quarter_of(ctx: Ctx) -> FiscalQuarter {
    ctx.filter.with(|f| match f.period {
        Period::Quarter(q) => q,
        _ => CALENDAR.quarter(ctx.today),
    })
}

#[component]
fn Pack() -> impl IntoView {
    let i18n = use_i18n();
    let today = platform::today();
    let current = CALENDAR.quarter(today);
    let default_period = Period::Quarter(current);
    let selection = Selection::new(default_period);
    let ctx = context(selection, default_period, today);
    let quarter = Memo::new(move |_| quarter_of(ctx));
    let districts = Signal::derive(move || {
        ctx.options.with(|o| {
            o.districts
                .iter()
                .map(|d| (d.clone(), ctx.place_name(d)))
                .collect()
        })
    });
    let facilities = Signal::derive(move || {
        let district = selection.district.get();
        ctx.options.with(|o| {
            o.facilities
                .iter()
                .filter(|(d, _)| district.is_empty() || *d == district)
                .map(|(_, f)| (f.clone(), ctx.place_name(f)))
                .collect()
        })
    });
    // Every quarter of the fiscal years on the device (and the current one), newest first.
    let quarters = Memo::new(move |_| {
        let mut years = ctx.options.with(|o| o.years.clone());
        if !years.contains(&current.year) {
            years.push(current.year);
        }
        years.sort_unstable_by(|a, b| b.cmp(a));
        years
            .into_iter()
            .flat_map(|year| {
                (1..=4)
                    .rev()
                    .map(move |quarter| FiscalQuarter { year, quarter })
            })
            .collect::<Vec<_>>()
    });
    let place = move || {
        let chosen = selection.facility.get();
        let chosen = if chosen.is_empty() {
            selection.district.get()
        } else {
            chosen
        };
        if chosen.is_empty() {
            i18n.t(QKey::AllPlaces).to_owned()
        } else {
            ctx.place_name(&chosen)
        }
    };
    view! {
        <div class="no-print">
            <div class="filter-grid">
                <div class="field">
                    <label for="pack-quarter">{move || i18n.t(QKey::Quarter)}</label>
                    <select id="pack-quarter" on:change=move |ev| selection.period.set(event_target_value(&ev))>
                        {move || quarters.get().into_iter().map(|q| {
                            let code = Period::Quarter(q).code();
                            let selected_code = code.clone();
                            view! {
                                <option value=code selected=move || selection.period.get() == selected_code>
                                    {move || period_name(i18n, CALENDAR, Period::Quarter(q))}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <FilterSelect id="pack-district" label=DKey::District value=selection.district options=districts />
                <FilterSelect id="pack-facility" label=DKey::Facility value=selection.facility options=facilities />
            </div>
            <p>
                <button type="button" on:click=move |_| print_page()>{move || i18n.t(DKey::Print)}</button>
                " "
                <A href="/dashboard" attr:class="button secondary">{move || i18n.t(DKey::BackToDashboard)}</A>
            </p>
        </div>
        <h2 data-testid="pack-heading">{move || period_name(i18n, CALENDAR, Period::Quarter(quarter.get()))} " · " {place}</h2>
        <section aria-labelledby="pack-progress" class="pack-section">
            <h2 id="pack-progress">{move || i18n.t(QKey::Progress)}</h2>
            <Figures ctx />
            <Tables ctx />
        </section>
        <sections::Indicators ctx quarter />
        <sections::QiStatus ctx />
        <sections::Notes quarter />
    }
}
