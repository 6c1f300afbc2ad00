//! Historical progress-tracker import: the file is read and planned by
//! `mentora_shared::setup::tracker` against the stored places, accounts and mentee records;
//! `apply: false` answers the plan (the preview), `apply: true` plans again under the same lock
//! and, if no row is in error, writes it in one transaction: real mentee documents, made with
//! the shared document writers as the device `IMPORT_DEVICE` and stored through the sync store
//! (`crate::mentee_docs`), so every tablet whose scope covers the facility receives them at its
//! next sync.

use std::sync::OnceLock;

use crate::sql::Db;
use axum::Json;
use axum::extract::State;
use mentora_shared::catalogue::Catalogue;
use mentora_shared::domain::Date;
use mentora_shared::setup::tracker::{self, FileError, Plan, TrackerRow};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::api::Bearer;
use crate::error::{ApiError, InternalError, Refused};

mod known;
mod write;
pub mod xlsx;

pub use known::known;

/// The file: the CSV template's text, or a workbook's bytes in base64 (exactly one of them).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub xlsx_base64: Option<String>,
    #[serde(default)]
    pub apply: bool,
}

/// A tracker file as given.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    Csv(&'a str),
    Xlsx(&'a [u8]),
}

impl Source<'_> {
    /// The file's rows, read within the template's limits.
    pub fn rows(self) -> Result<Vec<TrackerRow>, FileError> {
        match self {
            Source::Csv(text) => tracker::read_csv(text),
            Source::Xlsx(bytes) => tracker::read_records(xlsx::records(bytes)?),
        }
    }
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
    /// `rows`: the first few rows in error, in words.
    #[error("the file has rows to fix ({count}): {rows}; fix them in the file and import it again")]
    RowsInError { count: usize, rows: String },
    #[error(transparent)]
    Database(#[from] crate::sql::Error),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A stored mentee record the plan writes to does not load, or a write was refused.
    #[error("mentee document {doc}: {reason}")]
    Document { doc: String, reason: String },
    #[error("the built-in catalogue does not load: {0}")]
    Catalogue(String),
}

impl From<crate::mentee_docs::WriteError> for ImportError {
    fn from(err: crate::mentee_docs::WriteError) -> Self {
        use crate::mentee_docs::WriteError;
        match err {
            WriteError::Database(e) => Self::Database(e),
            WriteError::Store(e) => Self::Store(e),
            WriteError::Document { doc, reason } => Self::Document { doc, reason },
        }
    }
}

impl From<ImportError> for ApiError {
    fn from(err: ImportError) -> Self {
        let message = err.to_string();
        let refused = match err {
            ImportError::Database(e) => return e.into(),
            ImportError::Store(e) => return e.into(),
            ImportError::Document { .. } | ImportError::Catalogue(_) => {
                return ApiError::Internal(InternalError::Import(message));
            }
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
            ImportError::File(FileError::DuplicateColumn { column }) => {
                Refused::new("duplicate_column", message).with("column", column)
            }
            ImportError::File(FileError::TooLarge { max_bytes }) => {
                Refused::new("file_too_large", message).with("max", max_bytes)
            }
            ImportError::File(FileError::TooManyRows { max }) => {
                Refused::new("too_many_rows", message).with("max", max)
            }
            ImportError::File(FileError::NotWorkbook { reason }) => {
                Refused::new("not_workbook", message).with("reason", reason)
            }
            ImportError::RowsInError { count, rows } => Refused::new("rows_to_fix", message)
                .with("count", count)
                .with("rows", rows),
        };
        ApiError::ImportRefused(refused)
    }
}

/// Today on the server's clock (UTC), for the "not in the future" check.
pub fn today() -> Date {
    Date::from_days_since_epoch(crate::accounts::unix_now().div_euclid(86_400))
}

/// Reads and plans `source` against what the server holds.
pub fn plan(conn: &Db, source: Source<'_>, today: Date) -> Result<Plan, ImportError> {
    let rows = source.rows()?;
    let known = known(conn, &rows)?;
    Ok(tracker::plan(&rows, &known, catalogue()?, today))
}

/// The built-in catalogue, loaded once.
fn catalogue() -> Result<&'static Catalogue, ImportError> {
    static CATALOGUE: OnceLock<Result<Catalogue, String>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| Catalogue::load_builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|reason| ImportError::Catalogue(reason.clone()))
}

/// Plans and, if the plan has no errors, writes it and logs it as `actor`'s action.
pub fn apply(
    conn: &mut Db,
    actor: &str,
    source: Source<'_>,
    today: Date,
) -> Result<Plan, ImportError> {
    let tx = conn.write_transaction()?;
    let plan = plan(&tx, source, today)?;
    if !plan.errors.is_empty() {
        return Err(rows_in_error(&plan));
    }
    if !plan.is_noop() {
        write::write(&tx, &plan, crate::accounts::unix_now())?;
        super::record(&tx, actor, "tracker.import", &summary(&plan))?;
    }
    tx.commit()?;
    Ok(plan)
}

/// The refusal of a plan with errors, naming its first rows (no names or phones: problems
/// hold neither).
fn rows_in_error(plan: &Plan) -> ImportError {
    const SHOWN: usize = 5;
    let mut rows: Vec<String> = plan
        .errors
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if plan.errors.len() > SHOWN {
        rows.push("…".to_owned());
    }
    ImportError::RowsInError {
        count: plan.errors.len(),
        rows: rows.join("; "),
    }
}

/// The plan in counts (no names: the admin log holds no personal data).
pub fn summary(plan: &Plan) -> String {
    format!(
        "{} mentees to create, {} assessments and {} validations to add; already here: {} mentees, {} assessments, {} validations",
        plan.mentees.len(),
        plan.assessments.len(),
        plan.validations.len(),
        plan.present.mentees,
        plan.present.assessments,
        plan.present.validations
    )
}

/// `POST /api/admin/tracker/import`: admins only.
pub(crate) async fn import(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    body: Result<Json<ImportRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<ImportResponse>, ApiError> {
    let Json(request) = body?;
    let workbook = match (&request.text, &request.xlsx_base64) {
        (Some(_), None) => None,
        (None, Some(encoded)) => {
            use base64::Engine as _;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .map_err(|_| {
                    ApiError::ImportRefused(Refused::new(
                        "bad_base64",
                        "the workbook is not valid base64",
                    ))
                })?;
            Some(bytes)
        }
        _ => {
            return Err(ApiError::ImportRefused(Refused::new(
                "text_or_workbook",
                "give the file as text (CSV) or xlsx_base64 (a workbook), not both",
            )));
        }
    };
    let answer = state
        .with_db(move |conn| {
            let user = super::admin(conn, &token)?;
            let source = match (&workbook, &request.text) {
                (Some(bytes), _) => Source::Xlsx(bytes),
                (None, text) => Source::Csv(text.as_deref().unwrap_or_default()),
            };
            let plan = if request.apply {
                apply(conn, &user.username, source, today())?
            } else {
                plan(conn, source, today())?
            };
            Ok::<_, ApiError>(ImportResponse {
                plan,
                applied: request.apply,
            })
        })
        .await?;
    Ok(Json(answer))
}
