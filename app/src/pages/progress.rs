//! The facility's progress matrix: mentees × competencies, each cell's status in words and a
//! symbol (colour only reinforces it), exportable as CSV from the device, offline. What a cell
//! says is `mentee::progress_cell`'s decision.

use leptos::prelude::*;
use leptos_router::components::A;
use mentora_shared::catalogue::Competency;
use mentora_shared::documents::mentee::{CellDetail, ProgressCell, progress_cell};
use mentora_shared::reports::to_csv;
use mentora_shared::rules::{CompetencyStatus, ValidationPolicy};

use super::mentee::status_key;
use super::server_exports::ServerExports;
use crate::catalogue::{self, text};
use crate::components::cadre_key;
use crate::engine::use_sync;
use crate::error::AppError;
use crate::i18n::{I18n, Key, Text as _, use_i18n};
use crate::places::use_places;
use crate::platform;
use crate::records::{self, Mentee};

crate::i18n::keys!(PKey, "pages/progress");

#[derive(Clone, PartialEq)]
struct Matrix {
    competencies: Vec<Competency>,
    rows: Vec<(Mentee, Vec<Option<ProgressCell>>)>,
}

fn matrix(facility: &str) -> Matrix {
    let mentees: Vec<Mentee> = records::at_facility(facility)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let competencies: Vec<Competency> = catalogue::catalogue()
        .map(|c| {
            c.competencies
                .iter()
                .filter(|c| {
                    mentees
                        .iter()
                        .any(|m| m.record.competencies.contains(c.id.as_str()))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let rows = mentees
        .into_iter()
        .map(|mentee| {
            let cells = competencies
                .iter()
                .map(|c| {
                    let policy = ValidationPolicy::default();
                    progress_cell(&mentee.record, &mentee.history, &policy, &c.id)
                })
                .collect();
            (mentee, cells)
        })
        .filter(|(_, cells): &(Mentee, Vec<Option<ProgressCell>>)| {
            cells.iter().any(Option::is_some)
        })
        .collect();
    Matrix { competencies, rows }
}

fn symbol(status: CompetencyStatus) -> &'static str {
    match status {
        CompetencyStatus::NotStarted => "○",
        CompetencyStatus::InCoaching => "◐",
        CompetencyStatus::Validated => "✓",
    }
}

fn cell_text(i18n: I18n, cell: &Option<ProgressCell>) -> String {
    let lang = i18n.lang();
    let Some(ProgressCell { status, detail }) = cell else {
        return PKey::NotMentored.text(lang).to_owned();
    };
    let status = status_key(*status).text(lang);
    match detail {
        None => status.to_owned(),
        Some(CellDetail::ValidatedOn(date)) => format!("{status} {date}"),
        Some(CellDetail::LatestScore(score)) => {
            format!("{status} ({} {score}%)", PKey::Latest.text(lang))
        }
    }
}

fn export(i18n: I18n, facility: &str, matrix: &Matrix) -> Result<(), AppError> {
    let lang = i18n.lang();
    let header = [
        PKey::Mentee.text(lang).to_owned(),
        PKey::Cadre.text(lang).to_owned(),
    ]
    .into_iter()
    .chain(matrix.competencies.iter().map(|c| text(i18n, &c.name)));
    let rows =
        std::iter::once(header.collect::<Vec<_>>()).chain(matrix.rows.iter().map(|(m, cells)| {
            [
                m.record.name.clone(),
                cadre_key(m.record.cadre).text(lang).to_owned(),
            ]
            .into_iter()
            .chain(cells.iter().map(|cell| cell_text(i18n, cell)))
            .collect()
        }));
    let name = format!("mentora-progress-{facility}-{}.csv", platform::today());
    platform::download_text(&name, "text/csv;charset=utf-8", &to_csv(rows))
}

#[component]
pub fn ProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let places = use_places();
    let sync = use_sync();
    let outcome = RwSignal::new(None::<Result<(), AppError>>);
    let facility = move || places.current_place().map(|p| p.id);
    let data = Memo::new(move |_| {
        sync.revision.track();
        facility().map(|f| matrix(&f))
    });
    let on_export = move |_| {
        if let (Some(f), Some(m)) = (facility(), data.get_untracked()) {
            outcome.set(Some(export(i18n, &f, &m)));
        }
    };
    view! {
        <section class="page progress-page">
            <h1>{move || i18n.t(PKey::Title)}</h1>
            {move || match data.get() {
                None => view! {
                    <p class="notice">{move || i18n.t(Key::ChoosePlaceFirst)}</p>
                    <A href="/places" attr:class="button">{move || i18n.t(Key::NavPlaces)}</A>
                }
                .into_any(),
                Some(m) if m.rows.is_empty() => view! { <p class="muted">{move || i18n.t(PKey::Empty)}</p> }.into_any(),
                Some(m) => view! {
                    <p class="muted">{move || i18n.t(PKey::Intro)}</p>
                    <Legend i18n />
                    <div class="matrix-scroll" tabindex="0" role="region" aria-label=move || i18n.t(PKey::Title)>
                        <table class="matrix" data-testid="progress-matrix">
                            <thead>
                                <tr>
                                    <th scope="col">{move || i18n.t(PKey::Mentee)}</th>
                                    {m.competencies.iter().map(|c| {
                                        let name = c.name.clone();
                                        view! { <th scope="col">{move || text(i18n, &name)}</th> }
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {m.rows.into_iter().map(|(mentee, cells)| view! {
                                    <tr>
                                        <th scope="row"><A href=mentee.href()>{mentee.record.name.clone()}</A></th>
                                        {cells.into_iter().map(|cell| {
                                            let status = cell.as_ref().map(|c| format!("{:?}", c.status).to_lowercase()).unwrap_or_else(|| "none".into());
                                            let mark = cell.as_ref().map(|c| symbol(c.status)).unwrap_or("—");
                                            view! {
                                                <td data-status=status>
                                                    <span aria-hidden="true">{mark} " "</span>
                                                    {move || cell_text(i18n, &cell)}
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <button type="button" on:click=on_export>{move || i18n.t(PKey::Export)}</button>
                    {move || outcome.get().map(|result| match result {
                        Ok(()) => view! { <p class="notice ok" role="status">{move || i18n.t(PKey::Exported)}</p> }.into_any(),
                        Err(reason) => view! { <p class="notice error" role="alert">{move || reason.message(i18n)}</p> }.into_any(),
                    })}
                }
                .into_any(),
            }}
            <ServerExports />
        </section>
    }
}

#[component]
fn Legend(i18n: I18n) -> impl IntoView {
    view! {
        <p class="legend">
            <strong>{move || i18n.t(PKey::Legend)} ": "</strong>
            {[CompetencyStatus::NotStarted, CompetencyStatus::InCoaching, CompetencyStatus::Validated]
                .into_iter()
                .map(|s| view! {
                    <span class="legend-item" data-status=format!("{s:?}").to_lowercase()>
                        <span aria-hidden="true">{symbol(s)} " "</span>{move || i18n.t(status_key(s))}
                    </span>
                })
                .collect_view()}
        </p>
    }
}
