//! "Run a group session": area, tool, date, place, the CHWs present (size flagged in words, not
//! blocked), one short checklist per CHW, group feedback, save. Every change goes to the draft
//! at once; the draft is cleared only once the session and every CHW's assessment are durable.

use leptos::prelude::*;
use mentora_shared::documents::chw_session::CHW_AREAS;
use mentora_shared::domain::{Cadre, Programme};
use mentora_shared::rules::{GroupSizeFlag, ProgrammeRules};

use super::FORM;
use super::checklists::Checklists;
use super::draft::{self, ChwSessionDraft, Refusal};
use super::keys::{ChwCount, ChwKey};
use super::overview::area_name;
use super::save;
use crate::components::Busy;
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::places::Place;
use crate::store::hex;
use crate::{drafts, platform, records};

/// The draft and where it is saved: every edit is written synchronously.
#[derive(Debug, Clone, Copy)]
pub(super) struct Editor {
    pub draft: RwSignal<ChwSessionDraft>,
    username: StoredValue<String>,
    place: StoredValue<String>,
}

impl Editor {
    pub fn edit(self, change: impl FnOnce(&mut ChwSessionDraft)) {
        self.draft.update(change);
        self.draft.with_untracked(|d| {
            drafts::save(&self.username.get_value(), FORM, &self.place.get_value(), d);
        });
    }

    fn clear(self) {
        drafts::clear(&self.username.get_value(), FORM, &self.place.get_value());
    }
}

fn refusal_text(i18n: I18n, refusal: &Refusal) -> String {
    let key = match refusal {
        Refusal::NoCompetency => ChwKey::ErrNoCompetency,
        Refusal::BadDate => ChwKey::ErrBadDate,
        Refusal::NoParticipants => ChwKey::ErrNoParticipants,
        Refusal::StepsMissing => ChwKey::ErrStepsMissing,
        Refusal::FeedbackTooLong => ChwKey::ErrTooLong,
        Refusal::Scoring(err) => {
            // The steps' ids say nothing to the person: the detail is for the console.
            leptos::logging::warn!("CHW checklist not scored: {err}");
            ChwKey::ErrCannotScore
        }
    };
    i18n.t(key).to_owned()
}

/// The CHWs registered at the place: (mentee document id in hex, name).
fn chws_at(facility: &str) -> Vec<(String, String)> {
    records::at_facility(facility)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|m| m.record.cadre == Cadre::Chw)
        .map(|m| (hex(&m.doc.0), m.record.name))
        .collect()
}

