//! Tables 1 and 2 of the programme brief as real tables, with their definitions beside them.

use leptos::prelude::*;
use mentora_shared::documents::mentee;
use mentora_shared::reports::cell_text;
use mentora_shared::reports::dashboard::filtered_tables;

use super::keys::{DKey, area_name};
use super::{CALENDAR, Ctx};
use crate::i18n::use_i18n;

#[component]
pub(super) fn Tables(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let tables = Memo::new(move |_| {
        ctx.loaded.with(|l| {
            ctx.filter.with(|f| {
                ctx.areas
                    .with_value(|a| filtered_tables(&l.data, a, CALENDAR, f))
            })
        })
    });
    let years = Memo::new(move |_| tables.with(|t| t.years.clone()));
    let rows1 = Memo::new(move |_| tables.with(|t| t.table1.clone()));
    let rows2 = Memo::new(move |_| tables.with(|t| t.table2.clone()));
    let year2 = move || ctx.filter.with(|f| f.period.fiscal_year(CALENDAR).label());
    view! {
        <section aria-labelledby="dash-tables" class="dashboard-tables">
            <div class="table-block">
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="dash-tables">
                    <table data-testid="table1">
                        <caption id="dash-tables">{move || i18n.t(DKey::Table1Caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" rowspan="2">{move || i18n.t(DKey::ProfessionalAssociation)}</th>
                                {move || years.get().into_iter().map(|y| view! {
                                    <th scope="colgroup" colspan="2">{y.label()}</th>
                                }).collect_view()}
                            </tr>
                            <tr>
                                {move || years.get().into_iter().map(|y| view! {
                                    <th scope="col" data-year=y.label()>{i18n.t(DKey::TotalMentees)}</th>
                                    <th scope="col">{i18n.t(DKey::ValidatedMentees)}</th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {move || rows1.get().into_iter().map(|row| view! {
                                <tr>
                                    <th scope="row">{mentee::association_code(row.association).to_uppercase()}</th>
                                    {row.cells.into_iter().map(|c| view! {
                                        <td class="num" data-year=c.fiscal_year.label()>{c.total_mentees}</td>
                                        <td class="num" data-year=c.fiscal_year.label()>{cell_text(c.validated)}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="definition">{move || i18n.t(DKey::Table1Definition)}</p>
            </div>
            <div class="table-block">
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="dash-table2">
                    <table data-testid="table2">
                        <caption id="dash-table2">{move || i18n.t(DKey::Table2Caption)} ", " {year2}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(DKey::TechnicalArea)}</th>
                                <th scope="col">{move || i18n.t(DKey::Mentors)}</th>
                                <th scope="col">{move || i18n.t(DKey::Reached)}</th>
                                <th scope="col">{move || i18n.t(DKey::ValidatedOne)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || rows2.get().into_iter().map(|row| view! {
                                <tr>
                                    <th scope="row">{area_name(i18n, row.technical_area)}</th>
                                    <td class="num">{row.mentors}</td>
                                    <td class="num">{row.mentees_reached}</td>
                                    <td class="num">{cell_text(row.validated_in_at_least_one)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="definition">{move || i18n.t(DKey::Table2Definition)}</p>
            </div>
        </section>
    }
}
