//! The observation form: setup, checklist, feedback and save; then the outcome. Every change is
//! written to the draft at once, and the draft is cleared only once the assessment is durable.

use std::mem::{Discriminant, discriminant};

use leptos::prelude::*;
use mentora_shared::catalogue::{Checklist, Competency};
use mentora_shared::documents::mentee::{self, AssessmentEntry};
use mentora_shared::domain::{Assessment, AssessmentId, AssessmentKind, MentorAffiliation};
use mentora_shared::rules::scoring::ScoringError;
use mentora_shared::sync::DocId;
use wasm_bindgen::JsCast as _;

use super::checklist::{ChecklistFields, step_dom_id};
use super::draft::{self, ObservationDraft, Refusal};
use super::feedback::FeedbackFields;
use super::keys::ObsKey;
use super::outcome::Outcome;
use super::setup::SetupFields;
use crate::components::Busy;
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::store::hex;
use crate::{drafts, platform, records};

/// The `form` name drafts of this screen are kept under.
const FORM: &str = "observation";

/// The draft and where it is saved: every edit goes through [`Editor::edit`], which writes the
/// draft synchronously, so a reload right after a tap or a keystroke still finds it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Editor {
    pub draft: RwSignal<ObservationDraft>,
    /// Where the draft is saved: the user and the draft's subject; none for a preview.
    saved_as: Option<StoredValue<(String, String)>>,
}

impl Editor {
    /// An editor whose marks are kept on screen only: an admin's preview of a checklist.
    pub fn preview() -> Self {
        Self {
            draft: RwSignal::new(ObservationDraft::default()),
            saved_as: None,
        }
    }

    pub fn edit(self, change: impl FnOnce(&mut ObservationDraft)) {
        self.draft.update(change);
        if let Some(saved_as) = self.saved_as {
            self.draft.with_untracked(|draft| {
                saved_as.with_value(|(user, subject)| drafts::save(user, FORM, subject, draft));
            });
        }
    }

    /// Forgets the draft once its observation is saved.
    fn clear(self) {
        if let Some(saved_as) = self.saved_as {
            saved_as.with_value(|(user, subject)| drafts::clear(user, FORM, subject));
        }
    }
}

/// Scrolls to `dom_id` and puts focus on it, or on its first field when it is a container.
fn focus(dom_id: &str) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(dom_id))
    else {
        return;
    };
    element.scroll_into_view();
    let target = if element.matches("input, textarea").unwrap_or(false) {
        Some(element)
    } else {
        element.query_selector("input").ok().flatten()
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ignored = target.focus();
    }
}

/// Where the mentor has to go to fix a refusal.
fn refusal_target(refusal: &Refusal) -> Option<String> {
    match refusal {
        Refusal::ChooseCase => Some("obs-case".to_owned()),
        Refusal::NoConsent => Some("obs-consent".to_owned()),
        Refusal::StepsMissing(steps) => steps.first().map(step_dom_id),
        Refusal::WentWellTooLong => Some("obs-went-well".to_owned()),
        Refusal::ToImproveTooLong => Some("obs-to-improve".to_owned()),
        Refusal::Scoring(_) => None,
    }
}

fn refusal_text(i18n: I18n, refusal: &Refusal) -> String {
    match refusal {
        Refusal::ChooseCase => i18n.t(ObsKey::ErrChooseCase).to_owned(),
        Refusal::NoConsent => i18n.t(ObsKey::ErrNoConsent).to_owned(),
        Refusal::StepsMissing(_) => i18n.t(ObsKey::ErrStepsMissing).to_owned(),
        Refusal::WentWellTooLong => i18n.t(ObsKey::ErrWentWellTooLong).to_owned(),
        Refusal::ToImproveTooLong => i18n.t(ObsKey::ErrToImproveTooLong).to_owned(),
        Refusal::Scoring(ScoringError::NothingApplicable) => {
            i18n.t(ObsKey::ErrNothingApplicable).to_owned()
        }
        Refusal::Scoring(other) => format!("{}: {other}", i18n.t(ObsKey::ErrCannotScore)),
    }
}

/// The screen for one mentee and competency: the form until saved, then the outcome.
#[component]
pub(super) fn ObservationForm(
    doc: DocId,
    competency: Competency,
    username: String,
    shown_name: String,
    association: Option<MentorAffiliation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let Some(checklist) = competency.current_checklist().cloned() else {
        return view! { <p class="notice">{move || i18n.t(ObsKey::NoChecklist)}</p> }.into_any();
    };
    let subject = format!("{}.{}", hex(&doc.0), competency.id);
    let restored = drafts::load::<ObservationDraft>(&username, FORM, &subject)
        .map(|d| d.fit_to(&checklist))
        .unwrap_or_default();
    let editor = Editor {
        draft: RwSignal::new(restored),
        saved_as: Some(StoredValue::new((username.clone(), subject))),
    };
    let checklist = StoredValue::new(checklist);
    let saved = RwSignal::new(None::<Assessment>);
    let mentee_name = Memo::new(move |_| {
        sync.revision.track();
        records::load(doc)
            .and_then(Result::ok)
            .map(|m| m.record.name)
    });
    let mentee_href = format!("/mentees/{}", hex(&doc.0));
    let name = competency.name.clone();
    let start_again = Callback::new(move |()| {
        editor.draft.set(ObservationDraft::default());
        saved.set(None);
        scroll_to_top();
    });
    let context = Context {
        doc,
        competency: competency.clone(),
        username,
        shown_name,
        association,
    };
    view! {
        <h1>{move || crate::catalogue::text(i18n, &name)}</h1>
        <p class="obs-subtitle">
            {move || i18n.t(ObsKey::Title)} " · " <strong>{mentee_name}</strong>
        </p>
        {move || match saved.get() {
            Some(assessment) => view! {
                <Outcome assessment checklist mentee_href=mentee_href.clone() on_new=start_again />
            }
            .into_any(),
            None => view! { <Marking editor checklist context=context.clone() saved /> }.into_any(),
        }}
    }
    .into_any()
}

fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Who observes whom on what: what the saved assessment needs besides the draft.
#[derive(Debug, Clone)]
struct Context {
    doc: DocId,
    competency: Competency,
    username: String,
    shown_name: String,
    /// The observer's affiliation, recorded with the assessment.
    association: Option<MentorAffiliation>,
}

impl Context {
    fn assessment(&self, id: [u8; 16], checked: draft::Checked) -> AssessmentEntry {
        AssessmentEntry {
            assessment: Assessment {
                id: AssessmentId(uuid::Uuid::from_bytes(id)),
                mentee: records::mentee_id(self.doc),
                assessor: mentee::mentor_id(&self.username),
                competency: self.competency.id.clone(),
                date: platform::today(),
                visit: None,
                kind: AssessmentKind::Observation {
                    purpose: checked.purpose,
                    case: checked.case,
                    result: checked.result,
                },
                score: checked.score,
                recorded_at: Some(platform::now_ms()),
            },
            assessor_name: self.shown_name.clone(),
            feedback: Some(checked.feedback),
            association: self.association,
        }
    }
}

/// The form being filled in.
#[component]
fn Marking(
    editor: Editor,
    checklist: StoredValue<Checklist>,
    context: Context,
    saved: RwSignal<Option<Assessment>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    // The kind of problem the last save was refused for. It is shown live (the list of unmarked
    // steps shrinks as they are marked) until fixed, but a different problem waits for the next
    // press of Save: ticking consent must not turn a checklist not yet begun red.
    let refused_kind = RwSignal::new(None::<Discriminant<Refusal>>);
    let busy = Busy::new();
    let failure = RwSignal::new(None::<AppError>);
    let refusal = Memo::new(move |_| {
        let kind = refused_kind.get()?;
        let live = editor
            .draft
            .with(|d| checklist.with_value(|c| draft::check(c, d).err()))?;
        (discriminant(&live) == kind).then_some(live)
    });
    let highlight_unmarked =
        Signal::derive(move || matches!(refusal.get(), Some(Refusal::StepsMissing(_))));
    let context = StoredValue::new(context);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let checked = editor
            .draft
            .with_untracked(|d| checklist.with_value(|c| draft::check(c, d)));
        let checked = match checked {
            Ok(checked) => {
                refused_kind.set(None);
                checked
            }
            Err(refused) => {
                refused_kind.set(Some(discriminant(&refused)));
                if let Some(target) = refusal_target(&refused) {
                    focus(&target);
                }
                return;
            }
        };
        let Some(id) = platform::random_16() else {
            failure.set(Some(AppError::invalid(ObsKey::ErrNoRandom)));
            return;
        };
        let entry = context.with_value(|c| c.assessment(id, checked));
        let doc = context.with_value(|c| c.doc);
        busy.run(async move {
            let assessment = entry.assessment.clone();
            let result = records::save_assessment(sync, doc, entry).await;
            match result {
                Ok(()) => {
                    editor.clear();
                    saved.set(Some(assessment));
                    request_animation_frame(|| focus("obs-outcome"));
                }
                Err(reason) => failure.set(Some(reason)),
            }
        });
    };

    let unmarked_names = move || {
        editor.draft.with(|d| {
            checklist.with_value(|c| {
                draft::unmarked(c, &d.marks)
                    .into_iter()
                    .map(|item| crate::catalogue::text(i18n, &item.text))
                    .collect::<Vec<_>>()
            })
        })
    };

    view! {
        <form class="obs-form" novalidate on:submit=submit>
            <p class="muted">{move || i18n.t(ObsKey::DraftKept)}</p>
            <SetupFields editor refusal />
            <ChecklistFields editor checklist highlight_unmarked />
            <FeedbackFields editor refusal />
            {move || refusal.get().map(|refused| view! {
                <div class="notice error" role="alert" data-testid="observation-refusal">
                    <p>{refusal_text(i18n, &refused)}</p>
                    {matches!(refused, Refusal::StepsMissing(_)).then(|| view! {
                        <ul>{unmarked_names().into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
                    })}
                </div>
            })}
            {move || failure.get().map(|reason| view! {
                <p class="notice error" role="alert">{move || i18n.t(ObsKey::NotSaved)} ": " {move || reason.message(i18n)}</p>
            })}
            <button type="submit" class="obs-save" disabled=move || busy.get()>
                {move || i18n.t(if busy.get() { ObsKey::Saving } else { ObsKey::Save })}
            </button>
        </form>
    }
}
