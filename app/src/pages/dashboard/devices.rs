//! Devices not synced for more than a week, from the server (`GET /api/devices`): a tablet that
//! stays silent holds work nobody else can see. Needs the network; says so when offline.

use leptos::prelude::*;
use serde::Deserialize;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform::{self, FetchError, use_connectivity};
use crate::session::use_session;

crate::i18n::keys!(DevKey, "pages/dashboard/devices");

/// A week, in seconds: older than this is stale.
const STALE_AFTER: i64 = 7 * 86_400;

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct DeviceRow {
    username: String,
    display_name: String,
    device: String,
    last_sync_at: Option<i64>,
    first_login_at: i64,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct Devices {
    now: i64,
    devices: Vec<DeviceRow>,
}

/// How stale a device is: `Some(None)` never synced (signed in more than a week ago),
/// `Some(Some(days))` last synced that many whole days ago, `None` recent enough.
fn staleness(now: i64, row: &DeviceRow) -> Option<Option<i64>> {
    match row.last_sync_at {
        Some(at) if now - at > STALE_AFTER => Some(Some((now - at) / 86_400)),
        Some(_) => None,
        None if now - row.first_login_at > STALE_AFTER => Some(None),
        None => None,
    }
}

#[component]
pub(super) fn StaleDevices() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let online = use_connectivity();
    let answer = LocalResource::new(move || {
        let token = session.0.with(|s| s.as_ref().map(|s| s.token.clone()));
        let online = online.is_online();
        async move {
            let token = token?;
            if !online {
                return Some(Err(None));
            }
            Some(
                platform::get_json_authed::<Devices>("/api/devices", &token)
                    .await
                    .map_err(|(error, message)| match error {
                        FetchError::Unreachable => None,
                        other => {
                            let error = AppError::from_fetch(other, message);
                            error.log("devices");
                            Some(error)
                        }
                    }),
            )
        }
    });
    view! {
        <section class="card-form no-print" aria-labelledby="stale-devices-title" data-testid="stale-devices">
            <h3 id="stale-devices-title">{move || i18n.t(DevKey::Title)}</h3>
            {move || match answer.get() {
                None => view! { <p role="status">{i18n.t(DevKey::Loading)}</p> }.into_any(),
                Some(None) => ().into_any(),
                Some(Some(Err(None))) => view! { <p class="notice">{i18n.t(DevKey::Offline)}</p> }.into_any(),
                Some(Some(Err(Some(reason)))) => view! {
                    <p class="notice error" role="alert">{i18n.t(DevKey::Failed)} ": " {move || reason.message(i18n)}</p>
                }.into_any(),
                Some(Some(Ok(list))) => {
                    let stale: Vec<(DeviceRow, Option<i64>)> = list
                        .devices
                        .iter()
                        .filter_map(|d| staleness(list.now, d).map(|s| (d.clone(), s)))
                        .collect();
                    if stale.is_empty() {
                        return view! { <p class="notice ok">{i18n.t(DevKey::AllRecent)}</p> }.into_any();
                    }
                    view! {
                        <ul class="attention">
                            {stale.into_iter().map(|(d, days)| view! {
                                <li data-kind="stale-device">
                                    <strong>{d.display_name}</strong> " (" {d.username} "), "
                                    {i18n.t(DevKey::Tablet)} " " {d.device} ": "
                                    {match days {
                                        Some(days) => format!("{days} {}", i18n.t(DevKey::DaysAgo)),
                                        None => i18n.t(DevKey::Never).to_owned(),
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(last_sync_at: Option<i64>, first_login_at: i64) -> DeviceRow {
        DeviceRow {
            username: "mentor".into(),
            display_name: "Demo Mentor".into(),
            device: "0190f5a2".into(),
            last_sync_at,
            first_login_at,
        }
    }

    #[test]
    fn a_week_without_sync_is_stale() {
        let now = 100 * 86_400;
        assert_eq!(
            staleness(now, &row(Some(now - STALE_AFTER), 0)),
            None,
            "exactly 7 days is fine"
        );
        assert_eq!(
            staleness(now, &row(Some(now - 10 * 86_400), 0)),
            Some(Some(10))
        );
        assert_eq!(
            staleness(now, &row(None, now - 86_400)),
            None,
            "just signed in"
        );
        assert_eq!(
            staleness(now, &row(None, 0)),
            Some(None),
            "never synced after a week"
        );
    }
}
