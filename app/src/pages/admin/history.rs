//! `/admin/history`: bringing years of progress trackers in. The admin downloads the template,
//! chooses a filled CSV or Excel file, previews what it would add (mentees, assessments,
//! validations; rows to fix in words) and imports a clean preview. The server writes real
//! mentee records, so they reach the tablets and count in every report.

use leptos::prelude::*;
use mentora_shared::setup::tracker::{Plan, TRACKER_TEMPLATE, TrackerKind};

use super::AdminOnly;
use super::history_words::row_text;
use super::users::{admin_call, parse_answer};
use crate::components::Busy;
use crate::error::AppError;
use crate::i18n::{I18n, fill, use_i18n};
use crate::platform;
use crate::session::use_session;

crate::i18n::keys!(HKey, "pages/admin/history");

/// How many planned assessments the preview lists.
const LISTED: usize = 100;

/// Standard base64 (RFC 4648, with padding) of `bytes`: how a workbook travels in JSON.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn kind_text(i18n: I18n, kind: TrackerKind) -> &'static str {
    i18n.t(match kind {
        TrackerKind::PreTest => HKey::PreTest,
        TrackerKind::PostTest => HKey::PostTest,
        TrackerKind::Observation => HKey::Observation,
    })
}

fn counts(plan: &Plan) -> [(&'static str, String); 6] {
    [
        ("m", plan.mentees.len().to_string()),
        ("a", plan.assessments.len().to_string()),
        ("v", plan.validations.len().to_string()),
        ("pm", plan.present.mentees.to_string()),
        ("pa", plan.present.assessments.to_string()),
        ("pv", plan.present.validations.to_string()),
    ]
}

fn counted(i18n: I18n, key: HKey, plan: &Plan) -> String {
    let values = counts(plan);
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(i18n.t(key), &pairs)
}

#[derive(Clone)]
enum Shown {
    Nothing,
    Preview(Plan),
    Imported(Plan),
    Failed(AppError),
}

#[derive(serde::Deserialize)]
struct Answer {
    plan: Plan,
}

#[component]
pub fn AdminHistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{move || i18n.t(HKey::Title)}</h1>
            <AdminOnly><HistoryImport /></AdminOnly>
        </section>
    }
}

#[component]
fn HistoryImport() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let file = NodeRef::<leptos::html::Input>::new();
    let busy = Busy::new();
    let shown = RwSignal::new(Shown::Nothing);
    let send = move |apply: bool| {
        let Some(token) = session.0.get_untracked().map(|s| s.token) else {
            return;
        };
        let input = file.get_untracked();
        busy.run(async move {
            let result = async {
                let input = input.ok_or_else(|| AppError::invalid(HKey::NoFile))?;
                let is_xlsx = input.value().to_lowercase().ends_with(".xlsx");
                let bytes = platform::chosen_file(&input)
                    .await
                    .ok_or_else(|| AppError::invalid(HKey::NoFile))??;
                let body = if is_xlsx {
                    serde_json::json!({ "xlsx_base64": base64(&bytes), "apply": apply })
                } else {
                    let text =
                        String::from_utf8(bytes).map_err(|_| AppError::invalid(HKey::NotText))?;
                    serde_json::json!({ "text": text, "apply": apply })
                };
                let answer =
                    admin_call("/api/admin/tracker/import", Some(body.to_string()), &token).await?;
                parse_answer::<Answer>(&answer)
            }
            .await;
            if let Err(error) = &result {
                error.log("tracker import");
            }
            shown.set(match result {
                Ok(answer) if apply => Shown::Imported(answer.plan),
                Ok(answer) => Shown::Preview(answer.plan),
                Err(reason) => Shown::Failed(reason),
            });
        });
    };
    let template = move |_| {
        if let Err(reason) =
            platform::download_text("mentora-tracker-template.csv", "text/csv", TRACKER_TEMPLATE)
        {
            shown.set(Shown::Failed(reason));
        }
    };
    view! {
        <section class="card-form" data-testid="history-import">
            <p class="muted">{move || i18n.t(HKey::Intro)}</p>
            <button type="button" class="secondary" on:click=template>{move || i18n.t(HKey::Template)}</button>
            <label>
                {move || i18n.t(HKey::File)}
                <input type="file" node_ref=file data-testid="history-file"
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    on:change=move |_| shown.set(Shown::Nothing) />
            </label>
            <div class="actions">
                <button type="button" disabled=move || busy.get() on:click=move |_| send(false)>{move || i18n.t(HKey::Preview)}</button>
                {move || matches!(shown.get(), Shown::Preview(plan) if plan.errors.is_empty() && !plan.is_noop()).then(|| view! {
                    <button type="button" disabled=move || busy.get() on:click=move |_| send(true)>{i18n.t(HKey::Import)}</button>
                })}
            </div>
            {move || busy.get().then(|| view! { <p role="status">{i18n.t(HKey::Working)}</p> })}
            {move || match shown.get() {
                Shown::Nothing => ().into_any(),
                Shown::Preview(plan) => view! { <HistoryPlan plan /> }.into_any(),
                Shown::Imported(plan) => view! {
                    <p class="notice ok" role="status" data-testid="history-done">{counted(i18n, HKey::Imported, &plan)}</p>
                }.into_any(),
                Shown::Failed(reason) => view! {
                    <p class="notice error" role="alert">{i18n.t(HKey::Refused)} ": " {reason.message(i18n)}</p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn HistoryPlan(plan: Plan) -> impl IntoView {
    let i18n = use_i18n();
    let summary = counted(i18n, HKey::Summary, &plan);
    let nothing = (plan.is_noop() && plan.errors.is_empty())
        .then(|| view! { <p class="notice ok" role="status">{i18n.t(HKey::Nothing)}</p> });
    let errors = (!plan.errors.is_empty()).then(|| {
        let title = fill(i18n.t(HKey::ErrorsTitle), &[("n", &plan.errors.len().to_string())]);
        view! {
            <div class="notice error" role="alert" data-testid="history-errors">
                <h3>{title}</h3>
                <ul>{plan.errors.iter().map(|e| view! { <li>{row_text(i18n, e)}</li> }).collect_view()}</ul>
            </div>
        }
    });
    let more = plan.assessments.len().saturating_sub(LISTED);
    let assessments = (!plan.assessments.is_empty()).then(|| view! {
        <h3>{i18n.t(HKey::AssessmentsTitle)}</h3>
        <ul data-testid="history-assessments">
            {plan.assessments.iter().take(LISTED).map(|a| view! {
                <li>
                    {a.date.to_string()} " · " {a.mentee_name.clone()} " · " {a.competency.to_string()} " · "
                    {kind_text(i18n, a.kind)} " · " {format!("{}/{}", a.score.achieved(), a.score.applicable())}
                </li>
            }).collect_view()}
        </ul>
        {(more > 0).then(|| view! { <p class="muted">{fill(i18n.t(HKey::More), &[("n", &more.to_string())])}</p> })}
    });
    view! {
        <div data-testid="history-plan">
            <p data-testid="history-summary">{summary}</p>
            {nothing}
            {errors}
            {assessments}
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(input.as_bytes()), expected);
        }
    }
}
