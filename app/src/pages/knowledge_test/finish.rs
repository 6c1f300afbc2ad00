//! The finish step: what is left unanswered, then the save, which resolves only once durable.

use leptos::prelude::*;
use mentora_shared::documents::mentee::{self, AssessmentEntry};
use mentora_shared::domain::{Assessment, AssessmentId, AssessmentKind};
use mentora_shared::rules::score_knowledge_test;

use super::draft::TestAnswers;
use super::result::Outcome;
use super::runner::{FORM, Sheet, Stage};
use super::{Ready, TestKey, fill};
use crate::components::{SaveOutcome, Saving};
use crate::drafts;
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform;
use crate::records;

/// The assessment as it will be stored, and what the result screen shows.
fn build_entry(
    ready: &Ready,
    draft: &TestAnswers,
    id: AssessmentId,
) -> Result<(AssessmentEntry, Outcome), AppError> {
    let answers = draft.answers(&ready.test);
    let score = score_knowledge_test(&ready.test, &answers).map_err(AppError::not_written)?;
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
        recorded_at: Some(platform::now_ms()),
    };
    let entry = AssessmentEntry {
        assessment,
        assessor_name: ready.assessor_name.clone(),
        feedback: None,
        association: ready.association,
    };
    Ok((entry, Outcome { score, answers }))
}

/// The finish step: says what is unanswered, then saves. The answers stay on screen and in the
/// draft until the save is durable.
#[component]
pub(super) fn Confirm(
    ready: StoredValue<Ready>,
    sheet: Sheet,
    stage: RwSignal<Stage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let saving = Saving::new();
    let status = saving.status;
    let unanswered = ready.with_value(|r| sheet.draft.with_untracked(|d| d.unanswered(&r.test)));
    // One id per finish step: retrying after a failed save cannot store the test twice.
    let id = platform::random_16()
        .map(|bytes| AssessmentId(uuid::Builder::from_random_bytes(bytes).into_uuid()));
    let save = move |_| {
        let Some(id) = id else {
            status.set(Some(Err(AppError::invalid(TestKey::NoRandom))));
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
        saving.run_quietly(records::save_assessment(sync, doc, entry), move |()| {
            drafts::clear(&user, FORM, &subject);
            stage.set(Stage::Done(outcome));
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
                        <button type="button" class="kt-secondary" disabled=move || saving.busy() on:click=move |_| back(number)>
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
                <button type="button" class="kt-secondary" disabled=move || saving.busy()
                    on:click=move |_| stage.set(Stage::Answering)>
                    {move || i18n.t(TestKey::BackToQuestions)}
                </button>
                <button type="button" disabled=move || saving.busy() on:click=save>
                    {move || saving.label(i18n, TestKey::SaveAndScore)}
                </button>
            </div>
        </section>
    }
}
