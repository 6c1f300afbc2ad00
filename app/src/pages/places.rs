use leptos::prelude::*;

use crate::engine::use_sync;
use crate::i18n::{Count, Key, use_i18n};
use crate::places::{Place, PlacesState, use_places};
use crate::platform;
use crate::records;
use crate::session::use_session;

use super::DashboardLink;

/// "My places": the facilities of the user's scope, each with its district; pick today's.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_places();
    let body = move || match store.state.get() {
        PlacesState::SignedOut => crate::components::sign_in_prompt(),
        PlacesState::Loading => {
            view! { <p class="muted" role="status">{move || i18n.t(Key::PlacesLoading)}</p> }
                .into_any()
        }
        PlacesState::Failed(reason) => view! {
            <div class="notice error" role="alert">
                <p>{move || i18n.t(Key::PlacesLoadFailed)} ": " {move || reason.message(i18n)}</p>
                <p class="muted">{move || i18n.t(Key::PlacesEmpty)}</p>
                <button type="button" on:click=move |_| store.refresh()>
                    {move || i18n.t(Key::Retry)}
                </button>
            </div>
        }
        .into_any(),
        PlacesState::Fresh(places) => view! { <FacilityList places /> }.into_any(),
        PlacesState::Cached(places) => view! {
            <p class="notice" role="status">{move || i18n.t(Key::PlacesFromCache)}</p>
            <FacilityList places />
        }
        .into_any(),
    };
    view! {
        <section class="page">
            <h1>{move || i18n.t(Key::PlacesTitle)}</h1>
            <p class="muted">{move || i18n.t(Key::PlacesIntro)}</p>
            <DashboardLink />
            {body}
        </section>
    }
}

#[component]
fn FacilityList(places: Vec<Place>) -> impl IntoView {
    let i18n = use_i18n();
    let district_name = |place: &Place| {
        places
            .iter()
            .find(|p| Some(&p.id) == place.parent_id.as_ref())
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let facilities: Vec<(Place, String)> = places
        .iter()
        .filter(|p| p.is_open_facility())
        .map(|p| (p.clone(), district_name(p)))
        .collect();
    if facilities.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Key::PlacesEmpty)}</p> }.into_any();
    }
    view! {
        <ul class="card-list" data-testid="facility-list">
            {facilities
                .into_iter()
                .map(|(place, district)| view! { <FacilityCard place district /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn FacilityCard(place: Place, district: String) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_places();
    let id = place.id.clone();
    let is_current = {
        let id = id.clone();
        Memo::new(move |_| store.current.get().as_deref() == Some(id.as_str()))
    };
    let level = place.level_key();
    let sync = use_sync();
    let counted = place.id.clone();
    let counts = Memo::new(move |_| {
        sync.revision.track();
        records::facility_counts(&counted, platform::today())
    });
    view! {
        <li class="card" class:current=is_current>
            <div>
                <h2>{place.name.clone()}</h2>
                <p class="muted">
                    {move || i18n.t(level)} " · " {move || i18n.t(Key::District)} " " {district.clone()}
                </p>
                {move || {
                    let c = counts.get();
                    (c.mentees > 0).then(|| view! {
                        <p class="counts">
                            {c.summary(i18n)}
                            {(c.overdue > 0).then(|| view! { " · " <strong>{i18n.count(c.overdue, Count::CoachingOverdue)}</strong> })}
                        </p>
                    })
                }}
            </div>
            <button
                type="button"
                aria-pressed=move || if is_current.get() { "true" } else { "false" }
                on:click=move |_| store.choose(&id)
            >
                {move || i18n.t(if is_current.get() { Key::Chosen } else { Key::Choose })}
            </button>
        </li>
    }
}

/// The app's root, where it opens: each role starts where it works (supervisors and admins on
/// the dashboard, mentors with their mentees, at their facility when they have one); nobody
/// signed in sees My places, which asks them to sign in.
#[component]
pub fn StartPage() -> impl IntoView {
    let session = use_session();
    move || match session.0.with(|s| s.as_ref().map(|s| s.user.start_path())) {
        Some(start) => view! { <leptos_router::components::Redirect path=start /> }.into_any(),
        None => view! { <PlacesPage /> }.into_any(),
    }
}
