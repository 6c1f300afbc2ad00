//! The DHIS2 aggregate export from the app: period type and range, the indicator → data element
//! and facility → org unit mapping (kept on this device: it is configuration, not health data),
//! then the server's `dataValueSets` payload downloaded as a file, ready to import into DHIS2,
//! with the server's warnings shown.

use leptos::prelude::*;
use mentora_shared::domain::Date;
use mentora_shared::reports::{Dhis2Mapping, Dhis2Request, PeriodType};

use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::platform::{self, FetchError};
use crate::session::use_session;

crate::i18n::keys!(D2Key, "pages/server_exports/dhis2");

const MAPPING_KEY: &str = "mentora.dhis2.mapping";
const EXAMPLE: &str = r#"{"data_elements": {"mentees_assessed": {"data_element": "AbCdEfGhIj1"}}, "org_units": {"rango-hc": "OrgUnit0001"}}"#;

/// What the export gave back, for the page.
#[derive(Clone, Debug, PartialEq)]
struct Outcome {
    values: usize,
    warnings: Vec<String>,
}

/// The request from the form's text, or why it cannot be sent.
fn request(kind: &str, start: &str, end: &str, mapping: &str) -> Result<Dhis2Request, D2Error> {
    let period_type = match kind {
        "quarterly" => PeriodType::Quarterly,
        "financial_july" => PeriodType::FinancialJuly,
        _ => PeriodType::Monthly,
    };
    let (Ok(start), Ok(end)) = (Date::parse(start.trim()), Date::parse(end.trim())) else {
        return Err(D2Error::Date);
    };
    let mapping: Dhis2Mapping =
        serde_json::from_str(mapping).map_err(|e| D2Error::Mapping(e.to_string()))?;
    let request = Dhis2Request {
        period_type,
        start,
        end,
        mapping,
    };
    // Checks the mapping's uids and the range, as the server will.
    request
        .periods()
        .map_err(|e| D2Error::Mapping(e.to_string()))?;
    Ok(request)
}

#[derive(Clone, Debug, PartialEq)]
enum D2Error {
    Date,
    Mapping(String),
}

