//! `/baseline/:id`: one assessment's score by section beside the previous assessment of the
//! same facility — previous %, now %, and the change in words as well as an arrow.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentora_shared::documents::baseline::{self, SectionChange};

use super::data::{self, Assessment};
use super::keys::{BCount, BKey, trend_parts};
use crate::catalogue::text;
use crate::components::UnreadableRecord;
use crate::engine::use_sync;
use crate::i18n::{I18n, Key, use_i18n};
use crate::records;

#[component]
pub fn BaselineResultPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let params = use_params_map();
    let loaded = Memo::new(move |_| {
        sync.revision.track();
        let doc = params.with(|p| p.get("id").and_then(|id| records::parse_doc_id(&id)))?;
        Some(data::load(doc)?.map(|a| {
            let previous = data::previous_of(&a);
            (a, previous)
        }))
    });
    view! {
        <section class="page baseline-result">
            <A href="/baseline">{move || i18n.t(Key::Back)}</A>
            <h1>{move || i18n.t(BKey::ResultTitle)}</h1>
            {move || match loaded.get() {
                None => view! { <p class="notice">{move || i18n.t(BKey::NotFound)}</p> }.into_any(),
                Some(Err(reason)) => view! {
                    <UnreadableRecord reason />
                }
                .into_any(),
                Some(Ok((a, previous))) => view! { <BaselineScores a previous /> }.into_any(),
            }}
        </section>
    }
}

fn pct(value: Option<u32>, i18n: I18n) -> String {
    value.map_or_else(
        || i18n.t(BKey::NothingApplicable).to_owned(),
        |p| format!("{p}%"),
    )
}

/// "↑ up 33 points", "= no change", … : words first for screen readers, the arrow hidden.
fn change_text(change: &SectionChange, i18n: I18n) -> (&'static str, String) {
    let (arrow, word) = trend_parts(change.trend);
    let words = match change.change {
        Some(points) if points != 0 => {
            format!(
                "{} {}",
                i18n.t(word),
                i18n.count(points.unsigned_abs(), BCount::Points)
            )
        }
        _ => i18n.t(word).to_owned(),
    };
    (arrow, words)
}

/// One baseline assessment's score by section, beside the previous one's.
#[component]
fn BaselineScores(a: Assessment, previous: Option<Assessment>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(tool) = data::tool(a.baseline.tool_version) else {
        return view! { <p class="notice error" role="alert">{move || i18n.t(BKey::UnknownTool)}</p> }
            .into_any();
    };
    let now = baseline::section_scores(&tool, &a.baseline.answers);
    let before = previous.as_ref().and_then(Assessment::scores);
    let mut changes = baseline::compare(before.as_deref(), &now);
    changes.push(
        baseline::compare(
            before
                .as_deref()
                .map(|b| vec![baseline::overall(b)])
                .as_deref(),
            &[baseline::overall(&now)],
        )
        .remove(0),
    );
    let title_of = move |section: &str| {
        tool.sections
            .iter()
            .find(|s| s.id.as_str() == section)
            .map(|s| s.title.clone())
    };
    let date = a.baseline.date.to_string();
    let previous_date = previous.map(|p| p.baseline.date.to_string());
    let notes = a.baseline.notes.clone();
    view! {
        <p>
            <strong>{date}</strong>
            {(!a.baseline.assessor.is_empty()).then(|| view! {
                " · " {move || i18n.t(BKey::By)} " " {a.baseline.assessor.clone()}
            })}
        </p>
        {match previous_date {
            Some(d) => view! { <p data-testid="baseline-compared">{move || i18n.t(BKey::ComparedWith)} " " {d}</p> }.into_any(),
            None => view! { <p class="muted">{move || i18n.t(BKey::FirstAssessment)}</p> }.into_any(),
        }}
        <table class="baseline-table" data-testid="baseline-result">
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(BKey::Section)}</th>
                    <th scope="col">{move || i18n.t(BKey::PreviousPct)}</th>
                    <th scope="col">{move || i18n.t(BKey::NowPct)}</th>
                    <th scope="col">{move || i18n.t(BKey::Change)}</th>
                </tr>
            </thead>
            <tbody>
                {changes.into_iter().map(|change| {
                    let title = title_of(&change.section);
                    let overall = title.is_none();
                    let trend = format!("{:?}", change.trend).to_lowercase();
                    let (previous, now, none_before) = (change.previous, change.now, change.previous.is_none() && change.change.is_none());
                    view! {
                        <tr class:baseline-overall=overall data-trend=trend>
                            <th scope="row">{move || match &title {
                                Some(t) => text(i18n, t),
                                None => i18n.t(BKey::Overall).to_owned(),
                            }}</th>
                            <td>{move || if none_before { "–".to_owned() } else { pct(previous, i18n) }}</td>
                            <td>{move || pct(now, i18n)}</td>
                            <td>{move || {
                                let (arrow, words) = change_text(&change, i18n);
                                view! { <span aria-hidden="true">{arrow} " "</span> {words} }
                            }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {(!notes.is_empty()).then(|| view! { <p class="baseline-notes">{notes}</p> })}
    }
    .into_any()
}
