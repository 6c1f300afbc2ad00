//! The result, shown once the test is durably saved: the score, the pass mark in words (not
//! colour alone) and each question missed with its correct answer (and why, where the test says), to discuss together.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::domain::{KnowledgeAnswer, Score};
use mentora_shared::rules::ValidationPolicy;

use super::draft::{Missed, missed, percent_number};
use super::{Ready, TestKey, fill};
use crate::catalogue;
use crate::i18n::{Key, use_i18n};

/// What was saved: the score as stored and the answers it was computed from.
#[derive(Clone, Debug)]
pub(super) struct Outcome {
    pub score: Score,
    pub answers: Vec<KnowledgeAnswer>,
}

#[component]
pub(super) fn ResultView(
    ready: StoredValue<Ready>,
    outcome: Outcome,
    name: Memo<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Outcome { score, answers } = outcome;
    let pass_mark = ValidationPolicy::default().pass_mark;
    let passed = score.meets(pass_mark);
    let missed = ready.with_value(|r| missed(&r.test, &answers));
    let href = ready.with_value(Ready::mentee_href);
    let heading = NodeRef::<leptos::html::H2>::new();
    // The button that was pressed is gone: move the focus to the result so it is read out.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ignored = heading.focus();
        }
    });
    let score_text = move || {
        let percent = fill(
            i18n,
            TestKey::Percent,
            &[("n", &score.percent_floor().to_string())],
        );
        format!("{} / {} ({percent})", score.achieved(), score.applicable())
    };
    let verdict = move || {
        let pass = fill(
            i18n,
            TestKey::Percent,
            &[("n", &percent_number(pass_mark.basis_points()))],
        );
        let key = if passed {
            TestKey::PassReached
        } else {
            TestKey::PassNotReached
        };
        fill(i18n, key, &[("pass", &pass)])
    };
    let count = missed.len();
    let list = if missed.is_empty() {
        view! { <p>{move || i18n.t(TestKey::NoneMissed)}</p> }.into_any()
    } else {
        view! {
            <ul class="kt-missed" data-testid="missed">
                {missed.into_iter().map(|item| view! { <MissedItem item /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p class="notice ok" role="status">{move || i18n.t(Key::SavedOnDevice)}</p>
        <section class="kt-result" data-testid="test-result" aria-labelledby="kt-result-title">
            <h2 id="kt-result-title" tabindex="-1" node_ref=heading>{move || i18n.t(TestKey::ResultTitle)}</h2>
            <p class="kt-score">{move || i18n.t(TestKey::Score)} ": " <strong data-testid="test-score">{score_text}</strong></p>
            <p class="kt-verdict" class:pass=passed>
                <span aria-hidden="true">{if passed { "✓ " } else { "✗ " }}</span>{verdict}
            </p>
            <h3>{move || i18n.t(TestKey::Missed)} " (" {count} ")"</h3>
            {list}
        </section>
        <p class="notice kt-handover">{move || i18n.t(TestKey::HandToMentor)}</p>
        <A href=href attr:class="button">{move || i18n.t(TestKey::BackTo)} " " {name}</A>
    }
}

#[component]
fn MissedItem(item: Missed) -> impl IntoView {
    let i18n = use_i18n();
    let Missed {
        number,
        question,
        chosen,
        correct,
        explanation,
    } = item;
    let given = move || match &chosen {
        Some(text) => catalogue::text(i18n, text),
        None => i18n.t(TestKey::NotAnswered).to_owned(),
    };
    let correct = move || {
        correct
            .as_ref()
            .map(|text| catalogue::text(i18n, text))
            .unwrap_or_default()
    };
    view! {
        <li>
            <p class="kt-missed-question">{number} ". " {move || catalogue::text(i18n, &question)}</p>
            <p>{move || i18n.t(TestKey::AnswerGiven)} " " {given}</p>
            <p>{move || i18n.t(TestKey::CorrectAnswer)} " " <strong>{correct}</strong></p>
            {explanation.map(|why| view! {
                <p class="kt-why">{move || i18n.t(TestKey::Why)} " " {move || catalogue::text(i18n, &why)}</p>
            })}
        </li>
    }
}
