//! Supervisor exports (issue 7): authenticated downloads of the documents a user may read, scoped exactly like `/api/sync` (a mentor their facilities, a supervisor their
//! districts, an admin everything).
//!
//! - `GET /api/exports/mentees.csv`, `assessments.csv`, `validations.csv`, `visits.csv`,
//!   `qi_actions.csv`: one table each; `table1.csv`, `table2.csv`: the brief's Tables 1 and 2
//!   for `?fiscal_year=YYYY` (default: the current fiscal year).
//! - `GET /api/exports/mentora.xlsx`: the same tables, one sheet each (Tables 1 and 2 for the
//!   current fiscal year, or `?fiscal_year=YYYY`).
//! - `POST /api/exports/dhis2`: a DHIS2 `dataValueSets` payload for a period type, a date range
//!   and a mapping sent in the body, with warnings for whatever could not be mapped.
//!
//! The tables and the DHIS2 counts are pure functions in `mentora_shared::reports`; this module
//! only authenticates, loads ([`load`]) and renders. See docs/exports.md for the shapes.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::Query;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use axum::routing::{get, post};
use mentora_shared::domain::Date;
use mentora_shared::reports::{
    Dhis2Request, ExportTable, assessments_table, dhis2_export, mentees_table, qi_actions_table,
    validations_table, visits_table,
};

use mentora_shared::documents::{qi, visit};

use crate::AppState;
use crate::api::Bearer;
use crate::error::{ApiError, InternalError};

mod brief_tables;
mod load;
mod xlsx;

/// A DHIS2 request is a mapping of a few hundred ids at most.
const DHIS2_BODY_LIMIT: usize = 256 * 1024;

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// How many documents in scope could not be read and were left out of the file.
static SKIPPED_HEADER: HeaderName = HeaderName::from_static("x-mentora-skipped-documents");

/// The export routes, merged into the main router by `web::router`.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/exports/mentees.csv", get(mentees_csv))
        .route("/api/exports/assessments.csv", get(assessments_csv))
        .route("/api/exports/validations.csv", get(validations_csv))
        .route("/api/exports/visits.csv", get(visits_csv))
        .route("/api/exports/qi_actions.csv", get(qi_actions_csv))
        .route("/api/exports/table1.csv", get(table1_csv))
        .route("/api/exports/table2.csv", get(table2_csv))
        .route("/api/exports/mentora.xlsx", get(workbook))
        .route(
            "/api/exports/dhis2",
            post(dhis2).layer(DefaultBodyLimit::max(DHIS2_BODY_LIMIT)),
        )
}

async fn mentees_csv(state: State<AppState>, bearer: Bearer) -> Result<Response, ApiError> {
    csv(state, bearer, load::MENTEES, |l| mentees_table(&l.mentees)).await
}

async fn assessments_csv(state: State<AppState>, bearer: Bearer) -> Result<Response, ApiError> {
    csv(state, bearer, load::MENTEES, |l| {
        assessments_table(&l.mentees)
    })
    .await
}

async fn validations_csv(state: State<AppState>, bearer: Bearer) -> Result<Response, ApiError> {
    csv(state, bearer, load::MENTEES, |l| {
        validations_table(&l.mentees)
    })
    .await
}

async fn visits_csv(state: State<AppState>, bearer: Bearer) -> Result<Response, ApiError> {
    csv(state, bearer, &[visit::KIND], |l| visits_table(&l.visits)).await
}

async fn qi_actions_csv(state: State<AppState>, bearer: Bearer) -> Result<Response, ApiError> {
    csv(state, bearer, &[qi::KIND], |l| {
        qi_actions_table(&l.qi_projects, today())
    })
    .await
}

async fn table1_csv(
    state: State<AppState>,
    bearer: Bearer,
    query: Result<Query<brief_tables::TablesQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    table_csv(state, bearer, query, 0).await
}

async fn table2_csv(
    state: State<AppState>,
    bearer: Bearer,
    query: Result<Query<brief_tables::TablesQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    table_csv(state, bearer, query, 1).await
}

/// Table 1 (`which` 0) or Table 2 (1) as CSV.
async fn table_csv(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    query: Result<Query<brief_tables::TablesQuery>, QueryRejection>,
    which: usize,
) -> Result<Response, ApiError> {
    let year = brief_tables::year(query)?;
    let levels = brief_tables::facility_levels(&state).await?;
    let (built, unreadable) = build_in_scope(&state, token, load::MENTEES, move |loaded| {
        brief_tables::tables(&loaded.mentees, levels, year)
    })
    .await?;
    let [table1, table2] = built?;
    let table = if which == 0 { table1 } else { table2 };
    Ok(attachment(
        CSV,
        &format!("mentora-{}-{}.csv", table.name, year.label()),
        table.to_csv().into(),
        unreadable,
    ))
}

