//! The mentee's history (every assessment, newest first, with feedback) and the small score
//! chart drawn on each competency card.

use leptos::prelude::*;
use mentora_shared::domain::{Assessment, BilingualText};

use super::keys::{MKey, kind_key};
use crate::catalogue::{self, text};
use crate::i18n::{Text as _, use_i18n};
use crate::pages::comments::assessment_panel;
use crate::records::Mentee;

#[component]
pub fn History(mentee: Memo<Option<Mentee>>) -> impl IntoView {
    let i18n = use_i18n();
    let entries = Memo::new(move |_| {
        let mut entries = mentee
            .get()
            .map(|m| m.history.assessments)
            .unwrap_or_default();
        entries.reverse();
        entries
    });
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title">{move || i18n.t(MKey::History)}</h2>
            {move || {
                let entries = entries.get();
                let doc = mentee.with_untracked(|m| m.as_ref().map(|m| m.doc));
                if entries.is_empty() {
                    return view! { <p class="muted">{move || i18n.t(MKey::NoHistory)}</p> }.into_any();
                }
                view! {
                    <ul class="history" data-testid="history">
                        {entries.into_iter().map(|entry| {
                            let a = entry.assessment;
                            let kind = kind_key(&a.kind);
                            let competency = catalogue::competency(a.competency.as_str())
                                .map(|c| c.name)
                                .unwrap_or_else(|| BilingualText::new(a.competency.to_string(), a.competency.to_string()));
                            let score = format!("{} / {} ({}%)", a.score.achieved(), a.score.applicable(), a.score.percent_floor());
                            view! {
                                <li>
                                    <p>
                                        <strong>{move || i18n.t(kind)}</strong> " · " {move || text(i18n, &competency)}
                                        " · " <span class="score">{score}</span>
                                    </p>
                                    <p class="muted">{a.date.to_string()} " · " {move || i18n.t(MKey::By)} " " {entry.assessor_name.clone()}</p>
                                    {entry.feedback.filter(|f| !f.went_well.is_empty() || !f.to_improve.is_empty()).map(|f| view! {
                                        <dl class="feedback">
                                            <dt>{move || i18n.t(MKey::WentWell)}</dt><dd>{f.went_well}</dd>
                                            <dt>{move || i18n.t(MKey::ToImprove)}</dt><dd>{f.to_improve}</dd>
                                        </dl>
                                    })}
                                    {doc.map(|doc| assessment_panel(doc, a.id.to_string()))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 110.0;
const PAD: f64 = 10.0;

fn y_of(percent: f64) -> f64 {
    PAD + (100.0 - percent) * (HEIGHT - 2.0 * PAD) / 100.0
}

/// Scores of every attempt, oldest to newest, against the 85% line. Tests are squares,
/// observations circles; the whole series is also given as text for screen readers.
#[component]
pub fn ScoreChart(assessments: Vec<Assessment>, name: BilingualText) -> impl IntoView {
    let i18n = use_i18n();
    let count = assessments.len().max(1);
    let step = if count > 1 {
        (WIDTH - 2.0 * PAD) / (count - 1) as f64
    } else {
        0.0
    };
    let points: Vec<(f64, f64, bool, Assessment)> = assessments
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let percent =
                f64::from(a.score.achieved()) * 100.0 / f64::from(a.score.applicable().max(1));
            let x = if count > 1 {
                PAD + step * i as f64
            } else {
                WIDTH / 2.0
            };
            (x, y_of(percent), a.test_phase().is_some(), a)
        })
        .collect();
    let line = points
        .iter()
        .map(|(x, y, _, _)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let summary_points = points
        .iter()
        .map(|(_, _, _, a)| (kind_key(&a.kind), a.score.percent_floor()))
        .collect::<Vec<_>>();
    let label = move || {
        let lang = i18n.lang();
        let series = summary_points
            .iter()
            .map(|(kind, percent)| format!("{} {percent}%", kind.text(lang)))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{} — {}: {series}",
            text(i18n, &name),
            i18n.t(MKey::ScoresChart)
        )
    };
    let pass = y_of(85.0);
    view! {
        <svg class="score-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
            <line x1=PAD x2=WIDTH - PAD y1=pass y2=pass class="pass-line">
                <title>{move || i18n.t(MKey::PassMarkLine)}</title>
            </line>
            <polyline points=line class="series" />
            {points.into_iter().map(|(x, y, is_test, a)| {
                let title = format!("{} {}%", a.date, a.score.percent_floor());
                if is_test {
                    view! { <rect x=x - 5.0 y=y - 5.0 width="10" height="10" class="point test"><title>{title}</title></rect> }.into_any()
                } else {
                    view! { <circle cx=x cy=y r="5" class="point observation"><title>{title}</title></circle> }.into_any()
                }
            }).collect_view()}
        </svg>
    }
}
