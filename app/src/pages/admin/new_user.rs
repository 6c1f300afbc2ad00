//! Creating a user: username, display name, role, the places they work in (facilities for a
//! mentor; districts and/or facilities for a supervisor; an admin sees everything) and a first
//! password the admin hands over. The server checks everything again and says what is wrong.

use leptos::prelude::*;
use mentora_shared::domain::MentorAffiliation;
use mentora_shared::policy::{Role, Scope};
use serde::Serialize;

use super::users::{admin_call, role_text};
use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::{fill, use_i18n};
use crate::places::{Place, use_places};
use crate::session::use_session;

crate::i18n::keys!(NKey, "pages/admin/new_user");

/// How many places the pickers list at once.
const SHOWN: usize = 30;

/// The affiliation's name in the current language.
pub fn affiliation_text(i18n: crate::i18n::I18n, affiliation: MentorAffiliation) -> &'static str {
    i18n.t(match affiliation {
        MentorAffiliation::Rpa => NKey::Rpa,
        MentorAffiliation::Ram => NKey::Ram,
        MentorAffiliation::Rsog => NKey::Rsog,
        MentorAffiliation::DistrictBased => NKey::DistrictBased,
        MentorAffiliation::HealthCentreStaff => NKey::HealthCentreStaff,
        MentorAffiliation::Ceho => NKey::Ceho,
        MentorAffiliation::RbcClinicalMentor => NKey::RbcClinicalMentor,
    })
}

#[derive(Serialize)]
struct CreateRequest<'a> {
    username: &'a str,
    display_name: &'a str,
    role: &'a str,
    affiliation: Option<MentorAffiliation>,
    districts: Vec<String>,
    facilities: Vec<String>,
    password: &'a str,
}

/// Checkboxes for the places of one kind that match the filter, chosen ones first.
fn place_picker(
    legend: NKey,
    candidates: impl Fn() -> Vec<Place> + Send + Sync + 'static,
    filter: RwSignal<String>,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="place-picker">
            <legend>{move || i18n.t(legend)}</legend>
            {move || {
                let needle = filter.get().to_lowercase();
                let mut list: Vec<Place> = candidates()
                    .into_iter()
                    .filter(|p| chosen.with(|c| c.contains(&p.id)) || p.name.to_lowercase().contains(&needle))
                    .collect();
                list.sort_by_key(|p| (!chosen.with(|c| c.contains(&p.id)), p.name.clone()));
                let more = list.len().saturating_sub(SHOWN);
                list.truncate(SHOWN);
                view! {
                    {list.into_iter().map(|place| {
                        let id = StoredValue::new(place.id.clone());
                        view! {
                            <label class="choice">
                                <input type="checkbox"
                                    prop:checked=move || chosen.with(|c| c.contains(&id.get_value()))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|x| x != &id.get_value());
                                            if on { c.push(id.get_value()); }
                                        });
                                    } />
                                <span>{place.name}</span>
                            </label>
                        }
                    }).collect_view()}
                    {(more > 0).then(|| view! {
                        <p class="muted">{fill(i18n.t(NKey::MoreMatches), &[("n", &more.to_string())])}</p>
                    })}
                }
            }}
        </fieldset>
    }
}

