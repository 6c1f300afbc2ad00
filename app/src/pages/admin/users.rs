//! `/admin/users`: every account with its role, places and tablets; disable or enable, set a
//! new password, revoke a lost tablet; a form to create a user (`admin/new_user.rs`) and the
//! log of admin actions (`admin/log.rs`). Online only: each action is one request.

use leptos::prelude::*;
use mentora_shared::domain::MentorAffiliation;
use mentora_shared::policy::{Role, Scope};
use serde::Deserialize;

use super::AdminOnly;
use super::log::AdminLog;
use super::new_user::{NewUserForm, affiliation_text};
use super::refusals::admin_error;
use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::{I18n, fill, use_i18n};
use crate::places::use_places;
use crate::platform;
use crate::session::use_session;

crate::i18n::keys!(UKey, "pages/admin/users");

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DeviceInfo {
    pub device: String,
    pub last_sync_at: Option<i64>,
    pub revoked: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct UserInfo {
    pub username: String,
    pub display_name: String,
    pub role: String,
    #[serde(default)]
    pub affiliation: Option<MentorAffiliation>,
    pub districts: Vec<String>,
    pub facilities: Vec<String>,
    pub disabled: bool,
    pub devices: Vec<DeviceInfo>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct UsersAnswer {
    now: i64,
    users: Vec<UserInfo>,
}

/// The server's answer to an admin request (GET without a body, POST with one), or why it
/// failed: a refusal by its code ([`admin_error`]), said in the admin's language.
pub async fn admin_call(url: &str, body: Option<String>, token: &str) -> Result<String, AppError> {
    platform::request_detailed(url, body.as_deref(), token)
        .await
        .map_err(|(error, detail)| admin_error(error, detail, UKey::Offline))
}

/// An admin answer that does not read as `T`.
pub fn parse_answer<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::BadAnswer {
        detail: e.to_string(),
    })
}

pub fn role_text(i18n: I18n, role: &str) -> &'static str {
    match Role::parse(role) {
        Some(Role::Admin) => i18n.t(UKey::Admin),
        Some(Role::Supervisor) => i18n.t(UKey::Supervisor),
        Some(Role::Mentor) | None => i18n.t(UKey::Mentor),
    }
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    // Bumped after each change, so the list and the log load again.
    let version = RwSignal::new(0_u32);
    view! {
        <section class="page">
            <h1>{move || i18n.t(UKey::Title)}</h1>
            <AdminOnly>
                <NewUserForm on_created=move || version.update(|v| *v += 1) />
                <UserList version />
                <AdminLog version />
            </AdminOnly>
        </section>
    }
}

