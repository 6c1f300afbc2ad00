//! The feedback notes, in the non-confrontational order the programmes use: what went well
//! first, then what to improve. A note over the limit is refused on save, never cut, so nothing
//! typed is lost.

use leptos::prelude::*;
use mentora_shared::documents::mentee;

use super::draft::{ObservationDraft, Refusal};
use super::form::Editor;
use super::keys::ObsKey;
use crate::i18n::use_i18n;

/// One of the two feedback notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Note {
    WentWell,
    ToImprove,
}

impl Note {
    fn dom_id(self) -> &'static str {
        match self {
            Note::WentWell => "obs-went-well",
            Note::ToImprove => "obs-to-improve",
        }
    }

    fn label(self) -> ObsKey {
        match self {
            Note::WentWell => ObsKey::WentWell,
            Note::ToImprove => ObsKey::ToImprove,
        }
    }

    fn too_long(self) -> Refusal {
        match self {
            Note::WentWell => Refusal::WentWellTooLong,
            Note::ToImprove => Refusal::ToImproveTooLong,
        }
    }

    fn text(self, draft: &ObservationDraft) -> &str {
        match self {
            Note::WentWell => &draft.went_well,
            Note::ToImprove => &draft.to_improve,
        }
    }

    fn set(self, draft: &mut ObservationDraft, text: String) {
        match self {
            Note::WentWell => draft.went_well = text,
            Note::ToImprove => draft.to_improve = text,
        }
    }
}

/// The two notes, in the order the programmes give feedback: what went well, then what to improve.
#[component]
pub(super) fn FeedbackFields(editor: Editor, refusal: Memo<Option<Refusal>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{move || i18n.t(ObsKey::Feedback)}</h2>
        <div class="obs-feedback">
            <p id="obs-feedback-intro">
                {move || i18n.t(ObsKey::FeedbackIntro)} " " {move || i18n.t(ObsKey::NoIdentifiers)}
            </p>
            <NoteField editor refusal note=Note::WentWell />
            <NoteField editor refusal note=Note::ToImprove />
        </div>
    }
}

/// A labelled note with its character count.
#[component]
fn NoteField(editor: Editor, refusal: Memo<Option<Refusal>>, note: Note) -> impl IntoView {
    let i18n = use_i18n();
    let dom_id = note.dom_id();
    let count_id = format!("{dom_id}-count");
    let count = Memo::new(move |_| editor.draft.with(|d| note.text(d).chars().count()));
    let over = move || count.get() > mentee::MAX_NOTE;
    view! {
        <label for=dom_id>{move || i18n.t(note.label())}</label>
        <textarea id=dom_id rows="4" aria-describedby=format!("{count_id} obs-feedback-intro")
            aria-invalid=move || (refusal.get() == Some(note.too_long())).to_string()
            prop:value=move || editor.draft.with(|d| note.text(d).to_owned())
            on:input=move |ev| {
                let text = event_target_value(&ev);
                editor.edit(|d| note.set(d, text));
            }></textarea>
        <p class="obs-count" id=count_id class:obs-over=over>
            {count} " / " {mentee::MAX_NOTE} " " {move || i18n.t(ObsKey::Characters)}
        </p>
    }
}
