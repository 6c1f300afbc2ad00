//! Downloads the server makes (CSV files and the workbook of everything in the user's scope).
//! They need the network, unlike the facility matrix's CSV, which the device makes offline; so
//! the buttons say when they cannot work rather than fail silently.

use leptos::prelude::*;

use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform::{self, FetchError, use_connectivity};
use crate::session::use_session;

mod dhis2;

crate::i18n::keys!(XKey, "pages/server_exports");

/// Label, address and the file name's stem and extension.
const FILES: [(XKey, &str, &str, &str); 8] = [
    (
        XKey::Workbook,
        "/api/exports/mentora.xlsx",
        "mentora",
        "xlsx",
    ),
    (
        XKey::Mentees,
        "/api/exports/mentees.csv",
        "mentora-mentees",
        "csv",
    ),
    (
        XKey::Assessments,
        "/api/exports/assessments.csv",
        "mentora-assessments",
        "csv",
    ),
    (
        XKey::Validations,
        "/api/exports/validations.csv",
        "mentora-validations",
        "csv",
    ),
    (
        XKey::Visits,
        "/api/exports/visits.csv",
        "mentora-visits",
        "csv",
    ),
    (
        XKey::QiActions,
        "/api/exports/qi_actions.csv",
        "mentora-qi_actions",
        "csv",
    ),
    (
        XKey::Table1,
        "/api/exports/table1.csv",
        "mentora-table1",
        "csv",
    ),
    (
        XKey::Table2,
        "/api/exports/table2.csv",
        "mentora-table2",
        "csv",
    ),
];

#[component]
pub fn ServerExports() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let online = use_connectivity();
    let busy = Busy::new();
    let outcome = RwSignal::new(None::<Result<(), AppError>>);
    let download = move |url: &'static str, stem: &'static str, extension: &'static str| {
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        busy.run(async move {
            outcome.set(None);
            let file = format!("{stem}-{}.{extension}", platform::today());
            let result = match platform::fetch_file(url, &token).await {
                Ok(blob) => platform::download_blob(&file, &blob),
                Err((FetchError::Unreachable, _)) => Err(AppError::invalid(XKey::Offline)),
                Err((error, message)) => Err(AppError::from_fetch(error, message)),
            };
            if let Err(error) = &result {
                error.log("server export");
            }
            outcome.set(Some(result));
        });
    };
    view! {
        <section class="card-form" aria-labelledby="server-exports-title" data-testid="server-exports">
            <h2 id="server-exports-title">{move || i18n.t(XKey::Title)}</h2>
            <p class="muted">{move || i18n.t(XKey::Intro)}</p>
            {move || {
                if session.0.get().is_none() {
                    return view! { <p class="notice">{i18n.t(XKey::SignIn)}</p> }.into_any();
                }
                // The buttons stay usable: the browser's idea of being offline can be stale, and
                // a failed attempt says why.
                let offline = !online.is_online();
                view! {
                    {offline.then(|| view! { <p class="notice" role="status">{i18n.t(XKey::Offline)}</p> })}
                    <div class="actions">
                        {FILES.into_iter().map(|(label, url, stem, extension)| view! {
                            <button type="button" class="secondary" disabled=move || busy.get()
                                on:click=move |_| download(url, stem, extension)>
                                {move || i18n.t(label)}
                            </button>
                        }).collect_view()}
                    </div>
                }
                .into_any()
            }}
            {move || busy.get().then(|| view! { <p role="status">{i18n.t(XKey::Downloading)}</p> })}
            {move || outcome.get().map(|result| match result {
                Ok(()) => view! { <p class="notice ok" role="status">{i18n.t(XKey::Done)}</p> }.into_any(),
                Err(reason) => view! { <p class="notice error" role="alert">{move || i18n.t(XKey::Failed)} ": " {move || reason.message(i18n)}</p> }.into_any(),
            })}
            {move || session.0.get().is_some().then(|| view! { <dhis2::Dhis2Panel /> })}
        </section>
    }
}
