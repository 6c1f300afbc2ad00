//! The root-cause analysis (causes under the fishbone's categories) and the solutions, each with
//! the form that adds one. Adding is a new keyed entry, so two tablets adding offline both keep
//! theirs.

use leptos::prelude::*;
use mentora_shared::documents::qi::{self, Cause, CauseGroup, Solution};
use mentora_shared::sync::DocId;
use serde::{Deserialize, Serialize};

use super::data;
use super::keys::{QKey, group_code, group_key, input_key};
use super::project::Live;
use crate::components::SaveOutcome;
use crate::components::{FormDraft, Saving};
use crate::engine::{SyncView, use_sync};
use crate::i18n::use_i18n;
use crate::store::hex;

#[component]
pub fn Causes(doc: DocId, live: Live, open: Memo<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let grouped = move || {
        let causes = live.get().map(|p| p.project.causes).unwrap_or_default();
        CauseGroup::ALL
            .into_iter()
            .map(|group| {
                let texts: Vec<String> = causes
                    .iter()
                    .filter(|(_, c)| c.group == group)
                    .map(|(_, c)| c.text.clone())
                    .collect();
                (group, texts)
            })
            .filter(|(_, texts)| !texts.is_empty())
            .collect::<Vec<_>>()
    };
    view! {
        <section aria-labelledby="qi-causes-title" data-testid="qi-causes">
            <h2 id="qi-causes-title">{move || i18n.t(QKey::Causes)}</h2>
            {move || {
                let groups = grouped();
                if groups.is_empty() {
                    return view! { <p class="muted">{move || i18n.t(QKey::NoCauses)}</p> }.into_any();
                }
                view! {
                    <div class="qi-groups">
                        {groups.into_iter().map(|(group, texts)| view! {
                            <div class="qi-group" data-group=group_code(group)>
                                <h3>{move || i18n.t(group_key(group))}</h3>
                                <ul>{texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                            </div>
                        }).collect_view()}
                    </div>
                }
                .into_any()
            }}
            <Show when=move || open.get()>
                <CauseForm doc />
            </Show>
        </section>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct CauseDraft {
    group: String,
    text: String,
}

/// Runs `write` with a fresh entry key; on success `on_saved` (clearing the draft).
pub(super) fn add(
    sync: SyncView,
    doc: DocId,
    saving: Saving,
    on_saved: impl FnOnce() + 'static,
    write: impl FnOnce(
        &mut automerge::Automerge,
        &str,
    ) -> Result<(), mentora_shared::documents::DocError>
    + 'static,
) {
    let key = match data::new_key() {
        Ok(key) => key,
        Err(reason) => return saving.refuse(reason),
    };
    saving.run(
        data::save(sync, doc, move |automerge| write(automerge, &key)),
        move |()| on_saved(),
    );
}

#[component]
fn CauseForm(doc: DocId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let draft = FormDraft::<CauseDraft>::new("qi-cause", hex(&doc.0));
    let error = RwSignal::new(None::<QKey>);
    let saving = Saving::new();
    let status = saving.status;
    let group = move || {
        draft
            .get(|d| {
                CauseGroup::ALL
                    .into_iter()
                    .find(|g| group_code(*g) == d.group)
            })
            .unwrap_or(CauseGroup::People)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let text = match qi::required_text(&draft.value.get_untracked().text) {
            Ok(text) => text,
            Err(err) => return error.set(Some(input_key(err))),
        };
        error.set(None);
        let cause = Cause {
            group: group(),
            text,
        };
        add(
            sync,
            doc,
            saving,
            move || draft.clear(),
            move |automerge, key| qi::add_cause(automerge, key, &cause),
        );
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="add-cause">
            <label for="qi-cause-group">{move || i18n.t(QKey::Group)}</label>
            <select id="qi-cause-group" on:change=move |ev| draft.set(|d| d.group = event_target_value(&ev))>
                {CauseGroup::ALL.into_iter().map(|g| view! {
                    <option value=group_code(g) selected=move || group() == g>{move || i18n.t(group_key(g))}</option>
                }).collect_view()}
            </select>
            <label for="qi-cause-text">{move || i18n.t(QKey::Cause)}</label>
            <textarea id="qi-cause-text" rows="2" aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || draft.get(|d| d.text.clone())
                on:input=move |ev| draft.set(|d| d.text = event_target_value(&ev))></textarea>
            {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, QKey::AddCause)}
            </button>
        </form>
    }
}

#[component]
pub fn Solutions(doc: DocId, live: Live, open: Memo<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || {
        live.get()
            .map(|p| {
                p.project
                    .solutions
                    .into_iter()
                    .map(|(_, s)| s.text)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="qi-solutions-title" data-testid="qi-solutions">
            <h2 id="qi-solutions-title">{move || i18n.t(QKey::Solutions)}</h2>
            {move || {
                let all = texts();
                if all.is_empty() {
                    view! { <p class="muted">{move || i18n.t(QKey::NoSolutions)}</p> }.into_any()
                } else {
                    view! { <ul>{all.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <Show when=move || open.get()>
                <SolutionForm doc />
            </Show>
        </section>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct SolutionDraft {
    text: String,
}

#[component]
fn SolutionForm(doc: DocId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let draft = FormDraft::<SolutionDraft>::new("qi-solution", hex(&doc.0));
    let error = RwSignal::new(None::<QKey>);
    let saving = Saving::new();
    let status = saving.status;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let text = match qi::required_text(&draft.value.get_untracked().text) {
            Ok(text) => text,
            Err(err) => return error.set(Some(input_key(err))),
        };
        error.set(None);
        let solution = Solution { text };
        add(
            sync,
            doc,
            saving,
            move || draft.clear(),
            move |automerge, key| qi::add_solution(automerge, key, &solution),
        );
    };
    view! {
        <form class="form card-form" on:submit=submit data-testid="add-solution">
            <label for="qi-solution-text">{move || i18n.t(QKey::Solution)}</label>
            <textarea id="qi-solution-text" rows="2" aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || draft.get(|d| d.text.clone())
                on:input=move |ev| draft.set(|d| d.text = event_target_value(&ev))></textarea>
            {move || error.get().map(|key| view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })}
            <SaveOutcome status />
            <button type="submit" disabled=move || saving.busy()>
                {move || saving.label(i18n, QKey::AddSolution)}
            </button>
        </form>
    }
}
