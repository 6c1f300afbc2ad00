//! The filter selects. Every option comes from the data on the device (plus the current fiscal
//! year), so no choice can match nothing by construction; every select has its label.

use leptos::prelude::*;
use mentora_shared::documents::mentee;
use mentora_shared::reports::FiscalQuarter;
use mentora_shared::reports::dashboard::Period;

use super::keys::{DKey, area_code, area_name, period_name, year_bounds};
use super::{CALENDAR, Ctx, Selection};
use crate::components::association_key;
use crate::i18n::use_i18n;
use mentora_shared::documents::visit::months_between;

/// One labelled select bound to `value`; `options` are (value, text) after "All".
#[component]
pub(super) fn FilterSelect(
    id: &'static str,
    label: DKey,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{move || i18n.t(label)}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>{move || i18n.t(DKey::All)}</option>
                {move || options.get().into_iter().map(|(code, text)| {
                    let selected_code = code.clone();
                    view! { <option value=code selected=move || value.get() == selected_code>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub(super) fn Filters(ctx: Ctx, selection: Selection, default_period: Period) -> impl IntoView {
    let i18n = use_i18n();
    let options = ctx.options;
    let districts = Signal::derive(move || {
        options.with(|o| {
            o.districts
                .iter()
                .map(|d| (d.clone(), ctx.place_name(d)))
                .collect()
        })
    });
    let facilities = Signal::derive(move || {
        let district = selection.district.get();
        options.with(|o| {
            o.facilities
                .iter()
                .filter(|(d, _)| district.is_empty() || *d == district)
                .map(|(_, f)| (f.clone(), ctx.place_name(f)))
                .collect()
        })
    });
    let associations = Signal::derive(move || {
        options.with(|o| {
            o.associations
                .iter()
                .map(|a| {
                    (
                        mentee::association_code(*a).to_owned(),
                        i18n.t(association_key(*a)).to_owned(),
                    )
                })
                .collect()
        })
    });
    let areas = Signal::derive(move || {
        options.with(|o| {
            o.areas
                .iter()
                .map(|a| (area_code(*a), area_name(i18n, *a)))
                .collect()
        })
    });
    let mentors = Signal::derive(move || {
        options.with(|o| {
            o.mentors
                .iter()
                .map(|m| (m.id.to_string(), m.name.clone()))
                .collect()
        })
    });
    // A facility chosen in another district no longer applies.
    Effect::new(move |_| {
        let district = selection.district.get();
        if district.is_empty() {
            return;
        }
        let facility = selection.facility.get_untracked();
        let fits = options.with(|o| {
            o.facilities
                .iter()
                .any(|(d, f)| *d == district && *f == facility)
        });
        if !facility.is_empty() && !fits {
            selection.facility.set(String::new());
        }
    });
    let reset = move |_| {
        for s in [
            selection.district,
            selection.facility,
            selection.association,
            selection.area,
            selection.mentor,
        ] {
            s.set(String::new());
        }
        selection.period.set(default_period.code());
    };
    view! {
        <section class="dashboard-filters no-print" aria-labelledby="dash-filters">
            <h2 id="dash-filters">{move || i18n.t(DKey::Filters)}</h2>
            <div class="filter-grid">
                <PeriodSelect ctx selection default_period />
                <FilterSelect id="dash-district" label=DKey::District value=selection.district options=districts />
                <FilterSelect id="dash-facility" label=DKey::Facility value=selection.facility options=facilities />
                <FilterSelect id="dash-association" label=DKey::Association value=selection.association options=associations />
                <FilterSelect id="dash-area" label=DKey::Area value=selection.area options=areas />
                <FilterSelect id="dash-mentor" label=DKey::Mentor value=selection.mentor options=mentors />
            </div>
            <button type="button" on:click=reset>{move || i18n.t(DKey::Reset)}</button>
        </section>
    }
}

/// Fiscal years present (and the current one), each with its quarters and months.
#[component]
fn PeriodSelect(ctx: Ctx, selection: Selection, default_period: Period) -> impl IntoView {
    let i18n = use_i18n();
    let years = Memo::new(move |_| {
        let mut years = ctx.options.with(|o| o.years.clone());
        if let Period::Year(current) = default_period
            && !years.contains(&current)
        {
            years.push(current);
        }
        years.sort_unstable_by(|a, b| b.cmp(a));
        years
    });
    view! {
        <div class="field">
            <label for="dash-period">{move || i18n.t(DKey::Period)}</label>
            <select id="dash-period" on:change=move |ev| selection.period.set(event_target_value(&ev))>
                {move || years.get().into_iter().map(|year| {
                    let (first, last) = year_bounds(CALENDAR, year);
                    let mut periods = vec![Period::Year(year)];
                    periods.extend((1..=4).map(|quarter| Period::Quarter(FiscalQuarter { year, quarter })));
                    periods.extend(months_between(first, last).into_iter().map(Period::Month));
                    view! {
                        <optgroup label=year.label()>
                            {periods.into_iter().map(|p| {
                                let code = p.code();
                                let selected_code = code.clone();
                                view! {
                                    <option value=code selected=move || selection.period.get() == selected_code>
                                        {move || period_name(i18n, CALENDAR, p)}
                                    </option>
                                }
                            }).collect_view()}
                        </optgroup>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}
