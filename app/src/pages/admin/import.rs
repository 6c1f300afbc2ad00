//! The import panel: choose a CSV (the template) or DHIS2 organisation units file, preview what
//! it would change, then import. The server plans again when importing and refuses a file with
//! rows in error, so the Import button only appears for a clean preview of the same file.

use leptos::prelude::*;
use mentora_shared::domain::FacilityLevel;
use mentora_shared::setup::places::{CSV_TEMPLATE, Dhis2Levels, Plan};
use serde::{Deserialize, Serialize};

use super::plan_view::PlanView;
use super::refusals::admin_error;
use super::users::parse_answer;
use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::places::use_places;
use crate::platform;
use crate::session::use_session;

crate::i18n::keys!(IKey, "pages/admin/import");

/// The DHIS2 Web API address whose answer the DHIS2 import reads.
const DHIS2_QUERY: &str = "api/organisationUnits?fields=id,code,name,level,parent[id]&paging=false";

#[derive(Serialize)]
struct ImportRequest<'a> {
    format: &'a str,
    text: &'a str,
    levels: Dhis2Levels,
    apply: bool,
}

#[derive(Deserialize)]
struct ImportAnswer {
    plan: Plan,
}

/// What the panel shows under the buttons.
#[derive(Clone)]
enum Shown {
    Nothing,
    Preview(Plan),
    Imported(Plan),
    Failed(AppError),
}

