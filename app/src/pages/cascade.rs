//! The cascade screen (`/cascade`) at the current place: validated mentees who can be promoted
//! to mentor (and the form to do it), the mentors promoted from here with their facility and
//! competencies, and the lineage of who mentored whom with the cascade's depth.

mod data;
mod keys;
mod lineage;
mod promote;

use leptos::prelude::*;
use mentora_shared::domain::CompetencyId;

use self::keys::CasKey;
use self::lineage::LineageView;
use self::promote::PromoteForm;
use crate::components::user_and_place;
use crate::engine::use_sync;
use crate::i18n::{I18n, use_i18n};
use crate::places::{PlacesStore, use_places};
use crate::records;
use crate::session::use_session;
use crate::store::hex;

/// A competency's name in the current language, or its id when the catalogue lacks it.
pub(super) fn competency_name(i18n: I18n, id: &CompetencyId) -> String {
    crate::catalogue::competency(id.as_str())
        .map_or_else(|| id.to_string(), |c| crate::catalogue::text(i18n, &c.name))
}

/// A place's name, or its slug when this device does not list it.
pub(super) fn place_name(places: PlacesStore, slug: &str) -> String {
    places.state.with_untracked(|s| {
        s.places()
            .iter()
            .find(|p| p.id == slug)
            .map_or_else(|| slug.to_owned(), |p| p.name.clone())
    })
}

#[component]
pub fn CascadePage() -> impl IntoView {
    let i18n = use_i18n();
    let _session = use_session();
    let places = use_places();
    let sync = use_sync();

    let body = move || {
        let (user, place) = match user_and_place() {
            Ok(found) => found,
            Err(missing) => return missing,
        };
        let facility = place.id.clone();
        let promotions = Memo::new(move |_| {
            sync.revision.track();
            data::promotions()
        });
        let here = facility.clone();
        let promoted_here = move || {
            promotions.with(|rows| {
                rows.iter()
                    .filter(|r| {
                        r.as_ref()
                            .map_or(true, |(at, _)| at.as_deref() == Some(here.as_str()))
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        };
        // Validated mentees here not yet promoted, each with what they are validated in.
        let eligible = Memo::new(move |_| {
            sync.revision.track();
            let promoted: Vec<String> = promotions.with(|rows| {
                rows.iter()
                    .filter_map(|r| r.as_ref().ok().map(|(_, p)| p.mentee.clone()))
                    .collect()
            });
            records::at_facility(&facility)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|m| !m.history.validations.is_empty() && !promoted.contains(&hex(&m.doc.0)))
                .map(|m| {
                    (
                        hex(&m.doc.0),
                        m.record.name.clone(),
                        m.history.validations.keys().cloned().collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        });
        let user = StoredValue::new(user);
        let place = StoredValue::new(place);
        view! {
            <h2>{move || i18n.t(CasKey::Eligible)}</h2>
            {move || {
                let rows = eligible.get();
                if rows.is_empty() {
                    return view! { <p class="muted">{move || i18n.t(CasKey::NoEligible)}</p> }.into_any();
                }
                view! {
                    <ul class="card-list" data-testid="cascade-eligible">
                        {rows.into_iter().map(|(id, name, validated)| view! {
                            <li class="card">
                                <h3>{name.clone()}</h3>
                                <PromoteForm mentee=id name validated
                                    user=user.get_value() place=place.get_value() />
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <h2>{move || i18n.t(CasKey::Promoted)}</h2>
            {move || {
                let rows = promoted_here();
                if rows.is_empty() {
                    return view! { <p class="muted">{move || i18n.t(CasKey::NoPromoted)}</p> }.into_any();
                }
                view! {
                    <ul class="card-list" data-testid="cascade-promoted">
                        {rows.into_iter().map(|row| match row {
                            Ok((_, p)) => view! {
                                <li class="card">
                                    <h3>{p.mentee_name.clone()}</h3>
                                    <p>{move || i18n.t(CasKey::MentorAt)} " " <strong>{place_name(places, &p.facility)}</strong></p>
                                    <p>{p.competencies.iter().map(|c| competency_name(i18n, c)).collect::<Vec<_>>().join(", ")}</p>
                                    <p class="muted">{p.date.to_string()} " · " {move || i18n.t(CasKey::PromotedBy)} " " {p.promoted_by_name.clone()}</p>
                                </li>
                            }
                            .into_any(),
                            Err(reason) => view! {
                                <li class="notice error">{move || i18n.t(CasKey::Unreadable)} ": " {move || reason.message(i18n)}</li>
                            }
                            .into_any(),
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <LineageView promotions />
        }
        .into_any()
    };

    view! {
        <section class="page cascade-page">
            <h1>{move || i18n.t(CasKey::Title)}</h1>
            <p class="muted">{move || i18n.t(CasKey::Intro)}</p>
            {body}
        </section>
    }
}
