//! The agenda: visits to come (and under way) first, soonest first; then visits done or
//! cancelled, latest first; each list grouped by month. State is written in words.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::documents::visit::{Visit, VisitState};
use mentora_shared::domain::YearMonth;

use super::data::{self, VisitRow};
use super::keys::{VKey, kind_key, state_key};
use crate::components::UnreadableRow;
use crate::i18n::{I18n, use_i18n};

/// Consecutive rows grouped under their month (rows must already be in the order shown).
fn by_month(rows: Vec<(VisitRow, Visit)>) -> Vec<(YearMonth, Vec<(VisitRow, Visit)>)> {
    let mut groups: Vec<(YearMonth, Vec<(VisitRow, Visit)>)> = Vec::new();
    for (row, visit) in rows {
        let month = YearMonth::of(visit.plan.start);
        match groups.last_mut() {
            Some((m, list)) if *m == month => list.push((row, visit)),
            _ => groups.push((month, vec![(row, visit)])),
        }
    }
    groups
}

#[component]
pub fn Agenda(rows: Memo<Vec<VisitRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let split = Memo::new(move |_| {
        let mut upcoming = Vec::new();
        let mut past = Vec::new();
        let mut broken = Vec::new();
        for row in rows.get() {
            match row.visit.clone() {
                Ok(v) if matches!(v.state, VisitState::Planned | VisitState::InProgress) => {
                    upcoming.push((row, v));
                }
                Ok(v) => past.push((row, v)),
                Err(reason) => broken.push(reason),
            }
        }
        past.reverse();
        (by_month(upcoming), by_month(past), broken)
    });
    view! {
        <section aria-labelledby="agenda-title" data-testid="visit-agenda">
            <h2 id="agenda-title">{move || i18n.t(VKey::Agenda)}</h2>
            <h3>{move || i18n.t(VKey::Upcoming)}</h3>
            {move || groups(i18n, split.with(|s| s.0.clone()), VKey::NoUpcoming)}
            <h3>{move || i18n.t(VKey::Past)}</h3>
            {move || groups(i18n, split.with(|s| s.1.clone()), VKey::NoPast)}
            {move || {
                let unreadable = split.with(|s| s.2.clone());
                (!unreadable.is_empty()).then(|| view! {
                    <ul class="card-list">
                        {unreadable.into_iter().map(|reason| view! { <UnreadableRow reason /> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

fn groups(i18n: I18n, groups: Vec<(YearMonth, Vec<(VisitRow, Visit)>)>, empty: VKey) -> AnyView {
    if groups.is_empty() {
        return view! { <p class="muted">{move || i18n.t(empty)}</p> }.into_any();
    }
    groups
        .into_iter()
        .map(|(month, list)| {
            view! {
                <h4 class="agenda-month">{move || data::month(i18n, month)}</h4>
                <ul class="card-list">
                    {list.into_iter().map(|(row, visit)| view! { <AgendaItem row visit /> }).collect_view()}
                </ul>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn AgendaItem(row: VisitRow, visit: Visit) -> impl IntoView {
    let i18n = use_i18n();
    let plan = visit.plan;
    let state = visit.state;
    let (start, end) = (plan.start, plan.end);
    let planned: Vec<_> = plan.activities.iter().copied().collect();
    let expected = plan.expected_mentees.len();
    let logged = visit.activities.len();
    view! {
        <li class="card visit-card" data-state=state.code()>
            <div>
                <h5 class="visit-dates">
                    <A href=row.href()>{move || data::range(i18n, start, end)}</A>
                </h5>
                <p><span class="status-chip" data-status=state.code()>{move || i18n.t(state_key(state))}</span></p>
                <p class="muted">{plan.mentors.join(", ")}</p>
                <p class="muted">
                    {move || planned.iter().map(|k| i18n.t(kind_key(*k))).collect::<Vec<_>>().join(" · ")}
                </p>
                <p class="muted">
                    {move || i18n.t(VKey::ExpectedMentees)} ": " {expected}
                    {(logged > 0).then(|| view! { " · " {move || i18n.t(VKey::Activities)} ": " {logged} })}
                </p>
            </div>
        </li>
    }
}