#[component]
pub(super) fn SessionForm(
    place: Place,
    username: String,
    shown_name: String,
    on_done: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let restored =
        drafts::load::<ChwSessionDraft>(&username, FORM, &place.id).unwrap_or_else(|| {
            ChwSessionDraft {
                date: platform::today().to_string(),
                place: place.name.clone(),
                ..ChwSessionDraft::default()
            }
        });
    let editor = Editor {
        draft: RwSignal::new(restored),
        username: StoredValue::new(username.clone()),
        place: StoredValue::new(place.id.clone()),
    };
    // Keeps the draft even when nothing is typed yet, so a reload reopens the flow.
    editor.edit(|_| {});
    let facility = place.id.clone();
    let chws = Memo::new(move |_| {
        sync.revision.track();
        chws_at(&facility)
    });
    let competency = Memo::new(move |_| editor.draft.with(|d| d.competency.clone()));
    let refusal = RwSignal::new(None::<Refusal>);
    let failure = RwSignal::new(None::<AppError>);
    let busy = Busy::new();
    let range = ProgrammeRules::defaults_for(Programme::Ingobyi).chw_group_size;
    let place = StoredValue::new(place);
    let shown_name = StoredValue::new(shown_name);
    let session = crate::session::use_session();
    let pending = StoredValue::new(None::<save::Batch>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let found = crate::catalogue::competency(&competency.get_untracked());
        let checked = editor
            .draft
            .with_untracked(|d| draft::check(d, found.as_ref()));
        let (checked, found) = match (checked, found) {
            (Ok(checked), Some(found)) => (checked, found),
            (Err(refused), _) => return refusal.set(Some(refused)),
            (Ok(_), None) => return refusal.set(Some(Refusal::NoCompetency)),
        };
        refusal.set(None);
        // A batch whose session already exists is finished as it was, not rebuilt.
        if pending.with_value(|b| b.as_ref().is_none_or(|b| b.created.is_none())) {
            let place_text = editor.draft.with_untracked(|d| d.place.trim().to_owned());
            let user = editor.username.get_value();
            match save::prepare(
                checked,
                &found,
                place_text,
                &user,
                (shown_name.get_value(), session.affiliation()),
                &place.get_value(),
            ) {
                Ok(batch) => pending.set_value(Some(batch)),
                Err(reason) => return failure.set(Some(reason)),
            }
        }
        busy.run(async move {
            let saved = save::persist(sync, pending).await;
            match saved {
                Ok(()) => {
                    editor.clear();
                    on_done.run(true);
                }
                Err(reason) => failure.set(Some(reason)),
            }
        });
    };

    let discard = move |_| {
        editor.clear();
        on_done.run(false);
    };

    let competencies = move || {
        let area = editor.draft.with(|d| d.area)?;
        let catalogue = crate::catalogue::catalogue().ok()?;
        Some(
            catalogue
                .competencies_in(area)
                .filter(|c| c.current_checklist().is_some())
                .map(|c| {
                    (
                        c.id.as_str().to_owned(),
                        crate::catalogue::text(i18n, &c.name),
                    )
                })
                .collect::<Vec<_>>(),
        )
    };
    let size_line = move || {
        let n = editor.draft.with(|d| d.present.len());
        let key = match range.flag(n) {
            GroupSizeFlag::WithinRange => ChwKey::SizeOk,
            GroupSizeFlag::TooSmall => ChwKey::SizeSmall,
            GroupSizeFlag::TooLarge => ChwKey::SizeLarge,
        };
        format!("{} — {}", i18n.count(n, ChwCount::Chws), i18n.t(key))
    };

    view! {
        <form class="form chw-form" novalidate on:submit=submit>
            <p class="muted">{move || i18n.t(ChwKey::DraftKept)}</p>
            <fieldset class="chw-areas">
                <legend>{move || i18n.t(ChwKey::Area)}</legend>
                {CHW_AREAS.into_iter().map(|area| view! {
                    <label class="choice chw-option">
                        <input type="radio" name="chw-area"
                            prop:checked=move || editor.draft.with(|d| d.area == Some(area))
                            on:change=move |_| editor.edit(|d| {
                                d.area = Some(area);
                                d.competency.clear();
                                d.marks.clear();
                            }) />
                        <span>{move || area_name(i18n, area)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            {move || competencies().map(|list| view! {
                <label for="chw-competency">{move || i18n.t(ChwKey::Competency)}</label>
                <select id="chw-competency"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        editor.edit(|d| {
                            d.competency = value;
                            d.marks.clear();
                        });
                    }>
                    <option value="" selected=move || competency.get().is_empty()>"—"</option>
                    {list.into_iter().map(|(id, name)| {
                        let selected_id = id.clone();
                        view! {
                            <option value=id selected=move || competency.get() == selected_id>{name}</option>
                        }
                    }).collect_view()}
                </select>
            })}
            <label for="chw-date">{move || i18n.t(ChwKey::Date)}</label>
            <input id="chw-date" type="date" prop:value=move || editor.draft.with(|d| d.date.clone())
                on:input=move |ev| { let v = event_target_value(&ev); editor.edit(|d| d.date = v); } />
            <label for="chw-place">{move || i18n.t(ChwKey::Place)}</label>
            <input id="chw-place" type="text" aria-describedby="chw-place-help"
                prop:value=move || editor.draft.with(|d| d.place.clone())
                on:input=move |ev| { let v = event_target_value(&ev); editor.edit(|d| d.place = v); } />
            <p id="chw-place-help" class="muted">{move || i18n.t(ChwKey::PlaceHelp)}</p>
            <fieldset class="chw-present">
                <legend>{move || i18n.t(ChwKey::Participants)}</legend>
                {move || {
                    let list = chws.get();
                    if list.is_empty() {
                        return view! { <p class="notice">{move || i18n.t(ChwKey::NoChws)}</p> }.into_any();
                    }
                    list.into_iter().map(|(id, name)| {
                        let key = id.clone();
                        view! {
                            <label class="choice chw-option">
                                <input type="checkbox"
                                    prop:checked=move || editor.draft.with(|d| d.present.contains(&key))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id.clone();
                                        editor.edit(|d| {
                                            if on { d.present.insert(id); } else { d.present.remove(&id); d.marks.remove(&id); }
                                        });
                                    } />
                                <span>{name}</span>
                            </label>
                        }
                    }).collect_view().into_any()
                }}
                <p class="chw-size" role="status" data-testid="chw-size">{size_line}</p>
            </fieldset>
            <Checklists editor competency chws />
            <label for="chw-feedback">{move || i18n.t(ChwKey::Feedback)}</label>
            <textarea id="chw-feedback" rows="4" prop:value=move || editor.draft.with(|d| d.feedback.clone())
                on:input=move |ev| { let v = event_target_value(&ev); editor.edit(|d| d.feedback = v); }></textarea>
            {move || refusal.get().map(|r| view! {
                <p class="notice error" role="alert">{refusal_text(i18n, &r)}</p>
            })}
            {move || failure.get().map(|reason| view! {
                <p class="notice error" role="alert">{move || i18n.t(ChwKey::NotSaved)} ": " {move || reason.message(i18n)}</p>
            })}
            <div class="chw-actions">
                <button type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { ChwKey::Saving } else { ChwKey::Save })}
                </button>
                <button type="button" class="secondary" on:click=discard>{move || i18n.t(ChwKey::Cancel)}</button>
            </div>
        </form>
    }
}