/// The file's text, or why it cannot be read.
async fn file_text(input: Option<web_sys::HtmlInputElement>) -> Result<String, AppError> {
    let input = input.ok_or_else(|| AppError::invalid(IKey::NoFile))?;
    let bytes = platform::chosen_file(&input)
        .await
        .ok_or_else(|| AppError::invalid(IKey::NoFile))??;
    let text = String::from_utf8(bytes).map_err(|_| AppError::invalid(IKey::NotText))?;
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

fn number_field(label: IKey, value: RwSignal<u8>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label>
            {move || i18n.t(label)}
            <input type="number" min="1" max="9" inputmode="numeric" data-testid=testid
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u8>() {
                        value.set(n);
                    }
                } />
        </label>
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let places = use_places();
    let dhis2 = RwSignal::new(false);
    let defaults = Dhis2Levels::default();
    let (country, province, district, facility) = (
        RwSignal::new(defaults.country),
        RwSignal::new(defaults.province),
        RwSignal::new(defaults.district),
        RwSignal::new(defaults.facility),
    );
    let default_facility = RwSignal::new(None::<FacilityLevel>);
    let file = NodeRef::<leptos::html::Input>::new();
    let busy = Busy::new();
    let shown = RwSignal::new(Shown::Nothing);
    // Any change to the inputs makes an earlier preview stale: the Import button goes with it.
    let stale = move || shown.set(Shown::Nothing);

    let send = move |apply: bool| {
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        let levels = Dhis2Levels {
            country: country.get_untracked(),
            province: province.get_untracked(),
            district: district.get_untracked(),
            facility: facility.get_untracked(),
            default_facility: default_facility.get_untracked(),
        };
        let format = if dhis2.get_untracked() {
            "dhis2"
        } else {
            "csv"
        };
        let input = file.get_untracked();
        busy.run(async move {
            let result = async {
                let text = file_text(input).await?;
                let request = ImportRequest {
                    format,
                    text: &text,
                    levels,
                    apply,
                };
                let json = serde_json::to_string(&request).map_err(AppError::not_written)?;
                let answer =
                    platform::request_detailed("/api/admin/places/import", Some(&json), &token)
                        .await
                        .map_err(|(error, detail)| admin_error(error, detail, IKey::Offline))?;
                parse_answer::<ImportAnswer>(&answer)
            }
            .await;
            if let Err(error) = &result {
                error.log("places import");
            }
            shown.set(match result {
                Ok(answer) if apply => {
                    places.refresh();
                    Shown::Imported(answer.plan)
                }
                Ok(answer) => Shown::Preview(answer.plan),
                Err(reason) => Shown::Failed(reason),
            });
        });
    };
    let template = move |_| {
        if let Err(reason) =
            platform::download_text("mentora-places-template.csv", "text/csv", CSV_TEMPLATE)
        {
            shown.set(Shown::Failed(reason));
        }
    };
    let choose_default = move |ev| {
        default_facility.set(match event_target_value(&ev).as_str() {
            "health_centre" => Some(FacilityLevel::HealthCentre),
            "health_post" => Some(FacilityLevel::HealthPost),
            "district_hospital" => Some(FacilityLevel::DistrictHospital),
            _ => None,
        });
        stale();
    };

    view! {
        <section class="card-form" aria-labelledby="import-title" data-testid="place-import">
            <h2 id="import-title">{move || i18n.t(IKey::Title)}</h2>
            <p class="muted">{move || i18n.t(IKey::Intro)}</p>
            <p><code class="wrap-anywhere">{DHIS2_QUERY}</code></p>
            <p class="muted">{move || i18n.t(IKey::Preview1st)}</p>
            <button type="button" class="secondary" on:click=template>{move || i18n.t(IKey::Template)}</button>
            <fieldset>
                <legend>{move || i18n.t(IKey::Format)}</legend>
                <label class="choice">
                    <input type="radio" name="import-format" prop:checked=move || !dhis2.get()
                        on:change=move |_| { dhis2.set(false); stale(); } />
                    <span>{move || i18n.t(IKey::Csv)}</span>
                </label>
                <label class="choice">
                    <input type="radio" name="import-format" prop:checked=move || dhis2.get()
                        on:change=move |_| { dhis2.set(true); stale(); } />
                    <span>{move || i18n.t(IKey::Dhis2)}</span>
                </label>
            </fieldset>
            {move || dhis2.get().then(|| view! {
                <fieldset class="import-levels">
                    <legend>{i18n.t(IKey::Levels)}</legend>
                    {number_field(IKey::CountryLevel, country, "level-country")}
                    {number_field(IKey::ProvinceLevel, province, "level-province")}
                    {number_field(IKey::DistrictLevel, district, "level-district")}
                    {number_field(IKey::FacilityLevel, facility, "level-facility")}
                    <label>
                        {i18n.t(IKey::DefaultFacility)}
                        <select on:change=choose_default>
                            <option value="">{i18n.t(IKey::NoDefault)}</option>
                            <option value="health_centre">{i18n.t(IKey::HealthCentre)}</option>
                            <option value="health_post">{i18n.t(IKey::HealthPost)}</option>
                            <option value="district_hospital">{i18n.t(IKey::DistrictHospital)}</option>
                        </select>
                    </label>
                </fieldset>
            })}
            <label>
                {move || i18n.t(IKey::File)}
                <input type="file" accept=".csv,.json,text/csv,application/json" node_ref=file
                    data-testid="import-file" on:change=move |_| stale() />
            </label>
            <div class="actions">
                <button type="button" disabled=move || busy.get() on:click=move |_| send(false)>
                    {move || i18n.t(IKey::Preview)}
                </button>
                {move || {
                    let ready = matches!(shown.get(), Shown::Preview(plan) if plan.errors.is_empty() && !plan.is_noop());
                    ready.then(|| view! {
                        <button type="button" disabled=move || busy.get() on:click=move |_| send(true)>
                            {i18n.t(IKey::Import)}
                        </button>
                    })
                }}
            </div>
            {move || busy.get().then(|| view! { <p role="status">{i18n.t(IKey::Working)}</p> })}
            {move || match shown.get() {
                Shown::Nothing => ().into_any(),
                Shown::Preview(plan) => view! { <PlanView plan /> }.into_any(),
                Shown::Imported(plan) => {
                    let text = crate::i18n::fill(i18n.t(IKey::Imported), &[
                        ("adds", &plan.adds.len().to_string()),
                        ("changes", &plan.changes.len().to_string()),
                    ]);
                    view! { <p class="notice ok" role="status" data-testid="import-done">{text}</p> }.into_any()
                }
                Shown::Failed(reason) => view! {
                    <p class="notice error" role="alert">{i18n.t(IKey::Refused)} ": " {reason.message(i18n)}</p>
                }.into_any(),
            }}
        </section>
    }
}
