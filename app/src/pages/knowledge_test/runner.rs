//! Taking the test: the questions (one at a time or as a list), the finish step and the save.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::catalogue::Question;
use mentora_shared::documents::mentee::{self, AssessmentEntry};
use mentora_shared::domain::{Assessment, AssessmentId, AssessmentKind};
use mentora_shared::rules::score_knowledge_test;

use super::draft::Draft;
use super::result::{Outcome, ResultView};
use super::{Ready, TestKey, fill, phase_key};
use crate::catalogue;
use crate::components::SaveOutcome;
use crate::drafts;
use crate::engine::use_sync;
use crate::i18n::{Key, use_i18n};
use crate::platform;
use crate::records;

/// The `drafts` form name of knowledge tests.
const FORM: &str = "test";

/// The answers on screen and where their draft is kept. Every change goes through [`Sheet::edit`],
/// so the saved draft is never behind the screen when the app is closed.
#[derive(Clone, Copy)]
struct Sheet {
    draft: RwSignal<Draft>,
    /// The user and subject the draft is saved under.
    key: StoredValue<(String, String)>,
}

impl Sheet {
    fn open(ready: &Ready) -> Self {
        let subject = ready.draft_subject();
        let saved = drafts::load(&ready.username, FORM, &subject);
        Self {
            draft: RwSignal::new(Draft::restored(saved, &ready.test)),
            key: StoredValue::new((ready.username.clone(), subject)),
        }
    }

    fn edit(self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(change);
        self.key.with_value(|(user, subject)| {
            self.draft
                .with_untracked(|draft| drafts::save(user, FORM, subject, draft));
        });
    }
}

#[derive(Clone, Debug)]
enum Stage {
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
    let i18n = use_i18n();
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
                    <span>{move || catalogue::text(i18n, &option.text)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="kt-question" hidden=hidden>
            <legend>{number} ". " {move || catalogue::text(i18n, &text)}</legend>
            {options}
        </fieldset>
    }
}

/// The assessment as it will be stored, and what the result screen shows.
fn build_entry(
    ready: &Ready,
    draft: &Draft,
    id: AssessmentId,
) -> Result<(AssessmentEntry, Outcome), String> {
    let answers = draft.answers(&ready.test);
    let score = score_knowledge_test(&ready.test, &answers).map_err(|e| e.to_string())?;
    let assessment = Assessment {
        id,
        mentee: records::mentee_id(ready.doc),
        assessor: mentee::mentor_id(&ready.username),
        competency: ready.competency.id.clone(),
        date: platform::today(),
        visit: None,
        kind: AssessmentKind::KnowledgeTest {
            phase: ready.phase,
            test_version: ready.test.version,
            answers: answers.clone(),
        },
        score,
    };
    let entry = AssessmentEntry {
        assessment,
        assessor_name: ready.assessor_name.clone(),
        feedback: None,
    };
    Ok((entry, Outcome { score, answers }))
}

/// The finish step: says what is unanswered, then saves. The answers stay on screen and in the
/// draft until the save is durable.
#[component]
fn Confirm(ready: StoredValue<Ready>, sheet: Sheet, stage: RwSignal<Stage>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let status = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let unanswered = ready.with_value(|r| sheet.draft.with_untracked(|d| d.unanswered(&r.test)));
    // One id per finish step: retrying after a failed save cannot store the test twice.
    let id = platform::random_16()
        .map(|bytes| AssessmentId(uuid::Builder::from_random_bytes(bytes).into_uuid()));
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(id) = id else {
            status.set(Some(Err(i18n.t(TestKey::NoRandom).to_owned())));
            return;
        };
        let built = ready.with_value(|r| sheet.draft.with_untracked(|d| build_entry(r, d, id)));
        let (entry, outcome) = match built {
            Ok(built) => built,
            Err(reason) => {
                status.set(Some(Err(reason)));
                return;
            }
        };
        // Owned copies: the screen may be left while the save is under way.
        let (doc, (user, subject)) = (ready.with_value(|r| r.doc), sheet.key.get_value());
        busy.set(true);
        status.set(None);
        leptos::task::spawn_local(async move {
            let result = records::save_assessment(sync, doc, entry).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    drafts::clear(&user, FORM, &subject);
                    stage.set(Stage::Done(outcome));
                }
                Err(reason) => status.set(Some(Err(reason))),
            }
        });
    };
    // Jumping to an unanswered question shows it on its own, whatever the mode.
    let back = move |number: usize| {
        sheet.edit(|d| {
            d.current = number.saturating_sub(1);
            d.as_list = false;
        });
        stage.set(Stage::Answering);
    };
    let warning = if unanswered.is_empty() {
        view! { <p>{move || i18n.t(TestKey::AllAnswered)}</p> }.into_any()
    } else {
        let numbers = unanswered
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <div class="notice" role="alert">
                <p><strong>{move || i18n.t(TestKey::Unanswered)}</strong> " " {numbers}</p>
                <p>{move || i18n.t(TestKey::UnansweredScoreZero)}</p>
                <div class="kt-nav">
                    {unanswered.into_iter().map(|number| view! {
                        <button type="button" class="kt-secondary" disabled=busy on:click=move |_| back(number)>
                            {move || fill(i18n, TestKey::GoToQuestion, &[("n", &number.to_string())])}
                        </button>
                    }).collect_view()}
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="kt-confirm" aria-labelledby="kt-confirm-title">
            <h2 id="kt-confirm-title">{move || i18n.t(TestKey::ConfirmTitle)}</h2>
            {warning}
            <p>{move || i18n.t(TestKey::FinalWarning)}</p>
            <SaveOutcome status />
            <div class="kt-nav">
                <button type="button" class="kt-secondary" disabled=busy
                    on:click=move |_| stage.set(Stage::Answering)>
                    {move || i18n.t(TestKey::BackToQuestions)}
                </button>
                <button type="button" disabled=busy on:click=save>
                    {move || if busy.get() { i18n.t(Key::Saving) } else { i18n.t(TestKey::SaveAndScore) }}
                </button>
            </div>
        </section>
    }
}
