//! The facility hub: every tool for today's place, one large link each, so the bottom
//! navigation stays five items wide on a phone.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::engine::use_sync;
use crate::i18n::{Key, use_i18n};
use crate::places::use_places;
use crate::platform;
use crate::records;

crate::i18n::keys!(FKey, "pages/facility");

/// One tool: where it lives, its name and a line saying what it is for.
#[derive(Clone, Copy)]
struct Tool {
    href: &'static str,
    name: FKey,
    hint: FKey,
}

const TOOLS: &[Tool] = &[
    Tool {
        href: "/visits",
        name: FKey::Visits,
        hint: FKey::VisitsHint,
    },
    Tool {
        href: "/qi",
        name: FKey::Qi,
        hint: FKey::QiHint,
    },
    Tool {
        href: "/contacts",
        name: FKey::Contacts,
        hint: FKey::ContactsHint,
    },
    Tool {
        href: "/facility-data",
        name: FKey::Data,
        hint: FKey::DataHint,
    },
    Tool {
        href: "/chw",
        name: FKey::Chw,
        hint: FKey::ChwHint,
    },
    Tool {
        href: "/cascade",
        name: FKey::Cascade,
        hint: FKey::CascadeHint,
    },
    Tool {
        href: "/baseline",
        name: FKey::Baseline,
        hint: FKey::BaselineHint,
    },
    Tool {
        href: "/tutorat",
        name: FKey::Tutorat,
        hint: FKey::TutoratHint,
    },
    Tool {
        href: "/progress",
        name: FKey::Progress,
        hint: FKey::ProgressHint,
    },
    Tool {
        href: "/supervision",
        name: FKey::Supervision,
        hint: FKey::SupervisionHint,
    },
    Tool {
        href: "/dashboard",
        name: FKey::Dashboard,
        hint: FKey::DashboardHint,
    },
];

#[component]
pub fn FacilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let places = use_places();
    let sync = use_sync();
    let counts = Memo::new(move |_| {
        sync.revision.track();
        places
            .current_place()
            .map(|p| records::facility_counts(&p.id, platform::today()))
    });
    view! {
        <section class="page facility-page">
            <h1>{move || i18n.t(FKey::Title)}</h1>
            {move || match places.current_place() {
                None => view! {
                    <p class="notice">{move || i18n.t(Key::ChoosePlaceFirst)}</p>
                    <A href="/places" attr:class="button">{move || i18n.t(Key::NavPlaces)}</A>
                }
                .into_any(),
                Some(place) => view! {
                    <h2>{place.name}</h2>
                    <p class="muted">{move || i18n.t(FKey::Intro)}</p>
                    {move || counts.get().filter(|c| c.mentees > 0).map(|c| view! {
                        <p class="counts">
                            {c.summary(i18n)}
                        </p>
                    })}
                    <ul class="tool-grid" data-testid="facility-tools">
                        {TOOLS.iter().map(|tool| view! {
                            <li>
                                <A href=tool.href attr:class="tool">
                                    <strong>{move || i18n.t(tool.name)}</strong>
                                    <span>{move || i18n.t(tool.hint)}</span>
                                </A>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
