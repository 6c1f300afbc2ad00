//! The competencies a mentee is mentored on: for each, the status, the validation rule's two
//! halves, the next step with its links, a small chart, and validation; and the choice of
//! competencies to mentor.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::catalogue::Competency;
use mentora_shared::documents::mentee;
use mentora_shared::domain::Assessment;
use mentora_shared::rules::Readiness;

use super::history::ScoreChart;
use super::keys::{MCount, MKey, gap_key, next_key, status_key};
use super::validate::ValidateButton;
use crate::catalogue::{self, text};
use crate::components::{SaveOutcome, Saving};
use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::records::Mentee;
use crate::store::hex;

/// One competency card's data.
#[derive(Clone, PartialEq)]
struct Card {
    competency: Competency,
    readiness: Readiness,
    assessments: Vec<Assessment>,
}

fn cards(mentee: &Mentee) -> Vec<Card> {
    let Ok(catalogue) = catalogue::catalogue() else {
        return Vec::new();
    };
    catalogue
        .competencies
        .iter()
        .filter(|c| mentee.record.competencies.contains(c.id.as_str()))
        .map(|competency| Card {
            readiness: mentee.readiness(&competency.id),
            assessments: mentee.history.assessments_of(&competency.id),
            competency: competency.clone(),
        })
        .collect()
}

