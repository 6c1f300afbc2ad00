//! Place hierarchy import: the file is read and planned by `mentora_shared::setup::places`
//! against the stored places; `apply: false` answers the plan (the preview), `apply: true`
//! plans again under the same lock and writes it in one transaction if it has no errors.

use crate::sql::{Db, Tx, params};
use axum::Json;
use axum::extract::State;
use mentora_shared::setup::places::{self, Dhis2Levels, Existing, FileError, Plan};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::api::Bearer;
use crate::error::{ApiError, Refused};

/// Which kind of file the text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Dhis2,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    pub format: Format,
    pub text: String,
    #[serde(default)]
    pub levels: Option<Dhis2Levels>,
    #[serde(default)]
    pub apply: bool,
}

#[derive(Debug, Serialize)]
pub struct ImportResponse {
    pub plan: Plan,
    pub applied: bool,
}

/// Why an import was not written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error("the file has rows to fix ({count}); fix them in the file and import it again")]
    RowsInError { count: usize },
    #[error(transparent)]
    Database(#[from] crate::sql::Error),
}

impl From<ImportError> for ApiError {
    fn from(err: ImportError) -> Self {
        let message = err.to_string();
        let refused = match err {
            ImportError::Database(e) => return e.into(),
            ImportError::File(FileError::Csv { error }) => super::csv_refusal(&error, message),
            ImportError::File(FileError::Empty) => Refused::new("file_empty", message),
            ImportError::File(FileError::UnknownColumn { column, expected }) => {
                Refused::new("unknown_column", message)
                    .with("column", column)
                    .with("expected", expected)
            }
            ImportError::File(FileError::MissingColumn { column }) => {
                Refused::new("missing_column", message).with("column", column)
            }
            ImportError::File(FileError::TooLarge { max_bytes }) => {
                Refused::new("file_too_large", message).with("max", max_bytes)
            }
            ImportError::File(FileError::NotDhis2 { reason }) => {
                Refused::new("not_dhis2", message).with("reason", reason)
            }
            ImportError::RowsInError { count } => {
                Refused::new("rows_to_fix", message).with("count", count)
            }
        };
        ApiError::ImportRefused(refused)
    }
}

/// The stored places, each with whether synced records name it.
pub fn existing(conn: &Db) -> crate::sql::Result<Vec<Existing>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.parent_id, p.level, p.name, p.dhis2_id,
                EXISTS (SELECT 1 FROM sync_doc d WHERE d.district = p.id OR d.facility = p.id)
         FROM place p ORDER BY p.id",
    )?;
    stmt.query_map([], |r| {
        Ok(Existing {
            id: r.get(0)?,
            parent_id: r.get(1)?,
            level: r.get(2)?,
            name: r.get(3)?,
            dhis2_id: r.get(4)?,
            holds_records: r.get(5)?,
        })
    })?
    .collect()
}

/// Reads and plans `text` against the stored places.
pub fn plan(
    conn: &Db,
    format: Format,
    text: &str,
    levels: &Dhis2Levels,
) -> Result<Plan, ImportError> {
    let (incoming, skipped) = match format {
        Format::Csv => (places::read_csv(text)?, Vec::new()),
        Format::Dhis2 => places::read_dhis2(text, levels)?,
    };
    let mut plan = places::plan(incoming, &existing(conn)?);
    plan.skipped = skipped;
    Ok(plan)
}

/// Plans and, if the plan has no errors, writes it and logs it as `actor`'s action.
pub fn apply(
    conn: &mut Db,
    actor: &str,
    format: Format,
    text: &str,
    levels: &Dhis2Levels,
) -> Result<Plan, ImportError> {
    let tx = conn.transaction()?;
    let plan = plan(&tx, format, text, levels)?;
    if !plan.errors.is_empty() {
        return Err(ImportError::RowsInError {
            count: plan.errors.len(),
        });
    }
    if !plan.is_noop() {
        write(&tx, &plan)?;
        let source = match format {
            Format::Csv => "CSV",
            Format::Dhis2 => "DHIS2",
        };
        super::record(
            &tx,
            actor,
            "places.import",
            &format!(
                "{source} file: {} added, {} changed, {} unchanged",
                plan.adds.len(),
                plan.changes.len(),
                plan.unchanged
            ),
        )?;
    }
    tx.commit()?;
    Ok(plan)
}

fn write(tx: &Tx<'_>, plan: &Plan) -> crate::sql::Result<()> {
    // Adds come parents first. A change may free a DHIS2 id another row takes, so ids are
    // cleared before they are set again.
    for change in &plan.changes {
        tx.execute(
            "UPDATE place SET dhis2_id = NULL WHERE id = ?1",
            [&change.after.id],
        )?;
    }
    for place in &plan.adds {
        tx.execute(
            "INSERT INTO place (id, parent_id, level, name, dhis2_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                place.id,
                place.parent_id,
                place.level,
                place.name,
                place.dhis2_id
            ],
        )?;
    }
    for change in &plan.changes {
        let place = &change.after;
        tx.execute(
            "UPDATE place SET parent_id = ?2, level = ?3, name = ?4, dhis2_id = ?5 WHERE id = ?1",
            params![
                place.id,
                place.parent_id,
                place.level,
                place.name,
                place.dhis2_id
            ],
        )?;
    }
    Ok(())
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActiveRequest {
    pub active: bool,
}

/// `POST /api/admin/places/{id}/active`: deactivates a place (tablets offer it for no new work;
/// its records, reports and place in the tree stay) or activates it again. Admins only.
pub(crate) async fn set_active(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    axum::extract::Path(id): axum::extract::Path<String>,
    body: Result<Json<ActiveRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<ActiveRequest>, ApiError> {
    let Json(request) = body?;
    state
        .with_db(move |conn| {
            let user = super::admin(conn, &token)?;
            set_place_active(conn, &user.username, &id, request.active)
        })
        .await?;
    Ok(Json(request))
}

/// Deactivates or activates place `id` as `actor`, logged; refused when there is no such place.
pub fn set_place_active(
    conn: &mut Db,
    actor: &str,
    id: &str,
    active: bool,
) -> Result<(), ApiError> {
    let tx = conn.transaction()?;
    let changed = tx.execute(
        "UPDATE place SET active = ?2 WHERE id = ?1",
        params![id, active],
    )?;
    if changed == 0 {
        return Err(ApiError::AdminRefused(
            Refused::new("no_such_place", format!("there is no place {id}")).with("place", id),
        ));
    }
    let action = if active {
        "places.activate"
    } else {
        "places.deactivate"
    };
    super::record(&tx, actor, action, id)?;
    tx.commit()?;
    Ok(())
}

/// `POST /api/admin/places/import`: admins only.
pub(crate) async fn import(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    body: Result<Json<ImportRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<ImportResponse>, ApiError> {
    let Json(request) = body?;
    let answer = state
        .with_db(move |conn| {
            let user = super::admin(conn, &token)?;
            let levels = request.levels.unwrap_or_default();
            let plan = if request.apply {
                apply(conn, &user.username, request.format, &request.text, &levels)?
            } else {
                plan(conn, request.format, &request.text, &levels)?
            };
            Ok::<_, ApiError>(ImportResponse {
                plan,
                applied: request.apply,
            })
        })
        .await?;
    Ok(Json(answer))
}
