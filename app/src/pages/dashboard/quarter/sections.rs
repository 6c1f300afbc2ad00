//! The pack's indicators, QI status and the supervisor's notes.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::reports::FiscalQuarter;
use mentora_shared::reports::dashboard::{Period, qi_status, quarter_months, visits_per_month};
use serde::{Deserialize, Serialize};

use super::super::keys::month_name;
use super::super::{CALENDAR, Ctx};
use super::keys::QKey;
use crate::drafts;
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub(super) fn Indicators(ctx: Ctx, quarter: Memo<FiscalQuarter>) -> impl IntoView {
    let i18n = use_i18n();
    let quarter_months = Memo::new(move |_| quarter_months(CALENDAR, quarter.get()));
    let months = Memo::new(move |_| {
        let months = quarter_months.get();
        ctx.loaded
            .with(|l| ctx.filter.with(|f| visits_per_month(&l.data, f, &months)))
    });
    let total = move || {
        months.with(|rows| {
            rows.iter()
                .fold((0, 0), |(d, p), m| (d + m.done, p + m.planned))
        })
    };
    view! {
        <section aria-labelledby="pack-indicators" class="pack-section dashboard-tables">
            <h2 id="pack-indicators">{move || i18n.t(QKey::Indicators)}</h2>
            <h3 id="pack-visits-title">{move || i18n.t(QKey::VisitsPerMonth)}</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="pack-visits-title">
                <table data-testid="pack-visits">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(QKey::Month)}</th>
                            <th scope="col">{move || i18n.t(QKey::Done)}</th>
                            <th scope="col">{move || i18n.t(QKey::Planned)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || months.get().into_iter().map(|m| view! {
                            <tr>
                                <th scope="row">{month_name(i18n.lang(), m.month)}</th>
                                <td class="num">{m.done}</td>
                                <td class="num">{m.planned}</td>
                            </tr>
                        }).collect_view()}
                        <tr class="total">
                            <th scope="row">{move || i18n.t(QKey::Total)}</th>
                            <td class="num">{move || total().0}</td>
                            <td class="num">{move || total().1}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <super::outcomes::Outcomes ctx months=quarter_months />
        </section>
    }
}

#[component]
pub(super) fn QiStatus(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        ctx.loaded
            .with(|l| ctx.filter.with(|f| qi_status(&l.data, f, ctx.today)))
    });
    view! {
        <section aria-labelledby="pack-qi" class="pack-section dashboard-tables">
            <h2 id="pack-qi">{move || i18n.t(QKey::QiStatus)}</h2>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! { <p class="muted">{i18n.t(QKey::NoOpenProject)}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="pack-qi">
                        <table data-testid="pack-qi">
                            <thead>
                                <tr>
                                    <th scope="col">{i18n.t(QKey::Facility)}</th>
                                    <th scope="col">{i18n.t(QKey::Gap)}</th>
                                    <th scope="col">{i18n.t(QKey::Opened)}</th>
                                    <th scope="col">{i18n.t(QKey::OpenActions)}</th>
                                    <th scope="col">{i18n.t(QKey::OverdueActions)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td>{ctx.place_name(&r.facility)}</td>
                                        <th scope="row"><A href=format!("/qi/{}", r.project_id)>{r.gap}</A></th>
                                        <td>{r.opened_on.to_string()}</td>
                                        <td class="num">{r.actions_open}</td>
                                        <td class="num">{r.actions_overdue}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

const FORM: &str = "quarter-pack";

/// The supervisor's notes for one quarter, a device draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct PackNotes {
    challenges: String,
    advocacy: String,
}

/// One note: a labelled textarea on screen, its text as paragraphs in print.
#[component]
fn Note(
    id: &'static str,
    label: QKey,
    text: RwSignal<String>,
    on_input: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let paragraphs = move || {
        let text = text.get();
        let lines: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if lines.is_empty() {
            return view! { <p class="muted">{i18n.t(QKey::NothingWritten)}</p> }.into_any();
        }
        lines
            .into_iter()
            .map(|l| view! { <p>{l}</p> })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="pack-note">
            <h3 class="print-only">{move || i18n.t(label)}</h3>
            <div class="field no-print">
                <label for=id>{move || i18n.t(label)}</label>
                <textarea id=id rows="5" prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        on_input();
                    }></textarea>
            </div>
            <div class="print-only" data-testid=format!("{id}-print")>{paragraphs}</div>
        </div>
    }
}

#[component]
pub(super) fn Notes(quarter: Memo<FiscalQuarter>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let username = move || {
        session
            .0
            .with_untracked(|s| s.as_ref().map(|s| s.user.username.clone()))
    };
    let challenges = RwSignal::new(String::new());
    let advocacy = RwSignal::new(String::new());
    // The quarter's draft, whenever the quarter changes.
    Effect::new(move |_| {
        let code = Period::Quarter(quarter.get()).code();
        let notes: PackNotes = username()
            .and_then(|u| drafts::load(&u, FORM, &code))
            .unwrap_or_default();
        challenges.set(notes.challenges);
        advocacy.set(notes.advocacy);
    });
    let save = move || {
        let Some(user) = username() else { return };
        let code = Period::Quarter(quarter.get_untracked()).code();
        let notes = PackNotes {
            challenges: challenges.get_untracked(),
            advocacy: advocacy.get_untracked(),
        };
        if notes == PackNotes::default() {
            drafts::clear(&user, FORM, &code);
        } else {
            drafts::save(&user, FORM, &code, &notes);
        }
    };
    view! {
        <section aria-labelledby="pack-notes" class="pack-section">
            <h2 id="pack-notes">{move || i18n.t(QKey::Notes)}</h2>
            <p class="muted no-print">{move || i18n.t(QKey::NotesHint)}</p>
            <Note id="pack-challenges" label=QKey::Challenges text=challenges on_input=save />
            <Note id="pack-advocacy" label=QKey::Advocacy text=advocacy on_input=save />
        </section>
    }
}
