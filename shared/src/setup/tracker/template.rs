//! The progress-tracker CSV template: one row per assessment, columns named in the header (any
//! order; optional columns may be left out).

use super::super::csv::{self, CsvError, Limits, Record};
use super::{MAX_FILE_BYTES, MAX_ROWS, TrackerRow};

/// The template offered for download; its columns are documented in `docs/setup.md`.
pub const TRACKER_TEMPLATE: &str = "mentee_name,cadre,facility_code,phone,mentor_username,mentor_name,mentor_association,competency,kind,date,score,critical_steps_done,case,validation_date,validator_username
Marie Uwase,midwife,rango-hc,+250 788 000 001,mentor,,,hbb,pre_test,2023-02-06,60,,,,
Marie Uwase,midwife,rango-hc,+250 788 000 001,mentor,,,hbb,post_test,2023-02-08,14/16,,,,
Marie Uwase,midwife,rango-hc,+250 788 000 001,,Jeanne Mukamana,ram,hbb,observation,2023-03-15,78.5,no,real,,
Marie Uwase,midwife,rango-hc,+250 788 000 001,mentor,,,hbb,observation,2023-04-12,92,yes,simulated,2023-04-12,mentor
";

/// Every column, in the template's order.
pub const COLUMNS: [&str; 15] = [
    "mentee_name",
    "cadre",
    "facility_code",
    "phone",
    "mentor_username",
    "mentor_name",
    "mentor_association",
    "competency",
    "kind",
    "date",
    "score",
    "critical_steps_done",
    "case",
    "validation_date",
    "validator_username",
];

/// Columns the header must have (the others may be left out).
pub const REQUIRED: [&str; 6] = [
    "mentee_name",
    "cadre",
    "facility_code",
    "competency",
    "kind",
    "date",
];

/// The longest value read from one cell, in characters.
pub const MAX_CELL_CHARS: usize = 200;

/// Why a tracker file cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum FileError {
    #[error("{error}")]
    Csv { error: CsvError },
    #[error("the file is empty")]
    Empty,
    #[error("unknown column '{column}' (the columns are {expected})")]
    UnknownColumn { column: String, expected: String },
    #[error("no '{column}' column")]
    MissingColumn { column: String },
    #[error("column '{column}' appears twice")]
    DuplicateColumn { column: String },
    #[error("the file is over {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("the file has more than {max} rows")]
    TooManyRows { max: usize },
    #[error("not a readable workbook: {reason}")]
    NotWorkbook { reason: String },
}

/// The reader's limits: the template's columns, at most [`MAX_ROWS`] rows and the header.
pub const LIMITS: Limits = Limits {
    max_records: MAX_ROWS + 1,
    max_fields: COLUMNS.len(),
    max_field_chars: MAX_CELL_CHARS,
};

/// Reads a tracker CSV file; each data row becomes a [`TrackerRow`] (checked by `plan`).
pub fn read_csv(text: &str) -> Result<Vec<TrackerRow>, FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            max_bytes: MAX_FILE_BYTES,
        });
    }
    let records = csv::read(text, LIMITS).map_err(|error| FileError::Csv { error })?;
    read_records(records)
}

/// Reads records already split into cells (a CSV file, or a workbook's sheet read within
/// [`LIMITS`]); the first is the header.
pub fn read_records(records: Vec<Record>) -> Result<Vec<TrackerRow>, FileError> {
    if records.len() > LIMITS.max_records {
        return Err(FileError::TooManyRows { max: MAX_ROWS });
    }
    let mut records = records.into_iter();
    let (_, header) = records.next().ok_or(FileError::Empty)?;
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    for (i, column) in header.iter().enumerate() {
        if !COLUMNS.contains(&column.as_str()) {
            return Err(FileError::UnknownColumn {
                column: column.clone(),
                expected: COLUMNS.join(", "),
            });
        }
        if header[..i].contains(column) {
            return Err(FileError::DuplicateColumn {
                column: column.clone(),
            });
        }
    }
    if let Some(column) = REQUIRED.iter().find(|c| !header.iter().any(|h| h == *c)) {
        return Err(FileError::MissingColumn {
            column: (*column).to_owned(),
        });
    }
    let at = |name: &str| header.iter().position(|h| h == name);
    let columns: Vec<Option<usize>> = COLUMNS.iter().map(|c| at(c)).collect();
    Ok(records
        .map(|(line, fields)| {
            let get = |i: usize| {
                columns
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|c| fields.get(c))
                    .map(|value| value.trim().to_owned())
                    .unwrap_or_default()
            };
            TrackerRow {
                row: line,
                mentee_name: get(0),
                cadre: get(1),
                facility: get(2),
                phone: get(3),
                mentor_username: get(4),
                mentor_name: get(5),
                mentor_association: get(6),
                competency: get(7),
                kind: get(8),
                date: get(9),
                score: get(10),
                critical_steps_done: get(11),
                case: get(12),
                validation_date: get(13),
                validator_username: get(14),
            }
        })
        .collect())
}
