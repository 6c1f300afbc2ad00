//! The mentor monthly report (`/dashboard/report`): one month and one mentor (the signed-in
//! user by default), the headline figures, every assessment and validation of the month, and
//! what needs attention; printable with one button.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::mentee;
use mentora_shared::domain::YearMonth;
use mentora_shared::reports::dashboard::{LineKind, Period, report_lines};

use super::figures::{AttentionList, Figures};
use super::filters::FilterSelect;
use super::keys::{DKey, competency_name, month_name, percent};
use super::{CALENDAR, Selection, context, print_page};
use crate::i18n::use_i18n;
use crate::platform;
use crate::session::use_session;
use mentora_shared::documents::visit::months_between;

fn kind_key(kind: LineKind) -> DKey {
    match kind {
        LineKind::PreTest => DKey::PreTest,
        LineKind::PostTest => DKey::PostTest,
        LineKind::BaselineObservation => DKey::BaselineObservation,
        LineKind::CoachingObservation => DKey::CoachingObservation,
        LineKind::PostMentorshipObservation => DKey::PostMentorshipObservation,
        LineKind::GroupAssessment => DKey::GroupAssessment,
        LineKind::Validation => DKey::Validated,
    }
}

#[component]
pub fn MonthlyReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let signed_in = move || session.0.with(Option::is_some);
    view! {
        <section class="page dashboard-page report-page">
            <h1>{move || i18n.t(DKey::MonthlyReport)}</h1>
            <p class="muted">{move || i18n.t(DKey::ReportIntro)}</p>
            <Show when=signed_in fallback=crate::components::sign_in_prompt>
                <Report />
            </Show>
        </section>
    }
}

#[component]
fn Report() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let today = platform::today();
    let this_month = YearMonth::of(today);
    let default_period = Period::Month(this_month);
    let selection = Selection::new(default_period);
    if let Some(s) = session.0.get_untracked() {
        selection
            .mentor
            .set(mentee::mentor_id(&s.user.username).to_string());
    }
    let ctx = context(selection, default_period, today);
    let first = months_between(
        YearMonth {
            year: this_month.year - 1,
            month: this_month.month,
        },
        this_month,
    );
    let months: Vec<YearMonth> = first.into_iter().skip(1).rev().collect();
    let mentors = Signal::derive(move || {
        ctx.options.with(|o| {
            o.mentors
                .iter()
                .map(|m| (m.id.to_string(), m.name.clone()))
                .collect()
        })
    });
    let lines = Memo::new(move |_| {
        ctx.loaded.with(|l| {
            ctx.filter.with(|f| {
                ctx.areas
                    .with_value(|a| report_lines(&l.data, a, CALENDAR, f))
            })
        })
    });
    let heading = move || {
        let month = ctx.filter.with(|f| match f.period {
            Period::Month(m) => month_name(i18n.lang(), m),
            _ => String::new(),
        });
        let mentor = ctx.filter.with(|f| f.mentor).and_then(|id| {
            ctx.options.with(|o| {
                o.mentors
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| m.name.clone())
            })
        });
        match mentor {
            Some(name) => format!("{month} · {name}"),
            None => month,
        }
    };
    view! {
        <div class="no-print">
            <div class="filter-grid">
                <div class="field">
                    <label for="report-month">{move || i18n.t(DKey::Month)}</label>
                    <select id="report-month" on:change=move |ev| selection.period.set(event_target_value(&ev))>
                        {months.into_iter().map(|m| {
                            let code = Period::Month(m).code();
                            let selected_code = code.clone();
                            view! {
                                <option value=code selected=move || selection.period.get() == selected_code>
                                    {move || month_name(i18n.lang(), m)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <FilterSelect id="report-mentor" label=DKey::Mentor value=selection.mentor options=mentors />
            </div>
            <p>
                <button type="button" on:click=move |_| print_page()>{move || i18n.t(DKey::Print)}</button>
                " "
                <A href="/dashboard" attr:class="button secondary">{move || i18n.t(DKey::BackToDashboard)}</A>
            </p>
        </div>
        <h2 data-testid="report-heading">{heading}</h2>
        <Figures ctx />
        <section aria-labelledby="report-work" class="dashboard-tables">
            <h2 id="report-work">{move || i18n.t(DKey::Work)}</h2>
            {move || {
                let lines = lines.get();
                if lines.is_empty() {
                    return view! { <p class="muted">{i18n.t(DKey::NoWork)}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="report-work">
                        <table data-testid="report-lines">
                            <thead>
                                <tr>
                                    <th scope="col">{i18n.t(DKey::Date)}</th>
                                    <th scope="col">{i18n.t(DKey::Mentee)}</th>
                                    <th scope="col">{i18n.t(DKey::Facility)}</th>
                                    <th scope="col">{i18n.t(DKey::Competency)}</th>
                                    <th scope="col">{i18n.t(DKey::What)}</th>
                                    <th scope="col">{i18n.t(DKey::Score)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lines.into_iter().map(|l| view! {
                                    <tr>
                                        <td>{l.date.to_string()}</td>
                                        <th scope="row"><A href=format!("/mentees/{}", l.mentee_id)>{l.mentee_name}</A></th>
                                        <td>{ctx.place_name(&l.facility)}</td>
                                        <td>{competency_name(i18n, l.competency.as_str())}</td>
                                        <td>{i18n.t(kind_key(l.kind))}</td>
                                        <td class="num">{l.score.map(|b| percent(i18n.lang(), u32::from(b / 100))).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
        <AttentionList ctx />
    }
}
