//! The headline figures and the "needs attention" list.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use mentora_shared::reports::dashboard::{Attention, headline, needs_attention};

use super::keys::{DKey, competency_name};
use super::{CALENDAR, Ctx};
use crate::i18n::use_i18n;
use crate::places::use_places;

/// One big number with its label.
#[component]
fn Figure(testid: &'static str, label: DKey, value: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="figure" data-testid=testid>
            <dt>{move || i18n.t(label)}</dt>
            <dd>{value}</dd>
        </div>
    }
}

#[component]
pub(super) fn Figures(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let figures = Memo::new(move |_| {
        ctx.loaded.with(|l| {
            ctx.filter.with(|f| {
                ctx.areas
                    .with_value(|a| headline(&l.data, a, CALENDAR, f, ctx.today))
            })
        })
    });
    let number = |read: fn(&mentora_shared::reports::dashboard::Headline) -> usize| {
        Signal::derive(move || figures.with(|h| read(h).to_string()))
    };
    let visits = Signal::derive(move || {
        figures.with(|h| {
            format!(
                "{} {} {}",
                h.visits_done,
                i18n.t(DKey::Of),
                h.visits_planned
            )
        })
    });
    view! {
        <section aria-labelledby="dash-headline">
            <h2 id="dash-headline">{move || i18n.t(DKey::Headline)}</h2>
            <dl class="figures" data-testid="headline">
                <Figure testid="figure-mentors" label=DKey::MentorsActive value=number(|h| h.mentors_active) />
                <Figure testid="figure-reached" label=DKey::MenteesReached value=number(|h| h.mentees_reached) />
                <Figure testid="figure-validated" label=DKey::MenteesValidated value=number(|h| h.mentees_validated) />
                <Figure testid="figure-visits" label=DKey::VisitsDone value=visits />
                <Figure testid="figure-qi" label=DKey::QiOpen value=number(|h| h.qi_actions_open) />
                <Figure testid="figure-qi-overdue" label=DKey::QiOverdue value=number(|h| h.qi_actions_overdue) />
                <Figure testid="figure-chw" label=DKey::ChwGroups value=number(|h| h.chw_groups_reached) />
            </dl>
            <details class="definitions">
                <summary>{move || i18n.t(DKey::Definitions)}</summary>
                <p>{move || i18n.t(DKey::HeadlineDefinition)}</p>
            </details>
        </section>
    }
}

#[component]
pub(super) fn AttentionList(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let places = use_places();
    let items = Memo::new(move |_| {
        // The places list may hold more than the user's scope: only districts the device holds
        // records of are expected to be visited.
        let districts = ctx.options.with(|o| o.districts.clone());
        let facilities: Vec<(String, String)> = places.state.with(|s| {
            s.places()
                .iter()
                .filter(|p| p.is_facility())
                .filter(|p| p.parent_id.as_ref().is_some_and(|d| districts.contains(d)))
                .map(|p| (p.parent_id.clone().unwrap_or_default(), p.id.clone()))
                .collect()
        });
        ctx.loaded.with(|l| {
            ctx.filter.with(|f| {
                ctx.areas
                    .with_value(|a| needs_attention(&l.data, a, &facilities, f, ctx.today))
            })
        })
    });
    let navigate = use_navigate();
    let row = move |item: Attention| {
        match item {
        Attention::NoVisitThisMonth { facility, .. } => {
            let navigate = navigate.clone();
            let id = facility.clone();
            view! {
                <li data-kind="no-visit">
                    <span>{i18n.t(DKey::NoVisit)} ": " <strong>{ctx.place_name(&facility)}</strong></span>
                    <button type="button" class="no-print" on:click=move |_| {
                        places.choose(&id);
                        navigate("/visits", Default::default());
                    }>{i18n.t(DKey::OpenVisits)}</button>
                </li>
            }
            .into_any()
        }
        Attention::StuckInCoaching {
            facility,
            mentee_name,
            mentee_id,
            competency,
            assessments,
        } => view! {
            <li data-kind="stuck">
                <span>
                    <A href=format!("/mentees/{mentee_id}")>{mentee_name}</A>
                    " (" {ctx.place_name(&facility)} ") · " {competency_name(i18n, competency.as_str())} " · "
                    {i18n.t(DKey::Stuck)} " " {assessments} " " {i18n.t(DKey::Assessments)}
                </span>
            </li>
        }
        .into_any(),
        Attention::OverdueAction {
            facility,
            due,
            project_id,
            gap,
            action,
        } => view! {
            <li data-kind="overdue-action">
                <span>
                    {i18n.t(DKey::OverdueAction)} " " {due.to_string()} ": "
                    <A href=format!("/qi/{project_id}")>{action}</A>
                    " · " {gap} " (" {ctx.place_name(&facility)} ")"
                </span>
            </li>
        }
        .into_any(),
    }
    };
    view! {
        <section aria-labelledby="dash-attention">
            <h2 id="dash-attention">{move || i18n.t(DKey::Attention)}</h2>
            {move || {
                let items = items.get();
                if items.is_empty() {
                    view! { <p class="muted">{i18n.t(DKey::NothingToFlag)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="attention-list" data-testid="attention">
                            {items.into_iter().map(&row).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
