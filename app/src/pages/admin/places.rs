//! `/admin/places`: the place hierarchy as the server holds it, country to facility, and the
//! import panel. After an import the list is fetched again.

use leptos::prelude::*;

use super::AdminOnly;
use super::import::ImportPanel;
use super::place_form::{Editing, PlaceForm};
use super::users::admin_call;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::places::{Place, PlacesState, use_places};
use crate::session::use_session;

crate::i18n::keys!(PKey, "pages/admin/places");

/// Places in tree order (each followed by its children, by name) with their depth.
fn tree(places: &[Place]) -> Vec<(usize, Place)> {
    let mut out = Vec::with_capacity(places.len());
    let children = |parent: Option<&str>| {
        let mut found: Vec<&Place> = places
            .iter()
            .filter(|p| p.parent_id.as_deref() == parent)
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name));
        found
    };
    let mut stack: Vec<(usize, &Place)> =
        children(None).into_iter().rev().map(|p| (0, p)).collect();
    // Each place is visited once: a parent link cannot loop back (the server checks levels),
    // and the bound guards against a malformed answer.
    while let Some((depth, place)) = stack.pop() {
        if out.len() >= places.len() {
            break;
        }
        out.push((depth, place.clone()));
        stack.extend(
            children(Some(&place.id))
                .into_iter()
                .rev()
                .map(|p| (depth + 1, p)),
        );
    }
    out
}

/// A level code in the current language.
pub(super) fn level_label(i18n: crate::i18n::I18n, level: &str) -> &'static str {
    match level {
        "country" => i18n.t(PKey::Country),
        "province" => i18n.t(PKey::Province),
        "district" => i18n.t(PKey::District),
        other => i18n.t(Place {
            id: String::new(),
            parent_id: None,
            level: other.to_owned(),
            name: String::new(),
            active: true,
        }
        .level_key()),
    }
}

#[component]
pub fn AdminPlacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let editing: Editing = RwSignal::new(None);
    view! {
        <section class="page">
            <h1>{move || i18n.t(PKey::Title)}</h1>
            <AdminOnly>
                <ImportPanel />
                {move || editing.get().map(|_| view! { <PlaceForm editing /> })}
                <PlaceTree editing />
            </AdminOnly>
        </section>
    }
}

/// Deactivates or activates one place, then lists the places again.
#[component]
fn ActiveToggle(place: Place, failed: RwSignal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let places = use_places();
    let (label, next) = if place.active {
        (PKey::Deactivate, false)
    } else {
        (PKey::Activate, true)
    };
    let id = StoredValue::new(place.id.clone());
    let toggle = move |_| {
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let url = format!("/api/admin/places/{}/active", id.get_value());
            let body = serde_json::json!({ "active": next }).to_string();
            match admin_call(&url, Some(body), &token).await {
                Ok(_) => {
                    failed.set(None);
                    places.refresh();
                }
                Err(reason) => {
                    reason.log("admin place active");
                    failed.set(Some(reason));
                }
            }
        });
    };
    view! {
        <button type="button" class="secondary"
            aria-label=format!("{} {}", i18n.t(label), place.name)
            on:click=toggle>
            {i18n.t(label)}
        </button>
    }
}

#[component]
fn PlaceTree(editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let places = use_places();
    let failed = RwSignal::new(None::<AppError>);
    view! {
        <section class="card-form" aria-labelledby="place-tree-title">
            <h2 id="place-tree-title">{move || i18n.t(PKey::Tree)}</h2>
            <button type="button" class="secondary" on:click=move |_| editing.set(Some(None))>
                {move || i18n.t(PKey::Add)}
            </button>
            {move || places.state.with(|state| match state {
                PlacesState::Loading => view! { <p role="status">{i18n.t(PKey::Loading)}</p> }.into_any(),
                PlacesState::Failed(reason) => {
                    let reason = reason.clone();
                    view! { <p class="notice error" role="alert">{move || reason.message(i18n)}</p> }.into_any()
                }
                PlacesState::SignedOut => ().into_any(),
                PlacesState::Fresh(list) | PlacesState::Cached(list) => {
                    let kept = matches!(state, PlacesState::Cached(_));
                    let count = i18n.t(PKey::Count).replace("{n}", &list.len().to_string());
                    let rows = tree(list);
                    view! {
                        {kept.then(|| view! { <p class="notice" role="status">{i18n.t(PKey::Kept)}</p> })}
                        <p class="muted">{count}</p>
                        {move || failed.get().map(|reason| view! {
                            <p class="notice error" role="alert">{i18n.t(PKey::ActiveFailed)} ": " {reason.message(i18n)}</p>
                        })}
                        <ul class="place-tree" data-testid="place-tree">
                            {rows.into_iter().map(|(depth, place)| {
                                let level = level_label(i18n, &place.level);
                                let this = StoredValue::new(place.clone());
                                view! {
                                    <li class=format!("depth-{}", depth.min(3))>
                                        <span class="place-name">{place.name}</span>
                                        " · " <span class="muted">{level} " · " <code>{place.id}</code></span>
                                        {(!place.active).then(|| view! { " · " <strong>{i18n.t(PKey::Inactive)}</strong> })}
                                        " " <button type="button" class="secondary"
                                            aria-label=format!("{} {}", i18n.t(PKey::Change), this.with_value(|p| p.name.clone()))
                                            on:click=move |_| editing.set(Some(Some(this.get_value())))>
                                            {i18n.t(PKey::Change)}
                                        </button>
                                        <ActiveToggle place=this.get_value() failed />
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <button type="button" class="secondary" on:click=move |_| places.refresh()>
                            {i18n.t(PKey::Refresh)}
                        </button>
                    }
                    .into_any()
                }
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, parent: Option<&str>, name: &str) -> Place {
        Place {
            id: id.into(),
            parent_id: parent.map(Into::into),
            level: "district".into(),
            name: name.into(),
            active: true,
        }
    }

    #[test]
    fn the_tree_lists_children_under_their_parent_by_name() {
        let places = [
            place("hc-b", Some("d1"), "B"),
            place("d1", Some("rw"), "Huye"),
            place("rw", None, "Rwanda"),
            place("hc-a", Some("d1"), "A"),
            place("d2", Some("rw"), "Gisagara"),
        ];
        let tree = tree(&places);
        let order: Vec<(usize, &str)> = tree.iter().map(|(d, p)| (*d, p.name.as_str())).collect();
        assert_eq!(
            order,
            [
                (0, "Rwanda"),
                (1, "Gisagara"),
                (1, "Huye"),
                (2, "A"),
                (2, "B")
            ]
        );
    }
}
