//! The facility outcome indicator values of the quarter, from the facility data documents
//! synced to this device (Facility data screen), one row per facility and indicator.

use leptos::prelude::*;
use mentora_shared::documents::facility_data::{self, MonthlyValue, monthly_indicators};
use mentora_shared::domain::{Proportion, YearMonth};
use mentora_shared::reports::dashboard::{DashboardFacilityData, quarter_indicators};

use super::super::Ctx;
use super::super::keys::{month_name, percent};
use super::keys::QKey;
use crate::engine::{self, use_sync};
use crate::i18n::{I18n, use_i18n};

fn load() -> Vec<DashboardFacilityData> {
    engine::read_all(facility_data::KIND, |_, header, automerge| {
        Some(DashboardFacilityData {
            district: header.scope.district.as_str().to_owned(),
            data: facility_data::read(automerge).ok()?,
        })
    })
    .into_iter()
    .flatten()
    .collect()
}

fn value_text(i18n: I18n, value: Option<MonthlyValue>) -> String {
    match value {
        None => "–".to_owned(),
        Some(MonthlyValue::Count(n)) => n.to_string(),
        Some(MonthlyValue::Rate {
            numerator,
            denominator,
        }) => match Proportion::new(numerator, denominator).percent_rounded() {
            Some(p) => format!("{numerator}/{denominator} ({})", percent(i18n.lang(), p)),
            None => format!("{numerator}/{denominator}"),
        },
    }
}

fn indicator_name(i18n: I18n, id: &str) -> String {
    let form = crate::catalogue::catalogue()
        .ok()
        .and_then(|c| c.current_data_verification_form().cloned());
    monthly_indicators(form.as_ref())
        .into_iter()
        .find(|i| i.id == id)
        .map(|i| crate::catalogue::text(i18n, &i.name))
        .unwrap_or_else(|| id.to_owned())
}

#[component]
pub(super) fn Outcomes(ctx: Ctx, months: Memo<[YearMonth; 3]>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let documents = Memo::new(move |_| {
        sync.revision.track();
        load()
    });
    let rows = Memo::new(move |_| {
        documents.with(|d| ctx.filter.with(|f| quarter_indicators(d, f, months.get())))
    });
    view! {
        <h3 id="pack-outcomes">{move || i18n.t(QKey::Outcomes)}</h3>
        {move || {
            let rows = rows.get();
            if rows.is_empty() {
                return view! { <p class="muted">{i18n.t(QKey::NoOutcomes)}</p> }.into_any();
            }
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="pack-outcomes">
                    <table data-testid="pack-outcomes">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t(QKey::Facility)}</th>
                                <th scope="col">{i18n.t(QKey::Indicator)}</th>
                                {months.get().into_iter().map(|m| view! {
                                    <th scope="col">{month_name(i18n.lang(), m)}</th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr>
                                    <td>{ctx.place_name(&r.facility)}</td>
                                    <th scope="row">{indicator_name(i18n, &r.indicator)}</th>
                                    {r.values.into_iter().map(|v| view! {
                                        <td class="num">{value_text(i18n, v)}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}