#[component]
pub fn NewUserForm(on_created: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let places = use_places();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Mentor.as_str().to_owned());
    // Which places the chosen role's account lists.
    let takes = move |lists: fn(Scope) -> bool| {
        role.with(|r| Role::parse(r).map(Role::scope).is_some_and(lists))
    };
    let affiliation = RwSignal::new(None::<MentorAffiliation>);
    let filter = RwSignal::new(String::new());
    let districts = RwSignal::new(Vec::<String>::new());
    let facilities = RwSignal::new(Vec::<String>::new());
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let busy = Busy::new();
    let outcome = RwSignal::new(None::<Result<String, AppError>>);

    let of_kind = move |facility: bool| {
        places.state.with(|s| {
            s.places()
                .iter()
                .filter(|p| {
                    p.active && p.is_facility() == facility && (facility || p.level == "district")
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if password.get_untracked() != repeat.get_untracked() {
            outcome.set(Some(Err(AppError::invalid(NKey::Mismatch))));
            return;
        }
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        let role_now = role.get_untracked();
        let scope = Role::parse(&role_now).map(Role::scope);
        let request = CreateRequest {
            username: &username.get_untracked(),
            display_name: &display_name.get_untracked(),
            role: &role_now,
            affiliation: affiliation.get_untracked(),
            districts: if scope.is_some_and(Scope::takes_districts) {
                districts.get_untracked()
            } else {
                Vec::new()
            },
            facilities: if scope.is_some_and(Scope::takes_facilities) {
                facilities.get_untracked()
            } else {
                Vec::new()
            },
            password: &password.get_untracked(),
        }
        .to_json();
        let created = username.get_untracked().trim().to_owned();
        busy.run(async move {
            outcome.set(None);
            let result = admin_call("/api/admin/users", Some(request), &token).await;
            if let Err(error) = &result {
                error.log("admin create user");
            }
            if result.is_ok() {
                for field in [username, display_name, password, repeat, filter] {
                    field.set(String::new());
                }
                districts.set(Vec::new());
                facilities.set(Vec::new());
                affiliation.set(None);
                on_created();
            }
            outcome.set(Some(result.map(|_| created)));
        });
    };
    let text =
        move |label: NKey, value: RwSignal<String>, kind: &'static str, auto: &'static str| {
            view! {
                <label>
                    {move || i18n.t(label)}
                    <input type=kind autocomplete=auto required prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev)) />
                </label>
            }
        };
    view! {
        <form class="card-form" aria-labelledby="new-user-title" data-testid="new-user" on:submit=submit>
            <h2 id="new-user-title">{move || i18n.t(NKey::Title)}</h2>
            {text(NKey::Username, username, "text", "off")}
            {text(NKey::DisplayName, display_name, "text", "off")}
            <label>
                {move || i18n.t(NKey::Role)}
                <select on:change=move |ev| role.set(event_target_value(&ev)) prop:value=move || role.get()>
                    {Role::ALL.into_iter().rev().map(Role::as_str).map(|r| view! {
                        <option value=r>{move || role_text(i18n, r)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                {move || i18n.t(NKey::Affiliation)}
                <select on:change=move |ev| affiliation.set(MentorAffiliation::from_code(&event_target_value(&ev)))>
                    <option value="" prop:selected=move || affiliation.get().is_none()>{move || i18n.t(NKey::NoAffiliation)}</option>
                    {MentorAffiliation::ALL.into_iter().map(|a| view! {
                        <option value=a.code() prop:selected=move || affiliation.get() == Some(a)>
                            {move || affiliation_text(i18n, a)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            {move || takes(Scope::takes_facilities).then(|| view! {
                <label>
                    {move || i18n.t(NKey::Filter)}
                    <input type="search" prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev)) />
                </label>
            })}
            {move || takes(Scope::takes_districts).then(|| place_picker(NKey::Districts, move || of_kind(false), filter, districts))}
            {move || takes(Scope::takes_facilities).then(|| place_picker(NKey::Facilities, move || of_kind(true), filter, facilities))}
            {text(NKey::Password, password, "password", "new-password")}
            {text(NKey::Repeat, repeat, "password", "new-password")}
            <button type="submit" disabled=move || busy.get()>{move || i18n.t(NKey::Create)}</button>
            {move || outcome.get().map(|result| match result {
                Ok(created) => view! {
                    <p class="notice ok" role="status">{fill(i18n.t(NKey::Created), &[("username", &created)])}</p>
                }.into_any(),
                Err(reason) => view! {
                    <p class="notice error" role="alert">{i18n.t(NKey::Refused)} ": " {reason.message(i18n)}</p>
                }.into_any(),
            })}
        </form>
    }
}

impl CreateRequest<'_> {
    fn to_json(&self) -> String {
        // Plain strings and lists: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}