/// Loads the caller's documents of `kinds`, then runs `build` on them off the async workers.
async fn build_in_scope<T: Send + 'static>(
    state: &AppState,
    token: crate::accounts::Token,
    kinds: &'static [&'static str],
    build: impl FnOnce(&load::Loaded) -> T + Send + 'static,
) -> Result<(T, usize), ApiError> {
    let read = load::read_scope(state, token).await?;
    let loaded = load::in_scope(state, read, kinds).await?;
    let unreadable = loaded.unreadable;
    let built = tokio::task::spawn_blocking(move || build(&loaded)).await?;
    Ok((built, unreadable))
}

async fn csv(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    kinds: &'static [&'static str],
    table: fn(&load::Loaded) -> ExportTable,
) -> Result<Response, ApiError> {
    let ((name, rows, text), unreadable) = build_in_scope(&state, token, kinds, move |loaded| {
        let table = table(loaded);
        (table.name, table.rows.len(), table.to_csv())
    })
    .await?;
    tracing::info!(target: "mentora::exports", "{name}.csv: {rows} rows, {unreadable} skipped");
    Ok(attachment(
        CSV,
        &format!("mentora-{name}-{}.csv", today()),
        text.into(),
        unreadable,
    ))
}

async fn workbook(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    query: Result<Query<brief_tables::TablesQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let year = brief_tables::year(query)?;
    let levels = brief_tables::facility_levels(&state).await?;
    let (bytes, unreadable) = build_in_scope(&state, token, load::ALL_KINDS, move |loaded| {
        let [table1, table2] = brief_tables::tables(&loaded.mentees, levels, year)?;
        Ok::<_, ApiError>(xlsx::workbook(&[
            mentees_table(&loaded.mentees),
            assessments_table(&loaded.mentees),
            validations_table(&loaded.mentees),
            visits_table(&loaded.visits),
            qi_actions_table(&loaded.qi_projects, today()),
            table1,
            table2,
        ]))
    })
    .await?;
    let bytes = bytes?.map_err(workbook_error)?;
    tracing::info!(target: "mentora::exports", "mentora.xlsx: {} bytes, {unreadable} skipped", bytes.len());
    Ok(attachment(
        XLSX,
        &format!("mentora-{}.xlsx", today()),
        bytes.into(),
        unreadable,
    ))
}

/// The session is checked before the body, so an unknown token is 401 whatever it sends.
async fn dhis2(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    payload: Result<Json<Dhis2Request>, JsonRejection>,
) -> Result<Response, ApiError> {
    let read = load::read_scope(&state, token).await?;
    let Json(mut request) = payload?;
    let known = state.with_db(crate::db::place_dhis2_ids).await?;
    request.mapping.fill_org_units(known);
    request
        .periods()
        .map_err(|err| ApiError::BadRequest(err.to_string()))?;
    let loaded = load::in_scope(&state, read, load::MENTEES).await?;
    let filename = format!("mentora-dhis2-{}-{}.json", request.start, request.end);
    let unreadable = loaded.unreadable;
    let mut export = tokio::task::spawn_blocking(move || dhis2_export(&loaded.mentees, &request))
        .await?
        .map_err(|err| ApiError::BadRequest(err.to_string()))?;
    if unreadable > 0 {
        export.warnings.push(format!(
            "{unreadable} documents could not be read and are not counted"
        ));
    }
    tracing::info!(
        target: "mentora::exports",
        "dhis2: {} values, {} warnings",
        export.data_value_set.data_values.len(),
        export.warnings.len()
    );
    let mut response = Json(export).into_response();
    set_disposition(&mut response, &filename);
    Ok(response)
}

fn attachment(content_type: &'static str, filename: &str, body: Body, skipped: usize) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(SKIPPED_HEADER.clone(), HeaderValue::from(skipped));
    set_disposition(&mut response, filename);
    response
}

/// `attachment; filename="…"`; our file names are ASCII letters, digits, `-` and `.`.
fn set_disposition(response: &mut Response, filename: &str) {
    let value = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    response
        .headers_mut()
        .insert(header::CONTENT_DISPOSITION, value);
}

/// Today's date (UTC), for file names.
fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// A sheet over Excel's row limit is the caller's to avoid (the CSV files have no limit);
/// anything else is our fault, logged here with its cause.
fn workbook_error(err: rust_xlsxwriter::XlsxError) -> ApiError {
    if matches!(err, rust_xlsxwriter::XlsxError::RowColumnLimitError) {
        return ApiError::TooLarge(
            "more rows than a spreadsheet holds: download the CSV files instead".to_owned(),
        );
    }
    ApiError::Internal(InternalError::Export(format!(
        "cannot write the workbook: {err}"
    )))
}
