use leptos::prelude::*;
use leptos_router::components::A;

use crate::engine::{self, use_sync};
use crate::error::AppError;
use crate::i18n::{Key, Lang, use_i18n};
use crate::pages::lock::{Gate, GateState};
use crate::platform::StorageStatus;
use crate::session::{self, use_session};

/// Language, and whether the browser protects Mentora's data on this device.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let storage = expect_context::<ReadSignal<Option<StorageStatus>>>();
    view! {
        <section class="page">
            <h1>{move || i18n.t(Key::SettingsTitle)}</h1>
            <fieldset class="lang-switch">
                <legend>{move || i18n.t(Key::Language)}</legend>
                {Lang::ALL
                    .iter()
                    .copied()
                    .map(|lang| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="lang"
                                    value=lang.code()
                                    prop:checked=move || i18n.lang() == lang
                                    on:change=move |_| i18n.set_lang(lang)
                                />
                                <span lang=lang.code()>{lang.native_name()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <AccountFacts />
            <AdminLinks />
            <h2>{move || i18n.t(Key::Storage)}</h2>
            <StorageFacts storage />
            <p class="muted">{move || i18n.t(Key::Version)} " " {env!("CARGO_PKG_VERSION")}</p>
        </section>
    }
}

/// Administration, for admins only (the server refuses it to anyone else).
#[component]
fn AdminLinks() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        session
            .0
            .with(|s| {
                s.as_ref()
                    .is_some_and(|s| crate::capabilities::administers(&s.user))
            })
            .then(|| {
                view! {
                    <h2>{move || i18n.t(SKey::Administration)}</h2>
                    <p><A href="/admin/users">{move || i18n.t(SKey::AdminUsers)}</A></p>
                    <p><A href="/admin/places">{move || i18n.t(SKey::AdminPlaces)}</A></p>
                    <p><A href="/admin/history">{move || i18n.t(SKey::AdminHistory)}</A></p>
                    <p><A href="/admin/catalogue">{move || i18n.t(SKey::AdminCatalogue)}</A></p>
                }
            })
    }
}

crate::i18n::keys!(SKey, "pages/settings");

crate::i18n::counts!(SCount, "pages/settings");

/// Who is signed in, and sign-in / sign-out. Signing out erases the user's data from the device
/// (`session::erase`), after saying how many records are not yet synced and offering to sync.
#[component]
fn AccountFacts() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sync = use_sync();
    let gate = expect_context::<Gate>();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let sign_out = move |_| {
        let Some(signed_in) = session.0.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            session::end_on_server(&signed_in);
            engine::stop();
            match session::erase(&signed_in.user.username).await {
                Ok(()) => {
                    session.0.set(None);
                    gate.state.set(GateState::Open);
                }
                Err(err) => {
                    let err = AppError::from(err);
                    err.log("sign-out");
                    error.set(Some(err));
                }
            }
        });
    };
    move || match session.0.get() {
        Some(signed_in) => {
            let username = StoredValue::new(signed_in.user.username.clone());
            let waiting = move || {
                sync.status.track();
                session::unsynced(&username.get_value())
            };
            view! {
                <p>{move || i18n.t(Key::SignedInAs)} " " <strong>{signed_in.user.shown_name().to_owned()}</strong></p>
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="button" on:click=move |_| confirming.set(true)>{move || i18n.t(Key::SignOut)}</button>
                }>
                    <div class="notice" role="alert" data-testid="sign-out-confirm">
                        <p>{move || i18n.t(SKey::SignOutWhat)}</p>
                        {move || (waiting() > 0).then(|| view! {
                            <p><strong>{i18n.count(waiting(), SCount::NotSynced)}</strong></p>
                            <button type="button" on:click=move |_| engine::sync_now(sync)>{move || i18n.t(SKey::SyncFirst)}</button>
                        })}
                        <button type="button" class="danger" on:click=sign_out>{move || i18n.t(SKey::EraseAndSignOut)}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{move || i18n.t(SKey::Cancel)}</button>
                        {move || error.get().map(|e| view! { <p class="notice error">{move || e.message(i18n)}</p> })}
                    </div>
                </Show>
            }
            .into_any()
        }
        None => view! {
            <a class="button" href="/login">{move || i18n.t(Key::SignIn)}</a>
        }
        .into_any(),
    }
}

#[component]
fn StorageFacts(storage: ReadSignal<Option<StorageStatus>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match storage.get() {
        None => view! { <p class="muted">{move || i18n.t(Key::StorageUnknown)}</p> }.into_any(),
        Some(status) => {
            let protection = if status.persisted {
                Key::StoragePersisted
            } else {
                Key::StorageNotPersisted
            };
            view! {
                <p data-testid="storage-persisted" data-persisted=status.persisted.to_string()>
                    {move || i18n.t(protection)}
                </p>
                <dl class="facts">
                    <dt>{move || i18n.t(Key::StorageUsage)}</dt>
                    <dd>{megabytes(status.usage_bytes)}</dd>
                    <dt>{move || i18n.t(Key::StorageQuota)}</dt>
                    <dd>{megabytes(status.quota_bytes)}</dd>
                </dl>
                {status
                    .is_low()
                    .then(|| view! { <p class="notice error" role="alert">{move || i18n.t(Key::StorageLow)}</p> })}
            }
            .into_any()
        }
    }
}

fn megabytes(bytes: Option<f64>) -> String {
    bytes.map_or_else(|| "—".to_owned(), |b| format!("{:.1} MB", b / 1_048_576.0))
}

#[cfg(test)]
mod tests {
    use super::megabytes;

    #[test]
    fn megabytes_formats_one_decimal_and_dash_when_unknown() {
        assert_eq!(megabytes(Some(1_572_864.0)), "1.5 MB");
        assert_eq!(megabytes(None), "—");
    }
}