#[component]
fn UserList(version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let answer = RwSignal::new(None::<Result<UsersAnswer, AppError>>);
    Effect::new(move |_| {
        version.track();
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = admin_call("/api/admin/users", None, &token)
                .await
                .and_then(|text| parse_answer::<UsersAnswer>(&text));
            if let Err(error) = &result {
                error.log("admin users");
            }
            answer.set(Some(result));
        });
    });
    let changed = move || version.update(|v| *v += 1);
    view! {
        <section class="card-form" aria-labelledby="user-list-title">
            <h2 id="user-list-title">{move || i18n.t(UKey::ListTitle)}</h2>
            {move || match answer.get() {
                None => view! { <p role="status">{i18n.t(UKey::Loading)}</p> }.into_any(),
                Some(Err(reason)) => view! { <p class="notice error" role="alert">{reason.message(i18n)}</p> }.into_any(),
                Some(Ok(UsersAnswer { now, users })) => view! {
                    <ul class="user-list" data-testid="user-list">
                        {users.into_iter().map(|user| view! { <UserCard user now on_change=changed /> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// "last sync 3 days ago", "synced today" or "never synced".
fn last_sync_text(i18n: I18n, now: i64, last: Option<i64>) -> String {
    match last {
        None => i18n.t(UKey::NeverSynced).to_owned(),
        Some(at) => match (now - at).max(0) / 86_400 {
            0 => i18n.t(UKey::SyncedToday).to_owned(),
            days => fill(i18n.t(UKey::SyncedDaysAgo), &[("n", &days.to_string())]),
        },
    }
}

#[component]
fn UserCard(
    user: UserInfo,
    now: i64,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let places = use_places();
    let busy = Busy::new();
    let outcome = RwSignal::new(None::<Result<(), AppError>>);
    let password_open = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let confirm_device = RwSignal::new(None::<String>);
    let username = StoredValue::new(user.username.clone());
    let name = StoredValue::new(user.display_name.clone());

    let act = move |url: String, body: serde_json::Value| {
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        busy.run(async move {
            outcome.set(None);
            let result = admin_call(&url, Some(body.to_string()), &token).await;
            if let Err(error) = &result {
                error.log("admin action");
            }
            let ok = result.is_ok();
            outcome.set(Some(result.map(|_| ())));
            if ok {
                password_open.set(false);
                password.set(String::new());
                confirm_device.set(None);
                on_change();
            }
        });
    };
    let place_names = move |ids: &[String]| -> String {
        places.state.with_untracked(|state| {
            ids.iter()
                .map(|id| {
                    state
                        .places()
                        .iter()
                        .find(|p| &p.id == id)
                        .map_or_else(|| id.clone(), |p| p.name.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let where_ = if Role::parse(&user.role).is_some_and(|r| r.scope() == Scope::Everywhere) {
        i18n.t(UKey::Everywhere).to_owned()
    } else {
        place_names(&[user.districts.clone(), user.facilities.clone()].concat())
    };
    let disabled = user.disabled;
    let toggle = move |_| {
        act(
            format!("/api/admin/users/{}/disabled", username.get_value()),
            serde_json::json!({ "disabled": !disabled }),
        );
    };
    let devices = user.devices.clone();
    let device_rows = if devices.is_empty() {
        view! { <p class="muted">{i18n.t(UKey::NoTablet)}</p> }.into_any()
    } else {
        view! {
            <ul class="device-list">
                {devices.into_iter().map(|device| {
                    let label = fill(i18n.t(UKey::Tablet), &[("device", &device.device)]);
                    let sync = last_sync_text(i18n, now, device.last_sync_at);
                    let id = StoredValue::new(device.device.clone());
                    view! {
                        <li>
                            {label} " — " {sync}
                            {device.revoked.then(|| view! { " — " <strong>{i18n.t(UKey::Revoked)}</strong> })}
                            {(!device.revoked).then(|| view! {
                                <button type="button" class="secondary" disabled=move || busy.get()
                                    on:click=move |_| confirm_device.set(Some(id.get_value()))>
                                    {i18n.t(UKey::Revoke)}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <li class="user-card" data-testid=format!("user-{}", user.username)>
            <p>
                <strong>{user.display_name.clone()}</strong> " (" <code>{user.username.clone()}</code> ") · "
                {role_text(i18n, &user.role)}
                {user.affiliation.map(|a| view! { " (" {affiliation_text(i18n, a)} ")" })}
                " · " {where_} " · "
                <span class:error=disabled>{if disabled { i18n.t(UKey::Disabled) } else { i18n.t(UKey::Active) }}</span>
            </p>
            {device_rows}
            {move || confirm_device.get().map(|device| {
                let text = fill(i18n.t(UKey::RevokeWhat), &[("device", &device), ("name", &name.get_value())]);
                view! {
                    <div class="notice" role="alert">
                        <p>{text}</p>
                        <button type="button" disabled=move || busy.get() on:click=move |_| act(
                            format!("/api/admin/users/{}/devices/{device}/revoke", username.get_value()),
                            serde_json::json!({}),
                        )>{i18n.t(UKey::Confirm)}</button>
                        <button type="button" class="secondary" on:click=move |_| confirm_device.set(None)>{i18n.t(UKey::Cancel)}</button>
                    </div>
                }
            })}
            <div class="actions">
                <button type="button" class="secondary" disabled=move || busy.get() on:click=toggle>
                    {if disabled { i18n.t(UKey::Enable) } else { i18n.t(UKey::Disable) }}
                </button>
                <button type="button" class="secondary" on:click=move |_| password_open.update(|o| *o = !*o)>
                    {i18n.t(UKey::SetPassword)}
                </button>
            </div>
            {move || password_open.get().then(|| view! {
                <form class="inline-form" on:submit=move |ev| {
                    ev.prevent_default();
                    act(
                        format!("/api/admin/users/{}/password", username.get_value()),
                        serde_json::json!({ "password": password.get_untracked() }),
                    );
                }>
                    <label>
                        {fill(i18n.t(UKey::NewPassword), &[("name", &name.get_value())])}
                        <input type="password" autocomplete="new-password" required
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev)) />
                    </label>
                    <button type="submit" disabled=move || busy.get()>{i18n.t(UKey::SavePassword)}</button>
                </form>
            })}
            {move || outcome.get().map(|result| match result {
                Ok(()) => view! { <p class="notice ok" role="status">{i18n.t(UKey::Done)}</p> }.into_any(),
                Err(reason) => view! { <p class="notice error" role="alert">{i18n.t(UKey::Failed)} ": " {reason.message(i18n)}</p> }.into_any(),
            })}
        </li>
    }
}
