//! The checklist itself: titled sections of steps, each a one-tap radio group (Done / Not done /
//! N/A where allowed), critical steps badged in words, and the running score kept in view.

use leptos::prelude::*;
use mentora_shared::catalogue::{Checklist, ChecklistItem};
use mentora_shared::domain::{ItemId, ItemMark};

use super::draft::{self, Tally};
use super::form::Editor;
use super::keys::{ObsCount, ObsKey};
use crate::i18n::{I18n, use_i18n};

const MARKS: [(ItemMark, ObsKey, &str); 3] = [
    (ItemMark::Done, ObsKey::Done, "done"),
    (ItemMark::NotDone, ObsKey::NotDone, "not_done"),
    (ItemMark::NotApplicable, ObsKey::NotApplicable, "na"),
];

/// The DOM id of a step's row, for scrolling to the first unmarked one.
pub(super) fn step_dom_id(item: &ItemId) -> String {
    format!("obs-step-{item}")
}

/// "achieved/applicable (x%) · n critical steps missed · m steps left".
fn score_line(i18n: I18n, tally: Tally) -> String {
    let percent = tally
        .percent()
        .map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
    format!(
        "{}/{} ({percent}) · {} · {}",
        tally.achieved,
        tally.applicable,
        i18n.count(tally.critical_missed, ObsCount::CriticalMissed),
        i18n.count(tally.left, ObsCount::StepsLeft),
    )
}

/// Every section and step, with the running score stuck to the bottom of the screen while the
/// checklist is on it. `highlight_unmarked` is set after a refused save.
#[component]
pub(super) fn ChecklistFields(
    editor: Editor,
    checklist: StoredValue<Checklist>,
    highlight_unmarked: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tally = Memo::new(move |_| {
        editor
            .draft
            .with(|d| checklist.with_value(|c| draft::tally(c, &d.marks)))
    });
    let sections = checklist.with_value(|c| c.sections.clone());
    view! {
        <h2>{move || i18n.t(ObsKey::Checklist)}</h2>
        <div class="obs-checklist">
            {sections
                .into_iter()
                .map(|section| {
                    let title = section.title;
                    view! {
                        <section class="obs-section">
                            <h3><crate::catalogue::CatalogueText text=title /></h3>
                            <ol class="obs-steps">
                                {section
                                    .items
                                    .into_iter()
                                    .map(|item| view! { <Step editor item highlight_unmarked /> })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                })
                .collect_view()}
            <p class="obs-score" role="status" data-testid="running-score">
                <span class="obs-score-label">{move || i18n.t(ObsKey::ScoreLabel)} ": "</span>
                {move || score_line(i18n, tally.get())}
            </p>
        </div>
    }
}

/// A checklist version as the observation screen shows it, marks and running score included,
/// with nothing saved: what an admin previews before publishing a version.
#[component]
pub fn ChecklistPreview(checklist: Checklist) -> impl IntoView {
    view! {
        <ChecklistFields editor=Editor::preview() checklist=StoredValue::new(checklist)
            highlight_unmarked=Signal::from(false) />
    }
}

/// One step: its text (naming it critical in words, with an icon), then its radio group.
#[component]
fn Step(editor: Editor, item: ChecklistItem, highlight_unmarked: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let key = item.id.clone();
    let current = Memo::new(move |_| editor.draft.with(|d| d.marks.get(&key).copied()));
    let unmarked = move || highlight_unmarked.get() && current.get().is_none();
    let text_id = format!("obs-text-{}", item.id);
    let group = format!("obs-mark-{}", item.id);
    let options = MARKS
        .into_iter()
        .filter(|(mark, _, _)| draft::allows(&item, *mark))
        .map(|(mark, label, value)| {
            let id = item.id.clone();
            view! {
                <label class="obs-option" data-mark=value>
                    <input type="radio" name=group.clone() value=value
                        prop:checked=move || current.get() == Some(mark)
                        on:change=move |_| {
                            let id = id.clone();
                            editor.edit(move |d| {
                                d.marks.insert(id, mark);
                            });
                        } />
                    <span>{move || i18n.t(label)}</span>
                </label>
            }
        })
        .collect_view();
    let text = item.text;
    view! {
        <li class="obs-step" id=step_dom_id(&item.id)
            class:obs-critical-step=item.critical class:obs-unmarked=unmarked>
            <p class="obs-step-text" id=text_id.clone()>
                <crate::catalogue::CatalogueText text />
                {item.critical.then(|| view! {
                    " "
                    <span class="obs-critical">
                        <span aria-hidden="true">"⚠ "</span>{move || i18n.t(ObsKey::Critical)}
                    </span>
                })}
            </p>
            <div class="obs-seg" role="radiogroup" aria-labelledby=text_id
                aria-invalid=move || unmarked().to_string()>
                {options}
            </div>
        </li>
    }
}