/// The file to import and what to tell the user, from the server's answer.
fn split_answer(text: &str) -> Result<(String, Outcome), AppError> {
    let bad = |e: serde_json::Error| AppError::BadAnswer {
        detail: e.to_string(),
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
    let payload = &value["data_value_set"];
    let values = payload["dataValues"].as_array().map_or(0, Vec::len);
    let warnings = value["warnings"]
        .as_array()
        .map(|w| {
            w.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let file = serde_json::to_string_pretty(payload).map_err(bad)?;
    Ok((file, Outcome { values, warnings }))
}

#[component]
pub fn Dhis2Panel() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let today = platform::today();
    let first = Date::new(today.year(), today.month(), 1).unwrap_or(today);
    let kind = RwSignal::new("monthly".to_owned());
    let start = RwSignal::new(first.to_string());
    let end = RwSignal::new(today.to_string());
    let mapping =
        RwSignal::new(platform::local_get(MAPPING_KEY).unwrap_or_else(|| EXAMPLE.to_owned()));
    let busy = Busy::new();
    let outcome = RwSignal::new(None::<Result<Outcome, AppError>>);
    let export = move |_| {
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        let built = request(
            &kind.get_untracked(),
            &start.get_untracked(),
            &end.get_untracked(),
            &mapping.get_untracked(),
        );
        let request = match built {
            Ok(request) => request,
            Err(D2Error::Date) => {
                outcome.set(Some(Err(AppError::invalid(D2Key::BadDate))));
                return;
            }
            Err(D2Error::Mapping(reason)) => {
                outcome.set(Some(Err(AppError::invalid_about(
                    D2Key::BadMapping,
                    reason,
                ))));
                return;
            }
        };
        let Ok(body) = serde_json::to_string(&request) else {
            return;
        };
        busy.run(async move {
            outcome.set(None);
            let file = format!("mentora-dhis2-{}-{}.json", request.start, request.end);
            let result = match platform::post_json_text("/api/exports/dhis2", &body, &token).await {
                Ok(text) => split_answer(&text).and_then(|(json, outcome)| {
                    platform::download_text(&file, "application/json", &json).map(|()| outcome)
                }),
                Err((FetchError::Unreachable, _)) => Err(AppError::invalid(D2Key::Offline)),
                Err((error, message)) => Err(AppError::from_fetch(error, message)),
            };
            if let Err(error) = &result {
                error.log("DHIS2 export");
            }
            outcome.set(Some(result));
        });
    };
    let option = move |value: &'static str, label: D2Key| {
        view! { <option value=value selected=move || kind.get() == value>{move || i18n.t(label)}</option> }
    };
    view! {
        <section class="card-form" aria-labelledby="dhis2-title" data-testid="dhis2-export">
            <h3 id="dhis2-title">{move || i18n.t(D2Key::Title)}</h3>
            <p class="muted">{move || i18n.t(D2Key::Intro)}</p>
            <label for="dhis2-period-type">{move || i18n.t(D2Key::PeriodType)}</label>
            <select id="dhis2-period-type" on:change=move |ev| kind.set(event_target_value(&ev))>
                {option("monthly", D2Key::Monthly)}
                {option("quarterly", D2Key::Quarterly)}
                {option("financial_july", D2Key::FinancialJuly)}
            </select>
            <label for="dhis2-start">{move || i18n.t(D2Key::Start)}</label>
            <input id="dhis2-start" type="date" prop:value=move || start.get()
                on:input=move |ev| start.set(event_target_value(&ev)) />
            <label for="dhis2-end">{move || i18n.t(D2Key::End)}</label>
            <input id="dhis2-end" type="date" prop:value=move || end.get()
                on:input=move |ev| end.set(event_target_value(&ev)) />
            <label for="dhis2-mapping">{move || i18n.t(D2Key::Mapping)}</label>
            <textarea id="dhis2-mapping" rows="6" spellcheck="false" aria-describedby="dhis2-mapping-help"
                prop:value=move || mapping.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    platform::local_set(MAPPING_KEY, &text);
                    mapping.set(text);
                }></textarea>
            <p id="dhis2-mapping-help" class="muted">{move || i18n.t(D2Key::MappingHelp)}</p>
            <div class="actions">
                <button type="button" disabled=move || busy.get() on:click=export>
                    {move || i18n.t(D2Key::Download)}
                </button>
            </div>
            {move || busy.get().then(|| view! { <p role="status">{i18n.t(D2Key::Working)}</p> })}
            {move || outcome.get().map(|result| match result {
                Ok(done) => view! {
                    <div class="notice ok" role="status">
                        <p>{done.values} " " {i18n.t(D2Key::Values)}</p>
                        {(!done.warnings.is_empty()).then(|| view! {
                            <p>{i18n.t(D2Key::Warnings)}</p>
                            <ul>{done.warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        })}
                    </div>
                }.into_any(),
                Err(reason) => view! { <p class="notice error" role="alert">{move || i18n.t(D2Key::Failed)} ": " {move || reason.message(i18n)}</p> }.into_any(),
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_checked_before_anything_is_sent() {
        assert_eq!(
            request("monthly", "2024-13-01", "2024-01-31", EXAMPLE),
            Err(D2Error::Date)
        );
        assert!(matches!(
            request("monthly", "2024-01-01", "2024-01-31", "{\"org_units\": 3}"),
            Err(D2Error::Mapping(_))
        ));
        assert!(matches!(
            request("monthly", "2024-02-01", "2024-01-31", EXAMPLE),
            Err(D2Error::Mapping(_))
        ));
        assert!(matches!(
            request(
                "monthly",
                "2024-01-01",
                "2024-01-31",
                r#"{"org_units": {"rango-hc": "short"}}"#
            ),
            Err(D2Error::Mapping(_))
        ));
        let ok = request("quarterly", "2024-01-01", "2024-03-31", EXAMPLE).expect("valid");
        assert_eq!(ok.period_type, PeriodType::Quarterly);
        assert_eq!(ok.mapping.org_units["rango-hc"], "OrgUnit0001");
    }

    #[test]
    fn the_file_is_the_payload_and_the_warnings_are_shown() {
        let answer = r#"{"data_value_set":{"dataValues":[{"dataElement":"a","period":"202401","orgUnit":"b","value":"2"}]},"periods":[],"warnings":["facility x has no org unit"]}"#;
        let (file, outcome) = split_answer(answer).expect("parsed");
        assert!(file.contains("\"dataValues\""));
        assert!(!file.contains("warnings"));
        assert_eq!(outcome.values, 1);
        assert_eq!(
            outcome.warnings,
            vec!["facility x has no org unit".to_owned()]
        );
        assert!(split_answer("not json").is_err());
    }
}
