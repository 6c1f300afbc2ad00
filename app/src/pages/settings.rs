use leptos::prelude::*;

use crate::engine;
use crate::i18n::{Key, Lang, use_i18n};
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
                    .into_iter()
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
            <h2>{move || i18n.t(Key::Storage)}</h2>
            <StorageFacts storage />
            <p class="muted">{move || i18n.t(Key::Version)} " " {env!("CARGO_PKG_VERSION")}</p>
        </section>
    }
}

/// Who is signed in, and sign-in / sign-out. Signing out keeps the user's records on the device
/// (in their own database) for their next sign-in.
#[component]
fn AccountFacts() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        match session.0.get() {
        Some(signed_in) => view! {
            <p>{move || i18n.t(Key::SignedInAs)} " " <strong>{signed_in.user.shown_name().to_owned()}</strong></p>
            <button type="button" on:click=move |_| {
                engine::stop();
                session::forget();
                session.0.set(None);
            }>{move || i18n.t(Key::SignOut)}</button>
        }
        .into_any(),
        None => view! {
            <a class="button" href="/login">{move || i18n.t(Key::SignIn)}</a>
        }
        .into_any(),
    }
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
