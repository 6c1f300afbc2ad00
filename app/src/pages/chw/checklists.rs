//! One short checklist per CHW present: Done / Not done (N/A where allowed) per step, critical steps named in
//! words, and the steps left counted so the mentor sees who still needs marking.

use leptos::prelude::*;
use mentora_shared::domain::ItemMark;

use super::draft;
use super::form::Editor;
use super::keys::ChwKey;
use crate::i18n::use_i18n;

/// Not applicable is offered only where the step allows it (e.g. treatment after a negative
/// test), so a CHW is not marked down for a step the case did not call for.
const MARKS: [(ItemMark, ChwKey, &str); 3] = [
    (ItemMark::Done, ChwKey::Done, "done"),
    (ItemMark::NotDone, ChwKey::NotDone, "not_done"),
    (ItemMark::NotApplicable, ChwKey::NotApplicable, "na"),
];

#[component]
pub(super) fn Checklists(
    editor: Editor,
    competency: Memo<String>,
    chws: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let present = move || {
        let ticked = editor.draft.with(|d| d.present.clone());
        chws.get()
            .into_iter()
            .filter(|(id, _)| ticked.contains(id))
            .collect::<Vec<_>>()
    };
    move || {
        let checklist = crate::catalogue::competency(&competency.get())?
            .current_checklist()
            .cloned()?;
        let checklist = StoredValue::new(checklist);
        Some(view! {
            <h2>{move || i18n.t(ChwKey::Assessments)}</h2>
            <For each=present key=|(id, _)| id.clone() let:chw>
                {
                    let (chw_id, name) = chw;
                    let left_id = chw_id.clone();
                    let left = move || editor.draft.with(|d| {
                        checklist.with_value(|c| draft::left(c, d.marks.get(&left_id)))
                    });
                    let items: Vec<_> = checklist.with_value(|c| c.items().cloned().collect());
                    view! {
                        <fieldset class="chw-checklist" data-testid="chw-checklist">
                            <legend>{name}</legend>
                            <p class="muted" role="status">{left} " " {move || i18n.t(ChwKey::StepsLeft)}</p>
                            <ol class="chw-steps">
                                {items.into_iter().map(|item| {
                                    let text_id = format!("chw-{chw_id}-{}", item.id);
                                    let group = format!("chw-mark-{chw_id}-{}", item.id);
                                    let text = item.text.clone();
                                    let na_allowed = item.na_allowed;
                                    let options = MARKS.into_iter().filter(move |(mark, _, _)| na_allowed || *mark != ItemMark::NotApplicable).map(|(mark, label, value)| {
                                        let (chw, step) = (chw_id.clone(), item.id.clone());
                                        let (chw_read, step_read) = (chw.clone(), step.clone());
                                        view! {
                                            <label class="obs-option chw-mark" data-mark=value>
                                                <input type="radio" name=group.clone() value=value
                                                    prop:checked=move || editor.draft.with(|d| {
                                                        d.marks.get(&chw_read).and_then(|m| m.get(&step_read)) == Some(&mark)
                                                    })
                                                    on:change=move |_| {
                                                        let (chw, step) = (chw.clone(), step.clone());
                                                        editor.edit(|d| { d.marks.entry(chw).or_default().insert(step, mark); });
                                                    } />
                                                <span>{move || i18n.t(label)}</span>
                                            </label>
                                        }
                                    }).collect_view();
                                    view! {
                                        <li class="chw-step">
                                            <p id=text_id.clone()>
                                                {move || crate::catalogue::text(i18n, &text)}
                                                {item.critical.then(|| view! {
                                                    " " <span class="chw-critical"><span aria-hidden="true">"⚠ "</span>{move || i18n.t(ChwKey::Critical)}</span>
                                                })}
                                            </p>
                                            <div class="obs-seg chw-seg" role="radiogroup" aria-labelledby=text_id>{options}</div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </fieldset>
                    }
                }
            </For>
        })
    }
}
