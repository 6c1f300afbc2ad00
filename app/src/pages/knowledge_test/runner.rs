//! Taking the test: the questions, one at a time or as a list, and the stages around them.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::catalogue::Question;

use super::draft::TestAnswers;
use super::finish::Confirm;
use super::result::{Outcome, ResultView};
use super::{Ready, TestKey, fill, phase_key};
use crate::catalogue;
use crate::drafts;
use crate::engine::use_sync;
use crate::i18n::use_i18n;
use crate::records;

/// The `drafts` form name of knowledge tests.
pub(super) const FORM: &str = "test";

/// The answers on screen and where their draft is kept. Every change goes through [`Sheet::edit`],
/// so the saved draft is never behind the screen when the app is closed.
#[derive(Clone, Copy)]
pub(super) struct Sheet {
    pub(super) draft: RwSignal<TestAnswers>,
    /// The user and subject the draft is saved under.
    pub(super) key: StoredValue<(String, String)>,
}

impl Sheet {
    fn open(ready: &Ready) -> Self {
        let subject = ready.draft_subject();
        let saved = drafts::load(&ready.username, FORM, &subject);
        Self {
            draft: RwSignal::new(TestAnswers::restored(saved, &ready.test)),
            key: StoredValue::new((ready.username.clone(), subject)),
        }
    }

    pub(super) fn edit(self, change: impl FnOnce(&mut TestAnswers)) {
        self.draft.update(change);
        self.key.with_value(|(user, subject)| {
            self.draft
                .with_untracked(|draft| drafts::save(user, FORM, subject, draft));
        });
    }
}

#[derive(Clone, Debug)]
pub(super) enum Stage {
    Answering,
    Confirm,
    Done(Outcome),
}

#[component]
pub(super) fn TestRunner(ready: Ready) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let doc = ready.doc;
    let name = Memo::new(move |_| {
        sync.revision.track();
        records::load(doc)
            .and_then(Result::ok)
            .map(|m| m.record.name)
            .unwrap_or_default()
    });
    let href = ready.mentee_href();
    let sheet = Sheet::open(&ready);
    let ready = StoredValue::new(ready);
    let stage = RwSignal::new(Stage::Answering);
    let title = move || {
        ready.with_value(|r| {
            let competency = catalogue::text(i18n, &r.competency.name);
            format!("{}: {competency}", i18n.t(phase_key(r.phase)))
        })
    };
    view! {
        <A href=href>{move || i18n.t(TestKey::BackTo)} " " {name}</A>
        <h1>{title}</h1>
        <p class="kt-mentee">{name}</p>
        {move || match stage.get() {
            Stage::Answering => view! { <Answering ready sheet stage /> }.into_any(),
            Stage::Confirm => view! { <Confirm ready sheet stage /> }.into_any(),
            Stage::Done(outcome) => view! { <ResultView ready outcome name /> }.into_any(),
        }}
    }
}

#[component]
fn Answering(ready: StoredValue<Ready>, sheet: Sheet, stage: RwSignal<Stage>) -> impl IntoView {
    let i18n = use_i18n();
    let total = ready.with_value(|r| r.test.questions.len());
    let as_list = Memo::new(move |_| sheet.draft.with(|d| d.as_list));
    let current = Memo::new(move |_| sheet.draft.with(|d| d.current));
    let progress = move || {
        let total = total.to_string();
        if as_list.get() {
            fill(i18n, TestKey::AllQuestions, &[("total", &total)])
        } else {
            let n = (current.get() + 1).to_string();
            fill(i18n, TestKey::QuestionOf, &[("n", &n), ("total", &total)])
        }
    };
    let answered = move || {
        let n = sheet.draft.with(|d| d.answers.len()).to_string();
        fill(
            i18n,
            TestKey::AnsweredOf,
            &[("n", &n), ("total", &total.to_string())],
        )
    };
    let finish = move |_| stage.set(Stage::Confirm);
    let last = move || current.get() + 1 >= total;
    let step = move |forward: bool| {
        sheet.edit(|d| {
            d.current = if forward {
                (d.current + 1).min(total.saturating_sub(1))
            } else {
                d.current.saturating_sub(1)
            };
        });
    };
    // Every question is built once and the others are hidden: moving between questions or
    // modes never rebuilds a radio group, so what is checked and what has the focus stay put.
    let questions = ready.with_value(|r| r.test.questions.clone());
    let fieldsets = (0..)
        .zip(questions)
        .map(|(index, question)| {
            let hidden = Signal::derive(move || !as_list.get() && current.get() != index);
            view! { <QuestionFieldset number=index + 1 question sheet hidden /> }
        })
        .collect_view();
    view! {
        <p class="notice kt-handover">{move || i18n.t(TestKey::HandToMentee)}</p>
        <div class="kt-bar">
            <p class="kt-progress" aria-live="polite" data-testid="test-progress">{progress}</p>
            <p class="muted">{answered}</p>
            <button type="button" class="kt-secondary" aria-pressed=move || as_list.get().to_string()
                on:click=move |_| sheet.edit(|d| d.as_list = !d.as_list)>{move || i18n.t(TestKey::ShowAll)}</button>
        </div>
        <progress class="kt-meter" aria-hidden="true" hidden=as_list max=total.to_string()
            value=move || (current.get() + 1).to_string()></progress>
        {fieldsets}
        <div class="kt-nav">
            <button type="button" class="kt-secondary" hidden=as_list disabled=move || current.get() == 0
                on:click=move |_| step(false)>{move || i18n.t(TestKey::Previous)}</button>
            <button type="button" hidden=move || as_list.get() || last()
                on:click=move |_| step(true)>{move || i18n.t(TestKey::Next)}</button>
            <button type="button" class=move || if as_list.get() || last() { "" } else { "kt-secondary" }
                on:click=finish>{move || i18n.t(TestKey::Finish)}</button>
        </div>
    }
}

/// One question as a radio group: a real fieldset, so screen readers announce the question with
/// each option.
#[component]
fn QuestionFieldset(
    number: usize,
    question: Question,
    sheet: Sheet,
    hidden: Signal<bool>,
) -> impl IntoView {
    let Question {
        id, text, options, ..
    } = question;
    let group = format!("kt-{id}");
    let options = options
        .into_iter()
        .map(|option| {
            let (question, chosen) = (id.clone(), option.id.clone());
            let checked = {
                let (question, chosen) = (question.clone(), chosen.clone());
                move || {
                    sheet
                        .draft
                        .with(|d| d.answers.get(&question) == Some(&chosen))
                }
            };
            let choose = move |_| {
                let (question, chosen) = (question.clone(), chosen.clone());
                sheet.edit(move |d| {
                    d.answers.insert(question, chosen);
                });
            };
            view! {
                <label class="choice kt-option">
                    <input type="radio" name=group.clone() value=option.id.to_string()
                        prop:checked=checked on:change=choose />
                    <catalogue::CatalogueText text=option.text.clone() />
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="kt-question" hidden=hidden>
            <legend>{number} ". " <catalogue::CatalogueText text /></legend>
            {options}
        </fieldset>
    }
}
