//! This quarter at a glance: each CHW group (technical area) reached or not, in words, and the
//! sessions held, with their group size flagged when outside the programme's range.

use leptos::prelude::*;
use mentora_shared::documents::chw_session::{self, ChwSession, quarter_reach};
use mentora_shared::domain::{Cadre, Programme, TechnicalArea};
use mentora_shared::reports::FiscalCalendar;
use mentora_shared::rules::{GroupSizeFlag, ProgrammeRules};

use super::keys::{ChwCount, ChwKey};
use crate::engine::use_sync;
use crate::error::AppError;
use crate::facility_docs;
use crate::i18n::{I18n, use_i18n};
use crate::places::Place;
use crate::{platform, records};

/// The sessions kept at `facility`, oldest first (a quarter's log reads in time order);
/// unreadable ones last, as their reason, like every record list.
pub(super) fn sessions_at(facility: &str) -> Vec<Result<ChwSession, AppError>> {
    let mut rows: Vec<_> =
        facility_docs::all_of_kind(chw_session::KIND, facility, |_, automerge| {
            chw_session::read(automerge).map_err(AppError::unreadable)
        })
        .into_iter()
        .map(|(_, row)| row)
        .collect();
    rows.sort_by_key(|row| (row.is_err(), row.as_ref().ok().map(|s| s.date)));
    rows
}

pub(super) fn area_name(i18n: I18n, area: TechnicalArea) -> String {
    crate::catalogue::catalogue()
        .ok()
        .and_then(|c| {
            c.area_name(area)
                .map(|name| crate::catalogue::text(i18n, name))
        })
        .unwrap_or_else(|| format!("{area:?}"))
}

#[component]
pub(super) fn Overview(place: Place) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let calendar = FiscalCalendar::RWANDA;
    let quarter = calendar.quarter(platform::today());
    let facility = place.id.clone();
    let sessions = Memo::new(move |_| {
        sync.revision.track();
        sessions_at(&facility)
    });
    let facility = place.id.clone();
    let registered = Memo::new(move |_| {
        sync.revision.track();
        records::at_facility(&facility)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|m| m.record.cadre == Cadre::Chw)
            .count()
    });
    let readable = move || {
        sessions.with(|rows| {
            rows.iter()
                .filter_map(|r| r.as_ref().ok().cloned())
                .filter(|s| calendar.quarter(s.date) == quarter)
                .collect::<Vec<_>>()
        })
    };
    let range = ProgrammeRules::defaults_for(Programme::Ingobyi).chw_group_size;
    let groups = move || {
        quarter_reach(&readable(), calendar, quarter)
            .into_iter()
            .map(|group| {
                let area = group.technical_area;
                let reached = group.reached();
                let status = if reached {
                    ChwKey::Reached
                } else {
                    ChwKey::NotReached
                };
                let counts = format!(
                    "{} · {}",
                    i18n.count(group.sessions, ChwCount::Sessions),
                    i18n.count(group.chws.len(), ChwCount::Chws)
                );
                view! {
                    <li class="chw-group" class:chw-reached=reached data-testid="chw-group">
                        <strong>{area_name(i18n, area)}</strong> " — "
                        <span class="chw-status">
                            <span aria-hidden="true">{if reached { "✓ " } else { "○ " }}</span>
                            <span>{i18n.t(status)}</span>
                        </span>
                        <span class="muted">" (" {counts} ")"</span>
                    </li>
                }
            })
            .collect_view()
    };
    let reached_count = move || chw_session::chws_reached(&readable(), calendar, quarter).len();
    let list = move || {
        let rows = sessions.get();
        let this_quarter: Vec<_> = rows
            .into_iter()
            .filter(|r| {
                r.as_ref()
                    .map_or(true, |s| calendar.quarter(s.date) == quarter)
            })
            .collect();
        if this_quarter.is_empty() {
            return view! { <p class="muted">{move || i18n.t(ChwKey::NoSessions)}</p> }.into_any();
        }
        view! {
            <ul class="chw-sessions">
                {this_quarter.into_iter().map(|row| match row {
                    Ok(s) => {
                        let size = s.participants.len();
                        let flagged = range.flag(size) != GroupSizeFlag::WithinRange;
                        view! {
                            <li class="card chw-session" data-testid="chw-session">
                                <strong>{s.date.to_string()} " · " {area_name(i18n, s.technical_area)}</strong>
                                <p>{s.place.clone()} " · " {move || i18n.count(size, ChwCount::Chws)}
                                   " · " {move || i18n.t(ChwKey::Facilitator)} ": " {s.facilitator_name.clone()}</p>
                                {flagged.then(|| view! {
                                    <p class="chw-flag"><span aria-hidden="true">"⚠ "</span>{move || i18n.t(ChwKey::Flagged)}</p>
                                })}
                                {(!s.feedback.is_empty()).then(|| view! { <p class="muted">{s.feedback.clone()}</p> })}
                            </li>
                        }
                        .into_any()
                    }
                    Err(reason) => view! {
                        <li class="notice error">{move || i18n.t(ChwKey::Unreadable)} ": " {move || reason.message(i18n)}</li>
                    }
                    .into_any(),
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2>{move || i18n.t(ChwKey::Quarter)} " (" {quarter.label()} ")"</h2>
        <ul class="chw-groups">{groups}</ul>
        <p data-testid="chw-reached-count">
            {move || i18n.t(ChwKey::ChwsReached)} ": " {reached_count} " / " {move || registered.get()}
        </p>
        <h2>{move || i18n.t(ChwKey::SessionsThisQuarter)}</h2>
        {list}
    }
}
