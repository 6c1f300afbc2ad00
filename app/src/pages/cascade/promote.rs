//! "Promote to mentor" for one validated mentee: the competencies they are validated in (no
//! others are offered, and the shared check refuses any with a typed error), the facility
//! where they will mentor, their username if they have one. The form is a draft as it is
//! filled; saving creates one `cascade` document at the mentee's facility.

use std::collections::BTreeSet;

use crate::components::Saving;
use crate::error::AppError;
use leptos::prelude::*;
use mentora_shared::documents::cascade::{self, Promotion, PromotionError};
use mentora_shared::documents::mentee::mentor_id;
use mentora_shared::domain::CompetencyId;
use serde::{Deserialize, Serialize};

use super::competency_name;
use super::keys::CasKey;
use crate::engine::{self, use_sync};
use crate::i18n::{I18n, use_i18n};
use crate::places::{Place, use_places};
use crate::session::User;
use crate::{drafts, platform, records};

const FORM: &str = "promotion";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct PromotionFields {
    competencies: BTreeSet<String>,
    facility: String,
    account: String,
}

fn refusal(i18n: I18n, err: &PromotionError) -> AppError {
    match err {
        PromotionError::NoCompetency => AppError::invalid(CasKey::ErrNoCompetency),
        PromotionError::NotValidated(c) => {
            AppError::invalid_about(CasKey::ErrNotValidated, competency_name(i18n, c))
        }
        PromotionError::NoFacility => AppError::invalid(CasKey::ErrNoFacility),
    }
}

#[component]
pub(super) fn PromoteForm(
    mentee: String,
    name: String,
    validated: Vec<CompetencyId>,
    user: User,
    place: Place,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let places = use_places();
    let username = user.username.clone();
    let draft = RwSignal::new(
        drafts::load::<PromotionFields>(&username, FORM, &mentee).unwrap_or_default(),
    );
    let key = StoredValue::new((username, mentee.clone()));
    let edit = move |change: &dyn Fn(&mut PromotionFields)| {
        draft.update(|d| change(d));
        key.with_value(|(u, m)| draft.with_untracked(|d| drafts::save(u, FORM, m, d)));
    };
    let saving = Saving::new();
    let status = saving.status;
    let ids = StoredValue::new((mentee.clone(), name, validated.clone(), user, place));
    let facilities = move || {
        places.state.with(|s| {
            s.places()
                .iter()
                .filter(|p| p.is_open_facility())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (mentee, name, validated, user, place) = ids.get_value();
        let d = draft.get_untracked();
        let account = d.account.trim().to_owned();
        let promotion = Promotion {
            mentee: mentee.clone(),
            mentee_name: name,
            facility: d.facility.clone(),
            account: (!account.is_empty()).then_some(account),
            competencies: d
                .competencies
                .iter()
                .map(|c| CompetencyId::new(c.as_str()))
                .collect(),
            promoted_by: mentor_id(&user.username),
            promoted_by_name: user.shown_name().to_owned(),
            date: platform::today(),
        };
        if let Err(err) = cascade::check(&promotion, &validated.into_iter().collect()) {
            return status.set(Some(Err(refusal(i18n, &err))));
        }
        let header = match records::facility_header(cascade::KIND, cascade::SCHEMA_VERSION, &place)
        {
            Ok(header) => header,
            Err(reason) => return saving.refuse(reason),
        };
        // Saving makes this mentee no longer eligible, so the list drops this form (and its
        // reactive values) as soon as the promotion is on the device: the task owns plain
        // copies, and `Saving` only tries to update the form.
        let (username, mentee_key) = key.get_value();
        let save = engine::create(sync, header, move |automerge| {
            cascade::write_new(automerge, &promotion).map_err(AppError::from)
        });
        saving.run(save, move |_| drafts::clear(&username, FORM, &mentee_key));
    };
    let dom = |suffix: &str| format!("promote-{mentee}-{suffix}");
    let (facility_id, account_id, help_id) = (dom("facility"), dom("account"), dom("account-help"));
    view! {
        <details class="cascade-promote" open=move || draft.with(|d| *d != PromotionFields::default())>
            <summary>{move || i18n.t(CasKey::Promote)}</summary>
            <form class="form" novalidate on:submit=submit>
                <p class="muted">{move || i18n.t(CasKey::DraftKept)}</p>
                <fieldset>
                    <legend>{move || i18n.t(CasKey::Competencies)}</legend>
                    {validated.into_iter().map(|c| {
                        let (code, check_code) = (c.as_str().to_owned(), c.as_str().to_owned());
                        view! {
                            <label class="choice">
                                <input type="checkbox"
                                    prop:checked=move || draft.with(|d| d.competencies.contains(&check_code))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        edit(&|d| { if on { d.competencies.insert(code.clone()); } else { d.competencies.remove(&code); } });
                                    } />
                                <span>{move || competency_name(i18n, &c)}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label for=facility_id.clone()>{move || i18n.t(CasKey::Facility)}</label>
                <select id=facility_id on:change=move |ev| { let v = event_target_value(&ev); edit(&|d| d.facility = v.clone()); }>
                    <option value="" selected=move || draft.with(|d| d.facility.is_empty())>{move || i18n.t(CasKey::ChooseFacility)}</option>
                    {move || facilities().into_iter().map(|p| {
                        let id = p.id.clone();
                        view! { <option value=p.id.clone() selected=move || draft.with(|d| d.facility == id)>{p.name}</option> }
                    }).collect_view()}
                </select>
                <label for=account_id.clone()>{move || i18n.t(CasKey::Account)}</label>
                <input id=account_id type="text" autocomplete="off" aria-describedby=help_id.clone()
                    prop:value=move || draft.with(|d| d.account.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.account = v.clone()); } />
                <p id=help_id class="muted">{move || i18n.t(CasKey::AccountHelp)}</p>
                {move || status.get().map(|s| match s {
                    Ok(()) => view! { <p class="notice ok" role="status">{i18n.t(CasKey::Saved)}</p> }.into_any(),
                    Err(reason) => view! { <p class="notice error" role="alert">{i18n.t(CasKey::NotSaved)} ": " {move || reason.message(i18n)}</p> }.into_any(),
                })}
                <button type="submit" disabled=move || saving.busy()>
                    {move || i18n.t(if saving.busy() { CasKey::Saving } else { CasKey::Save })}
                </button>
            </form>
        </details>
    }
}