#[component]
pub fn Competencies(mentee: Memo<Option<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let list = Memo::new(move |_| mentee.get().map(|m| cards(&m)).unwrap_or_default());
    view! {
        <section aria-labelledby="competencies-title">
            <h2 id="competencies-title">{move || i18n.t(MKey::Competencies)}</h2>
            {move || {
                let cards = list.get();
                if cards.is_empty() {
                    return view! { <p class="muted">{move || i18n.t(MKey::NoCompetencies)}</p> }.into_any();
                }
                view! {
                    <ul class="card-list competency-cards" data-testid="competencies">
                        {cards.into_iter().map(|card| view! { <CompetencyCard card mentee /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <ChooseCompetencies mentee />
        </section>
    }
}

#[component]
fn CompetencyCard(card: Card, mentee: Memo<Option<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let Card {
        competency,
        readiness,
        assessments,
    } = card;
    let base = mentee
        .get_untracked()
        .map(|m| format!("/mentees/{}", hex(&m.doc.0)))
        .unwrap_or_default();
    let id = competency.id.clone();
    let name = competency.name.clone();
    let validated = mentee.with_untracked(|m| {
        m.as_ref()
            .and_then(|m| m.history.validations.get(&competency.id).cloned())
    });
    let status = status_key(readiness.status);
    let status_code = format!("{:?}", readiness.status).to_lowercase();
    let rule = rule_lines(i18n, &readiness);
    let next = readiness.next;
    let candidate = readiness.validation_candidate().cloned();
    let links = [
        (MKey::PreTest, format!("{base}/test/{id}/pre")),
        (MKey::Observe, format!("{base}/observe/{id}")),
        (MKey::PostTest, format!("{base}/test/{id}/post")),
    ];
    let chart_name = name.clone();
    view! {
        <li class="card competency-card" data-competency=id.to_string()>
            <div class="competency-head">
                <h3><catalogue::CatalogueText text=name.clone() /></h3>
                <span class="status-chip" data-status=status_code>{move || i18n.t(status)}</span>
            </div>
            {validated.map(|v| view! {
                <p class="notice ok">
                    {move || i18n.t(MKey::ValidatedBy)} " " {v.validated_by_name.clone()} " "
                    {move || i18n.t(MKey::On)} " " {v.validation.date.to_string()} " · "
                    {move || i18n.count(v.validation.evaluations_to_validation, MCount::EvaluationsToValidation)}
                    " · " <A href="/cascade">{move || i18n.t(MKey::Promote)}</A>
                </p>
            })}
            {readiness.next.is_some().then(|| view! { <ul class="rule-lines">{rule}</ul> })}
            {next.map(|next| view! {
                <p><strong>{move || i18n.t(MKey::NextLabel)} ": "</strong>{move || i18n.t(next_key(next))}</p>
            })}
            {(!assessments.is_empty()).then(|| view! { <ScoreChart assessments name=chart_name /> })}
            <div class="actions">
                {links.into_iter().map(|(label, href)| view! {
                    <A href=href attr:class="button secondary">{move || i18n.t(label)}</A>
                }).collect_view()}
                {candidate.map(|candidate| view! { <ValidateButton mentee competency=competency.id.clone() candidate /> })}
            </div>
        </li>
    }
}

/// The rule's two halves, each with its result in words (never colour alone).
fn rule_lines(i18n: I18n, readiness: &Readiness) -> impl IntoView + use<> {
    let post = match readiness.post_test {
        None => (None, MKey::RuleNone),
        Some((score, ok)) => (
            Some(format!("{}% — ", score.percent_floor())),
            if ok { MKey::RuleMet } else { MKey::RuleNotMet },
        ),
    };
    let observation = match &readiness.observation {
        None => (None, MKey::RuleNone, Vec::new()),
        Some((assessment, gaps)) => (
            Some(format!("{}% — ", assessment.score.percent_floor())),
            if gaps.is_empty() {
                MKey::RuleMet
            } else {
                MKey::RuleNotMet
            },
            gaps.iter().map(gap_key).collect(),
        ),
    };
    view! {
        <li data-rule="post-test">
            {move || i18n.t(MKey::RulePostTest)} ": " {post.0.clone()} {move || i18n.t(post.1)}
        </li>
        <li data-rule="observation">
            {move || i18n.t(MKey::RuleObservation)} ": " {observation.0.clone()} {move || i18n.t(observation.1)}
            {observation.2.into_iter().map(|gap| view! { " · " {move || i18n.t(gap)} }).collect_view()}
        </li>
    }
}

/// Checkboxes of the catalogue's competencies, those suited to the mentee's cadre first.
#[component]
fn ChooseCompetencies(mentee: Memo<Option<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let chosen = RwSignal::new(
        mentee
            .get_untracked()
            .map(|m| m.record.competencies)
            .unwrap_or_default(),
    );
    let saving = Saving::new();
    let status = saving.status;
    let all = catalogue::catalogue()
        .map(|c| c.competencies.clone())
        .unwrap_or_default();
    let cadre = mentee.get_untracked().map(|m| m.record.cadre);
    let (suited, other): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|c| cadre.is_some_and(|cadre| c.cadres.contains(&cadre)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(doc) = mentee.get_untracked().map(|m| m.doc) else {
            return;
        };
        let wanted: BTreeSet<String> = chosen.get_untracked();
        saving.run(
            engine::edit(sync, doc, move |automerge| {
                let mut next = mentee::read(automerge).map_err(AppError::unreadable)?;
                next.competencies = wanted;
                mentee::update(automerge, &next).map_err(AppError::from)
            }),
            drop,
        );
    };
    let group = move |legend: MKey, list: Vec<Competency>| {
        view! {
            <fieldset>
                <legend>{move || i18n.t(legend)}</legend>
                {list.into_iter().map(|c| {
                    let id = c.id.to_string();
                    let input_id = format!("choose-{id}");
                    let label_for = input_id.clone();
                    let checked_id = id.clone();
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=input_id
                                prop:checked=move || chosen.with(|set| set.contains(&checked_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|set| { if on { set.insert(id.clone()); } else { set.remove(&id); } });
                                } />
                            {move || text(i18n, &c.name)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    view! {
        <details class="choose-competencies">
            <summary>{move || i18n.t(MKey::ChooseCompetencies)}</summary>
            <form class="form" on:submit=submit data-testid="choose-competencies">
                {group(MKey::SuitedToCadre, suited)}
                {(!other.is_empty()).then(|| group(MKey::OtherCompetencies, other))}
                <SaveOutcome status />
                <button type="submit" disabled=move || saving.busy()>
                    {move || saving.label(i18n, MKey::SaveCompetencies)}
                </button>
            </form>
        </details>
    }
}
